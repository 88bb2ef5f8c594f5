"""Placeholder (owner: extractor part B)."""


def find_parties(text, sections):
    return []


def find_judges(text, sections):
    return []
