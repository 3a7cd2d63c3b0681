"""The contract's CSRF rules for unsafe requests to /api/auth/* (checked before any view runs)."""
from django.conf import settings

from reel.problems import problem

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def own_origin(request):
    """REEL_PUBLIC_ORIGIN, else as the request arrived (scheme and host as a trusted proxy says)."""
    return settings.REEL["PUBLIC_ORIGIN"] or f"{request.scheme}://{request.get_host()}"


def is_own_origin(request, origin):
    return origin == own_origin(request) or origin in settings.REEL["APP_ORIGINS"]


class ReelCsrfMiddleware:
    """
    A header a cross-site form cannot send, JSON bodies only, and no foreign `Origin`. The refresh
    cookie is `SameSite=Strict` already; this is the second lock, and it also covers browsers or
    proxies that drop SameSite.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/auth/") and request.method in UNSAFE_METHODS and not self.passes(request):
            return problem(
                403,
                "csrf_check_failed",
                detail="Unsafe requests need X-Requested-With: XMLHttpRequest, a JSON body and a same-origin Origin.",
            )
        return self.get_response(request)

    @staticmethod
    def passes(request):
        origin = request.headers.get("Origin")
        if origin is not None and not is_own_origin(request, origin):
            return False
        if request.headers.get("X-Requested-With") != "XMLHttpRequest":
            return False
        media_type = request.content_type.split(";")[0].strip().lower()
        return len(request.body) == 0 or media_type == "application/json"
