"""Refusals: under a rule of the statute (its id, domain/rules.py), or for the form of an input."""

from __future__ import annotations


class RuleViolation(Exception):
    """A request or answer refused, in Chinese and English, with the id of the rule it breaks
    (RULES.md, domain/rules.py). A ``FormError`` is refused the same way but cites no rule."""

    def __init__(self, rule: str | None, zh: str, en: str, field: str | None = None) -> None:
        super().__init__(_text(rule, zh, en))
        self.rule = rule
        self.zh = zh
        self.en = en
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        return {"rule": self.rule, "zh": self.zh, "en": self.en, "field": self.field}

    def prefixed(self, zh: str, en: str) -> RuleViolation:
        """The same refusal (same class, rule and field) with text put before each message,
        such as where in a file the problem is."""
        located = type(self).__new__(type(self))
        Exception.__init__(located, _text(self.rule, zh + self.zh, en + self.en))
        located.__dict__.update(self.__dict__, zh=zh + self.zh, en=en + self.en)
        return located


class FormError(RuleViolation):
    """An input refused for its form, not under a rule of the statute: a missing or mistyped
    field, a file that cannot be read, a text over the length the portal takes. It carries the
    Chinese and English message and the field, and no rule id (``rule`` is None)."""

    def __init__(self, zh: str, en: str, field: str | None = None) -> None:
        super().__init__(None, zh, en, field)


class AccessError(RuleViolation):
    """A request refused because it is not this person's to make (the wrong role): no rule of the
    statute is broken, so it cites none; the web answers 403, the command exits 2."""

    def __init__(self, zh: str, en: str, field: str | None = None) -> None:
        super().__init__(None, zh, en, field)


def _text(rule: str | None, zh: str, en: str) -> str:
    return f"[{rule}] {zh} / {en}" if rule else f"{zh} / {en}"


class RecordError(Exception):
    """The record cannot be read or written as asked (unknown decision, broken chain, ...)."""
