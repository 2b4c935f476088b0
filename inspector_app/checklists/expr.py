"""The condition language of templates: tokenizer, recursive-descent parser, type check,
compiled evaluation. Templates are data from outside the code, so nothing here ever calls
`eval`; an expression can only read answers and compute booleans, numbers, strings, dates.

Grammar (lowest precedence first)::

    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("="|"=="|"!="|"<"|"<="|">"|">=") sum | ["not"] "in" list)?
    sum     := product (("+"|"-") product)*
    product := unary (("*"|"/") unary)*
    unary   := "-" unary | primary
    primary := NUMBER | STRING | true | false | null | ${item} | "." | NAME "(" args ")"
             | "(" or ")" | list
    list    := "[" [or ("," or)*] "]" | "(" or ("," or)+ ")"

An unanswered or hidden item is `null`: arithmetic with null gives null, every comparison
with null is false except `= null` / `!= null`, and `and`/`or`/`not` treat null as false.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from inspector_app.i18n import tr

# -- types ------------------------------------------------------------------------------------
NUMBER, STRING, DATE, BOOL, LIST, NULL, ANY = "number", "string", "date", "bool", "list", "null", "any"


class ExpressionError(ValueError):
    """An expression that cannot be parsed or does not type-check; `pos` is the character offset."""

    def __init__(self, message: str, pos: int | None = None):
        where = "" if pos is None else tr("（第 {n} 个字符处）", " (at character {n})", n=pos + 1)
        super().__init__(message + where)
        self.message = message
        self.pos = pos


TYPE_NAMES = {NUMBER: ("数字", "number"), STRING: ("文字", "string"), DATE: ("日期", "date"), BOOL: ("真/假", "true/false value"),
              LIST: ("多选答案", "list"), NULL: ("空值", "null"), ANY: ("任意值", "value")}


def type_name(type_: str) -> str:
    zh, en = TYPE_NAMES.get(type_, (type_, type_))
    return tr(zh, en)


def _end() -> str:
    return tr("表达式结尾", "end of expression")


# -- tokenizer --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    kind: str  # num str ref dot name op eof
    text: str
    pos: int
    value: Any = None


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<ref>\$\{\s*(?P<refname>[A-Za-z_][A-Za-z0-9_]*)\s*\})
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op><=|>=|!=|==|<>|[=<>+\-*/(),\[\].])
    """,
    re.VERBOSE,
)
KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            if text[pos] == "$":
                raise ExpressionError(tr("引用格式错误：应写作 ${项目id}（字母、数字、下划线）", "malformed reference: write ${item_id} (letters, digits, _)"), pos)
            raise ExpressionError(tr("不能识别的字符 {c!r}", "unexpected character {c!r}", c=text[pos]), pos)
        kind = "ref" if match.group("ref") else match.lastgroup
        chunk = match.group(0)
        if kind == "num":
            tokens.append(Token("num", chunk, pos, float(chunk) if "." in chunk else int(chunk)))
        elif kind == "str":
            body = re.sub(r"\\(.)", r"\1", chunk[1:-1])
            tokens.append(Token("str", chunk, pos, body))
        elif kind == "ref":
            tokens.append(Token("ref", chunk, pos, match.group("refname")))
        elif kind == "name":
            tokens.append(Token("kw" if chunk in KEYWORDS else "name", chunk, pos, chunk))
        elif kind == "op":
            tokens.append(Token("dot" if chunk == "." else "op", chunk, pos, chunk))
        pos = match.end()
    tokens.append(Token("eof", "", len(text)))
    return tokens


# -- AST --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Node:
    pos: int


@dataclass(frozen=True)
class Literal(Node):
    value: Any
    type: str


@dataclass(frozen=True)
class Ref(Node):
    name: str


@dataclass(frozen=True)
class Self(Node):
    pass


@dataclass(frozen=True)
class Unary(Node):
    op: str  # not | neg
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str  # and or = != < <= > >= + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class In(Node):
    operand: Node
    options: tuple[Node, ...]
    negated: bool = False


@dataclass(frozen=True)
class Call(Node):
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class ListLit(Node):
    items: tuple[Node, ...]


