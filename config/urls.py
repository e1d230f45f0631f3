from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

from moderation.views import report_chat_message


@login_not_required
def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


admin.site.site_header = "Community administration"

urlpatterns = [
    path("robots.txt", robots_txt),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("evaluation.urls")),
    path("", include("accounts.urls")),
    path("", include("safeguarding.urls")),
    # Among the room pages, but moderation's view: community does not import moderation (docs/architecture.md).
    path("rooms/<slug:slug>/m/<int:seq>/report/", report_chat_message, name="room_report"),
    path("", include("community.urls")),
]
