"""RFC 9457 problem details, the only error format of the API, and DRF's errors mapped onto it."""
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from rest_framework import exceptions

from reel.step_up import ReauthenticationRequired

TITLES = {
    "validation_failed": "Some of the data sent is not valid.",
    "not_found": "Not found.",
    "method_not_allowed": "This method is not allowed here.",
    "csrf_check_failed": "The request was refused for your protection.",
    "server_error": "Something went wrong on our side.",
    "service_unavailable": "The service is unavailable for a moment. Try again shortly.",
    "bad_request": "The request could not be understood.",
    "forbidden": "This is not allowed.",
    "passkey_invalid": "That passkey could not be used. Try again.",
}
# Errors of the database connection rather than of a query: the database is down, restarting or
# unreachable. Django closes such a connection at the end of the request, and the next one
# connects again, so the answer says to come back rather than that something broke.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_UNAVAILABLE_SEC = 5

BEARER_CHALLENGE = 'Bearer realm="reel"'
INVALID_TOKEN_CHALLENGE = 'Bearer realm="reel", error="invalid_token"'
# RFC 9470 §3: the token is valid, but its authentication is older than the endpoint allows.
REAUTHENTICATION_CHALLENGE = 'Bearer realm="reel", error="insufficient_user_authentication", max_age="300"'


def problem(status, code, title=None, detail=None, headers=None, members=None):
    """`members`: the extension members (RFC 9457 §3.2) a problem type defines, e.g. a `linkToken`."""
    body = {
        "type": f"https://reel.example/problems/{code}",
        "title": title or TITLES[code],
        "status": status,
        "code": code,
    }
    if detail is not None:
        body["detail"] = detail
    body.update(members or {})
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class AccessTokenRejected(exceptions.AuthenticationFailed):
    """A Bearer token that was sent but cannot be accepted (`token_invalid` / `token_expired`)."""

    TITLES = {
        "token_invalid": "Your sign-in is not valid.",
        "token_expired": "Your sign-in has expired.",
    }

    def __init__(self, code):
        super().__init__(self.TITLES[code], code)


def service_unavailable():
    return problem(503, "service_unavailable", headers={"Retry-After": str(RETRY_AFTER_UNAVAILABLE_SEC)})


def problem_exception_handler(exc, context):
    """DRF's exceptions as problems, with the RFC 6750 challenge the contract asks for."""
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return service_unavailable()
    if isinstance(exc, ReauthenticationRequired):
        return problem(
            401,
            "reauthentication_required",
            str(exc.detail),
            headers={"WWW-Authenticate": REAUTHENTICATION_CHALLENGE},
        )
    if isinstance(exc, AccessTokenRejected):
        code = exc.get_codes()
        return problem(401, code, exc.TITLES[code], headers={"WWW-Authenticate": INVALID_TOKEN_CHALLENGE})
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        return problem(401, "token_missing", "You need to sign in.", headers={"WWW-Authenticate": BEARER_CHALLENGE})
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context["view"]
        return problem(405, "method_not_allowed", headers={"Allow": ", ".join(view.allowed_methods)})
    if isinstance(exc, (exceptions.ParseError, exceptions.UnsupportedMediaType)):
        return problem(400, "validation_failed", detail="The body must be JSON.")
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, "validation_failed", detail=first_error(exc.detail))
    return None


def first_error(detail, path=""):
    """`field: message` for the first error of a serializer, as the contract's `detail` says which field."""
    if isinstance(detail, dict):
        field, errors = next(iter(detail.items()))
        name = "body" if field == "non_field_errors" else field
        return first_error(errors, f"{path}.{name}" if path else name)
    if isinstance(detail, list):
        return first_error(detail[0], path)
    return f"{path or 'body'}: {detail}"


class DatabaseUnavailableMiddleware:
    """`503 service_unavailable` for a view outside DRF (whose views use the handler above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return service_unavailable() if isinstance(exception, DATABASE_UNAVAILABLE) else None


# Django's error views (handler400, handler403, handler500), as problems rather than HTML.
def bad_request(request, exception):
    return problem(400, "bad_request")


def permission_denied(request, exception):
    return problem(403, "forbidden")


def server_error(request):
    return problem(500, "server_error")
