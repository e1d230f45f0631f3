from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.house_rules, name="house_rules"),
    path("rules/accept/", views.accept_house_rules, name="rules_accept"),
]
