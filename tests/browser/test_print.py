"""A worksheet lesson prints cleanly on A4 and Letter: no site chrome, worksheet on its own page, lines to write on."""

import re

import pytest

WORKSHEET_LESSON = "/lessons/protest-behaviours/"
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf):
    return len(PDF_PAGE.findall(pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_worksheet_lesson_prints_to_a_sensible_number_of_pages(page, paper):
    page.goto(WORKSHEET_LESSON)
    pages = page_count(page.pdf(format=paper))
    # About 1,100 words plus a worksheet on its own sheet: four to six pages. Site chrome, screen-only extras
    # or a worksheet split line by line across pages push it past that; a print that drops the lesson, under.
    assert 3 <= pages <= 7, f"{paper}: {pages} pages"


def test_print_hides_the_site_chrome_and_rules_lines_for_the_blanks(page):
    page.goto(WORKSHEET_LESSON)
    page.emulate_media(media="print")
    for chrome in [".site-header", ".site-footer", ".toc", ".pager", "#practise-heading"]:
        assert page.locator(chrome).first.is_hidden(), f"{chrome} shows on paper"
    worksheet = page.locator("h2[id^='worksheet']")
    assert worksheet.evaluate("h => getComputedStyle(h).breakBefore") == "page"
    blank = page.locator(".worksheet-steps .write-in").first
    assert blank.evaluate("e => parseFloat(getComputedStyle(e).borderBottomWidth)") >= 1
    box = blank.bounding_box()
    assert box["height"] >= 25 and box["width"] >= 200, f"a blank needs room to write on: {box}"
    assert page.get_by_text("Date:").is_visible()


def test_on_screen_the_blanks_take_no_room(page):
    page.goto(WORKSHEET_LESSON)
    assert page.locator(".worksheet-steps .write-in").first.bounding_box()["width"] == 0
    assert page.get_by_text("Date:").is_hidden()
