"""The review's SVG charts and the home page's week at a glance."""

import re
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from journal import charts
from journal.charts import WIDTH
from journal.factories import CustomChoiceFactory, PauseSessionFactory, TriggerLogFactory
from journal.review import ENOUGH_TO_TELL, week_at_a_glance
from journal.review.totals import Relief
from journal.views.review import chart_context


def test_bars_escape_labels_people_wrote_themselves():
    svg = charts.bars([('<script>alert("x")</script>', 3, "3 · avg 5.0")], "What set you off", "A & B")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "A &amp; B" in svg


def test_every_chart_is_named_and_has_no_inline_style():
    drawn = [
        charts.bars([("Slow or no reply", 4, "4")], "Triggers", "By kind"),
        charts.split_bars([("Text or call again", 1, 2, 0)], "Urges", "Acted on or held back"),
        charts.heatmap([("Mon", [0, 1, 2, 3])], ["Morning", "Afternoon", "Evening", "Night"], "When", "By day"),
    ]
    for chart in drawn:
        ids = re.search(r'role="img" aria-labelledby="([\w-]+) ([\w-]+)"', chart).groups()
        assert all(f'id="{name}"' in chart for name in ids)
        assert "style=" not in chart and "<script" not in chart
        for bar in re.findall(r"<svg[^>]*>", chart):
            assert 'viewBox="0 0 320 14"' in bar and "width=" not in bar  # as wide as the text above it


def test_chart_words_are_text_the_stylesheet_sizes_never_a_fixed_size():
    drawn = charts.bars([("Slow or no reply", 4, "4 · avg 6.0")], "Triggers", "By kind") + charts.heatmap(
        [("Sun", [0, 1, 4, 0])], ["Morning", "Afternoon", "Evening", "Night"], "When", "By day"
    )
    assert "font-size" not in drawn and "<text" not in drawn
    assert '<span class="bar-label">Slow or no reply</span><span class="bar-note">4 · avg 6.0</span>' in drawn
    assert '<span class="heat-column">Afternoon</span>' in drawn and '<span class="heat-row">Sun</span>' in drawn


def test_long_labels_are_kept_whole_and_wrap():
    label = "A very long trigger name that someone typed in"
    chart = charts.bars([(label, 1, "12 · avg 6.5")], "Triggers", "By kind")
    assert f'<span class="bar-label">{label}</span>' in chart


def test_bars_can_use_a_fixed_scale():
    svg = charts.bars([("Slow breathing", 2.5, "2.5 of 10 after")], "What helped", "Out of ten", top=10)
    assert 'width="80"' in svg  # a quarter of 320


def test_heatmap_shades_by_share_of_the_busiest_cell():
    chart = charts.heatmap([("Sun", [0, 1, 4, 0])], ["Morning", "Afternoon", "Evening", "Night"], "When", "By day")
    assert chart.count('class="heat-cell heat-0"></span>') == 2
    assert 'class="heat-cell heat-4">4</span>' in chart and 'class="heat-cell heat-2">1</span>' in chart


def test_sparkline_reads_out_its_values_and_leaves_gaps():
    svg = charts.sparkline([1, 2, None, 4.25, 3], "Average intensity, last 8 weeks")
    assert 'aria-label="Average intensity, last 8 weeks, oldest first: 1, 2, none, 4.2, 3"' in svg
    assert svg.count("<polyline") == 2
    assert charts.sparkline([None, None, 3], "Too little") == ""


def test_the_week_at_a_glance_counts_only_this_week_of_this_person(owner, stranger, django_assert_num_queries):
    now = timezone.now()
    CustomChoiceFactory(user=owner, label="Work drinks")
    for kind, intensity in (("slow_reply", 8), ("slow_reply", 6), ("my-work-drinks", 4)):
        TriggerLogFactory(user=owner, occurred_at=now - timedelta(minutes=1), trigger_kind=kind, intensity=intensity)
    TriggerLogFactory(user=owner, occurred_at=now - timedelta(days=8), trigger_kind="milestone")
    TriggerLogFactory(user=stranger, occurred_at=now - timedelta(minutes=1), trigger_kind="milestone")
    PauseSessionFactory(user=owner, started_at=now - timedelta(minutes=1), finished=True)
    PauseSessionFactory(user=owner, started_at=now - timedelta(minutes=1))  # still running
    settings = owner.journal_settings
    with django_assert_num_queries(2):
        glance = week_at_a_glance(owner, settings)
    if glance["week"].starts_at > now - timedelta(minutes=1):
        pytest.skip("the week began less than a minute ago")
    assert glance["moments"] == 3
    assert glance["average_intensity"] == pytest.approx(6)
    assert glance["top_trigger"] == "Slow or no reply"
    assert (glance["pauses_completed"], glance["urge_faded"]) == (1, 1)
    assert week_at_a_glance(owner)["moments"] == 3  # reads the settings itself when not given them


