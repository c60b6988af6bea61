from django.urls import path, register_converter

from journal.views import data, lock, logs, offline, pauses, reframes, review, secure, settings
from journal.weeks import IsoWeekConverter

register_converter(IsoWeekConverter, "isoweek")

app_name = "journal"
urlpatterns = [
    path("", logs.entries, name="entries"),
    path("log/", logs.log_new, name="log_new"),
    path("log/offline/", offline.log_offline, name="log_offline"),
    path("log/<int:pk>/", logs.log_detail, name="log_detail"),
    path("log/<int:pk>/edit/", logs.log_edit, name="log_edit"),
    path("log/<int:pk>/delete/", logs.log_delete, name="log_delete"),
    path("pause/", pauses.pause_start, name="pause_start"),
    path("pause/offline/", offline.pause_offline, name="pause_offline"),
    path("pause/<int:pk>/", pauses.pause_detail, name="pause_detail"),
    path("pause/<int:pk>/finish/", pauses.pause_finish, name="pause_finish"),
    path("pause/<int:pk>/message/", pauses.pause_message, name="pause_message"),
    path("reframes/", reframes.reframe_list, name="reframes"),
    path("reframes/new/", reframes.reframe_new, name="reframe_new"),
    path("reframes/<int:pk>/", reframes.reframe_edit, name="reframe_edit"),
    path("reframes/<int:pk>/pin/", reframes.reframe_pin, name="reframe_pin"),
    path("reframes/<int:pk>/delete/", reframes.reframe_delete, name="reframe_delete"),
    path("secure/", secure.secure_moments, name="secure_moments"),
    path("secure/<int:pk>/", secure.secure_detail, name="secure_detail"),
    path("secure/<int:pk>/delete/", secure.secure_delete, name="secure_delete"),
    path("review/", review.review, name="review"),
    path("review/<isoweek:week>/", review.review, name="review_week"),
    path("review/<isoweek:week>/reflection/", review.reflection, name="reflection"),
    path("settings/", settings.settings_view, name="settings"),
    path("settings/lock/", lock.lock_settings, name="lock_settings"),
    path("settings/lock/remove/", lock.remove_lock, name="remove_lock"),
    path("lock/", lock.lock_now, name="lock"),
    path("unlock/", lock.unlock, name="unlock"),
    path("settings/choices/", settings.add_custom_choice, name="custom_choice_add"),
    path("settings/choices/<int:pk>/delete/", settings.delete_custom_choice, name="custom_choice_delete"),
    path("export.json", data.export_json, name="export_json"),
    path("export.csv", data.export_csv, name="export_csv"),
    path("import/", data.import_json, name="import_json"),
]
