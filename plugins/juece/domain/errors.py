"""Refusals that cite the statute."""

from __future__ import annotations


class RuleViolation(Exception):
    """A hard rule of RULES.md is broken: refused with its id, in Chinese and English."""

    def __init__(self, rule: str, zh: str, en: str, field: str | None = None) -> None:
        super().__init__(f"[{rule}] {zh} / {en}")
        self.rule = rule
        self.zh = zh
        self.en = en
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        return {"rule": self.rule, "zh": self.zh, "en": self.en, "field": self.field}


class RecordError(Exception):
    """The record cannot be read or written as asked (unknown decision, broken chain, ...)."""
