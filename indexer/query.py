"""The query language: parse a user's query into a small AST every backend translates.

    敲诈勒索 差评             terms, AND by default
    差评 OR 刷单             OR (also |), NOT x / -x, parentheses
    "恶意差评"               exact phrase;  "差评 敲诈"~10  both within 10 characters
    差评 /s 敲诈  差评 /p 赔偿  same sentence / same paragraph
    罪名:敲诈勒索罪  法条:刑法274  年份:[2016 TO 2019]  金额:[10000 TO *]
    事实:差评  本院认为:信用评价  判决结果:1元  诉讼请求:赔礼道歉   (section scope)

Field names are Chinese or the record's English names (the same as --filter and facet keys).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Lark, Token, Transformer, UnexpectedInput, v_args
from lark.exceptions import VisitError

from .fields import FIELD_ALIASES, KEYWORD_FIELDS, NAME_FIELDS, NUMERIC_FIELDS, TEXT_FIELDS, normalise_value
from .shorthand import court_values

GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: near_expr (_AND? near_expr)*
?near_expr: unary (NEAROP unary)*
?unary: _NOT unary -> negate
      | "-" unary -> negate
      | atom
?atom: FIELD _COLON value -> fielded
     | value
?value: PHRASE "~" INT -> proximity
      | PHRASE -> phrase
      | "[" BOUND _TO BOUND "]" -> range
      | "(" or_expr ")"
      | WORD -> word
_OR.3: /(OR|或)(?=[\s(（"“]|$)/ | "|"
_AND.3: /(AND|且)(?=[\s(（"“]|$)/ | "&"
_NOT.3: /(NOT|非)(?=[\s(（"“])/
_TO.3: /TO(?=\s)/
_COLON: /[:：]/
NEAROP.3: /\/[sp](?=\s|$)/
FIELD.2: /[A-Za-z_\u4e00-\u9fff]+(?=[:：])/
PHRASE: /"[^"]*"/ | /“[^”]*”/
BOUND: /[^\s\]]+/
WORD: /[^\s()"“”\[\]:：~|&\-][^\s()"“”\[\]:：~|&]*/
%import common.INT
%ignore /[\s\u3000]+/
"""


class QueryError(ValueError):
    """A malformed query, with the character position and a suggestion for the user."""

    def __init__(self, message: str, position: int | None = None, suggestion: str | None = None):
        super().__init__(message)
        self.message, self.position, self.suggestion = message, position, suggestion

    def to_dict(self) -> dict:
        return {"message": self.message, "position": self.position, "suggestion": self.suggestion}

    def __str__(self) -> str:
        where = f"（第{self.position + 1}个字符处）" if self.position is not None else ""
        hint = f" 建议：{self.suggestion}" if self.suggestion else ""
        return f"查询语法错误{where}：{self.message}{hint}"


@dataclass(frozen=True)
class Term:
    text: str
    field: str = "text"


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str = "text"
    slop: int = 0


@dataclass(frozen=True)
class Near:
    left: "Node"
    right: "Node"
    unit: str  # "s" sentence or "p" paragraph


@dataclass(frozen=True)
class Match:
    """An exact value of a keyword field (罪名:敲诈勒索罪)."""

    field: str
    value: str


@dataclass(frozen=True)
class Range:
    field: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class And:
    items: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class Or:
    items: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class Not:
    item: "Node"


@dataclass(frozen=True)
class All:
    """Every document (an empty query)."""


Node = Term | Phrase | Near | Match | Range | And | Or | Not | All

_CASE_NUMBER = re.compile(r"(?<![\"“])[(（〔\[]\s*\d{4}\s*[)）〕\]][^\s\"]*?号(?:之[一二三四五六七八九十]+)?")
_PARSER = Lark(GRAMMAR, parser="lalr", maybe_placeholders=False)
_QUOTED = re.compile(r'("[^"]*"|“[^”]*”)')
_WIDE = {c: chr(ord(c) - 0xFEE0) for c in "［］～｜＆"}
_WIDE_WORDS = {"ＯＲ": "OR", "ＡＮＤ": "AND", "ＮＯＴ": "NOT", "ＴＯ": "TO"}
_WIDE_WORD = re.compile(r"(?<!\S)(?:ＯＲ|ＡＮＤ|ＮＯＴ|ＴＯ)(?!\S)")


def parse(query: str) -> Node:
    """Parse `query`; raise QueryError saying where and why it is malformed."""
    if not query or not query.strip():
        return All()
    try:
        tree = _PARSER.parse(_narrow_operators(_quote_case_numbers(query)))
    except UnexpectedInput as exc:
        raise _explain(_narrow_operators(query), exc) from None  # same length: positions hold
    try:
        node = _Build().transform(tree)
    except VisitError as exc:
        raise exc.orig_exc from None
    if isinstance(node, Token):
        node = _Build().word(node)
    _check_not_only_negative(node)
    return node


def _narrow_operators(query: str) -> str:
    """（差评 OR 刷单）, 年份：［2016 TO 2019］, ＯＲ: the operators in the full-width forms a Chinese
    input method types, made ASCII outside quotes. A bracket groups only at a word's start and at the
    end of a word that closes it, so 某（北京）科技有限公司 and 某某合伙企业（普通合伙） stay words."""
    parts = _QUOTED.split(query)
    return "".join(part if i % 2 else _narrow_part(part) for i, part in enumerate(parts))


