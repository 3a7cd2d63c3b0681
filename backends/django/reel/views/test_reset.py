from reel.seed import reset_for_tests
from reel.views.base import PublicView, no_content


class TestResetView(PublicView):
    """`POST /api/__test__/reset` for the contract suite; routed only when REEL_TEST_RESET=1."""

    def post(self, request):
        reset_for_tests()
        return no_content()
