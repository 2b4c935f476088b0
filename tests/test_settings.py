import pytest

from inspector_app import settings


def test_declared_settings_round_trip_with_defaults(store):
    assert settings.get(store, "language") == "zh_CN"
    store.write_sync(lambda txn: settings.put(txn, "language", "en"))
    assert settings.get(store, "language") == "en"


def test_undeclared_or_mistyped_settings_are_refused(store):
    with pytest.raises(KeyError):
        settings.get(store, "lanugage")
    with pytest.raises(TypeError):
        store.write_sync(lambda txn: settings.put(txn, "demo.seed", "7"))
    with pytest.raises(ValueError):
        settings.declare("language", str, "", "", "")


def test_every_declaration_has_help_in_both_languages():
    for setting in settings.SETTINGS.values():
        assert setting.help_zh and setting.help_en
        assert setting.default is None or isinstance(setting.default, setting.type)
