"""Text given by people (citizens' comments, experts' opinions, drafts, records) shown as text
wherever a page renders Markdown or HTML — Airflow's task view renders a HITL body as Markdown
with HTML — so that ``<b>规划</b>`` shows those characters, not bold, and nothing a citizen typed
is interpreted. CommonMark takes a backslash before any ASCII punctuation as that character
itself, so escaping every one of them leaves the text exactly as typed, markup included."""

from __future__ import annotations

import re

PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def literal(text: object) -> str:
    """``text`` as Markdown that renders to exactly those characters; line breaks are kept as
    hard breaks (a line ending in a backslash) so a citizen's lines stay lines."""
    escaped = PUNCTUATION.sub(r"\\\1", str(text))
    return "\\\n".join(escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
