"""`make up`: an interactive airflow standalone with the demo users, until Ctrl-C."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time

from juece import config
from juece.demo.library import LIBRARY, seed_library
from juece.demo.stack import REPO, ROLE_USERS, SYSTEM_USER, Stack


def settings(stack: Stack) -> dict[str, str]:
    """The stack's juece settings (records DB, homes, Airflow URL): this process's, env.sh's and
    Airflow's alike, so that what is loaded here is what the API server and `juece` then read."""
    return {k: v for k, v in stack.env().items() if k.startswith(("JUECE_", "AIRFLOW_HOME"))}


def prepare(stack: Stack) -> int:
    """The stack's users and passwords, and the demo's expert library with its keys loaded into the
    stack's own records DB, as `make demo` does (else `juece launch` finds no panel, R-C2). Running
    it again changes nothing. Returns how many experts the library holds."""
    stack.prepare()
    os.environ.update(settings(stack))
    return seed_library()


def main() -> int:
    port = config.port()
    stack = Stack(home=REPO / ".airflow/up", port=port, clock_scale=config.clock_scale(),
                  archive_dir=REPO / "out")
    experts = prepare(stack)
    print(f"expert library 专家库: {experts} experts from {LIBRARY.relative_to(REPO)}")
    print(f"starting airflow standalone on {stack.url} (home {stack.home}) …")
    stack.start()
    print(f"\nAirflow UI: {stack.url}   passwords: {stack.passwords_file}")
    print(f"  {SYSTEM_USER:<18} admin (unpauses and triggers launched decisions)")
    for role, users in ROLE_USERS.items():
        print(f"  {', '.join(users):<18} {role}")
    env_lines = [f"export {k}={shlex.quote(v)}" for k, v in settings(stack).items()]
    (stack.home / "env.sh").write_text("\n".join(env_lines) + "\n", encoding="utf-8")
    print(f"\nIn another shell, as the sponsor office (its password is in {stack.passwords_file}):\n"
          f"  source {stack.home / 'env.sh'} && export JUECE_USER=sponsor_office\n"
          "  .venv/bin/juece launch templates/urban-planning.yaml   # asks for the password")
    print("Ctrl-C stops Airflow.")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        while stack.process and stack.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
        print("airflow standalone stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
