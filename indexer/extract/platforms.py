"""Placeholder (owner: extractor part D)."""


def find_platforms(text, parties):
    return []
