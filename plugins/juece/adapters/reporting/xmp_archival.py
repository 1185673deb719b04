"""The archive's DA/T 46 metadata in XMP: a `juece` schema, declared as a PDF/A extension schema
(ISO 19005-1 6.7.2.2, `pdfaExtension:schemas`) so that PDF/A validators accept its properties.

The values are the record's ``archival`` object (`juece.domain.archive.archival`); a property with
no value is left out. Every property is a Text, category external."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

NAMESPACE = "http://www.juece.org/ns/archival/1.0/"
PREFIX = "juece"
# XMP property, key of the archival object, description (DA/T 46 element)
PROPERTIES: tuple[tuple[str, str, str], ...] = (
    ("fonds", "fonds", "全宗号 fonds code"),
    ("archiveNumber", "archive_no", "档号 archive number"),
    ("year", "year", "年度 year"),
    ("title", "title", "题名 title"),
    ("titleEnglish", "title_en", "英文题名 title in English"),
    ("responsible", "responsible", "责任者 responsible body"),
    ("sponsor", "sponsor", "承办单位 sponsor unit"),
    ("decisionId", "decision_id", "决策编号 decision identifier"),
    ("dateStart", "date_start", "起始日期 first date (China time)"),
    ("dateEnd", "date_end", "终止日期 last date (China time)"),
    ("retention", "retention", "保管期限 retention period"),
    ("openness", "openness", "开放状态 openness"),
    ("classification", "classification", "密级 security classification"),
    ("edition", "edition", "版本 edition (full or public)"),
    ("chainHead", "chain_head", "链头 chain head of the record"),
)
_EXTENSION = ('xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
              'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
              'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"')


def _declared(name: str, description: str) -> str:
    return ('<rdf:li rdf:parseType="Resource">'
            f"<pdfaProperty:name>{name}</pdfaProperty:name>"
            "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
            "<pdfaProperty:category>external</pdfaProperty:category>"
            f"<pdfaProperty:description>{escape(description)}</pdfaProperty:description></rdf:li>")


def descriptions(archival: dict[str, Any] | None) -> list[str]:
    """The rdf:Description elements: the extension schema's declaration and the juece properties."""
    if not isinstance(archival, dict):
        return []
    values = [(name, str(archival.get(key) or "")) for name, key, _ in PROPERTIES]
    values = [(name, value) for name, value in values if value]
    if not values:
        return []
    declaration = (
        f'<rdf:Description rdf:about="" {_EXTENSION}>\n  <pdfaExtension:schemas><rdf:Bag>'
        '<rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>juece 决策档案元数据 archival metadata (DA/T 46)</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI>"
        f"<pdfaSchema:prefix>{PREFIX}</pdfaSchema:prefix>"
        "<pdfaSchema:property><rdf:Seq>"
        + "".join(_declared(name, description) for name, _, description in PROPERTIES)
        + "</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>")
    properties = "\n  ".join(f"<{PREFIX}:{name}>{escape(value)}</{PREFIX}:{name}>" for name, value in values)
    return [declaration,
            f'<rdf:Description rdf:about="" xmlns:{PREFIX}="{NAMESPACE}">\n  {properties}\n</rdf:Description>']
