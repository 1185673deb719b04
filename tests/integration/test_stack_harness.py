"""The harness that starts real Airflow for the integration tests: a stack that fails to start
leaves nothing behind, neither its settings in this process nor a process of its group."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from juece.demo.stack import Stack, log_tail, stop_group
from tests.integration.conftest import running


class FailingStack(Stack):
    def start(self, timeout: float = 240.0) -> None:  # type: ignore[override]
        raise RuntimeError("airflow standalone did not answer")


def test_a_stack_that_fails_to_start_leaves_no_setting_to_the_tests_after_it(tmp_path: Path) -> None:
    before = dict(os.environ)
    with pytest.raises(RuntimeError, match="did not answer"), running(FailingStack(home=tmp_path)):
        pass  # pragma: no cover - never reached
    assert dict(os.environ) == before


def test_the_workers_of_a_leader_that_already_exited_are_stopped() -> None:
    # the leader starts a worker in its own group, then exits; the worker must not outlive the stop
    leader = subprocess.Popen([sys.executable, "-c", "import subprocess, sys; print(subprocess.Popen("
                               "[sys.executable, '-c', 'import time; time.sleep(300)'], stdout=subprocess.DEVNULL).pid)"],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    worker = int(leader.communicate(timeout=30)[0])
    assert leader.returncode == 0
    stop_group(leader)
    for _ in range(40):
        if not alive(worker):
            return
        time.sleep(0.1)
    os.kill(worker, 9)
    pytest.fail("the worker outlived the stop of its group")


def alive(pid: int) -> bool:
    """Running (a killed orphan may stay a zombie until its new parent reaps it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_the_end_of_a_log_is_read_for_the_error(tmp_path: Path) -> None:
    log = tmp_path / "standalone.log"
    log.write_text("".join(f"line {n}\n" for n in range(100)), encoding="utf-8")
    assert log_tail(log, lines=3) == "line 97\nline 98\nline 99"
    assert log_tail(tmp_path / "absent.log").startswith("(no log:")


class SlowStack(Stack):
    starts: int = 0

    def start(self, timeout: float = 240.0) -> None:  # type: ignore[override]
        type(self).starts += 1
        if type(self).starts == 1:
            raise RuntimeError("airflow standalone did not answer within 240 s")


def test_a_stack_slow_to_answer_once_is_started_again(tmp_path: Path) -> None:
    with running(SlowStack(home=tmp_path)):
        assert SlowStack.starts == 2
