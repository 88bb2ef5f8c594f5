"""Placeholder: commands land here (see docs/design.md)."""

commands: list = []