# -- parser -----------------------------------------------------------------------------------
FUNCTIONS = {
    # name: (argument count, result type)
    "selected": (2, BOOL),
    "count-selected": (1, NUMBER),
    "answered": (1, BOOL),
    "today": (0, DATE),
    "date": (1, DATE),
    "string-length": (1, NUMBER),
}
COMPARE_OPS = {"=": "=", "==": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.tok
        return token.kind == kind and (text is None or token.text == text)

    def expect(self, kind: str, text: str) -> Token:
        if not self.at(kind, text):
            raise ExpressionError(tr("此处应为 {want!r}，实际是 {got!r}", "expected {want!r}, found {got!r}", want=text, got=self.tok.text or _end()), self.tok.pos)
        return self.take()

    def parse(self) -> Node:
        if self.at("eof"):
            raise ExpressionError(tr("表达式为空", "empty expression"), 0)
        node = self.or_()
        if not self.at("eof"):
            raise ExpressionError(tr("多余的 {t!r}", "unexpected {t!r}", t=self.tok.text), self.tok.pos)
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.at("kw", "or"):
            pos = self.take().pos
            node = Binary(pos, "or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("kw", "and"):
            pos = self.take().pos
            node = Binary(pos, "and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.at("kw", "not"):
            pos = self.take().pos
            return Unary(pos, "not", self.not_())
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        if self.tok.kind == "op" and self.tok.text in COMPARE_OPS:
            token = self.take()
            return Binary(token.pos, COMPARE_OPS[token.text], node, self.sum())
        negated = False
        if self.at("kw", "not") and self.tokens[self.i + 1].kind == "kw" and self.tokens[self.i + 1].text == "in":
            self.take()
            negated = True
        if self.at("kw", "in"):
            pos = self.take().pos
            options = self.list_literal(allow_paren=True)
            return In(pos, node, options.items, negated)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.tok.kind == "op" and self.tok.text in "+-":
            token = self.take()
            node = Binary(token.pos, token.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in "*/":
            token = self.take()
            node = Binary(token.pos, token.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.at("op", "-"):
            pos = self.take().pos
            return Unary(pos, "neg", self.unary())
        return self.primary()

    def list_literal(self, allow_paren: bool) -> ListLit:
        start = self.tok
        if self.at("op", "[") or (allow_paren and self.at("op", "(")):
            close = "]" if start.text == "[" else ")"
            self.take()
            items: list[Node] = []
            if not self.at("op", close):
                items.append(self.or_())
                while self.at("op", ","):
                    self.take()
                    items.append(self.or_())
            self.expect("op", close)
            return ListLit(start.pos, tuple(items))
        raise ExpressionError(tr("此处应为列表，例如 ('a', 'b')", "expected a list like ('a', 'b')"), start.pos)

    def primary(self) -> Node:
        token = self.tok
        if token.kind == "num":
            self.take()
            return Literal(token.pos, token.value, NUMBER)
        if token.kind == "str":
            self.take()
            return Literal(token.pos, token.value, STRING)
        if token.kind == "kw" and token.text in ("true", "false"):
            self.take()
            return Literal(token.pos, token.text == "true", BOOL)
        if token.kind == "kw" and token.text == "null":
            self.take()
            return Literal(token.pos, None, NULL)
        if token.kind == "ref":
            self.take()
            return Ref(token.pos, token.value)
        if token.kind == "dot":
            self.take()
            return Self(token.pos)
        if token.kind == "name":
            self.take()
            if token.text not in FUNCTIONS:
                raise ExpressionError(
                    f"unknown name {token.text!r}; functions are {', '.join(sorted(FUNCTIONS))}, items are written ${{id}}",
                    token.pos,
                )
            self.expect("op", "(")
            args: list[Node] = []
            if not self.at("op", ")"):
                args.append(self.or_())
                while self.at("op", ","):
                    self.take()
                    args.append(self.or_())
            self.expect("op", ")")
            arity = FUNCTIONS[token.text][0]
            if len(args) != arity:
                raise ExpressionError(tr("{f}() 需要 {n} 个参数，给了 {got} 个", "{f}() takes {n} argument(s), got {got}", f=token.text, n=arity, got=len(args)), token.pos)
            if token.text == "date":
                return _date_literal(args[0], token.pos)
            return Call(token.pos, token.text, tuple(args))
        if self.at("op", "("):
            self.take()
            node = self.or_()
            self.expect("op", ")")
            return node
        if self.at("op", "["):
            return self.list_literal(allow_paren=False)
        raise ExpressionError(tr("多余的 {t!r}", "unexpected {t!r}", t=token.text or _end()), token.pos)


def _date_literal(arg: Node, pos: int) -> Literal:
    if not (isinstance(arg, Literal) and arg.type == STRING):
        raise ExpressionError(tr("date() 需要一个日期文字 'YYYY-MM-DD'", "date() takes a literal 'YYYY-MM-DD'"), pos)
    try:
        return Literal(pos, dt.date.fromisoformat(arg.value), DATE)
    except ValueError:
        raise ExpressionError(tr("不是有效日期（YYYY-MM-DD）：{v!r}", "not a date (YYYY-MM-DD): {v!r}", v=arg.value), pos) from None


# -- public expression object -----------------------------------------------------------------
@dataclass
class Expr:
    """A parsed expression: its source, AST, the item ids it reads and (after `check`) a compiled function."""

    source: str
    ast: Node
    refs: frozenset[str]
    uses_self: bool
    fn: Callable[["Context"], Any] | None = field(default=None, repr=False)

    def evaluate(self, ctx: "Context") -> Any:
        if self.fn is None:
            self.fn = compile_node(self.ast)
        return self.fn(ctx)

    def test(self, ctx: "Context") -> bool:
        """Evaluate as a condition: only a real `true` counts."""
        return self.evaluate(ctx) is True


MAX_LENGTH = 2000


def parse_expression(text: str) -> Expr:
    if not isinstance(text, str):
        raise ExpressionError(tr("表达式应为文字，而不是 {t}", "an expression must be text, not {t}", t=type(text).__name__))
    if len(text) > MAX_LENGTH:
        raise ExpressionError(tr("表达式超过 {n} 个字符", "the expression is longer than {n} characters", n=MAX_LENGTH))
    try:
        ast = _Parser(text).parse()
    except RecursionError:
        raise ExpressionError(tr("表达式嵌套过深", "the expression is nested too deeply")) from None
    refs: set[str] = set()
    uses_self = False
    stack = [ast]
    while stack:
        node = stack.pop()
        if isinstance(node, Ref):
            refs.add(node.name)
        elif isinstance(node, Self):
            uses_self = True
        elif isinstance(node, Unary):
            stack.append(node.operand)
        elif isinstance(node, Binary):
            stack.extend((node.left, node.right))
        elif isinstance(node, In):
            stack.append(node.operand)
            stack.extend(node.options)
        elif isinstance(node, (Call, ListLit)):
            stack.extend(node.args if isinstance(node, Call) else node.items)
    return Expr(text, ast, frozenset(refs), uses_self)


# -- type checking ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RefType:
    """What an item reference yields: its type and, for result/choice items, the allowed strings."""

    type: str
    enum: frozenset[str] | None = None
    label: str = ""


def check_types(expr: Expr, resolve: Callable[[str], RefType | None], self_type: RefType | None, want: str = BOOL) -> None:
    """Raise ExpressionError for unknown items, wrong types and impossible option values."""

    def typ(node: Node) -> RefType:
        if isinstance(node, Literal):
            return RefType(node.type)
        if isinstance(node, Ref):
            found = resolve(node.name)
            if found is None:
                raise ExpressionError(tr("未知项目 ${{{n}}}", "unknown item ${{{n}}}", n=node.name), node.pos)
            return found
        if isinstance(node, Self):
            if self_type is None:
                raise ExpressionError(tr("“.”（本项目的答案）只能用在约束（constraint）中", "'.' (this item's answer) is only allowed in a constraint"), node.pos)
            return self_type
        if isinstance(node, Unary):
            inner = typ(node.operand)
            if node.op == "not":
                _need(inner, (BOOL,), node, "not")
                return RefType(BOOL)
            _need(inner, (NUMBER,), node, "-")
            return RefType(NUMBER)
        if isinstance(node, Binary):
            left, right = typ(node.left), typ(node.right)
            if node.op in ("and", "or"):
                _need(left, (BOOL,), node, node.op)
                _need(right, (BOOL,), node, node.op)
                return RefType(BOOL)
            if node.op in ("=", "!="):
                if NULL in (left.type, right.type):
                    return RefType(BOOL)
                _comparable(left, right, node)
                _enum_ok(left, node.right, right)
                _enum_ok(right, node.left, left)
                return RefType(BOOL)
            if node.op in ("<", "<=", ">", ">="):
                for side in (left, right):
                    _need(side, (NUMBER, DATE, STRING), node, node.op)
                _comparable(left, right, node)
                return RefType(BOOL)
            if node.op == "-" and left.type == DATE and right.type == DATE:
                return RefType(NUMBER)
            if node.op in "+-" and left.type == DATE:
                _need(right, (NUMBER,), node, node.op)
                return RefType(DATE)
            _need(left, (NUMBER,), node, node.op)
            _need(right, (NUMBER,), node, node.op)
            return RefType(NUMBER)
        if isinstance(node, In):
            operand = typ(node.operand)
            for option in node.options:
                option_type = typ(option)
                _comparable(operand, option_type, option)
                _enum_ok(operand, option, option_type)
            return RefType(BOOL)
        if isinstance(node, ListLit):
            for item in node.items:
                typ(item)
            return RefType(LIST)
        if isinstance(node, Call):
            args = [typ(a) for a in node.args]
            if node.name in ("selected", "count-selected"):
                if not isinstance(node.args[0], (Ref, Self)):
                    raise ExpressionError(tr("{f}() 的第一个参数应为项目引用", "{f}() takes an item reference first", f=node.name), node.pos)
                _need(args[0], (LIST, STRING), node, node.name)
                if node.name == "selected":
                    _need(args[1], (STRING,), node, "selected")
                    _enum_ok(args[0], node.args[1], args[1])
            elif node.name == "answered":
                if not isinstance(node.args[0], (Ref, Self)):
                    raise ExpressionError(tr("answered() 的参数应为项目引用", "answered() takes an item reference"), node.pos)
            elif node.name == "string-length":
                _need(args[0], (STRING,), node, node.name)
            return RefType(FUNCTIONS[node.name][1])
        raise ExpressionError(tr("不支持的表达式", "unsupported expression"), node.pos)

    result = typ(expr.ast)
    if want != ANY and result.type not in (want, ANY):
        raise ExpressionError(tr("条件的结果应为真/假，实际是{t}", "the condition must be true/false, but it gives a {t}", t=type_name(result.type)), 0)
    expr.fn = compile_node(expr.ast)


def _need(t: RefType, allowed: tuple[str, ...], node: Node, op: str) -> None:
    if t.type not in allowed and t.type != ANY:
        raise ExpressionError(tr("{op!r} 不能用于{t}{label}", "{op!r} cannot be used with a {t}{label}", op=op, t=type_name(t.type),
                                label=f" ({t.label})" if t.label else ""), node.pos)


def _comparable(a: RefType, b: RefType, node: Node) -> None:
    if ANY in (a.type, b.type) or NULL in (a.type, b.type):
        return
    # a multiple-choice answer compares its options as strings (`selected` is the usual way)
    ta = STRING if a.type == LIST else a.type
    tb = STRING if b.type == LIST else b.type
    if ta != tb:
        raise ExpressionError(tr("不能比较{a}和{b}", "cannot compare a {a} with a {b}", a=type_name(a.type), b=type_name(b.type)), node.pos)


def _enum_ok(side: RefType, other_node: Node, other: RefType) -> None:
    if side.enum is None or not isinstance(other_node, Literal) or other.type != STRING:
        return
    if other_node.value not in side.enum:
        allowed = " / ".join(sorted(side.enum))
        raise ExpressionError(tr("{v!r} 不是 {item} 的可选答案（{allowed}）", "{v!r} is not a possible answer of {item} ({allowed})",
                                v=other_node.value, item=side.label or "?", allowed=allowed), other_node.pos)


# -- evaluation -------------------------------------------------------------------------------
class Context:
    """What an expression reads: `value(item_id)` (None when unanswered/hidden), `self_value`."""

    __slots__ = ("value", "self_value", "today")

    def __init__(self, value: Callable[[str], Any], self_value: Any = None, today: dt.date | None = None):
        self.value = value
        self.self_value = self_value
        self.today = today


def _cmp(op: str) -> Callable[[Any, Any], bool]:
    import operator

    fn = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]

    def compare(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return False
        if isinstance(a, list):  # multiple choice against a string: "is this option selected"
            return (b in a) if op == "=" else (b not in a) if op == "!=" else False
        try:
            return bool(fn(a, b))
        except TypeError:
            return False

    return compare


def compile_node(node: Node) -> Callable[[Context], Any]:
    """Turn the AST into nested closures (fast to call many times, no `eval`)."""
    if isinstance(node, Literal):
        value = node.value
        return lambda ctx: value
    if isinstance(node, Ref):
        name = node.name
        return lambda ctx: ctx.value(name)
    if isinstance(node, Self):
        return lambda ctx: ctx.self_value
    if isinstance(node, Unary):
        inner = compile_node(node.operand)
        if node.op == "not":
            return lambda ctx: inner(ctx) is not True
        return lambda ctx: None if (v := inner(ctx)) is None else -v
    if isinstance(node, Binary):
        left, right = compile_node(node.left), compile_node(node.right)
        if node.op == "and":
            return lambda ctx: left(ctx) is True and right(ctx) is True
        if node.op == "or":
            return lambda ctx: left(ctx) is True or right(ctx) is True
        if node.op in ("=", "!="):
            if isinstance(node.right, Literal) and node.right.type == NULL or isinstance(node.left, Literal) and node.left.type == NULL:
                other = left if isinstance(node.right, Literal) and node.right.type == NULL else right
                if node.op == "=":
                    return lambda ctx: _is_empty(other(ctx))
                return lambda ctx: not _is_empty(other(ctx))
        if node.op in COMPARE_OPS.values():
            compare = _cmp(node.op)
            return lambda ctx: compare(left(ctx), right(ctx))
        return _arith(node.op, left, right)
    if isinstance(node, In):
        operand = compile_node(node.operand)
        options = [compile_node(o) for o in node.options]
        negated = node.negated

        def contains(ctx: Context) -> bool:
            value = operand(ctx)
            if value is None:
                return False
            values = [o(ctx) for o in options]
            hit = any(v in values for v in value) if isinstance(value, list) else value in values
            return hit != negated

        return contains
    if isinstance(node, ListLit):
        items = [compile_node(i) for i in node.items]
        return lambda ctx: [i(ctx) for i in items]
    if isinstance(node, Call):
        args = [compile_node(a) for a in node.args]
        if node.name == "selected":
            target, option = args

            def selected(ctx: Context) -> bool:
                value, opt = target(ctx), option(ctx)
                if isinstance(value, list):
                    return opt in value
                return value is not None and value == opt

            return selected
        if node.name == "count-selected":
            target = args[0]
            return lambda ctx: len(v) if isinstance(v := target(ctx), list) else (0 if v is None else 1)
        if node.name == "answered":
            target = args[0]
            return lambda ctx: not _is_empty(target(ctx))
        if node.name == "today":
            return lambda ctx: ctx.today or dt.date.today()
        if node.name == "string-length":
            target = args[0]
            return lambda ctx: len(v) if isinstance(v := target(ctx), str) else 0
    raise ExpressionError(tr("不支持的表达式", "unsupported expression"), node.pos)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _arith(op: str, left: Callable[[Context], Any], right: Callable[[Context], Any]) -> Callable[[Context], Any]:
    def run(ctx: Context) -> Any:
        a, b = left(ctx), right(ctx)
        if a is None or b is None:
            return None
        if isinstance(a, dt.date):
            if isinstance(b, dt.date):
                return (a - b).days if op == "-" else None
            return a + dt.timedelta(days=b) if op == "+" else a - dt.timedelta(days=b)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        return None if b == 0 else a / b

    return run
