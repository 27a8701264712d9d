"""In-process engine.assess latency over the public vignettes (goal: p50 <= 2 ms, p99 <= 10 ms)."""

from common import header, summary, timed

from aid import create_app
from aid.engine import AssessmentRequest, assess


def main() -> None:
    header("engine.assess latency over the public vignettes", "python bench/engine_latency.py")
    state = create_app({"TESTING": True, "SECRET_KEY": "bench"}).extensions["aid"]
    requests = [
        AssessmentRequest(findings=dict(v.findings), age=v.age, sex=v.sex)
        for v in state.cases.vignettes
    ]
    for request in requests[:20]:  # warm-up
        assess(state.model, request)
    samples = []
    for _ in range(20):
        for request in requests:
            samples += timed(lambda r=request: assess(state.model, r), 1)
    print("   " + summary(samples))


if __name__ == "__main__":
    main()
