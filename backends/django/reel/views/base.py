from django.http import HttpResponse, JsonResponse
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class PublicView(APIView):
    """No Bearer token needed (a stale one sent along is ignored, not refused)."""

    authentication_classes = []
    permission_classes = [AllowAny]


def json(body, status=200):
    response = JsonResponse(body, status=status, safe=False)
    # What this API returns is private to its caller.
    response["Cache-Control"] = "no-store"
    return response


def no_content():
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
