"""The condition language: parsing, type checking and evaluation (never `eval`)."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector_app.i18n import set_language
from inspector_app.checklists.expr import (
    BOOL, DATE, LIST, NUMBER, STRING, Context, ExpressionError, RefType, check_types, parse_expression,
)

@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("zh_CN")


TYPES = {
    "r": RefType(STRING, frozenset({"符合", "不符合", "不适用"}), "${r}"),
    "n": RefType(NUMBER),
    "m": RefType(NUMBER),
    "t": RefType(STRING),
    "d": RefType(DATE),
    "c": RefType(STRING, frozenset({"yes", "no"}), "${c}"),
    "multi": RefType(LIST, frozenset({"a", "b", "none"}), "${multi}"),
    "sig": RefType(BOOL),
}


def run(source: str, values: dict, self_value=None, self_type: RefType | None = None) -> object:
    expr = parse_expression(source)
    check_types(expr, TYPES.get, self_type, want="any")
    return expr.evaluate(Context(values.get, self_value, today=dt.date(2026, 11, 21)))


@pytest.mark.parametrize("source, values, expected", [
    ("${r} = '符合'", {"r": "符合"}, True),
    ("${r} != '符合'", {"r": "不符合"}, True),
    ("${n} >= 2 and ${n} < 10", {"n": 5}, True),
    ("${n} >= 2 and ${n} < 10", {"n": 10}, False),
    ("not (${n} > 3)", {"n": 1}, True),
    ("${n} + ${m} * 2 = 7", {"n": 1, "m": 3}, True),
    ("-${n} < 0", {"n": 1}, True),
    ("${n} / 0 = null", {"n": 1}, True),  # division by zero is "no value", not a crash
    ("${c} in ('yes', 'no')", {"c": "no"}, True),
    ("${c} not in ('yes')", {"c": "yes"}, False),
    ("selected(${multi}, 'a')", {"multi": ["a", "b"]}, True),
    ("selected(${multi}, 'none')", {"multi": ["a", "b"]}, False),
    ("count-selected(${multi}) = 2", {"multi": ["a", "b"]}, True),
    ("count-selected(${multi}) = 0", {}, True),
    ("${multi} in ['b']", {"multi": ["a", "b"]}, True),
    ("${d} <= today()", {"d": dt.date(2026, 11, 20)}, True),
    ("${d} > date('2026-01-01')", {"d": dt.date(2025, 12, 31)}, False),
    ("today() - ${d} = 1", {"d": dt.date(2026, 11, 20)}, True),
    ("${d} + 30 > today()", {"d": dt.date(2026, 11, 1)}, True),
    ("string-length(${t}) >= 3", {"t": "不合格品"}, True),
    ("answered(${t})", {"t": ""}, False),
    ("answered(${sig})", {"sig": True}, True),
    ("${t} = \"it's\"", {"t": "it's"}, True),
    ("'a\\'b' = ${t}", {"t": "a'b"}, True),
    ("1.5 < 2", {}, True),
    ("true or false", {}, True),
])
def test_evaluates(source, values, expected):
    assert run(source, values) is expected


def test_unanswered_is_null_and_comparisons_with_null_are_false():
    assert run("${n} > 1", {}) is False
    assert run("${n} <= 1", {}) is False
    assert run("${n} != 1", {}) is False
    assert run("${n} = null", {}) is True
    assert run("${n} != null", {"n": 0}) is True  # 0 is an answer
    assert run("not (${n} > 1)", {}) is True
    assert run("${n} + 1 = null", {}) is True


def test_self_value_in_constraints():
    assert run(". >= 2", {}, self_value=3, self_type=TYPES["n"]) is True
    assert run("not (selected(., 'none') and count-selected(.) > 1)", {}, self_value=["none", "a"], self_type=TYPES["multi"]) is False


def test_refs_are_collected():
    expr = parse_expression("${a} = 1 or selected(${b}, 'x') and count-selected(${c}) > ${a}")
    assert expr.refs == {"a", "b", "c"}
    assert not expr.uses_self
    assert parse_expression(". > ${lot}").uses_self


@pytest.mark.parametrize("source, fragment", [
    ("", "empty"),
    ("${a", "malformed reference"),
    ("${1a} = 1", "malformed reference"),
    ("${a} ==", "unexpected"),
    ("(${a} = 1", "expected ')'"),
    ("${a} = 1)", "unexpected ')'"),
    ("'open", "unexpected character"),
    ("${a} # 1", "unexpected character '#'"),
    ("__import__('os')", "unknown name '__import__'"),
    ("open('x')", "unknown name 'open'"),
    ("${a}.b", "unexpected"),
    ("selected(${a})", "takes 2 argument"),
    ("date('2026-13-01') > ${d}", "not a date"),
    ("${a} in 3", "expected a list"),
    ("${a} not 3", "unexpected 'not'"),
])
def test_syntax_errors_are_refused_with_position(source, fragment):
    with pytest.raises(ExpressionError) as info:
        parse_expression(source)
    assert fragment in str(info.value)
    assert info.value.pos is not None


@pytest.mark.parametrize("source, fragment", [
    ("${nope} = 1", "unknown item ${nope}"),
    ("${n} = 'x'", "cannot compare a number with a string"),
    ("${d} > 3", "cannot compare a date with a number"),
    ("${r} = 'pass'", "'pass' is not a possible answer of ${r}"),
    ("${c} in ('yes', 'maybe')", "'maybe' is not a possible answer"),
    ("selected(${multi}, 'c')", "'c' is not a possible answer"),
    ("${n} and true", "'and' cannot be used with a number"),
    ("not ${t}", "'not' cannot be used with a string"),
    ("${t} + 1 > 2", "'+' cannot be used with a string"),
    ("count-selected('a') > 1", "takes an item reference"),
    ("string-length(${n}) > 1", "cannot be used with a number"),
    (". > 1", "only allowed in a constraint"),
])
def test_type_errors(source, fragment):
    expr = parse_expression(source)
    with pytest.raises(ExpressionError) as info:
        check_types(expr, TYPES.get, None, want="any")
    assert fragment in str(info.value)


def test_messages_are_translated():
    set_language("zh_CN")
    with pytest.raises(ExpressionError, match="未知项目"):
        check_types(parse_expression("${nope} = 1"), TYPES.get, None, want="any")
    with pytest.raises(ExpressionError, match="不能比较数字和文字"):
        check_types(parse_expression("${n} = 'x'"), TYPES.get, None, want="any")


def test_condition_must_be_boolean():
    expr = parse_expression("${n} + 1")
    with pytest.raises(ExpressionError, match="must be true/false"):
        check_types(expr, TYPES.get, None, want=BOOL)


def test_pathological_input_is_refused_not_crashing():
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_expression("(" * 600 + "1" + ")" * 600)
    with pytest.raises(ExpressionError, match="longer than"):
        parse_expression("1 = 1 and " * 300 + "true")
    with pytest.raises(ExpressionError):
        parse_expression(42)


def test_no_python_evaluation_is_possible():
    # Attribute access, indexing and calls of arbitrary names are simply not in the grammar.
    for source in ("().__class__", "[].__class__", "${a}[0]", "lambda: 1", "import os"):
        with pytest.raises(ExpressionError):
            parse_expression(source)
