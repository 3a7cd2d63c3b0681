from reel.problems import problem


def not_found(request, *args, **kwargs):
    return problem(404, "not_found", detail="No such endpoint.")
