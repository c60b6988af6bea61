from django.urls import include, path
from django.views.generic import RedirectView

from attachment_app import accounts, offline, sign_in, views

handler500 = "attachment_app.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("lessons/", views.lesson_list, name="lesson_list"),
    path("lessons/<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("lessons/<slug:slug>/read/", views.mark_lesson_read, name="lesson_mark_read"),
    path("crisis/", views.crisis, name="crisis"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt),
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True)),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/delete/", accounts.delete_account, name="delete_account"),
    path("accounts/password_reset/", sign_in.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/reset/<uidb64>/<token>/", sign_in.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("journal/", include("journal.urls")),
    path("reminders/", include("reminders.urls")),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
]
