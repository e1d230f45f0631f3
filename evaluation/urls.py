from django.urls import path

from . import research_views, views

urlpatterns = [
    path("evaluation/", views.dashboard, name="evaluation_dashboard"),
    path("evaluation/download.csv", views.download, name="evaluation_download"),
    path("evaluation/research/", research_views.research_page, name="evaluation_research"),
    path("evaluation/research/export.csv", research_views.research_export, name="evaluation_research_export"),
    path("evaluation/research/panels/", research_views.request_panel, name="evaluation_request_panel"),
    path("evaluation/research/panels/<int:panel_id>/", research_views.decide_panel, name="evaluation_decide_panel"),
    path("evaluation/research/switch/", research_views.switch, name="evaluation_research_switch"),
]