@pytest.mark.django_db
def test_the_home_glance_counts_only_pauses_where_the_urge_faded_as_faded(owner_client, owner):
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    TriggerLogFactory(user=owner, occurred_at=monday)
    for passed in ("yes", "no", "partly"):
        PauseSessionFactory(user=owner, started_at=monday, finished=True, urge_passed=passed)
    with time_machine.travel(monday + timedelta(days=1), tick=False):
        page = owner_client.get("/").content.decode()
    assert "You finished 3 pauses, and the urge faded 1 time." in page


def test_a_split_bar_lays_its_parts_end_to_end():
    chart = charts.split_bars([("Text or call again", 1, 2, 1)], "Urges", "Acted on or held back")
    svg = re.search(r"<svg[^>]*>(.*)</svg>", chart).group(1)
    parts = re.findall(r'<rect class="([\w-]+)" x="(\d+)" y="0" width="(\d+)" height="14"></rect>', svg)
    assert parts == [("series-2", "0", "80"), ("series-3", "80", "160"), ("series-none", "240", "80")]
    assert "".join(re.findall(r"<rect[^>]*></rect>", svg)) == svg


def drawn_line(svg):
    """A sparkline as what it draws: its box, each line's points, and where the dot sits."""
    width, height = (float(n) for n in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    lines = [
        [tuple(float(n) for n in point.split(",")) for point in points.split(" ")]
        for points in re.findall(r'<polyline class="line-1" points="([^"]*)"', svg)
    ]
    dot = tuple(float(n) for n in re.search(r'<circle class="series-1" cx="([\d.]+)" cy="([\d.]+)"', svg).groups())
    return width, height, lines, dot


def test_a_sparkline_runs_across_its_box_with_the_highest_week_at_the_top_and_a_dot_on_the_last():
    svg = charts.sparkline([1, 3, None, 2, 2, 2], "Average intensity, last 8 weeks")
    assert re.fullmatch(
        r"<svg [^>]*><title>[^<]*</title>(<polyline [^>]*></polyline>){2}<circle [^>]*></circle></svg>", svg
    )
    width, height, lines, dot = drawn_line(svg)
    assert len(lines) == 2  # a gap where the week had nothing to show
    (x0, low), (x1, high), (x3, mid), (x4, _), (x5, _) = [point for line in lines for point in line]
    step = x1 - x0
    assert 0 < x0 < step and (x3, x4, x5) == pytest.approx((x0 + 3 * step, x0 + 4 * step, x0 + 5 * step))
    assert x5 == pytest.approx(width - x0), "the same margin on the left and the right"
    assert 0 < high < mid < low < height
    assert (mid, low) == pytest.approx(((high + low) / 2, height - high)), "2 halfway between 1 and 3"
    assert dot == (x5, mid)


def test_two_known_weeks_are_enough_for_a_line():
    width, _, lines, dot = drawn_line(charts.sparkline([2, 5], "Pauses finished"))
    (left, _), (right, _) = lines[0]
    assert right == pytest.approx(width - left) and dot[0] == right
    assert charts.sparkline([None, 2, 5], "Pauses finished").count("<polyline") == 1
    assert charts.split_bars([], "Urges", "Acted on or held back") == ""


def test_each_urge_bar_shows_its_name_its_total_and_its_parts_on_one_scale():
    chart = charts.split_bars(
        [("Text or call again", 3, 1, 0), ("Pull away", 1, 1, 2)], "What you did with the urge", "Acted on or not"
    )
    named, two_rows = r"(<span [^>]*>[^<]*</span>){2}", r'(<div class="bar-row">.*?</svg></div>){2}'
    assert re.fullmatch(rf'<div class="chart bar-chart" role="img"[^>]*>{named}{two_rows}</div>', chart)
    assert '-title">What you did with the urge</span>' in chart and '-desc">Acted on or not</span>' in chart
    rows = re.findall(r'<span class="bar-label">([^<]*)</span><span class="bar-note">([^<]*)</span>', chart)
    assert rows == [("Text or call again", "4"), ("Pull away", "4")]
    bars = [re.findall(r'<rect class="([\w-]+)" x="\d+" y="0" width="(\d+)"', svg) for svg in chart.split("<svg")[1:]]
    assert bars == [
        [("series-2", "240"), ("series-3", "80")],  # acted on 3 of the biggest bar's 4, held back 1
        [("series-2", "80"), ("series-3", "80"), ("series-none", "160")],
    ]


def test_heatmap_shades_step_up_with_the_count():
    chart = charts.heatmap([("Mon", [1, 2, 3, 4]), ("Tue", [5, 6, 7, 8])], ["M", "A", "E", "N"], "When", "By day")
    assert re.findall(r'class="heat-cell heat-(\d)">\d</span>', chart) == list("12233344")


def test_bars_are_scaled_to_the_biggest_in_the_default_colour_and_nothing_is_drawn_for_no_rows():
    chart = charts.bars([("Slow or no reply", 4, "4 · avg 6.0"), ("Plans changed", 1, "1 · avg 3.0")], "Triggers", "")
    named, two_rows = r"(<span [^>]*>[^<]*</span>){2}", r'(<div class="bar-row">.*?</svg></div>){2}'
    assert re.fullmatch(rf'<div class="chart bar-chart" role="img"[^>]*>{named}{two_rows}</div>', chart)
    assert re.findall(r'<rect class="([\w-]+)" x="0" y="0" width="(\d+)"', chart) == [
        ("series-1", "320"),
        ("series-1", "80"),
    ]
    assert charts.bars([], "Triggers", "By kind") == ""


def test_the_heatmap_grid_is_a_corner_the_times_of_day_then_each_day_and_its_counts():
    chart = charts.heatmap([("Mon", [0, 2, 0, 1])], ["Morning", "Afternoon", "Evening", "Night"], "When", "By day")
    assert chart.startswith('<div class="chart heat-chart" role="img"')
    assert '-title">When</span>' in chart and '-desc">By day</span>' in chart
    grid = re.search(r'<div class="heat-grid">(.*)</div></div>$', chart).group(1)
    assert grid == (
        '<span class="heat-corner"></span>'
        '<span class="heat-column">Morning</span><span class="heat-column">Afternoon</span>'
        '<span class="heat-column">Evening</span><span class="heat-column">Night</span>'
        '<span class="heat-row">Mon</span><span class="heat-cell heat-0"></span><span class="heat-cell heat-4">2</span>'
        '<span class="heat-cell heat-0"></span><span class="heat-cell heat-3">1</span>'
    )


def chart_words(chart):
    """A chart's name and description, as assistive technology reads them."""
    return re.search(r'-title">([^<]*)</span><span class="visually-hidden" id="[\w-]+-desc">([^<]*)<', chart).groups()


def a_review(weeks):
    return SimpleNamespace(
        weeks=weeks,
        triggers=[(f"t{n}", f"Trigger {n}", 10 - n, 5.0 + n / 10) for n in range(9)],
        heatmap=[("Mon", [0, 1, 2, 3])],
        periods=["Morning", "Afternoon", "Evening", "Night"],
        urges=[(f"u{n}", f"Urge {n}", 1, 2, 0) for n in range(7)],
        sensations=[("Tight chest", 3)],
        helped=[Relief("Slow breathing", ENOUGH_TO_TELL, 12), Relief("A walk", ENOUGH_TO_TELL - 1, 9)],
        figures=[SimpleNamespace(label="Moments logged", trend=[1, 2, 3])],
    )


def test_each_review_chart_says_what_it_shows_for_one_week():
    drawn = chart_context(a_review(weeks=1))
    assert chart_words(drawn["triggers_chart"]) == (
        "What set you off",
        "Moments logged this week, by trigger, with their average intensity.",
    )
    assert chart_words(drawn["heatmap_chart"]) == (
        "When moments came",
        "Moments logged this week by day of the week and time of day. Darker means more.",
    )
    assert chart_words(drawn["urges_chart"]) == (
        "Urges: acted on or held back",
        "For each urge, how often you acted on it (orange), held back (green) or had not decided yet (grey).",
    )
    assert chart_words(drawn["sensations_chart"]) == (
        "What your body felt",
        "The body sensations noted most often this week.",
    )
    assert chart_words(drawn["helped_chart"])[0] == "What helps"
    assert chart_words(drawn["helped_chart"])[1].endswith(
        f"Things with fewer than {ENOUGH_TO_TELL} moments are left out: too few to tell."
    )
    assert "Moments logged, last 8 weeks" in drawn["sparklines"][0]


@pytest.mark.parametrize("weeks", [2, 4])
def test_review_charts_over_several_weeks_say_so(weeks):
    drawn = chart_context(a_review(weeks=weeks))
    assert chart_words(drawn["triggers_chart"])[1].startswith(f"Moments logged over {weeks} weeks, by trigger")
    assert chart_words(drawn["heatmap_chart"])[1].startswith(f"Moments logged over {weeks} weeks by day")
    assert chart_words(drawn["sensations_chart"])[1] == f"The body sensations noted most often over {weeks} weeks."


def test_review_charts_keep_to_their_top_rows_and_their_colours():
    drawn = chart_context(a_review(weeks=1))
    assert drawn["triggers_chart"].count('class="bar-row"') == 8
    assert '<span class="bar-note">10 · avg 5.0</span>' in drawn["triggers_chart"]
    assert drawn["urges_chart"].count('class="bar-row"') == 6
    assert 'class="series-4"' in drawn["sensations_chart"]
    assert '<span class="bar-note">3</span>' in drawn["sensations_chart"]
    helped = drawn["helped_chart"]
    assert helped.count('class="bar-row"') == 1, "too few moments to tell are left out"
    assert f'<span class="bar-note">{12 / ENOUGH_TO_TELL:.1f} lower · {ENOUGH_TO_TELL}</span>' in helped
    assert 'class="series-3"' in helped
    # A drop of 12 / ENOUGH_TO_TELL on a fixed scale of 10: the bar's length says how big the drop is out of 10.
    width = round(WIDTH * (12 / ENOUGH_TO_TELL) / 10)
    assert f'width="{width}"' in helped
