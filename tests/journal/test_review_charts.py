"""The review's SVG charts and the home page's week at a glance."""

from datetime import timedelta

import pytest
from django.utils import timezone

from journal import charts
from journal.factories import CustomChoiceFactory, PauseSessionFactory, TriggerLogFactory
from journal.review import week_at_a_glance


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
    for svg in drawn:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
        assert "<title id=" in svg and "<desc id=" in svg
        assert "style=" not in svg and "<script" not in svg
        assert 'viewBox="0 0 320 ' in svg and "width=" not in svg.split(">", 1)[0]  # scales to any width


def test_long_labels_are_shortened_in_the_chart_only():
    label = "A very long trigger name that someone typed in"
    svg = charts.bars([(label, 1, "12 · avg 6.5")], "Triggers", "By kind")
    assert label not in svg
    assert ">A very long trigger name that so…</text>" in svg


def test_bars_can_use_a_fixed_scale():
    svg = charts.bars([("Slow breathing", 2.5, "2.5 of 10 after")], "What helped", "Out of ten", top=10)
    assert 'width="80"' in svg  # a quarter of 320


def test_heatmap_shades_by_share_of_the_busiest_cell():
    svg = charts.heatmap([("Sun", [0, 1, 4, 0])], ["Morning", "Afternoon", "Evening", "Night"], "When", "By day")
    assert svg.count('class="heat-0"') == 2 and 'class="heat-4"' in svg and 'class="heat-2"' in svg


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
