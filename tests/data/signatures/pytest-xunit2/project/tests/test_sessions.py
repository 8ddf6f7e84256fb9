from shopkit.sessions import SessionStore


def test_get_by_id():
    store = SessionStore()
    s = store.create("alice")
    assert store.get(s.id) is s


def test_latest_session_wins():
    store = SessionStore()
    store.create("alice")
    newest = store.create("alice")
    assert store.latest_for("alice").id == newest.id


def test_latest_session_timestamp():
    store = SessionStore()
    for _ in range(3):
        newest = store.create("bob")
    assert store.latest_for("bob").created_ms == newest.created_ms


def test_revoke_keeps_newest():
    store = SessionStore()
    store.create("carol")
    newest = store.create("carol")
    kept = store.revoke_all_but_latest("carol")
    assert kept is newest


def test_unknown_user():
    assert SessionStore().latest_for("mallory") is None
