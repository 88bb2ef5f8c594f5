"""Placeholder (owner: extractor part A)."""


def classify(text, title=None, parts=None):
    return None, None, None
