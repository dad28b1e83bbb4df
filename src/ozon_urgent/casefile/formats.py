"""Each field's format in words, for the hint of a value written wrong (S003): one table from the field,
as a seller writes its path (`affected.skus`, `evidence.covers.from`), to a kind of format whose words
are the message catalog's `[formats]` table («请写成 2026-11-20», «整数列表，如 [498274975, 498274982]»).

`tests/test_case_stumbles.py` holds the table to the model: every field the case format has is here.
"""

from __future__ import annotations

from ozon_urgent.findings import FieldPath, Phrase

FORMATS_TABLE = "formats"
_SHA256 = "sha256"

# field (list indexes left out) -> the key of its words in the catalog's [formats] table
FIELD_FORMATS: dict[str, str] = {
    "": "case",
    "case_id": "case_id",
    "as_of": "date",
    "filed": "mapping",
    "filed.reference": "reference",
    "filed.at": "date",
    "scenario": "scenario",
    "seller": "seller",
    "seller.store_name": "store_name",
    "seller.client_id": "client_id",
    "notification": "mapping",
    "notification.received": "date",
    "notification.text": "text",
    "notification.metric": "metric",
    "delivery": "mapping",
    "delivery.scheme": "scheme",
    "delivery.carrier": "text",
    "affected": "affected",
    "affected.postings": "postings",
    "affected.orders": "orders",
    "affected.skus": "skus",
    "affected.skus.sku": "sku",
    "affected.skus.offer_id": "offer_id",
    "affected.products": "products",
    "affected.offer_ids": "offer_ids",
    "period": "range",
    "period.from": "date",
    "period.to": "date",
    "request": "request",
    "explanation": "mapping",
    "explanation.source_lang": "source_lang",
    "explanation.text": "text",
    "explanation.ru": "text",
    "explanation.ru_reviewed": "bool",
    "explanation.ru_source_sha256": _SHA256,
    "explanation.ru_back": "text",
    "explanation.ru_back_sha256": _SHA256,
    "explanation.ru_back_by": "back_by",
    "explanation.facts": "mapping",
    "explanation.facts.text": "text",
    "explanation.facts.ru": "text",
    "explanation.facts.ru_source_sha256": _SHA256,
    "explanation.facts.ru_back": "text",
    "explanation.facts.ru_back_sha256": _SHA256,
    "explanation.facts.ru_back_by": "back_by",
    "explanation.changes": "mapping",
    "explanation.changes.text": "text",
    "explanation.changes.ru": "text",
    "explanation.changes.ru_source_sha256": _SHA256,
    "explanation.changes.ru_back": "text",
    "explanation.changes.ru_back_sha256": _SHA256,
    "explanation.changes.ru_back_by": "back_by",
    "evidence": "evidence",
    "evidence.file": "file",
    "evidence.kind": "kind",
    "evidence.covers": "range",
    "evidence.covers.from": "date",
    "evidence.covers.to": "date",
    "evidence.date": "date",
    "evidence.caption": "text",
    "evidence.caption_ru": "text",
    "evidence.caption_ru_source_sha256": _SHA256,
    "evidence.caption_ru_back": "text",
    "evidence.caption_ru_back_sha256": _SHA256,
    "evidence.caption_ru_back_by": "back_by",
    "evidence.personal_data_ok": "bool",
    "links": "links",
    "links.url": "url",
    "links.kind": "kind",
    "links.caption_ru": "text",
    "allow_words": "words",
}


def field_key(path: FieldPath) -> str:
    """The field a path names, list indexes left out: ("evidence", 1, "from") → evidence.from."""
    return ".".join(part for part in path if isinstance(part, str))


def field_format(path: FieldPath) -> Phrase:
    """The words that say how the field at `path` is written; a field the table lacks (a key the case
    format does not have) gets the pointer to `init`'s commented skeleton."""
    return Phrase(FORMATS_TABLE, FIELD_FORMATS.get(field_key(path), "other"))
