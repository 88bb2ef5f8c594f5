"""Placeholder (owner: extractor part A)."""


def find_court(text, title=None, parts=None):
    return None
