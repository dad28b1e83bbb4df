"""The check catalog: every rule by its stable code. Adding a check is one module and one line here."""

from __future__ import annotations

from ozon_urgent.checks.appeal_window import AppealWindow
from ozon_urgent.checks.attachment_rules import ATTACHMENT_RULES
from ozon_urgent.checks.base import CaseContext, Check, Hit, Rule
from ozon_urgent.checks.build_rules import (
    CaseIdTaken,
    DuplicateTicket,
    EvidenceSharedAcrossSellers,
    IdsInSeveralScenarios,
    PackExists,
    PackWriteFailed,
)
from ozon_urgent.checks.evidence_future import EvidenceInFuture
from ozon_urgent.checks.evidence_kind_known import EvidenceKindKnown
from ozon_urgent.checks.evidence_missing import EvidenceFileMissing
from ozon_urgent.checks.evidence_not_regular import EvidenceNotRegular
from ozon_urgent.checks.evidence_outside import EvidenceOutsideCase
from ozon_urgent.checks.evidence_required import EvidenceRequired
from ozon_urgent.checks.evidence_stale import EvidenceStale
from ozon_urgent.checks.fix_rules import AttachmentFixed
from ozon_urgent.checks.ids_empty import IdsEmpty
from ozon_urgent.checks.ids_required import IdsRequired
from ozon_urgent.checks.input_rules import (
    FileUnreadable,
    InvalidValue,
    MissingField,
    NotUtf8,
    PlaceholderIds,
    UnknownKey,
    YamlFeature,
    YamlStructure,
    YamlSyntax,
)
from ozon_urgent.checks.notification_future import NotificationInFuture
from ozon_urgent.checks.notification_ip import NotificationLooksIp
from ozon_urgent.checks.period_required import PeriodRequired
from ozon_urgent.checks.personal_data_text import PersonalDataInCase
from ozon_urgent.checks.request_allowed import RequestAllowed
from ozon_urgent.checks.russian_cjk import RussianHasCjk
from ozon_urgent.checks.russian_gate_rules import RUSSIAN_GATE_CHECKS
from ozon_urgent.checks.russian_latin import RussianMostlyLatin
from ozon_urgent.checks.russian_missing import RussianMissing
from ozon_urgent.checks.russian_outdated import RussianOutdated
from ozon_urgent.checks.russian_reviewed import RussianReviewed
from ozon_urgent.checks.scenario_eligible import ScenarioEligible
from ozon_urgent.checks.scenario_known import ScenarioKnown
from ozon_urgent.checks.window_covered import WindowCovered

_ORDERED: tuple[type[Rule], ...] = (
    FileUnreadable,
    NotUtf8,
    YamlSyntax,
    YamlFeature,
    YamlStructure,
    UnknownKey,
    MissingField,
    InvalidValue,
    ScenarioKnown,
    ScenarioEligible,
    NotificationLooksIp,
    RequestAllowed,
    IdsRequired,
    IdsEmpty,
    PlaceholderIds,
    EvidenceRequired,
    EvidenceKindKnown,
    PeriodRequired,
    WindowCovered,
    EvidenceStale,
    EvidenceInFuture,
    AppealWindow,
    NotificationInFuture,
    RussianMissing,
    RussianHasCjk,
    RussianMostlyLatin,
    RussianReviewed,
    RussianOutdated,
    *RUSSIAN_GATE_CHECKS,
    EvidenceFileMissing,
    EvidenceNotRegular,
    EvidenceOutsideCase,
    PersonalDataInCase,
    *ATTACHMENT_RULES,
    CaseIdTaken,
    PackExists,
    PackWriteFailed,
    AttachmentFixed,
    IdsInSeveralScenarios,
    EvidenceSharedAcrossSellers,
    DuplicateTicket,
)
RULES: dict[str, type[Rule]] = {rule.code: rule for rule in _ORDERED}

CHECKS: tuple[type[Check], ...] = tuple(rule for rule in RULES.values() if issubclass(rule, Check))

# pydantic error type → the rule that reports it; anything else is S003 invalid-value
SCHEMA_ERROR_CODES: dict[str, str] = {
    error: rule.code for rule in RULES.values() for error in rule.schema_errors
}

__all__ = ["CHECKS", "RULES", "SCHEMA_ERROR_CODES", "CaseContext", "Check", "Hit", "Rule"]
