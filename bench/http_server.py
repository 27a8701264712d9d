"""Run gunicorn (2 workers, loopback) and wrk against the same app (used by http_bench and load)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from common import ROOT

CASE = {
    "age": 55,
    "sex": "female",
    "findings": {
        "lateral_hip_pain": "present",
        "pain_lying_on_side": "present",
        "greater_trochanter_tenderness": "present",
        "groin_pain": "absent",
        "fever": "absent",
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2):
    """Serve create_app() with gunicorn on a free loopback port; stop it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "AID_AUTO_MIGRATE": "false",
        "AID_SECRET_KEY": "bench",
        "AID_RATELIMIT_ENABLED": "false",
    }
    cmd = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--no-control-socket",
        "--log-level",
        "warning",
        "aid:create_app()",
    ]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        raise RuntimeError("gunicorn did not start")
    try:
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)


def worker_rss_kib(master_pid: int) -> list[int]:
    """Resident memory of each worker process (children of the gunicorn master)."""
    out = subprocess.run(
        ["ps", "-o", "pid=,rss=", "--ppid", str(master_pid)], capture_output=True, text=True
    ).stdout
    return [int(line.split()[1]) for line in out.splitlines() if line.strip()]


def wrk(url: str, seconds: int, connections: int, body: dict | None = None) -> dict:
    """Run wrk (bounded in time) and parse req/s, latency percentiles and errors."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    script = None
    if body is not None:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = [[{json.dumps(body)}]]\n"
        )
        script.close()
        args += ["-s", script.name]
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=seconds + 30).stdout
    if script:
        os.unlink(script.name)
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        match = re.search(rf"\s{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(match.group(1)), match.group(2)
        result[f"p{pct}_ms"] = (
            value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
        )
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    result["errors"] = (int(errors.group(1)) if errors else 0) + (
        sum(map(int, socket_errors.groups())) if socket_errors else 0
    )
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    return result
