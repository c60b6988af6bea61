"""The weekly review page and its reflection note."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from journal import charts
from journal.care import needs_care
from journal.forms import ReflectionForm
from journal.models import TriggerLog, WeeklyReflection
from journal.review import ENOUGH_TO_TELL, MAX_WEEKS, build_review
from journal.weeks import FIRST_YEAR, LAST_YEAR, Week

REVIEW_CACHE_SECONDS = 60 * 60 * 24


def week_from_url(request, week):
    settings = request.journal_settings
    if week is None:
        return settings.current_week()
    return Week.from_iso(*week, settings.zone, settings.week_start)


def week_worth_reading(user, current_week):
    """A weekly review is read when a week ends: on a week's first day, or while it is still empty, the week
    that has just ended is the one to open."""
    first_day = timezone.localdate(timezone=current_week.zone) == current_week.start
    logged = TriggerLog.objects.for_user(user).in_week(current_week).exists()
    return current_week.previous if first_day or not logged else current_week


def picked_day(request):
    """The day chosen in the week picker, if any and if it is a real date in a year the URLs can name."""
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.isocalendar().year <= LAST_YEAR else None  # 31 Dec 2999 is in 3000-W01


def weeks_asked(request):
    try:
        return max(1, min(int(request.GET.get("weeks", "1")), MAX_WEEKS))
    except ValueError:
        return 1


def chart_context(review):
    number = f"over {review.weeks} weeks" if review.weeks > 1 else "this week"
    return {
        "triggers_chart": charts.bars(
            [(label, n, f"{n} · avg {average:.1f}") for _, label, n, average in review.triggers[:8]],
            "What set you off",
            f"Moments logged {number}, by trigger, with their average intensity.",
        ),
        "heatmap_chart": charts.heatmap(
            review.heatmap,
            review.periods,
            "When moments came",
            f"Moments logged {number} by day of the week and time of day. Darker means more.",
        ),
        "urges_chart": charts.split_bars(
            [(label, acted, held_back, undecided) for _, label, acted, held_back, undecided in review.urges[:6]],
            "Urges: acted on or held back",
            "For each urge, how often you acted on it (orange), held back (green) or had not decided yet (grey).",
        ),
        "sensations_chart": charts.bars(
            [(label, n, str(n)) for label, n in review.sensations],
            "What your body felt",
            f"The body sensations noted most often {number}.",
            series="series-4",
        ),
        "helped_chart": charts.bars(
            [
                (relief.label, max(0, relief.average_drop), f"{relief.difference} · {relief.moments}")
                for relief in review.helped
                if relief.enough_to_tell
            ],
            "What helps",
            "How much lower the feeling was afterwards, on average, out of 10, and how many moments that rests on; "
            "the biggest drop first, and the longer the bar, the bigger the drop. Things with fewer than "
            f"{ENOUGH_TO_TELL} moments are left out: too few to tell.",
            series="series-3",
            top=10,
        ),
        "sparklines": [charts.sparkline(figure.trend, f"{figure.label}, last 8 weeks") for figure in review.figures],
    }


def review_body(request, shown, weeks, current_week):
    """The review's figures, charts and note as HTML, cached until the person's journal or settings change."""
    settings = request.journal_settings
    changed = settings.journal_changed_at
    key = ":".join(
        str(part)
        for part in (
            "review", request.user.pk, changed and changed.timestamp(), settings.time_zone, settings.week_start,
            shown.slug, weeks, current_week.slug,
        )
    )  # fmt: skip
    body = cache.get(key)
    if body is None:
        result = build_review(request.user, shown, weeks)
        # Saving a note moves journal_changed_at too, so the note can be cached with the rest.
        reflection = WeeklyReflection.objects.for_user(request.user).for_week(shown).first()
        context = {
            "review": result,
            "week": shown,
            "current_week": current_week,
            "reflection": reflection,
            **chart_context(result),
        }
        context["figures"] = list(zip(result.figures, context.pop("sparklines"), strict=True))
        body = render_to_string("journal/_review_body.html", context, request=request)
        cache.set(key, body, REVIEW_CACHE_SECONDS)
    return body


@login_required
@require_GET
def review(request, week=None):
    settings = request.journal_settings
    if picked := picked_day(request):
        return redirect("journal:review_week", week=settings.week_containing(picked))
    weeks = weeks_asked(request)
    current_week = settings.current_week()
    shown = week_from_url(request, week) if week else week_worth_reading(request.user, current_week)
    if shown.start > current_week.start:
        return render(request, "journal/review_future.html", {"week": shown, "current_week": current_week})
    return render(
        request,
        "journal/review.html",
        {
            "body": review_body(request, shown, weeks, current_week),
            "week": shown,
            "weeks": weeks,
            "so_far": current_week if week is None and shown != current_week else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def reflection(request, week):
    shown = week_from_url(request, week)
    instance = WeeklyReflection.objects.for_user(request.user).for_week(shown).first()
    form = ReflectionForm(request.POST or None, instance=instance)
    editing = request.method == "GET" or not form.is_valid()
    if not editing:
        instance = form.save(commit=False)
        instance.user, instance.week_start = request.user, shown.start
        instance.save()
        if needs_care(instance):
            # A note with words of distress reopens on its own page, which leads with care.
            url = reverse("journal:reflection", kwargs={"week": shown})
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
        if not request.htmx:
            return redirect("journal:review_week", week=shown)
    context = {
        "week": shown,
        "reflection": instance,
        "reflection_form": form,
        "editing": editing,
        "needs_care": instance is not None and needs_care(instance),
    }
    template = "journal/_reflection.html" if request.htmx else "journal/reflection.html"
    return render(request, template, context)
