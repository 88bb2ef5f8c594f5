"""Placeholder until the sections splitter lands (owner: extractor part A)."""


def split_sections(text):
    return {}
