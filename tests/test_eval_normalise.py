"""The extraction eval's rule for citations a publisher label cannot carry (bench/eval_normalise.py)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from eval_normalise import label_can_carry  # noqa: E402

INTERP = "最高人民法院关于适用中华人民共和国民事诉讼法的解释"
EXEC = "最高人民法院关于执行中华人民共和国行政诉讼法若干问题的解释"


@pytest.mark.parametrize("law, text, expected", [
    # the inner title survives in angle brackets: the wrapping interpretation is exempt
    (INTERP, "依照《最高人民法院关于适用<中华人民共和国民事诉讼法>的解释》第九十条", False),
    # ... but the law named inside it is labelled as usual
    ("中华人民共和国民事诉讼法", "依照《最高人民法院关于适用<中华人民共和国民事诉讼法>的解释》第九十条", True),
    # the brackets took the inner title away (the extractor restores it): exempt too
    (INTERP, "依照《最高人民法院关于适用的解释》第一百六十条", False),
    # a line break inside the emptied title does not matter
    (EXEC, "根据最高人民法院《关于执行\n若干问题的解释》第九十三条", False),
    # the title printed whole is scored
    (INTERP, "依照《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条", True),
    (EXEC, "根据《最高人民法院关于执行〈中华人民共和国行政诉讼法〉若干问题的解释》第九十三条", True),
    # a plain law is never exempt, whatever else the text prints
    ("中华人民共和国行政诉讼法", "《最高人民法院关于适用的解释》", True),
])
def test_label_can_carry(law, text, expected):
    assert label_can_carry(law, text) is expected
