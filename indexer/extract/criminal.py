"""Placeholder (owner: extractor part C)."""


def extract_criminal(text, sections, parties):
    return {"charges": [], "sentences": [], "circumstances": [], "amount_involved_yuan": None}
