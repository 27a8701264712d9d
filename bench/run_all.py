"""`make bench`: every benchmark in turn (the 60-second load test is `make load`)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("engine_latency.py", "growth.py", "startup.py", "http_bench.py"):
    subprocess.run([sys.executable, str(HERE / script)], check=True, cwd=HERE.parent)
