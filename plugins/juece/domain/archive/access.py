"""Who may retrieve which edition of an archive (R-H6): the full edition keeps commenters'
personal data and is for archivists only; everyone else gets the public edition."""

from __future__ import annotations

from juece.domain.record.errors import FormError, RuleViolation

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


# Why a retrieval was refused, as the retrieval log records it (a code) and a reader reads it.
REFUSALS: dict[str, tuple[str, str]] = {
    "R-H6": ("完整版含个人信息，仅限档案管理员（R-H6）", "the full edition is for archivists only (R-H6)"),
    "form": ("所请求的版本类型不存在", "no such edition"),
    "output_exists": ("输出文件已存在，未覆盖，未交付", "the output file exists: not replaced, nothing handed over"),
}


def refusal_reason(code: str | None) -> tuple[str, str]:
    """A logged refusal's reason in words, Chinese and English."""
    return REFUSALS.get(code or "", (f"其他原因：{code}", f"other: {code}"))
