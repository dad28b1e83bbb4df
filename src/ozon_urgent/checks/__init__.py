"""The check catalog: every rule by its stable code. Adding a check is one module and one line here."""

from __future__ import annotations

from ozon_urgent.checks.appeal_window import AppealWindow
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.checks.caption_required import CaptionRequired
from ozon_urgent.checks.caption_too_long import CaptionTooLong
from ozon_urgent.checks.caption_untranslated import CaptionUntranslated
from ozon_urgent.checks.case_id_from_name import CaseIdFromName
from ozon_urgent.checks.changes_required import ChangesRequired
from ozon_urgent.checks.control_characters import ControlCharacters
from ozon_urgent.checks.dates_follow_received import DatesFollowReceived
from ozon_urgent.checks.delivery_required import DeliveryRequired
from ozon_urgent.checks.evidence_future import EvidenceInFuture
from ozon_urgent.checks.evidence_kind_known import EvidenceKindKnown
from ozon_urgent.checks.evidence_missing import EvidenceFileMissing
from ozon_urgent.checks.evidence_not_regular import EvidenceNotRegular
from ozon_urgent.checks.evidence_outside import EvidenceOutsideCase
from ozon_urgent.checks.evidence_required import EvidenceRequired
from ozon_urgent.checks.evidence_stale import EvidenceStale
from ozon_urgent.checks.ids_empty import IdsEmpty
from ozon_urgent.checks.ids_required import IdsRequired
from ozon_urgent.checks.judged_as_of import JudgedAsOf
from ozon_urgent.checks.metric_named import MetricNamed
from ozon_urgent.checks.notification_future import NotificationInFuture
from ozon_urgent.checks.notification_ip import NotificationLooksIp
from ozon_urgent.checks.period_future import PeriodInFuture
from ozon_urgent.checks.period_required import PeriodRequired
from ozon_urgent.checks.personal_data_text import PersonalDataInCase
from ozon_urgent.checks.placeholder_left import PlaceholderLeft
from ozon_urgent.checks.request_allowed import RequestAllowed
from ozon_urgent.checks.russian_cites_files import RussianCitesMissingFile
from ozon_urgent.checks.russian_cjk import RussianHasCjk
from ozon_urgent.checks.russian_first_person import RussianFirstPerson
from ozon_urgent.checks.russian_gate_rules import RUSSIAN_GATE_CHECKS
from ozon_urgent.checks.russian_latin import RussianMostlyLatin
from ozon_urgent.checks.russian_lists_ids import RussianListsIds
from ozon_urgent.checks.russian_missing import RussianMissing
from ozon_urgent.checks.russian_outdated import RussianOutdated
from ozon_urgent.checks.russian_own_request import RussianOwnRequest
from ozon_urgent.checks.russian_reviewed import RussianReviewed
from ozon_urgent.checks.scenario_eligible import ScenarioEligible
from ozon_urgent.checks.scenario_known import ScenarioKnown
from ozon_urgent.checks.store_name_placeholder import StoreNamePlaceholder
from ozon_urgent.checks.store_name_readable import StoreNameReadable
from ozon_urgent.checks.text_in_quotes import TextInQuotes
from ozon_urgent.checks.window_covered import WindowCovered
from ozon_urgent.findings import Code, Declaration, declaration

# The order users see in `rules` and SARIF: the pipeline's (load, schema, case checks, evidence, build).
_ORDERED: tuple[type[Check] | Code, ...] = (
    Code.FILE_UNREADABLE,
    Code.NOT_UTF8,
    Code.YAML_SYNTAX,
    Code.YAML_FEATURE,
    Code.YAML_STRUCTURE,
    Code.UNKNOWN_KEY,
    Code.MISSING_FIELD,
    Code.INVALID_VALUE,
    ScenarioKnown,
    ScenarioEligible,
    NotificationLooksIp,
    CaseIdFromName,
    RequestAllowed,
    IdsRequired,
    IdsEmpty,
    Code.PLACEHOLDER_IDS,
    PlaceholderLeft,
    StoreNamePlaceholder,
    EvidenceRequired,
    EvidenceKindKnown,
    CaptionRequired,
    CaptionUntranslated,
    CaptionTooLong,
    PeriodRequired,
    PeriodInFuture,
    MetricNamed,
    DeliveryRequired,
    WindowCovered,
    EvidenceStale,
    EvidenceInFuture,
    DatesFollowReceived,
    AppealWindow,
    NotificationInFuture,
    JudgedAsOf,
    RussianMissing,
    RussianHasCjk,
    RussianMostlyLatin,
    RussianReviewed,
    RussianOutdated,
    RussianOwnRequest,
    ChangesRequired,
    RussianFirstPerson,
    RussianListsIds,
    RussianCitesMissingFile,
    *RUSSIAN_GATE_CHECKS,
    EvidenceFileMissing,
    EvidenceNotRegular,
    EvidenceOutsideCase,
    PersonalDataInCase,
    ControlCharacters,
    StoreNameReadable,
    TextInQuotes,
    *(code for code in Code if code.startswith(("A", "P"))),
    Code.PROOF_ID_NOT_SHOWN,  # after the files are read: their claims against what they show
    Code.PROOF_SHOWS_NOTHING,
    Code.PROOF_DATES_OUTSIDE,
    Code.PROOF_KIND_LACKS,
    Code.CASE_ID_TAKEN,
    Code.PACK_EXISTS,
    Code.PACK_WRITE_FAILED,
    Code.ATTACHMENT_FIXED,
    Code.IDS_IN_SEVERAL_SCENARIOS,
    Code.EVIDENCE_SHARED_ACROSS_SELLERS,
    Code.STORE_NAME_DIFFERS,
    Code.DUPLICATE_TICKET,
    Code.INTERNAL_ERROR,
    Code.LETTER_TOO_LONG,
    Code.PACK_UP_TO_DATE,
    Code.FILED_PACK_KEPT,
)

# Every code users can see, with its declaration: the catalog `rules`, SARIF and the policy read.
_DECLARATIONS = [declaration(entry) if isinstance(entry, Code) else entry.declaration for entry in _ORDERED]
RULES: dict[str, Declaration] = {entry.code: entry for entry in _DECLARATIONS}

CHECKS: tuple[type[Check], ...] = tuple(entry for entry in _ORDERED if not isinstance(entry, Code))

__all__ = ["CHECKS", "RULES", "CaseContext", "Check", "Hit"]
