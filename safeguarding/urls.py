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
    path("safeguarding/cases/<int:case_id>/message/", views.case_message, name="safeguarding_case_message"),
    path("safeguarding/phrases/", views.phrase_list, name="safeguarding_phrases"),
    path("safeguarding/phrases/add/", views.phrase_add, name="safeguarding_phrase_add"),
    path("safeguarding/phrases/try/", views.phrase_try, name="safeguarding_phrase_try"),
    path("safeguarding/phrases/history/", views.phrase_history, name="safeguarding_phrase_history"),
    path("safeguarding/phrases/<int:phrase_id>/active/", views.phrase_active, name="safeguarding_phrase_active"),
    path("safeguarding/check-in/", views.check_in, name="safeguarding_check_in"),
    path("safeguarding/check-in/choice/", views.check_in_choice, name="safeguarding_check_in_choice"),
    path("safeguarding/check-in/contact/", views.check_in_contact, name="safeguarding_check_in_contact"),
    path("safeguarding/messages/", views.member_messages, name="safeguarding_messages"),
    path("safeguarding/messages/read/", views.mark_messages_read, name="safeguarding_messages_read"),
    path("safeguarding/messages/banner/", views.messages_banner, name="safeguarding_messages_banner"),
    path("safeguarding/messages/<int:message_id>/reply/", views.member_reply, name="safeguarding_message_reply"),
    path("safeguarding/cases/<int:case_id>/<str:action>/", views.case_action, name="safeguarding_case_action"),
]
