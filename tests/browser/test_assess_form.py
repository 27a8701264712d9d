"""The assessment form in a real browser: lateral hip case, anatomy link, body map, lay search,
red flags first, a bad age kept on the page, CSRF, keyboard and a phone-sized screen."""

import re

from playwright.sync_api import Page, expect


def answer(page: Page, finding_id: str, state: str = "present") -> None:
    """Open the finding's group (as a user clicks its heading) and choose the state."""
    group = page.locator("details", has=page.locator(f"#finding-{finding_id}"))
    if group.count() and not group.evaluate("d => d.open"):
        group.locator("summary").click()
    page.locator(f'#finding-{finding_id} input[value="{state}"]').check()


def test_lateral_hip_case_ranks_gtps_and_links_anatomy(page: Page, live_server, shots):
    page.goto(live_server + "/assess")
    page.get_by_label("Age (years)").fill("55")
    page.get_by_label("Sex").select_option("female")
    for finding in ("lateral_hip_pain", "pain_lying_on_side", "greater_trochanter_tenderness"):
        answer(page, finding)
    page.get_by_label("None of these red flags is present").check()
    page.get_by_role("button", name="Rank conditions and structures").click()
    expect(page.locator("#triage-title")).to_contain_text("ROUTINE")
    first = page.locator(".conditions .condition-name").first
    expect(first).to_have_text(
        re.compile("Greater trochanteric pain syndrome|Gluteus medius and minimus")
    )
    shots(page, "results-lateral-hip")
    page.locator(".structures").get_by_role("link", name="Gluteus medius").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gluteus medius")
    expect(page.locator(".diagram .is-highlighted").first).to_be_attached()
    shots(page, "anatomy-gluteus-medius")


def test_body_map_sets_location_and_names_structures(page: Page, live_server, shots):
    page.goto(live_server + "/assess")
    # The front-view shape is both outer hips; click inside the left one, not between them.
    page.locator('.body-map [data-region="lateral_hip"]').first.click(position={"x": 8, "y": 20})
    expect(page.locator('#finding-lateral_hip_pain input[value="present"]')).to_be_checked()
    expect(page.locator("#region-info")).to_contain_text("Greater trochanter")
    shots(page, "body-map")


def test_body_map_works_by_keyboard(page: Page, live_server):
    page.goto(live_server + "/assess")
    region = page.locator('.body-map [data-region="groin"]').first
    region.focus()
    page.keyboard.press("Enter")
    expect(page.locator('#finding-groin_pain input[value="present"]')).to_be_checked()


def test_lay_search_adds_the_finding(page: Page, live_server):
    page.goto(live_server + "/assess")
    page.get_by_label("Describe it in your own words").fill("outside of my hip hurts")
    button = page.locator('button.match[data-finding="lateral_hip_pain"]')
    expect(button).to_be_visible()
    button.click()
    expect(page.locator('#finding-lateral_hip_pain input[value="present"]')).to_be_checked()


def test_red_flag_case_shows_emergency_first(page: Page, live_server, shots):
    page.goto(live_server + "/assess")
    page.get_by_label("Age (years)").fill("45")
    answer(page, "saddle_anaesthesia")
    answer(page, "lateral_hip_pain")
    page.get_by_role("button", name="Rank conditions and structures").click()
    expect(page.locator("#triage-title")).to_have_text("Triage: EMERGENCY")
    first_section = page.locator("main > section").first
    expect(first_section).to_have_attribute("id", "triage")
    expect(page.locator("#triage")).to_contain_text("cauda_equina_flags")
    shots(page, "results-emergency")


def test_bad_age_is_explained_and_nothing_is_lost(page: Page, live_server, shots):
    page.goto(live_server + "/assess")
    page.locator("form.assess-form").evaluate("f => f.noValidate = true")
    page.get_by_label("Age (years)").fill("200")
    answer(page, "groin_pain")
    page.get_by_label("None of these red flags is present").check()
    page.get_by_role("button", name="Rank conditions and structures").click()
    expect(page.locator("#form-errors")).to_contain_text("Age must be a whole number from 0 to 120")
    expect(page.get_by_label("Age (years)")).to_have_value("200")
    expect(page.locator('#finding-groin_pain input[value="present"]')).to_be_checked()
    expect(page.get_by_label("None of these red flags is present")).to_be_checked()
    shots(page, "form-bad-age")


def test_red_flag_checklist_cannot_be_skipped(page: Page, live_server):
    page.goto(live_server + "/assess")
    answer(page, "groin_pain")
    page.get_by_role("button", name="Rank conditions and structures").click()
    expect(page.locator("#form-errors")).to_contain_text("Answer the red-flag checklist")


def test_form_without_csrf_token_is_rejected(page: Page, live_server):
    page.goto(live_server + "/assess")
    page.locator('form.assess-form input[name="csrf_token"]').evaluate("e => e.remove()")
    page.get_by_label("None of these red flags is present").check()
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Rank conditions and structures").click()
    assert response.value.status == 400


def test_ask_next_reranks_in_place(page: Page, live_server):
    page.goto(live_server + "/assess")
    answer(page, "lateral_hip_pain")
    page.get_by_label("None of these red flags is present").check()
    page.get_by_role("button", name="Rank conditions and structures").click()
    first_next = page.locator("#next-title ~ form fieldset.finding").first
    finding = first_next.get_attribute("data-finding")
    first_next.locator('input[value="present"]').check()
    page.get_by_role("button", name="Re-rank").click()
    expect(page.locator(f'input[type=hidden][name="f_{finding}"]')).to_have_value("present")
    expect(page.locator(".case-line")).to_contain_text("2 present")


def test_phone_width_has_no_horizontal_scroll(page: Page, live_server, shots):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/", "/assess", "/anatomy/gluteus_medius"):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 362, f"{path} is {width}px wide on a 360px screen"
    shots(page, "phone-anatomy")


def test_form_and_search_work_without_javascript(browser, live_server, shots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/assess")
    page.get_by_label("Describe it in your own words").fill("outside of my hip hurts")
    page.get_by_role("button", name="Find").click()
    page.locator('#match-lateral_hip_pain input[value="present"]').check()
    page.get_by_label("None of these red flags is present").check()
    shots(page, "no-js-search")
    page.get_by_role("button", name="Rank conditions and structures").click()
    expect(page.locator("#triage-title")).to_contain_text("ROUTINE")
    expect(page.locator(".conditions .condition-name").first).to_have_text(
        re.compile("Greater trochanteric|Gluteus medius")
    )
    context.close()
