"""Independent OFD readers (neither is used to write the file) read the OFD editions: ofdkit's
text and ofd2png's rendering (what it draws, and the PNG pages) hold every comment and opinion
verbatim; ofdkit reads the document information; the public edition shows no personal data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ofd2png
import ofdkit
import pytest
from PIL import Image, ImageDraw

from tests.unit.adapters.ofd.conftest import Built
from tests.unit.adapters.reporting.test_editions import MAIL, NAME, PHONE, TEXTS


def _squashed(text: str) -> str:
    return "".join(text.split())


def _expected(record: dict[str, Any]) -> list[str]:
    opinions = [e["data"]["opinion"] for e in record["entries"] if e["kind"] == "opinion_submitted"]
    assert opinions
    return [_squashed(text) for text in [*TEXTS, *opinions]]


@pytest.mark.parametrize("edition", ["full", "public"])
def test_ofdkit_reads_every_comment_and_opinion_verbatim(editions: Built, edition: str) -> None:
    record, path = editions[edition]
    with ofdkit.open(path) as document:
        assert not document.warnings
        text = _squashed(document.text())
        assert document.info.custom_data["chain_head"] == record["chain_head"]
        assert document.info.author == "延寿县人民政府" and len(document.pages) > 3
    assert [t for t in _expected(record) if t not in text] == []
    assert record["chain_head"] in text
    if edition == "public":
        assert NAME not in text and PHONE not in text and MAIL not in text
    else:
        assert NAME in text and PHONE in text


def test_ofd2png_renders_every_page_and_draws_every_text(editions: Built, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    record, path = editions["full"]
    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text

    def spy(self: ImageDraw.ImageDraw, xy: Any, text: Any, *args: Any, **kwargs: Any) -> Any:
        drawn.append(str(text))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    pages = ofd2png.convert_file(str(path), str(tmp_path / "png"))
    with ofdkit.open(path) as document:
        assert len(pages) == len(document.pages)
    text = _squashed("".join(drawn))
    assert [t for t in _expected(record) if t not in text] == []
    for page in pages[:3]:
        with Image.open(page) as image:
            assert image.size == (2480, 3507)  # A4 at 300 dpi
            assert image.convert("L").getextrema()[0] < 100  # something dark is drawn
