"""Views outside DRF, as Django's own or a later plain view would be, beside the real routes."""
from django.http import JsonResponse
from django.urls import path

from reel.models import User
from reel_server import urls as reel_urls


def count_users(request):
    return JsonResponse({"users": User.objects.count()})


def explode(request):
    raise RuntimeError("a bug")


urlpatterns = [path("plain/users", count_users), path("plain/explode", explode), *reel_urls.urlpatterns]
handler400 = reel_urls.handler400
handler500 = reel_urls.handler500
