"""axe-core on every page type: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

PAGES = [
    "/",
    "/assess",
    "/conditions",
    "/conditions/septic_arthritis",
    "/anatomy/",
    "/anatomy/gluteus_medius",
    "/sources",
    "/safety",
    "/no-such-page",
    "/cases",
    "/cases/febrile_toddler_wont_walk",
    "/auth/signup",
    "/auth/login",
    "/progress",
]


def serious(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_violations(page: Page, live_server, shots, path):
    page.goto(live_server + path)
    shots(page, "page" + path.replace("/", "_"))
    assert serious(page) == []


def test_results_page_has_no_serious_violations(page: Page, live_server, shots):
    page.goto(live_server + "/assess")
    page.locator('#finding-fever input[value="present"]').check()
    page.locator('#finding-groin_pain input[value="present"]').check()
    page.get_by_role("button", name="Rank conditions and structures").click()
    shots(page, "results-fever")
    assert serious(page) == []


def test_case_stage_and_debrief_pages_have_no_serious_violations(page: Page, live_server, shots):
    page.goto(live_server + "/cases/febrile_toddler_wont_walk")
    page.get_by_role("button", name="Start the case").click()
    shots(page, "case-stage")
    assert serious(page) == []
    while page.get_by_role("button", name="Commit and reveal next stage").count():
        page.get_by_role("button", name="Commit and reveal next stage").click()
    page.get_by_label("Choice 1").select_option("septic_arthritis")
    page.get_by_role("button", name="Commit and finish").click()
    page.get_by_role("heading", name="Debrief", exact=True).wait_for()
    shots(page, "case-debrief-septic")
    assert serious(page) == []
