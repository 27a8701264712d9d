"""Load: 60 s at 16 connections against POST /api/v1/assess on gunicorn (2 workers, loopback).
Goals: zero errors, p99 <= 50 ms, worker memory flat. Run with `make load`."""

import sys

from common import header
from http_server import CASE, gunicorn, worker_rss_kib, wrk


def main(seconds: int = 60) -> None:
    header(f"load: {seconds} s at 16 connections, POST /api/v1/assess", "python bench/load.py")
    with gunicorn() as (base, server):
        wrk(base + "/api/v1/assess", 3, 16, CASE)  # warm-up
        before = worker_rss_kib(server.pid)
        result = wrk(base + "/api/v1/assess", seconds, 16, CASE)
        after = worker_rss_kib(server.pid)
    print(
        f"   {result['requests']} requests, {result['rps']:.0f} req/s, "
        f"p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms, "
        f"errors {result['errors']}"
    )
    mib_before, mib_after = [r // 1024 for r in before], [r // 1024 for r in after]
    print(f"   worker RSS before {mib_before} MiB, after {mib_after} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
