from django.urls import path

from . import selfcare_views, views

# /account/ itself (the account page with the profile form) is in community/urls.py.
urlpatterns = [
    path("members/<str:handle>/", views.profile, name="profile"),
    path("members/<str:handle>/block/", selfcare_views.block, name="block_member"),
    path("members/<str:handle>/unblock/", selfcare_views.unblock, name="unblock_member"),
    path("account/age/", views.age_band, name="account_age_band"),
    path("account/export/", views.export_data, name="account_export"),
    path("account/delete/", views.delete_account, name="account_delete"),
    path("account/self-care/", selfcare_views.self_care, name="self_care"),
    path("account/self-care/mute/", selfcare_views.mute_word, name="mute_word"),
    path("account/self-care/mute/<int:muted_word_id>/remove/", selfcare_views.unmute_word, name="unmute_word"),
    path("account/self-care/break/", selfcare_views.take_break, name="take_break"),
    path("account/self-care/break/end/", selfcare_views.come_back, name="come_back"),
    path("notifications/", selfcare_views.notifications_page, name="notifications"),
]
