from django.urls import path

from . import views

urlpatterns = [
    path("evaluation/", views.dashboard, name="evaluation_dashboard"),
    path("evaluation/download.csv", views.download, name="evaluation_download"),
]
