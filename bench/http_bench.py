"""HTTP throughput: POST /api/v1/assess against the trivial /api/v1/health of the same app, in the
same run (gunicorn, 2 workers, loopback; wrk, 10 s each, 8 connections). Goal: ratio >= 0.6."""

from common import header
from http_server import CASE, gunicorn, wrk


def main() -> None:
    header(
        "HTTP: assess vs trivial endpoint, gunicorn -w 2, wrk -t2 -c8 -d10s",
        "python bench/http_bench.py",
    )
    with gunicorn() as (base, _):
        wrk(base + "/api/v1/health", 2, 8)  # warm-up
        wrk(base + "/api/v1/assess", 2, 8, CASE)
        trivial = wrk(base + "/api/v1/health", 10, 8)
        assess = wrk(base + "/api/v1/assess", 10, 8, CASE)
    for name, r in (("GET /api/v1/health", trivial), ("POST /api/v1/assess", assess)):
        print(
            f"   {name}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
            f"errors {r['errors']}"
        )
    print(f"   ratio assess/trivial: {assess['rps'] / trivial['rps']:.2f}")


if __name__ == "__main__":
    main()
