"""What a browser would send for a page's form: every field's current value, read from the HTML
(inputs, ticked boxes, the selected option, text areas), so a test posts the form as it is shown."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _Form(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, form_id is None, {}
        self.select: str | None = None
        self.first: str | None = None
        self.chosen = False
        self.area: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and self.form_id is not None:
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return None
        if tag == "option":
            return self._option(a)
        if "name" not in a:
            return None
        if tag == "input" and a.get("type") not in ("file", "submit"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return None
            self._add(a["name"], a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select":
            self.select, self.first, self.chosen = a["name"], None, False
        elif tag == "textarea":
            self.area = a["name"]
            self._add(self.area, "")
        return None

    def _option(self, a: dict[str, str]) -> None:
        if self.select is None:
            return
        if self.first is None:
            self.first = a.get("value", "")
        if "selected" in a and not self.chosen:
            self.chosen = True
            self._add(self.select, a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            if not self.chosen:
                self._add(self.select, self.first or "")
            self.select = None
        elif tag == "textarea":
            self.area = None
        elif tag == "form" and self.form_id is not None:
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.area is not None:
            last = self.values[self.area]
            text = (last[-1] if isinstance(last, list) else last) + data
            self.values[self.area] = text.removeprefix("\n") if not last else text

    def _add(self, name: str, value: str) -> None:
        if name in self.values:
            before = self.values[name]
            self.values[name] = [*(before if isinstance(before, list) else [before]), value]
        else:
            self.values[name] = value


def form_values(html: str, form_id: str | None = None) -> dict[str, Any]:
    """The values the form (the one with ``form_id``, or every field on the page) would post."""
    parser = _Form(form_id)
    parser.feed(html)
    return parser.values
