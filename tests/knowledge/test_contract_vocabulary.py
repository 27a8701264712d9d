"""The knowledge base covers the contract vocabulary under exactly its ids."""

import pytest

from helpers import contract_rows


@pytest.mark.parametrize("row", contract_rows("findings.csv"), ids=lambda r: r["id"])
def test_contract_finding_present_with_same_group(kb, row):
    finding = kb.findings[row["id"]]
    assert finding.group == row["group"]


@pytest.mark.parametrize("row", contract_rows("conditions.csv"), ids=lambda r: r["id"])
def test_contract_condition_present_unchanged(kb, row):
    condition = kb.conditions[row["id"]]
    assert condition.name == row["name"]
    assert condition.icd10cm == row["icd10cm"]
    assert condition.must_not_miss == (row["must_not_miss"] == "yes")


@pytest.mark.parametrize("row", contract_rows("structures.csv"), ids=lambda r: r["id"])
def test_contract_structure_present_with_page(kb, row):
    assert kb.structures[row["id"]].kind == row["kind"]
    assert row["id"] in kb.anatomy


def test_every_condition_has_evidence_rows(kb):
    thin = [c for c in kb.conditions if len(kb.likelihoods_of(c)) < 8]
    assert not thin, f"conditions with fewer than 8 evidence rows: {thin}"


def test_every_number_is_cited_or_an_estimate(kb):
    for row in kb.likelihoods:
        assert row.source or row.estimate
    for rule in kb.rules:
        assert rule.source or rule.estimate
