from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.reminder_settings, name="settings"),
    path("device/", views.push_subscribe, name="push_subscribe"),
    path("device/forget/", views.push_unsubscribe, name="push_unsubscribe"),
    path("stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
