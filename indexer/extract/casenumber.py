"""Placeholder until the case-number parser lands (owner: extractor part A)."""


def find_case_number(text, title=None):
    return None, None


def find_related_cases(text, own=None):
    return []
