"""Chinese identifiers: USCC (GB 32100-2015), organisation code (GB 11714), licence numbers.

Validation follows shared/domain/rules.md exactly; a wrong check character is reported
together with the expected one so the inspector can spot a typo at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspector_app.i18n import tr

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
USCC_AUTHORITIES = {"1": "机构编制", "5": "民政", "9": "工商", "Y": "其他"}
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass
class CheckResult:
    """Outcome of a validation: errors block saving, warnings are shown but allowed."""

    value: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    expected_check: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


_CLEAN_CODE = re.compile(r"[0-9A-Z]+")


def normalize_code(text: str) -> str:
    """Upper-case, strip spaces and full-width forms typed on Chinese keyboards."""
    if _CLEAN_CODE.fullmatch(text):
        return text
    converted = []
    for ch in text.strip():
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
            ch = chr(code - 0xFEE0)
        if ch in " \u3000-":
            continue
        converted.append(ch)
    return "".join(converted).upper()


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a USCC."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS))
    check = 31 - total % 31
    return USCC_CHARSET[0 if check == 31 else check]


def org_code_check_char(first8: str) -> str:
    """The check character of a GB 11714 organisation code (8 characters + check)."""
    total = 0
    for c, w in zip(first8, ORG_WEIGHTS):
        value = int(c) if c.isdigit() else ord(c) - ord("A") + 10
        total += value * w
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_uscc(raw: str) -> CheckResult:
    """Validate a 统一社会信用代码 per GB 32100-2015."""
    code = normalize_code(raw)
    result = CheckResult(code)
    if len(code) != 18:
        result.errors.append(
            tr("统一社会信用代码应为18位，输入的是{n}位。", "A USCC has 18 characters; this one has {n}.", n=len(code))
        )
        return result
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        result.errors.append(
            tr(
                "统一社会信用代码含有不允许的字符：{chars}（不使用 I、O、S、V、Z）。",
                "The USCC contains characters that are not allowed: {chars} (I, O, S, V and Z are never used).",
                chars=" ".join(bad),
            )
        )
        return result
    if code[0] not in USCC_AUTHORITIES:
        result.warnings.append(
            tr("第1位登记管理部门代码“{c}”不常见。", "Registering authority code '{c}' (position 1) is unusual.", c=code[0])
        )
    if not code[2:8].isdigit():
        result.errors.append(
            tr("第3–8位行政区划码应为数字：{area}。", "Positions 3–8 (area code) must be digits: {area}.", area=code[2:8])
        )
    expected = uscc_check_char(code[:17])
    result.expected_check = expected
    if code[17] != expected:
        result.errors.append(
            tr(
                "校验位错误：第18位应为“{exp}”，输入的是“{got}”。请核对营业执照。",
                "Wrong check character: position 18 should be '{exp}', not '{got}'. Check the business licence.",
                exp=expected,
                got=code[17],
            )
        )
    org = code[8:17]
    if all(c.isdigit() or "A" <= c <= "Z" for c in org) and org_code_check_char(org[:8]) != org[8]:
        result.warnings.append(
            tr(
                "第9–17位组织机构代码校验位不符（应为“{exp}”）。",
                "The organisation code in positions 9–17 has a mismatching check character (expected '{exp}').",
                exp=org_code_check_char(org[:8]),
            )
        )
    return result


def make_uscc(first17: str) -> str:
    """Complete 17 characters into a valid USCC (for demo data and tests)."""
    return first17 + uscc_check_char(first17)


def validate_org_code(raw: str) -> CheckResult:
    """Validate a GB 11714 organisation code; a wrong check character is a warning."""
    code = normalize_code(raw)
    result = CheckResult(code)
    if len(code) != 9 or not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", code):
        result.errors.append(
            tr("组织机构代码应为8位数字或大写字母加1位校验码。", "An organisation code is 8 digits or capital letters plus a check character.")
        )
        return result
    expected = org_code_check_char(code[:8])
    result.expected_check = expected
    if code[8] != expected:
        result.warnings.append(
            tr("组织机构代码校验位应为“{exp}”。", "The organisation code's check character should be '{exp}'.", exp=expected)
        )
    return result


PROVINCE_ABBREVIATIONS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
_XK_RE = re.compile(rf"^(?:[{PROVINCE_ABBREVIATIONS}])?XK(\d{{2}})-(\d{{3}})-(\d{{5}})$")
_SC_RE = re.compile(r"^SC\d{14}$")
_CCC_RE = re.compile(r"^\d{16}$")

CERTIFICATE_TYPES = ("生产许可证", "SC", "CCC", "其他", "无")


def validate_licence(kind: str, raw: str) -> CheckResult:
    """Check a certificate number's format by its type (生产许可证 / SC / CCC)."""
    number = normalize_code(raw) if kind != "生产许可证" else raw.strip().upper().replace(" ", "")
    result = CheckResult(number)
    if kind in ("生产许可证", "XK"):
        if not _XK_RE.match(number):
            result.errors.append(
                tr(
                    "生产许可证编号格式应为“(省简称)XK两位-三位-五位”，例如 鲁XK06-001-00123。",
                    "A production licence number looks like '(province)XKaa-bbb-ccccc', e.g. 鲁XK06-001-00123.",
                )
            )
    elif kind == "SC":
        if not _SC_RE.match(number):
            result.errors.append(
                tr("SC 食品生产许可证编号为“SC”加14位数字。", "An SC food licence number is 'SC' followed by 14 digits.")
            )
    elif kind == "CCC":
        if not _CCC_RE.match(number):
            result.errors.append(
                tr("CCC 证书编号为16位数字（年份4位+机构2位+类别4位+序号6位）。",
                   "A CCC certificate number has 16 digits (year 4, body 2, category 4, sequence 6).")
            )
        elif not 2002 <= int(number[:4]) <= 2100:
            result.errors.append(
                tr("CCC 证书编号前4位应为首次发证年份：{y}。", "The first 4 digits of a CCC number are the year first issued: {y}.", y=number[:4])
            )
    elif kind in ("其他", "无"):
        pass
    else:
        result.errors.append(tr("未知的证书类型：{k}", "Unknown certificate type: {k}", k=kind))
    return result
