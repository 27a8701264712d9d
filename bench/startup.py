"""Start-up: create_app() against `import flask, sklearn` in fresh interpreters (goal <= 1.5x)."""

import statistics
import subprocess
import sys
import time

from common import ROOT, header

APP = "from aid import create_app; create_app({'SECRET_KEY': 'bench', 'AUTO_MIGRATE': False})"
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
    base, app = run(IMPORTS), run(APP)
    print(
        f"   import flask, sklearn: {base:.3f} s; create_app(): {app:.3f} s; "
        f"ratio {app / base:.2f}x"
    )


if __name__ == "__main__":
    main()
