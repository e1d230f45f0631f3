from django.urls import path

from . import views

urlpatterns = [
    path("help/", views.help_now, name="help"),
    path("help/panel/", views.support_panel, name="support_panel"),
    path("help/offer/dismiss/", views.dismiss_support, name="dismiss_support"),
    path("safeguarding/", views.dashboard, name="safeguarding_dashboard"),
    path("safeguarding/cases/list/", views.case_list, name="safeguarding_case_list"),
    path("safeguarding/duty/", views.set_duty, name="safeguarding_duty"),
    path("safeguarding/cases/<int:case_id>/", views.case_page, name="safeguarding_case"),
    path("safeguarding/cases/<int:case_id>/<str:action>/", views.case_action, name="safeguarding_case_action"),
]
