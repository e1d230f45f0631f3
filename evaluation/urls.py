from django.urls import path

from . import checkin_views, research_views, views

urlpatterns = [
    path("evaluation/", views.dashboard, name="evaluation_dashboard"),
    path("evaluation/download.csv", views.download, name="evaluation_download"),
    path("evaluation/check-ins.csv", views.download_check_ins, name="evaluation_check_ins_download"),
    path("check-ins/", checkin_views.overview, name="check_ins"),
    path("check-ins/join/", checkin_views.join, name="check_ins_join"),
    path("check-ins/stop/", checkin_views.withdraw, name="check_ins_withdraw"),
    path("check-ins/<int:wave_day>/", checkin_views.wave, name="check_in_wave"),
    path("check-ins/<int:wave_day>/skip/", checkin_views.skip, name="check_in_skip"),
    path("evaluation/research/", research_views.research_page, name="evaluation_research"),
    path("evaluation/research/export.csv", research_views.research_export, name="evaluation_research_export"),
    path("evaluation/research/panels/", research_views.request_panel, name="evaluation_request_panel"),
    path("evaluation/research/panels/<int:panel_id>/", research_views.decide_panel, name="evaluation_decide_panel"),
    path("evaluation/research/switch/", research_views.switch, name="evaluation_research_switch"),
]
