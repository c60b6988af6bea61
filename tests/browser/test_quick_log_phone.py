"""The quick log on a small phone (360×740) with one thumb: every target big enough, nothing the person taps or
tabs to ever hidden under the sticky Save bar, and the first thing to fix put in view with focus."""

import re

import pytest
from playwright.sync_api import expect

from journal.choices import TriggerKind, Urge
from journal.models import TriggerLog
from tests.browser.conftest import sign_in

# Where an element sits against the viewport and the sticky bar; a radio's box is its chip (the input is 1 px).
PLACE = """element => {
  const target = element.closest('label.chip') || element;
  const box = target.getBoundingClientRect();
  const bar = document.querySelector('.sticky-save').getBoundingClientRect();
  return {
    box: [box.top, box.bottom, innerHeight],
    inView: box.top >= 0 && box.bottom <= innerHeight,
    clearOfBar: !!element.closest('.sticky-save') || box.bottom <= bar.top + 1,
    width: box.width, height: box.height,
  };
}"""


@pytest.fixture
def small_phone(small_phone_page, owner):
    page = small_phone_page
    sign_in(page, owner.username)
    page.goto("/journal/log/")
    return page


def place(locator):
    return locator.evaluate(PLACE)


def chip(page, group_id, label):
    return page.locator(f"#{group_id} label.chip", has_text=re.compile(f"^{re.escape(label)}$"))


def test_the_whole_quick_log_by_thumb_with_nothing_under_the_bar(small_phone, owner):
    page = small_phone
    steps = [
        chip(page, "id_trigger_kind", TriggerKind.NOT_SURE.label),
        chip(page, "id_intensity", "7"),
        chip(page, "id_urge", Urge.CHECK_MY_PHONE.label),
        chip(page, "id_when", "15 min ago"),
    ]
    for target in steps:
        target.scroll_into_view_if_needed()
        where = place(target)
        assert where["inView"] and where["clearOfBar"], f"{target} is hidden: {where}"
        assert where["width"] >= 44 and where["height"] >= 44, f"{target} is smaller than 44 px: {where}"
        target.tap(timeout=3_000)  # a tap the bar intercepts would time out
    page.get_by_role("button", name="Save this moment").tap()
    page.wait_for_url(re.compile(r"/journal/log/\d+/$"))
    log = TriggerLog.objects.get(user=owner)
    assert (log.trigger_kind, log.intensity, log.urge) == ("not_sure", 7, "check_my_phone")


def test_every_scale_button_is_a_thumb_target(small_phone):
    for number in range(11):
        where = place(chip(small_phone, "id_intensity", str(number)))
        assert where["width"] >= 44 and where["height"] >= 44, f"{number}: {where}"


def test_keyboard_focus_is_never_hidden_by_the_bar(small_phone):
    page = small_phone
    page.locator("#id_trigger_kind input").first.focus()
    seen = []
    for _ in range(12):
        focused = page.evaluate_handle("document.activeElement")
        where = focused.evaluate(PLACE)
        seen.append(focused.evaluate("e => e.name || e.textContent.trim()"))
        assert where["inView"] and where["clearOfBar"], f"focus on {seen[-1]} is hidden: {where}"
        if focused.evaluate("e => e.type === 'submit'"):
            break
        page.keyboard.press("Tab")
    assert "intensity" in seen and "occurred_at" not in seen[:3]


def test_saving_with_nothing_chosen_shows_what_is_missing(small_phone):
    page = small_phone
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.get_by_role("button", name="Save this moment").tap()
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("e => e.name") == "trigger_kind"
    where = focused.evaluate(PLACE)
    assert where["inView"] and where["clearOfBar"], where


def test_a_field_the_server_refuses_is_focused_in_view(small_phone):
    page = small_phone
    chip(page, "id_trigger_kind", TriggerKind.SLOW_REPLY.label).tap()
    chip(page, "id_intensity", "5").tap()
    page.get_by_label("What happened? (optional)").fill("Saw them online")
    chip(page, "id_when", "Earlier today").tap()
    page.get_by_role("button", name="Save this moment").tap()
    page.get_by_text("What time was it?").first.wait_for()
    expect(page.locator("#id_earlier_today")).to_be_focused()
    where = place(page.locator("#id_earlier_today"))
    assert where["inView"] and where["clearOfBar"], where
    assert page.get_by_label("What happened? (optional)").input_value() == "Saw them online"
    assert not TriggerLog.objects.exists()
