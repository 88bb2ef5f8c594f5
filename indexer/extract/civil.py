"""Placeholder (owner: extractor part D)."""


def extract_civil(text, sections, title, parties):
    return {"causes": [], "claims": [], "remedies": [], "court_fees": None, "outcome": None}