def _narrow_part(text: str) -> str:
    out, opened = [], 0
    for i, char in enumerate(text):
        before, after = text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
        if char == "（" and (before.isspace() or before in "(（:：-"):
            char, opened = "(", opened + 1
        elif char == "）" and opened and (after.isspace() or after in ")）"):
            char, opened = ")", opened - 1
        out.append(_WIDE.get(char, char))
    return _WIDE_WORD.sub(lambda m: _WIDE_WORDS[m.group()], "".join(out))


def _quote_case_numbers(query: str) -> str:
    """Case numbers carry brackets ((2017)苏0684刑初123号); quote them so they read as one value."""
    return _CASE_NUMBER.sub(lambda m: f'"{m.group(0)}"', query)


def _explain(query: str, exc: UnexpectedInput) -> QueryError:
    pos = getattr(exc, "pos_in_stream", None)
    if query.count('"') % 2:
        return QueryError("引号未闭合", query.rfind('"'), '补上结尾的 "，或去掉引号')
    if query.count("(") != query.count(")"):
        return QueryError("括号不匹配", pos, "检查每个 ( 都有对应的 )")
    if query.count("[") != query.count("]"):
        return QueryError("范围缺少 ]", pos, "范围写作 年份:[2016 TO 2019]")
    snippet = query[pos : pos + 10] if pos is not None else ""
    return QueryError(f"无法理解“{snippet}”附近的写法", pos, "运算符 OR、NOT 两侧需要检索词；范围写作 [起 TO 止]")


def _check_not_only_negative(node: Node) -> None:
    if isinstance(node, Not):
        raise QueryError("查询只有排除条件", 0, "在 NOT 或 - 之前加上要检索的词")


def _field_name(raw: str) -> str:
    name = FIELD_ALIASES.get(raw.strip(), raw.strip())
    if name not in TEXT_FIELDS and name not in KEYWORD_FIELDS and name not in NUMERIC_FIELDS:
        known = "、".join(k for k in FIELD_ALIASES if not k.isascii())
        raise QueryError(f"未知字段“{raw}”", None, f"可用字段：{known}")
    return name


def _bound(text: str) -> float | None:
    if text == "*":
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise QueryError(f"范围边界“{text}”不是数字", None, "写作 年份:[2016 TO 2019] 或 金额:[10000 TO *]") from None


@v_args(inline=True)
class _Build(Transformer):
    def word(self, tok, field="text"):
        return Term(str(tok), field)

    def phrase(self, tok, field="text"):
        return Phrase(str(tok)[1:-1], field)

    def proximity(self, tok, slop, field="text"):
        return Phrase(str(tok)[1:-1], field, int(slop))

    def range(self, low, high, field="year"):
        low, high = _bound(str(low)), _bound(str(high))
        if low is None and high is None:
            raise QueryError("范围两端不能都是 *", None, "至少给出一端，如 年份:[2016 TO *]")
        if low is not None and high is not None and low > high:
            raise QueryError(f"范围起点 {low:g} 大于终点 {high:g}", None, "写作 [小 TO 大]")
        return Range(field, low, high)

    def negate(self, item):
        return Not(item)

    def near_expr(self, *parts):
        node = parts[0]
        for op, right in zip(parts[1::2], parts[2::2]):
            node = Near(node, right, str(op)[1])
        return node

    def and_expr(self, *items):
        return And(tuple(items))

    def or_expr(self, *items):
        return Or(tuple(items))

    def fielded(self, name, value):
        return _scope(_field_name(str(name)), value)


def _court_query(value: str) -> Node:
    """法院:海门 is 海门市人民法院; 法院:鼓楼法院 any of the four 鼓楼区 courts."""
    courts = court_values(value.strip())
    return Match("court", courts[0]) if len(courts) == 1 else Or(tuple(Match("court", c) for c in courts))


def _name_query(name: str, value: str) -> Node:
    """A name field matches the names holding the value (当事人:淘宝 → 浙江淘宝网络有限公司); a single
    character, which the bigram index cannot find inside a name, only a name that is that character."""
    exact = Match(name, normalise_value(name, value))
    return exact if len(value.strip()) < 2 else Or((exact, Phrase(value.strip(), NAME_FIELDS[name])))


def _scope(name: str, node: Node) -> Node:
    """Re-target a parsed value at field `name` (keyword fields become exact matches)."""
    if isinstance(node, (Term, Phrase)):
        if name in NAME_FIELDS:
            return _name_query(name, node.text)
        if name == "court":
            return _court_query(node.text)
        if name in KEYWORD_FIELDS:
            return Match(name, normalise_value(name, node.text))
        if name in NUMERIC_FIELDS:
            value = _bound(node.text)
            return Range(name, value, value)
        return type(node)(**{**node.__dict__, "field": name})
    if isinstance(node, Range):
        if name not in NUMERIC_FIELDS:
            raise QueryError(f"字段“{name}”不支持范围检索", None, "范围只用于 年份 和 金额")
        return Range(name, node.low, node.high)
    if isinstance(node, (And, Or)):
        return type(node)(tuple(_scope(name, item) for item in node.items))
    if isinstance(node, Not):
        return Not(_scope(name, node.item))
    if isinstance(node, Near):
        return Near(_scope(name, node.left), _scope(name, node.right), node.unit)
    return node
