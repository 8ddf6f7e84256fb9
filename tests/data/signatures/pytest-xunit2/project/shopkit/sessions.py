"""In-memory login sessions."""

import time
import uuid


class Session:
    def __init__(self, user):
        self.id = str(uuid.uuid4())
        self.user = user
        self.created_ms = time.time_ns() // 1_000_000

    def __repr__(self):
        return f"Session(id={self.id!r}, user={self.user!r}, created_ms={self.created_ms})"


class SessionStore:
    def __init__(self):
        self._sessions = {}

    def create(self, user):
        s = Session(user)
        # make creation order observable even within one millisecond
        while any(o.created_ms >= s.created_ms for o in self._sessions.values()):
            time.sleep(0.001)
            s.created_ms = time.time_ns() // 1_000_000
        self._sessions[s.id] = s
        return s

    def get(self, sid):
        return self._sessions.get(sid)

    def latest_for(self, user):
        """The most recently created session of `user`, or None."""
        mine = [s for s in self._sessions.values() if s.user == user]
        if not mine:
            return None
        return min(mine, key=lambda s: s.created_ms)

    def revoke_all_but_latest(self, user):
        keep = self.latest_for(user)
        for sid in [s.id for s in self._sessions.values() if s.user == user and s is not keep]:
            del self._sessions[sid]
        return keep
