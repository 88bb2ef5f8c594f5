"""Placeholder (owner: extractor part A)."""


def find_dates(text, sections):
    return None, {}
