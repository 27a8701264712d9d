"""How assess cost grows with knowledge size (1x, 3x, 10x) and with findings entered.

The larger knowledge bases are synthetic (generated here into a temp folder, never committed):
the real hip files plus generated conditions, findings, priors and evidence rows.
Goal: p50 <= 10 ms at 10x (about 300 conditions and 1,000 findings).
"""

import csv
import random
import shutil
import tempfile
from pathlib import Path

from common import ROOT, header, percentile, timed

from aid.engine import AssessmentRequest, assess, build_model
from aid.knowledge import load_knowledge


def append_rows(path: Path, rows: list[dict]) -> None:
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writerows(rows)


def synthetic_knowledge(folder: Path, factor: int, rng: random.Random) -> Path:
    """Copy the real knowledge and add generated conditions and findings up to `factor` x."""
    shutil.copytree(ROOT / "knowledge", folder / "knowledge")
    shutil.copytree(ROOT / "rules", folder / "rules")
    hip = folder / "knowledge" / "hip"
    n_conditions, n_findings = 29 * (factor - 1), 108 * (factor - 1)
    if factor > 1:
        findings = [
            {
                "id": f"syn_f{i}",
                "group": rng.choice(["exam", "pattern", "location"]),
                "label": f"Synthetic finding {i}",
                "synonyms": "",
                "hpo": "",
                "snomed": "",
            }
            for i in range(n_findings)
        ]
        append_rows(hip / "findings.csv", findings)
        conditions = [
            {
                "id": f"syn_c{i}",
                "name": f"Synthetic condition {i}",
                "icd10cm": "M79.9",
                "must_not_miss": "no",
                "triage": "routine",
                "summary": "",
            }
            for i in range(n_conditions)
        ]
        append_rows(hip / "conditions.csv", conditions)
        append_rows(
            hip / "priors.csv",
            [
                {
                    "condition_id": c["id"],
                    "base": rng.uniform(0.2, 5),
                    "age_0_2": 0.1,
                    "age_3_8": 0.2,
                    "age_9_16": 0.5,
                    "age_17_39": 1,
                    "age_40_59": 1,
                    "age_60_79": 1,
                    "age_80_plus": 0.8,
                    "female": 1,
                    "male": 1,
                    "source": "",
                    "estimate": "yes",
                    "note": "synthetic",
                }
                for c in conditions
            ],
        )
        append_rows(
            hip / "condition_structures.csv",
            [
                {
                    "condition_id": c["id"],
                    "structure_id": "hip_joint",
                    "role": "primary",
                    "source": "",
                    "estimate": "yes",
                }
                for c in conditions
            ],
        )
        all_findings = [f["id"] for f in findings]
        append_rows(
            hip / "likelihoods.csv",
            [
                {
                    "condition_id": c["id"],
                    "finding_id": f,
                    "sensitivity": "",
                    "specificity": "",
                    "lr_pos": round(rng.uniform(0.2, 8), 2),
                    "lr_neg": round(rng.uniform(0.2, 1), 2),
                    "source": "",
                    "estimate": "yes",
                    "note": "synthetic",
                }
                for c in conditions
                for f in rng.sample(all_findings, 30)
            ],
        )
    return folder


def main() -> None:
    header("growth with knowledge size and findings entered", "python bench/growth.py")
    rng = random.Random(7)
    for factor in (1, 3, 10):
        with tempfile.TemporaryDirectory() as tmp:
            root = synthetic_knowledge(Path(tmp), factor, rng)
            kb = load_knowledge(root / "knowledge", root / "rules", "hip")
            model = build_model(kb)
            ids = list(kb.findings)
            line = [f"{factor:>2}x: {len(kb.conditions)} conditions, {len(kb.findings)} findings"]
            for entered in (1, 5, 10, 20):
                requests = [
                    AssessmentRequest(
                        findings={
                            f: rng.choice(["present", "absent"]) for f in rng.sample(ids, entered)
                        },
                        age=rng.randint(5, 90),
                        sex=rng.choice(["female", "male"]),
                    )
                    for _ in range(200)
                ]
                samples = []
                for request in requests:
                    samples += timed(lambda r=request, m=model: assess(m, r), 1)
                line.append(f"{entered} findings p50 {percentile(samples, 50):.2f} ms")
            print("   " + "; ".join(line))


if __name__ == "__main__":
    main()
