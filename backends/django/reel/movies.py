"""The catalogue: the same films as the mock backend, exported from mocks/backend/movie-seed.ts."""
import json
from pathlib import Path

MOVIES = json.loads((Path(__file__).parent / "movie-seed.json").read_text(encoding="utf-8"))
MOVIES_BY_ID = {movie["id"]: movie for movie in MOVIES}


def search(query):
    needle = query.strip().lower()
    return [
        movie
        for movie in MOVIES
        if needle in movie["title"].lower() or any(genre.lower() == needle for genre in movie["genres"])
    ]
