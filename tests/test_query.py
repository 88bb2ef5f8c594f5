"""The query language, as a table: query text → AST, and malformed queries → where and why."""
import pytest

from indexer.query import All, And, Match, Near, Not, Or, Phrase, QueryError, Range, Term, parse

ROWS = [
    # terms are ANDed by default
    ("敲诈勒索 差评", And((Term("敲诈勒索"), Term("差评")))),
    # OR binds looser than AND; -term excludes
    ("差评 OR 刷单 -淘宝", Or((Term("差评"), And((Term("刷单"), Not(Term("淘宝"))))))),
    # quoted phrase and proximity
    ('"恶意差评"', Phrase("恶意差评")),
    ('"差评 敲诈"~10', Phrase("差评 敲诈", slop=10)),
    # same sentence / same paragraph
    ("差评 /s 敲诈", Near(Term("差评"), Term("敲诈"), "s")),
    ("差评 /p 赔偿", Near(Term("差评"), Term("赔偿"), "p")),
    # Chinese field names, old charge names normalised, short charge names completed
    ("罪名:敲诈勒索", Match("charges", "敲诈勒索罪")),
    ("罪名:偷税罪", Match("charges", "逃税罪")),
    ("charges:盗窃", Match("charges", "盗窃罪")),
    # a name field: the name itself or a name holding the value; one character, the name itself
    ("当事人:淘宝", Or((Match("parties", "淘宝"), Phrase("淘宝", "party_names")))),
    ("律所:金杜", Or((Match("law_firms", "金杜"), Phrase("金杜", "law_firm_names")))),
    ("法官:王", Match("judges", "王")),
    # statutes by short law name and article
    ("法条:刑法274", Match("statutes", "刑法第274条")),
    ("法条:刑法第二百七十四条", Match("statutes", "刑法第274条")),
    # ranges
    ("年份:[2016 TO 2019]", Range("year", 2016, 2019)),
    ("金额:[10000 TO *]", Range("amount", 10000, None)),
    # section scope
    ("事实:差评", Term("差评", "facts")),
    ("本院认为:信用评价", Term("信用评价", "reasoning")),
    # half-width case numbers are normalised to full-width brackets
    ("案号:(2017)苏0684刑初123号", Match("case_number", "（2017）苏0684刑初123号")),
    # full-width colon and grouped field values
    ("罪名：(盗窃 OR 诈骗)", Or((Match("charges", "盗窃罪"), Match("charges", "诈骗罪")))),
    # operators as a Chinese input method types them: full-width brackets, ～, ｜ and ＯＲ/ＴＯ
    ("（差评 ＯＲ 刷单） 淘宝", And((Or((Term("差评"), Term("刷单"))), Term("淘宝")))),
    ("罪名：（盗窃 OR 诈骗）", Or((Match("charges", "盗窃罪"), Match("charges", "诈骗罪")))),
    ("年份：［2016 ＴＯ 2019］", Range("year", 2016, 2019)),
    ('"差评 敲诈"～10', Phrase("差评 敲诈", slop=10)),
    ("差评 ｜ 刷单", Or((Term("差评"), Term("刷单")))),
    # ... but brackets inside a name stay in the name (a name field: that name or one holding it),
    # and nothing changes inside quotes
    ("当事人:某（北京）科技有限公司", Or((Match("parties", "某（北京）科技有限公司"), Phrase("某（北京）科技有限公司", "party_names")))),
    ("当事人:某某合伙企业（普通合伙）", Or((Match("parties", "某某合伙企业（普通合伙）"), Phrase("某某合伙企业（普通合伙）", "party_names")))),
    ('"（差评）"', Phrase("（差评）")),
    # words that merely start with an operator are words
    ("ORACLE NOTE", And((Term("ORACLE"), Term("NOTE")))),
    ("", All()),
]


@pytest.mark.parametrize("query,expected", ROWS)
def test_parse(query, expected):
    assert parse(query) == expected


BAD = [
    ('"abc', "引号未闭合"),
    ("(a", "括号不匹配"),
    ("a)", "括号不匹配"),
    ("（差评 OR 刷单", "括号不匹配"),  # full-width, as typed with a Chinese input method
    ("年份：［2016 TO 2019", "范围缺少 ]"),
    ("a OR", "OR"),
    ("未知:x", "未知字段"),
    ("NOT a", "只有排除条件"),
    ("年份:[a TO b]", "不是数字"),
    ("事实:[1 TO 2]", "不支持范围"),
]


@pytest.mark.parametrize("query,reason", BAD)
def test_malformed_queries_say_why(query, reason):
    with pytest.raises(QueryError) as info:
        parse(query)
    assert reason in str(info.value)
    assert info.value.suggestion


@pytest.mark.parametrize("query, reason", [
    ("年份:[* TO *]", "不能都是"),
    ("年份:[2019 TO 2016]", "大于终点"),
])
def test_bad_ranges(query, reason):
    with pytest.raises(QueryError) as info:
        parse(query)
    assert reason in str(info.value)
