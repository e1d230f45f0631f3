from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path


@login_not_required
def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


urlpatterns = [
    path("robots.txt", robots_txt),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("evaluation.urls")),
    path("", include("accounts.urls")),
    path("", include("safeguarding.urls")),
    path("", include("community.urls")),
]
