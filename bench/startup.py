"""Start-up: create_app() against `import flask, sklearn` in fresh interpreters (goal <= 1.5x)."""

import statistics
import subprocess
import sys
import time

from common import ROOT, header

APP = "from aid import create_app; create_app({'SECRET_KEY': 'bench', 'AUTO_MIGRATE': False})"
# The default also brings the SQLite schema up to date (Alembic) before serving.
APP_MIGRATING = "from aid import create_app; create_app({'SECRET_KEY': 'bench'})"
IMPORTS = "import flask, sklearn"


def run(code: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    header("start-up time (median of 5 fresh interpreters)", "python bench/startup.py")
    base, app, migrating = run(IMPORTS), run(APP), run(APP_MIGRATING)
    print(
        f"   import flask, sklearn: {base:.3f} s; create_app(AUTO_MIGRATE=False): {app:.3f} s "
        f"({app / base:.2f}x); create_app() with start-up migration: {migrating:.3f} s "
        f"({migrating / base:.2f}x)"
    )


if __name__ == "__main__":
    main()
