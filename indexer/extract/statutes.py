"""Placeholder (owner: extractor part C)."""


def find_statutes(text, sections):
    return []
