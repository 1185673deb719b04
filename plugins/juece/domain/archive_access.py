"""Who may retrieve which edition of an archive (R-H6): the full edition keeps commenters'
personal data and is for archivists only; everyone else gets the public edition."""

from __future__ import annotations

from juece.domain.errors import FormError, RuleViolation

DEFAULT_ARCHIVISTS = ("archivist",)
CHANNELS = ("api", "page", "cli")


def archivists(configured: str | None) -> frozenset[str]:
    """The archivists' user ids: a comma-separated list (JUECE_ARCHIVISTS), else `archivist`."""
    names = [name.strip() for name in (configured or "").split(",") if name.strip()]
    return frozenset(names or DEFAULT_ARCHIVISTS)


def check_retrieval(edition: str, is_archivist: bool) -> None:
    """Refuse the full edition to anyone who is not an archivist."""
    if edition not in ("full", "public"):
        raise FormError(f"版本只能是 full（完整版）或 public（公开版），现为 {edition!r}",
                        f"the edition is full or public, not {edition!r}", field="edition")
    if edition == "full" and not is_archivist:
        raise RuleViolation("R-H6", "完整版含个人信息，仅限档案管理员调阅；请调阅公开版",
                            "the full edition holds personal data and is for archivists only; "
                            "retrieve the public edition", field="edition")
