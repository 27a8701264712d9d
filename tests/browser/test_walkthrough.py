"""A learner signs up, walks a case through every stage, and finds it on the progress page."""

from playwright.sync_api import Page, expect


def test_learner_walks_a_case_end_to_end(page: Page, live_server, shots):
    page.goto(live_server + "/auth/signup")
    page.get_by_label("Username").fill("walker_learner")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="My progress")).to_be_visible()

    page.goto(live_server + "/cases")
    page.get_by_role("link", name="Outer hip pain", exact=False).first.click()
    page.get_by_role("button", name="Start the case").click()
    stage_heads = page.locator("section.stage h2")
    expect(stage_heads).to_have_count(1)
    page.get_by_label("Choice 1").select_option("greater_trochanteric_pain_syndrome")
    page.get_by_label("Triage").select_option("routine")
    shots(page, "case-stage-1")
    page.get_by_role("button", name="Commit and reveal next stage").click()
    expect(stage_heads).to_have_count(2)
    while page.get_by_role("button", name="Commit and reveal next stage").count():
        page.get_by_role("button", name="Commit and reveal next stage").click()
    page.get_by_label("Choice 2").select_option("gluteal_tendinopathy")
    page.get_by_role("button", name="Commit and finish").click()

    expect(
        page.get_by_role("heading", name="How the ranking moved, stage by stage")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Debrief", exact=True)).to_be_visible()
    expect(page.locator("#score-title + ul")).to_contain_text("Greater trochanteric pain syndrome")
    shots(page, "case-debrief")

    page.get_by_role("link", name="My progress").first.click()
    expect(page.locator("table")).to_contain_text("Outer hip")
    expect(page.locator("table")).to_contain_text("#1")
    shots(page, "progress")
