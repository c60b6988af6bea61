from django.contrib.auth.decorators import login_required
from django.db import Error as DatabaseFailure
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from attachment_app.crisis_lines import chosen_country, crisis_lines
from attachment_app.lessons import GLOSSARY_SLUG, TOPICS, library
from journal.middleware import works_without_database
from journal.models import Heartbeat, LessonRead
from journal.review import week_at_a_glance


@require_GET
def home(request):
    context = {"lessons": library().lessons[:4]}
    if request.user.is_authenticated and not request.app_locked:
        context["glance"] = week_at_a_glance(request.user, request.journal_settings)
    return render(request, "home.html", context)


def crisis_context(request):
    """What the crisis and error pages show: the person's country first. Read from the request alone."""
    lines = crisis_lines()
    code = chosen_country(request)
    return {"chosen": lines.get(code), "countries": lines.first(code), "fallback": lines.fallback}


@works_without_database
@require_GET
def crisis(request):
    # Rendered without a RequestContext: no context processor may open the session or query the database.
    response = HttpResponse(render_to_string("crisis.html", crisis_context(request)))
    patch_vary_headers(response, ["Cookie"])
    return response


def server_error(request):
    """The 500 page, with the crisis lines written out: the error may be that the database is down."""
    return HttpResponseServerError(render_to_string("500.html", crisis_context(request)))


@require_GET
def lesson_list(request):
    lessons = library()
    topic = request.GET.get("topic", "")
    topic = topic if topic in TOPICS else ""
    query = request.GET.get("q", "").strip()[:100]
    found = lessons.filter(topic=topic, query=query)
    read = set()
    if request.user.is_authenticated:
        read = set(LessonRead.objects.filter(user=request.user).values_list("lesson_slug", flat=True))
    return render(
        request,
        "lessons/list.html",
        {
            "reading_path": lessons.reading_path(found),
            "found": found,
            "topics": TOPICS,
            "topic": topic,
            "topic_label": TOPICS.get(topic, ""),
            "query": query,
            "read": read,
            "filtered": bool(topic or query),
        },
    )


@require_GET
def lesson_detail(request, slug):
    lessons = library()
    lesson = lessons.get(slug)
    if lesson is None:
        raise Http404("No lesson by that name.")
    previous, following = lessons.neighbours(lesson)
    is_read = request.user.is_authenticated and LessonRead.objects.filter(user=request.user, lesson_slug=slug).exists()
    glossary_terms = lessons.glossary_terms
    return render(
        request,
        "lessons/detail.html",
        {
            "lesson": lesson,
            "previous": previous,
            "next": following,
            "related": lessons.related(lesson),
            "glossary": [(term, glossary_terms[term]) for term in lesson.glossary],
            "is_glossary": slug == GLOSSARY_SLUG,
            "is_read": is_read,
        },
    )


@require_POST
@login_required
def mark_lesson_read(request, slug):
    if library().get(slug) is None:
        raise Http404("No lesson by that name.")
    LessonRead.objects.get_or_create(user=request.user, lesson_slug=slug)
    if request.htmx:
        return render(request, "lessons/_read_mark.html", {"is_read": True, "lesson": library().get(slug)})
    return redirect("lesson_detail", slug=slug)


@never_cache
@require_GET
def healthz(request):
    """Healthy only if the database answers AND can write: a full disk or a read-only replica still reads."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseFailure:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    try:
        Heartbeat.beat()
    except DatabaseFailure:
        return JsonResponse({"status": "error", "database": "cannot write"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /journal/\nDisallow: /accounts/\n", content_type="text/plain")
