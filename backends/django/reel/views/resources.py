from django.conf import settings
from django.http import JsonResponse

from reel.models import WatchlistEntry
from reel.movies import MOVIES_BY_ID, search
from reel.problems import problem
from reel.serializers import MovieSearchSerializer, parse
from reel.users import user_dto
from reel.views.base import PublicView, json, no_content
from rest_framework.views import APIView

PAGE_SIZE = 12


class JwksView(PublicView):
    def get(self, request):
        key = settings.ACCESS_TOKEN_KEY
        response = JsonResponse({"keys": [{**key.public_jwk, "kid": key.kid, "alg": "ES256", "use": "sig"}]})
        # Public keys may be cached, unlike every private answer.
        response["Cache-Control"] = "public, max-age=300"
        return response


class MeView(APIView):
    def get(self, request):
        return json(user_dto(request.user))


class MovieListView(APIView):
    def get(self, request):
        params = parse(MovieSearchSerializer, request.query_params.dict())
        matches = search(params["query"])
        start = (params["page"] - 1) * PAGE_SIZE
        return json(
            {
                "items": matches[start : start + PAGE_SIZE],
                "page": params["page"],
                "pageSize": PAGE_SIZE,
                "total": len(matches),
            }
        )


class MovieDetailView(APIView):
    def get(self, request, movie_id):
        movie = MOVIES_BY_ID.get(movie_id)
        return json(movie) if movie else problem(404, "not_found", detail="No such movie.")


class WatchlistView(APIView):
    def get(self, request):
        ids = request.user.watchlist.order_by("-added_at", "-pk").values_list("movie_id", flat=True)
        return json([MOVIES_BY_ID[movie_id] for movie_id in ids if movie_id in MOVIES_BY_ID])


class WatchlistEntryView(APIView):
    def put(self, request, movie_id):
        if movie_id not in MOVIES_BY_ID:
            return problem(404, "not_found", detail="No such movie.")
        WatchlistEntry.objects.get_or_create(user=request.user, movie_id=movie_id)
        return no_content()

    def delete(self, request, movie_id):
        WatchlistEntry.objects.filter(user=request.user, movie_id=movie_id).delete()
        return no_content()
