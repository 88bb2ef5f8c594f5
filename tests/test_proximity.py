"""Same sentence / same paragraph, as a table over short texts."""
import pytest

from indexer.proximity import satisfied
from indexer.query import parse

ROWS = [
    ("差评 /s 敲诈", "他给差评后敲诈商家。", True),  # both in one sentence
    ("差评 /s 敲诈", "他给了差评。随后敲诈商家。", False),  # split by 。
    ("差评 /s 敲诈", "他给了差评；随后敲诈商家", False),  # ； ends a sentence too
    ("差评 /p 敲诈", "他给了差评。随后敲诈商家。", True),  # same line = same paragraph
    ("差评 /p 敲诈", "他给了差评。\n随后敲诈商家。", False),  # a new line is a new paragraph
    ('"恶意差评" /s 赔偿', "恶意差评应当赔偿。", True),  # a phrase as one side
    ('"恶意差评" /s 赔偿', "恶意的差评应当赔偿。", False),  # the phrase must be exact
    ("(差评 OR 刷单) /s 赔偿", "刷单者赔偿损失。", True),  # OR inside a side
    ("差评 /s 敲诈 罚金", "差评敲诈。判处罚金。", True),  # other terms may be anywhere
]


@pytest.mark.parametrize("query, text, expected", ROWS)
def test_near(query, text, expected):
    assert satisfied(parse(query), text) is expected
