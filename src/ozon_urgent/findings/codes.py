"""The one table of finding codes: every code's name, and the declarations of those raised outside checks/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from ozon_urgent.findings.result import Severity


class Code(StrEnum):
    """Every finding code there is, cited by name; the first group is declared in `data/codes.toml`."""

    FILE_UNREADABLE = "Y001"
    NOT_UTF8 = "Y002"
    YAML_SYNTAX = "Y003"
    YAML_FEATURE = "Y004"
    YAML_STRUCTURE = "Y005"
    UNKNOWN_KEY = "S001"
    MISSING_FIELD = "S002"
    INVALID_VALUE = "S003"
    PLACEHOLDER_IDS = "C122"
    ATTACHMENT_UNREADABLE = "A200"
    ATTACHMENT_TOO_LARGE = "A201"
    ATTACHMENT_WRONG_FORMAT = "A202"
    ATTACHMENT_DAMAGED = "A203"
    ATTACHMENT_PASSWORD = "A204"
    ATTACHMENT_ACTIVE_CONTENT = "A205"
    ATTACHMENT_NO_PAGES = "A206"
    ATTACHMENT_ENCRYPTED = "A207"
    ATTACHMENT_BOMB = "A208"
    ATTACHMENT_EXTENSION_MISMATCH = "A209"
    ATTACHMENT_NOT_CHECKED = "A210"
    ATTACHMENT_LOW_RESOLUTION = "A211"
    ATTACHMENT_BLURRY = "A212"
    ATTACHMENT_EXIF_PRIVATE = "A213"
    ATTACHMENT_TRAILING_DATA = "A214"
    ATTACHMENT_SCANNED = "A215"
    ATTACHMENT_TEXT_NOT_SEARCHED = "A216"
    ATTACHMENT_TEXT_NOT_READ = "A217"
    PERSONAL_PHONE = "P300"
    PERSONAL_ID_NUMBER = "P301"
    PERSONAL_BANK_CARD = "P302"
    PERSONAL_EMAIL = "P303"
    PERSONAL_NAME = "P304"
    PERSONAL_ADDRESS = "P305"
    PERSONAL_DATA_POSSIBLE = "P306"
    CASE_ID_TAKEN = "B001"
    PACK_EXISTS = "B002"
    PACK_WRITE_FAILED = "B003"
    ATTACHMENT_FIXED = "B004"
    IDS_IN_SEVERAL_SCENARIOS = "B005"
    EVIDENCE_SHARED_ACROSS_SELLERS = "B006"
    DUPLICATE_TICKET = "B007"
    INTERNAL_ERROR = "B008"
    LETTER_TOO_LONG = "B009"
    PACK_UP_TO_DATE = "B010"
    FILED_PACK_KEPT = "B011"
    STORE_NAME_DIFFERS = "B012"
    PROOF_ID_NOT_SHOWN = "C197"
    PROOF_SHOWS_NOTHING = "C198"
    PROOF_DATES_OUTSIDE = "C199"
    PROOF_KIND_LACKS = "C200"
    # Declared by their checks in checks/ (severity, name and documentation beside the rule itself).
    UNKNOWN_SCENARIO = "C100"
    INELIGIBLE_SCENARIO = "C101"
    NOTIFICATION_LOOKS_IP = "C102"
    CASE_ID_FROM_NAME = "C103"
    REQUEST_NOT_ALLOWED = "C110"
    IDS_MISSING = "C120"
    IDS_EMPTY = "C121"
    EVIDENCE_MISSING = "C130"
    UNKNOWN_KIND = "C131"
    CAPTION_REQUIRED = "C132"
    CAPTION_UNTRANSLATED = "C133"
    CAPTION_TOO_LONG = "C134"
    PERIOD_MISSING = "C140"
    PERIOD_IN_FUTURE = "C141"
    WINDOW_NOT_COVERED = "C150"
    EVIDENCE_STALE = "C151"
    EVIDENCE_IN_FUTURE = "C152"
    DATES_FROM_ANOTHER_RECEIVED = "C153"
    APPEAL_WINDOW_PASSED = "C160"
    NOTIFICATION_IN_FUTURE = "C161"
    JUDGED_AS_OF = "C162"
    RUSSIAN_MISSING = "C170"
    RUSSIAN_HAS_CJK = "C171"
    RUSSIAN_MOSTLY_LATIN = "C172"
    RUSSIAN_NOT_REVIEWED = "C173"
    RUSSIAN_OUT_OF_DATE = "C174"
    RUSSIAN_INVISIBLE_CHARACTERS = "C175"
    RUSSIAN_MIXED_SCRIPT = "C176"
    RUSSIAN_UNKNOWN_WORDS = "C177"
    RUSSIAN_ENGLISH_WORDS = "C178"
    RUSSIAN_PINYIN = "C179"
    RUSSIAN_SHOUTING = "C183"
    RUSSIAN_LONG_SENTENCE = "C184"
    RUSSIAN_EXPLANATION_TOO_SHORT = "C185"
    RUSSIAN_EMOJI = "C186"
    RUSSIAN_YO_MIXED = "C187"
    RUSSIAN_OWN_REQUEST = "C188"
    RUSSIAN_FIRST_PERSON = "C189"
    EVIDENCE_FILE_MISSING = "C180"
    EVIDENCE_NOT_REGULAR = "C181"
    EVIDENCE_OUTSIDE_CASE = "C182"
    PERSONAL_DATA_IN_CASE = "C190"
    CONTROL_CHARACTERS = "C191"
    RUSSIAN_LISTS_IDS = "C192"
    STORE_NAME_READABLE = "C193"
    CHANGES_MISSING = "C194"
    METRIC_NOT_NAMED = "C195"
    DELIVERY_MISSING = "C196"
    RUSSIAN_CITES_MISSING_FILE = "C201"
    PLACEHOLDER_LEFT = "C202"
    TEXT_IN_QUOTES = "C203"
    STORE_NAME_PLACEHOLDER = "C204"


@dataclass(frozen=True, slots=True)
class Declaration:
    """What users read of a code: its stable name, default severity and documentation.

    Checks declare theirs from their class attributes and docstring; every other code's comes from
    `data/codes.toml`. `tool_failure` findings make a run exit 3 (the tool or its environment failed on
    the case, not the case itself: B003, B008); `schema_errors` are the pydantic error types the schema
    reports under this code; a code that cannot be disabled guards something a policy must not switch
    off (an unread case, a lost pack);
    `error_variants` are the variants graded as errors under a milder code (A214: extra bytes after a
    picture warn, a whole file hidden in it does not pass).
    """

    code: str
    name: str
    severity: Severity
    doc: str
    tool_failure: bool = False
    schema_errors: frozenset[str] = frozenset()
    can_disable: bool = True
    error_variants: frozenset[str] = frozenset()


@cache
def declared() -> dict[Code, Declaration]:
    """The declarations of `data/codes.toml`, in the order users see them (load, schema, evidence, build)."""
    text = resources.files("ozon_urgent").joinpath("data/codes.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return {
        Code(code): Declaration(
            code=code,
            name=entry["name"],
            severity=Severity(entry["severity"]),
            doc=entry["doc"].strip(),
            tool_failure=entry.get("tool_failure", False),
            schema_errors=frozenset(entry.get("schema_errors", ())),
            can_disable=entry.get("can_disable", True),
            error_variants=frozenset(entry.get("error_variants", ())),
        )
        for code, entry in table.items()
    }


def declaration(code: Code) -> Declaration:
    return declared()[code]


@cache
def _schema_codes() -> dict[str, Code]:
    return {error: code for code, entry in declared().items() for error in entry.schema_errors}


def schema_error_code(error_type: str) -> Code:
    """The code a pydantic error type is reported under; anything unnamed is an invalid value."""
    return _schema_codes().get(error_type, Code.INVALID_VALUE)
