from django.conf import settings
from django.urls import path, re_path

from reel.views import account, auth, passkeys, oauth, resources, sessions
from reel.views.not_found import not_found
from reel.views.test_reset import TestResetView

urlpatterns = [
    path("api/.well-known/jwks.json", resources.JwksView.as_view()),
    path("api/auth/login", auth.LoginView.as_view()),
    path("api/auth/refresh", auth.RefreshView.as_view()),
    path("api/auth/logout", auth.LogoutView.as_view()),
    path("api/auth/logout-all", auth.LogoutAllView.as_view()),
    path("api/auth/logout-others", auth.LogoutOthersView.as_view()),
    path("api/auth/reauthenticate", auth.ReauthenticateView.as_view()),
    path("api/auth/sessions", sessions.SessionListView.as_view()),
    path("api/auth/sessions/<str:session_id>", sessions.SessionDetailView.as_view()),
    path("api/auth/passkeys/registration-options", passkeys.RegistrationOptionsView.as_view()),
    path("api/auth/passkeys", passkeys.PasskeyListView.as_view()),
    path("api/auth/passkeys/<str:passkey_id>", passkeys.PasskeyDetailView.as_view()),
    path("api/auth/passkey/options", passkeys.PasskeyRequestOptionsView.as_view()),
    path("api/auth/passkey/login", passkeys.PasskeyLoginView.as_view()),
    path("api/auth/providers", oauth.ProviderListView.as_view()),
    path("api/auth/oauth/<str:provider>", oauth.CodeExchangeView.as_view()),
    path("api/me", resources.MeView.as_view()),
    path("api/me/password", account.PasswordView.as_view()),
    path("api/me/providers/<str:provider>", account.ProviderView.as_view()),
    path("api/me/watchlist", resources.WatchlistView.as_view()),
    path("api/me/watchlist/<str:movie_id>", resources.WatchlistEntryView.as_view()),
    path("api/movies", resources.MovieListView.as_view()),
    path("api/movies/<str:movie_id>", resources.MovieDetailView.as_view()),
]
if settings.REEL["TEST_RESET"]:
    urlpatterns.append(path("api/__test__/reset", TestResetView.as_view()))
# Everything else, /api/__lab/* included (a real backend has no lab): a problem, not HTML.
urlpatterns.append(re_path(r"", not_found))
handler400 = "reel.problems.bad_request"
handler403 = "reel.problems.permission_denied"
handler404 = "reel.views.not_found.not_found"
handler500 = "reel.problems.server_error"
