from django.urls import path

from . import views

urlpatterns = [
    path("members/<str:handle>/", views.profile, name="profile"),
    path("account/", views.settings_page, name="account_settings"),
    path("account/export/", views.export_data, name="account_export"),
    path("account/delete/", views.delete_account, name="account_delete"),
]
