"""Start-up before Qt loads: the pointer file read without Qt, the workspace guessed and prefetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector_app.demo import build_demo
from inspector_app.store import open_store
from inspector_app.ui.app import EarlyStart, parse_args
from inspector_app.ui.pointer import read_ini_string
from inspector_app.ui.settings import UiSettings

PATHS = [
    "/home/王芳/现场 检查/workspace",
    "C:\\Users\\张三\\Documents\\ws, 2026",
    " leading space",
    'quote"and;semicolon',
    "a=b#c",
    "tab\there",
    "@at the start",
    "é€😀",
]


@pytest.mark.parametrize("value", PATHS)
def test_pointer_value_read_without_qt_is_what_qsettings_wrote(tmp_path, value):
    """The Qt-free reader returns exactly what QSettings stored for the paths people have
    (a few forms it does not know give None: never a different path)."""
    ini = tmp_path / "ui.ini"
    settings = UiSettings(ini)
    settings.set("ui/language", "en")
    settings.set("ui/last_workspace", value)
    settings.sync()
    assert read_ini_string(ini, "ui", "last_workspace") == value, ini.read_text(encoding="utf-8")


def test_pointer_reader_refuses_what_is_not_a_plain_string(tmp_path):
    ini = tmp_path / "ui.ini"
    ini.write_text("[ui]\nlast_workspace=a, b\n[other]\nlast_workspace=/x\n", encoding="utf-8")
    assert read_ini_string(ini, "ui", "last_workspace") is None          # a list
    assert read_ini_string(ini, "other", "last_workspace") == "/x"       # sections are told apart
    ini.write_text("[ui]\nlast_workspace=@Variant(\\0\\0\\0\\x7f)\n", encoding="utf-8")
    assert read_ini_string(ini, "ui", "last_workspace") is None
    ini.write_bytes(b"[ui]\nlast_workspace=\xff\xfe\n")                   # not UTF-8
    assert read_ini_string(ini, "ui", "last_workspace") is None
    assert read_ini_string(tmp_path / "missing.ini", "ui", "last_workspace") is None


@pytest.fixture
def remembered(tmp_path, monkeypatch) -> Path:
    """A small workspace remembered as the last one in the pointer file."""
    root = tmp_path / "记住的 工作区"
    store = open_store(root)
    build_demo(store, enterprises=20, tasks=12)
    store.close()
    pointer = UiSettings(tmp_path / "ui.ini")
    pointer.set("ui/last_workspace", str(root))
    pointer.sync()
    monkeypatch.setenv("INSPECTOR_UI_CONFIG", str(tmp_path / "ui.ini"))
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "default"))
    return root


def test_early_start_reads_the_remembered_workspace_first_page(remembered, tmp_path):
    import gc

    early = EarlyStart(parse_args([]))
    gc.enable()                                   # EarlyStart holds the collector until the window shows
    assert early.root == remembered.resolve()
    quick = early.quick_start(remembered)
    assert quick is not None
    total, rows = quick.page
    assert total == 12 and len(rows) == 12
    assert early.quick_start(tmp_path / "another") is None     # a different workspace was chosen


def test_prefetched_settings_are_the_stored_values_and_a_malformed_one_means_a_normal_open(remembered):
    import gc
    import sqlite3

    from inspector_app.store.paths import WorkspacePaths

    store = open_store(remembered)
    store.write_sync(lambda txn: (txn.set_setting("language", "en"), txn.set_setting("inspector.name", "王芳 \"老王\"")))
    expected = {key: store.setting(key) for key in ("language", "inspector.name")}
    store.close()
    early = EarlyStart(parse_args(["--data-dir", str(remembered)]))
    gc.enable()
    assert early.quick_start(remembered).settings == expected == {"language": "en", "inspector.name": '王芳 "老王"'}

    with sqlite3.connect(WorkspacePaths(remembered).db) as db:      # damaged by hand
        db.execute("UPDATE setting SET value = '{\"en' WHERE key = 'language'")
    early = EarlyStart(parse_args(["--data-dir", str(remembered)]))
    gc.enable()
    assert early.quick_start(remembered) is None                    # the normal open reports it


def test_early_start_with_data_dir_ignores_the_pointer(remembered, tmp_path):
    import gc

    other = tmp_path / "other"
    open_store(other).close()
    early = EarlyStart(parse_args(["--data-dir", str(other)]))
    gc.enable()
    assert early.root == other.resolve()
    assert early.quick_start(remembered) is None
    quick = early.quick_start(other)
    assert quick is not None and quick.page[0] == 0


def test_empty_demo_workspace_is_built_before_anything_shows(tmp_path):
    import gc

    demo = tmp_path / "demo"
    open_store(demo).close()
    early = EarlyStart(parse_args(["--demo", "--data-dir", str(demo)]))
    gc.enable()
    assert early.quick_start(demo, is_demo=True) is None    # no tasks yet: open and build first
    assert early.quick_start(demo, is_demo=False) is not None


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--smoke-test"], ["--data-dir", "/tmp/工作区 一"], ["--data-dir=/tmp/ws"], ["--lang", "en"],
    ["--lang=zh_CN", "--demo", "--data-dir", "ws"], ["--smoke-test", "--data-dir", "x", "--lang", "en"],
    # left to argparse: abbreviations, repeats, a value that looks like an option, bad choices
    ["--data", "ws"], ["--demo", "--demo"], ["--data-dir", "--demo"], ["--lang", "fr"], ["--data-dir="],
])
def test_gui_options_read_directly_are_what_argparse_reads(argv):
    from inspector_app.ui.app import _parse_plain, argument_parser

    try:
        expected = vars(argument_parser().parse_args(argv))
    except SystemExit:
        expected = None
    plain = _parse_plain(argv)
    if plain is not None:
        assert vars(plain) == expected
    if expected is None:
        assert plain is None                     # argparse reports the usage error
        with pytest.raises(SystemExit):
            parse_args(argv)
    else:
        assert vars(parse_args(argv)) == expected
    if argv[:1] in (["--data"], ["--demo", "--demo"]):
        assert plain is None                     # unusual forms go through argparse


def test_item_roles_are_qt_values():
    """The task list's plain-int roles (no `Qt` namespace before the first paint) are Qt's."""
    from PySide6.QtCore import Qt

    from inspector_app.ui import item_roles as roles

    role = Qt.ItemDataRole
    assert [roles.DISPLAY, roles.TOOLTIP, roles.FONT, roles.TEXT_ALIGNMENT, roles.BACKGROUND, roles.FOREGROUND, roles.USER] == [
        role.DisplayRole.value, role.ToolTipRole.value, role.FontRole.value, role.TextAlignmentRole.value,
        role.BackgroundRole.value, role.ForegroundRole.value, role.UserRole.value]
    assert roles.ALIGN_CENTER == Qt.AlignmentFlag.AlignCenter.value


def test_high_dpi_scale_factor_is_not_rounded(qapp):
    """Fractional scaling (150 %) draws at 1.5, not rounded to 1 or 2: Qt 6's default, which
    start-up relies on instead of setting it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
