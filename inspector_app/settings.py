"""Settings, declared once: name, type, default and help.

Workspace settings live in the workspace's `setting` table (they travel with a backup);
`get`/`put` refuse names that are not declared here and values of the wrong type, so a typo
cannot create a setting nobody reads. UI-only state (window geometry) stays in Qt's settings
file in the data folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from inspector_app.i18n import tr

if TYPE_CHECKING:
    from inspector_app.store.db import Store
    from inspector_app.store.txn import Txn


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help_zh: str
    help_en: str

    @property
    def help(self) -> str:
        return tr(self.help_zh, self.help_en)


SETTINGS: dict[str, Setting] = {}


def declare(name: str, type_: type, default: Any, help_zh: str, help_en: str) -> Setting:
    if name in SETTINGS:
        raise ValueError(f"setting {name!r} declared twice")
    setting = Setting(name, type_, default, help_zh, help_en)
    SETTINGS[name] = setting
    return setting


declare("device_id", str, "", "本设备的唯一标识（自动生成）", "This device's unique id (generated once)")
declare("language", str, "zh_CN", "界面语言：zh_CN 或 en", "Interface language: zh_CN or en")
declare("inspector.id", str, "", "当前检查员的标识", "Id of the current inspector")
declare("inspector.name", str, "", "当前检查员姓名", "Name of the current inspector")
declare("inspector.cert_no", str, "", "当前检查员执法证号", "Law-enforcement certificate number of the current inspector")
declare("inspector.partner_id", str, "", "同组检查员的标识", "Id of the partner inspector")
declare("bureau", dict, {}, "本局配置：名称、地区简称、文书代字、地址、复议机关、法院", "Bureau configuration: name, region, code words, address, review body, court")
declare("holidays", dict, {}, "节假日与调休上班日（覆盖内置日历）", "Public holidays and make-up working days (overrides the built-in calendar)")
declare("demo.seed", int, 0, "演示数据的随机种子（0 表示不是演示工作区）", "Seed of the demo data (0: not a demo workspace)")


def _declared(name: str) -> Setting:
    try:
        return SETTINGS[name]
    except KeyError:
        raise KeyError(f"undeclared setting {name!r}: declare it in inspector_app/settings.py") from None


def get(store: "Store", name: str) -> Any:
    setting = _declared(name)
    return store.setting(name, setting.default)


def put(txn: "Txn", name: str, value: Any) -> None:
    setting = _declared(name)
    if setting.type is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, setting.type) or (setting.type is int and isinstance(value, bool)):
        raise TypeError(f"setting {name!r} takes {setting.type.__name__}, not {type(value).__name__}")
    txn.set_setting(name, value)
