import json

import pytest

from shopkit import config


def write(tmp_path, data):
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(data))
    return path


def test_defaults_without_file():
    cfg = config.load(None, env={})
    assert cfg.get("db.pool_size") == 4


def test_file_overrides_a_single_db_key(tmp_path):
    cfg = config.load(write(tmp_path, {"db": {"host": "db.internal"}}), env={})
    assert cfg.get("db.host") == "db.internal"
    assert cfg.get("db.pool_size") == 4


def test_checkout_limits_keep_their_defaults(tmp_path):
    cfg = config.load(write(tmp_path, {"checkout": {"currency": "CHF"}}), env={})
    assert cfg.get("checkout.max_items") == 50


def test_env_overrides_db_host():
    cfg = config.load(None, env={"SHOP_DB_HOST": "10.0.0.5"})
    assert cfg.get("db.host") == "10.0.0.5"


class TestCheckoutService:
    def test_listens_on_configured_port(self, app_config):
        assert app_config.get("http.port") == 0

    def test_uses_internal_db(self, app_config):
        assert app_config.get("db.host") == "db.internal"

    def test_db_section_complete(self, app_config):
        assert set(app_config.section("db")) >= {"host", "port", "pool_size"}
