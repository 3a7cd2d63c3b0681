from reel.problems import problem
from reel.sessions import active_session, active_sessions_of, revoke
from reel.models import Session
from reel.token_response import iso
from reel.views.base import json, no_content
from rest_framework.views import APIView


class SessionListView(APIView):
    def get(self, request):
        current = request.reel_session.pk
        return json(
            [
                {
                    "id": session.pk,
                    "createdAt": iso(session.created_at),
                    "lastUsedAt": iso(session.last_used_at),
                    "expiresAt": iso(session.expires_at),
                    "userAgent": session.user_agent,
                    "provider": session.provider,
                    "current": session.pk == current,
                }
                for session in active_sessions_of(request.user)
            ]
        )


class SessionDetailView(APIView):
    def delete(self, request, session_id):
        # Someone else's session answers exactly like a missing one: ids reveal nothing.
        if active_session(session_id, request.user) is None:
            return problem(404, "not_found", detail="No such session.")
        revoke(Session.objects.filter(pk=session_id), "revoked")
        return no_content()
