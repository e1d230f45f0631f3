from django.urls import path

from . import team_views, views

app_name = "moderation"

urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("list/", views.queue_list, name="queue_list"),
    path("item/<int:item_id>/", views.item_page, name="item"),
    path("item/<int:item_id>/act/", views.item_action, name="act"),
    path("report/post/<int:post_id>/", views.report_post, name="report_post"),
    path("report/thread/<int:thread_id>/", views.report_thread, name="report_thread"),
    path("report/member/<str:handle>/", views.report_member, name="report_member"),
    path("reports/", views.my_reports, name="my_reports"),
    path("notices/", views.my_notices, name="notices"),
    path("notices/read/", views.notices_read, name="notices_read"),
    path("log/", views.log_page, name="log"),
    path("training/", team_views.training_page, name="training"),
    path("training/<int:module_id>/read/", team_views.read_module, name="read_module"),
    path("duty/", team_views.set_duty, name="duty"),
    path("team/", team_views.team_page, name="team"),
    path("team/<str:handle>/scope/", team_views.set_scope, name="set_scope"),
    path("team/<str:handle>/training/<int:module_id>/confirm/", team_views.confirm_module, name="confirm_module"),
    path("concern/", team_views.raise_concern, name="concern"),
    path("watched-words/", views.watched_words_page, name="watched_words"),
    path("watched-words/<int:word_id>/remove/", views.remove_watched_word, name="remove_watched_word"),
]
