from django.urls import include, path

from . import account_views, views

forum_patterns = [
    path("", views.forum_index, name="forum_index"),
    path("latest/", views.latest, name="forum_latest"),
    path("search/", views.search, name="forum_search"),
    path("preview/", views.preview, name="forum_preview"),
    path("activity/<str:handle>/", views.activity, name="forum_activity"),
    path("t/<int:thread_id>/", views.thread_page, name="forum_thread"),
    path("t/<int:thread_id>/<slug:slug>/", views.thread_page, name="forum_thread_slug"),
    path("p/<int:post_id>/", views.post_link, name="forum_post"),
    path("p/<int:post_id>/edit/", views.edit_post, name="forum_post_edit"),
    path("p/<int:post_id>/remove/", views.remove_post, name="forum_post_remove"),
    path("p/<int:post_id>/react/", views.react, name="forum_post_react"),
    path("p/<int:post_id>/history/", views.post_history, name="forum_post_history"),
    # Board slugs come last; models.RESERVED_BOARD_SLUGS keeps them clear of the paths above.
    path("<slug:slug>/", views.board_page, name="forum_board"),
    path("<slug:slug>/new/", views.new_thread, name="forum_new_thread"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.house_rules, name="house_rules"),
    path("rules/accept/", views.accept_house_rules, name="rules_accept"),
    path("forum/", include(forum_patterns)),
    path("places/", views.places, name="shell_places"),
    path("account/", account_views.settings_page, name="account_settings"),
]

# Chat rooms ----------------------------------------------------------------------
from . import room_views  # noqa: E402

room_patterns = [
    path("", room_views.room_list, name="room_list"),
    path("<slug:slug>/", room_views.room_page, name="room"),
    path("<slug:slug>/rules/", room_views.accept_rules, name="room_rules_accept"),
    path("<slug:slug>/ask/", room_views.ask_to_join, name="room_ask"),
    path("<slug:slug>/appearance/", room_views.appearance, name="room_appearance"),
    path("<slug:slug>/history/", room_views.history, name="room_history"),
    path("<slug:slug>/status/", room_views.status, name="room_status"),
    path("<slug:slug>/host/", room_views.host_tools, name="room_host"),
    path("<slug:slug>/m/<int:seq>/remove/", room_views.remove_message, name="room_remove_message"),
]
urlpatterns += [path("rooms/", include(room_patterns))]
