import pytest

from inspector_app.domain.identifiers import (
    make_uscc, normalize_code, org_code_check_char, uscc_check_char, validate_licence, validate_org_code, validate_uscc,
)
from inspector_app.i18n import set_language

# Published codes: the example of GB 32100-2015 and well-known companies' business licences.
PUBLISHED = ["91350100M000100Y43", "914403001922038216", "91440300708461136T", "91330100799655058B"]


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_are_valid(code):
    result = validate_uscc(code)
    assert result.ok, result.errors
    assert result.warnings == []


def test_wrong_check_character_names_the_expected_one():
    result = validate_uscc("91350100M000100Y4A")
    assert not result.ok
    assert result.expected_check == "3"
    assert "“3”" in result.errors[0]


def test_english_message_names_expected_character():
    set_language("en")
    try:
        result = validate_uscc("91440300708461136X")
        assert "should be 'T'" in result.errors[0]
    finally:
        set_language("zh_CN")


@pytest.mark.parametrize("code, fragment", [
    ("9135010", "18"),
    ("91350100M000100YI3", "I"),
    ("91350100M000100YO3", "O"),
    ("91ABCDEFM000100Y43", "3–8"),
])
def test_malformed_codes_are_rejected_with_reason(code, fragment):
    result = validate_uscc(code)
    assert not result.ok
    assert fragment in " ".join(result.errors)


def test_full_width_and_lower_case_input_is_normalised():
    assert normalize_code("９１３５０１００ｍ０００１００ｙ４３") == "91350100M000100Y43"
    assert validate_uscc(" 91350100m000100y43 ").ok


def test_check_character_31_maps_to_zero():
    # Find a prefix whose weighted sum is a multiple of 31 → check value 31 → '0'.
    for n in range(10000):
        prefix = f"9137010{n:010d}"
        if uscc_check_char(prefix) == "0":
            assert validate_uscc(prefix + "0").ok
            break
    else:
        pytest.fail("no prefix with check 0 found")


def test_make_uscc_round_trip():
    assert validate_uscc(make_uscc("91370102MA3C4B5X6")).ok


def test_org_code_mismatch_is_a_warning_not_an_error():
    good = "M000100Y4"
    assert org_code_check_char(good[:8]) == "4"
    assert validate_org_code(good).warnings == []
    bad = validate_org_code("M000100Y5")
    assert bad.ok and bad.warnings
    # inside a USCC: valid check character overall but the embedded organisation code is off
    code = make_uscc("91350100M000100Y5")
    result = validate_uscc(code)
    assert result.ok and result.warnings


def test_org_code_check_maps_10_to_x_and_11_to_0():
    seen = {org_code_check_char(f"{n:08d}") for n in range(2000)}
    assert "X" in seen and "0" in seen


@pytest.mark.parametrize("kind, number, ok", [
    ("生产许可证", "鲁XK06-001-00123", True),
    ("生产许可证", "XK06-001-00123", True),
    ("生产许可证", "鲁XK6-001-00123", False),
    ("SC", "SC10637010200123", True),
    ("SC", "SC1063701020012", False),
    ("CCC", "2021010701234567", True),
    ("CCC", "1999010701234567", False),
    ("CCC", "20210107012345", False),
    ("无", "", True),
])
def test_licence_formats(kind, number, ok):
    assert validate_licence(kind, number).ok is ok
