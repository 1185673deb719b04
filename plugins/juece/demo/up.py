"""`make up`: an interactive airflow standalone with the demo users, until Ctrl-C."""

from __future__ import annotations

import os
import signal
import sys
import time

from juece.demo.stack import REPO, ROLE_USERS, SYSTEM_USER, Stack


def main() -> int:
    port = int(os.environ.get("JUECE_PORT", "8080"))
    stack = Stack(home=REPO / ".airflow/up", port=port, clock_scale=float(os.environ.get("JUECE_CLOCK_SCALE", "1")),
                  archive_dir=REPO / "out")
    stack.prepare()
    print(f"starting airflow standalone on {stack.url} (home {stack.home}) …")
    stack.start()
    print(f"\nAirflow UI: {stack.url}   passwords: {stack.passwords_file}")
    print(f"  {SYSTEM_USER:<18} admin (launches and triggers decisions)")
    for role, users in ROLE_USERS.items():
        print(f"  {', '.join(users):<18} {role}")
    env_lines = [f"export {k}={v}" for k, v in stack.env().items() if k.startswith(("JUECE_", "AIRFLOW_HOME"))]
    (stack.home / "env.sh").write_text("\n".join(env_lines) + "\n", encoding="utf-8")
    print(f"\nIn another shell: source {stack.home / 'env.sh'} && .venv/bin/juece launch templates/urban-planning.yaml")
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
