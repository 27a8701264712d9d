"""Every ICD-10-CM code in the knowledge base is a valid billable code (test-only dependency)."""

import warnings

with warnings.catch_warnings():
    # simple-icd-10-cm 1.5 reads its data with a deprecated importlib call; harmless here.
    warnings.simplefilter("ignore", DeprecationWarning)
    import simple_icd_10_cm  # requirements-dev.txt; the app never imports it


def test_all_codes_valid_and_billable(kb):
    bad = [
        (c.id, c.icd10cm)
        for c in kb.conditions.values()
        if not (simple_icd_10_cm.is_valid_item(c.icd10cm) and simple_icd_10_cm.is_leaf(c.icd10cm))
    ]
    assert not bad, f"invalid or non-billable codes: {bad}"
