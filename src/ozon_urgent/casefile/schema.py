"""The case file's JSON Schema, for editors (yaml-language-server) and CI validators."""

from __future__ import annotations

import json
from typing import Any

from ozon_urgent import __version__
from ozon_urgent.casefile.model import Case
from ozon_urgent.catalog import load_catalog

SCHEMA_ID = "https://ozon-urgent.invalid/schema/case.schema.json"


def case_schema() -> dict[str, Any]:
    """pydantic's schema of `Case`, with the catalog's closed sets written in as enums."""
    catalog = load_catalog()
    schema = Case.model_json_schema(by_alias=True, mode="validation")
    defs = schema["$defs"]
    props = schema["properties"]
    props["scenario"] = {
        "type": "string",
        "enum": sorted(catalog.scenarios),
        "description": "One of the eight scenarios (`ozon-urgent scenarios`).",
    }
    props["request"] = {"anyOf": [{"type": "string", "enum": sorted(catalog.requests)}, {"type": "null"}]}
    kinds = {"type": "string", "enum": sorted(catalog.kinds)}
    defs["Evidence"]["properties"]["kind"] = kinds
    defs["Link"]["properties"]["kind"] = {
        "type": "string",
        "enum": sorted(k for k, v in catalog.kinds.items() if v.video),
    }
    # Numbers written without quotes are read as text where text is wanted (`client_id: 1234567`).
    seller = defs["Seller"]["properties"]
    seller["client_id"] = {"anyOf": [seller["client_id"], {"type": "integer", "minimum": 0}]}
    offer = defs["Affected"]["properties"]["offer_ids"]
    offer["items"] = {"anyOf": [offer["items"], {"type": "integer", "minimum": 0}]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = f"ozon-urgent case file (ozon-urgent {__version__})"
    return schema


def schema_text() -> str:
    return json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n"
