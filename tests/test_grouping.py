"""Related cases side by side in a ranked list: the grouping rule as a table."""
import pytest

from indexer.grouping import group

CRIMINAL = {"case_number": "（2017）苏0684刑初1号", "related_cases": []}
CIVIL = {"case_number": "（2018）苏0684民初2号", "related_cases": ["（2017）苏0684刑初1号"]}
OTHER = {"case_number": "（2020）京0105刑初3号", "related_cases": []}
SIBLING = {"case_number": "（2019）苏0684民初4号", "related_cases": ["（2017）苏0684刑初1号"]}

ROWS = [
    # a civil suit citing the top hit moves up right after it
    ([("crim", 9.0), ("other", 8.0)], {"crim": CRIMINAL, "other": OTHER}, {"civ": (2.0, CIVIL)},
     ["crim", "civ", "other"]),
    # the cited case is pulled up after the citing one when the citing one ranks first
    ([("civ", 9.0), ("other", 8.0)], {"civ": CIVIL, "other": OTHER}, {"crim": (1.0, CRIMINAL)},
     ["civ", "crim", "other"]),
    # two suits relying on the same judgment are shown together, best first
    ([("crim", 9.0), ("other", 8.0)], {"crim": CRIMINAL, "other": OTHER},
     {"sib": (1.0, SIBLING), "civ": (3.0, CIVIL)}, ["crim", "civ", "sib", "other"]),
    # unrelated hits keep the backend's order
    ([("other", 9.0), ("crim", 8.0)], {"other": OTHER, "crim": CRIMINAL}, {}, ["other", "crim"]),
    # a partner already in the head is not shown twice
    ([("crim", 9.0), ("other", 8.0), ("civ", 7.0)], {"crim": CRIMINAL, "other": OTHER, "civ": CIVIL}, {},
     ["crim", "civ", "other"]),
]


@pytest.mark.parametrize("head, stored, partners, expected", ROWS)
def test_group(head, stored, partners, expected):
    assert [doc_id for doc_id, _ in group(head, stored, partners)] == expected
