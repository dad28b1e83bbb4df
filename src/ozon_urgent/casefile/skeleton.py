"""`init`: a commented case skeleton for one scenario, its checklist written in as comments."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from ozon_urgent import i18n
from ozon_urgent.casefile.identity import FOLDER_CASE_NAMES, default_case_id, suggest_case_id, usable_case_id
from ozon_urgent.casefile.placeholders import VIDEO_LINK
from ozon_urgent.catalog import UNWINDOWED_SPAN_DAYS, Catalog, Scenario
from ozon_urgent.i18n import Lang
from ozon_urgent.policy import Policy

_ID_EXAMPLES = {
    "postings": '["57195475-0050-3"]',
    "orders": '["57195475-0050"]',
    "skus": "[498274975]",
    "products": "[180550365]",
    "offer_ids": '["250-7898-1"]',
}


def _comment(lang: Lang, key: str, **params: object) -> str:
    return i18n.text(lang, "cli.init", key, **params)


def propose_case_id(scenario: Scenario, today: date, store_name: str = "", client_id: str = "") -> str | None:
    """An id that differs between sellers: the store (as Latin letters), its Client ID, scenario, month.

    None when neither is known: the case then takes its folder's name (or its file's), which differs
    between stores by the layout one folder per case gives.
    """
    store = suggest_case_id(store_name).lower()
    parts = [part for part in (store, client_id) if part]
    if not parts:
        return None
    return "-".join([*parts, scenario.id.replace("_", "-"), f"{today:%Y-%m}"])[:100]


def proposed_span(received: date, window: int | None) -> tuple[date, date]:
    """The days a new case's `period` and `covers` propose: the metric's window (or, without one,
    UNWINDOWED_SPAN_DAYS) ending the day before `received`. C153 knows a range left from another
    `received` by this shape."""
    return received - timedelta(days=window or UNWINDOWED_SPAN_DAYS), received - timedelta(days=1)


def render_skeleton(
    scenario: Scenario,
    catalog: Catalog,
    policy: Policy,
    today: date,
    lang: Lang,
    *,
    store_name: str = "",
    client_id: str = "",
    written_to: Path | None = None,
) -> str:
    """A new case file for `scenario`: its checklist in comments, then every field it needs, each with a
    note in the user's language, dated from `today`. `written_to` is the file it goes to (None: stdout),
    whose name the case takes when it has no `case_id` line."""
    window = policy.window_for(scenario.id, scenario.window_days, scenario.metric)
    span = proposed_span(today, window)
    out = _checklist(scenario, catalog, policy, window, lang)
    case_id = _case_id_line(scenario, today, store_name, client_id, written_to, lang)
    out += _fields(scenario, catalog, today, span, lang, case_id, (store_name, client_id))
    out += _evidence(scenario, catalog, span, lang)
    return "\n".join(out) + "\n"


def _checklist(
    scenario: Scenario, catalog: Catalog, policy: Policy, window: int | None, lang: Lang
) -> list[str]:
    out = [
        "# yaml-language-server: $schema=case.schema.json",
        f"# {_comment(lang, 'header', scenario=scenario.id, name=scenario.names(lang))}",
        f"# {_comment(lang, 'schema')}",
        "#",
        f"# {_comment(lang, 'checklist')}",
    ]
    p = i18n.punctuation(lang)
    for group in scenario.evidence:
        names = " / ".join(f"{k}{p.parenthesized(catalog.kinds[k].names(lang))}" for k in group)
        key = "evidence_group" if len(group) > 1 else "evidence_one"
        out.append(f"#   - {_comment(lang, key, kinds=names)}")
    kinds = catalog.glossed("id_kinds", scenario.ids, lang, code=False)
    # one list: "list them in postings", not "in each of the following: postings"
    mode = "one" if len(scenario.ids) == 1 and scenario.ids_mode in ("any", "all") else scenario.ids_mode
    out.append(f"#   - {_comment(lang, 'ids_' + mode, lists=kinds)}")
    if window:
        out.append(f"#   - {_comment(lang, 'window', days=window)}")
    if scenario.period_required:
        out.append(f"#   - {_comment(lang, 'period')}")
    out.append(f"#   - {_comment(lang, 'formats', mb=i18n.mib(policy.max_attachment_bytes))}")
    return out


def _fields(
    scenario: Scenario,
    catalog: Catalog,
    today: date,
    span: tuple[date, date],
    lang: Lang,
    case_id: str,
    seller: tuple[str, str],
) -> list[str]:
    store_name, client_id = seller
    out = [
        "",
        case_id,
        f"scenario: {scenario.id}",
        "seller:",
        f"  store_name: {json.dumps(store_name, ensure_ascii=False)}  # {_comment(lang, 'store_name')}",
        f"  client_id: {json.dumps(client_id)}  # {_comment(lang, 'client_id')}",
        "notification:",
        f"  received: {today.isoformat()}      # {_comment(lang, 'received')}",
        f'  text: ""                 # {_comment(lang, "notification_text")}',
    ]
    if scenario.metric:
        out.append(f"  metric: {scenario.metric}  # {_comment(lang, 'metric')}")
    elif scenario.metric_required:
        out.append(f'  metric: ""               # {_comment(lang, "metric")}')
    out += _delivery(scenario, lang)
    out.append(f"affected:                  # {_comment(lang, 'affected')}")
    for name in scenario.ids or ("postings", "skus"):
        out.append(f"  {name}: []  # {_comment(lang, 'example')} {_ID_EXAMPLES[name]}")
    dates = f"{{from: {span[0].isoformat()}, to: {span[1].isoformat()}}}"
    period = f"period: {dates}  # {_comment(lang, 'period_dates')}"
    out.append(period if scenario.period_required else f"# {period}")
    # Under zh each value with its Chinese name: a bare `restore_listing` is no word to a mainland seller.
    requests = catalog.glossed("requests", scenario.requests, lang, code=False)
    if len(scenario.requests) > 1:
        choice = _comment(lang, "request_choices", values=requests)
    else:
        choice = _comment(lang, "request_one", values=requests) if lang == "zh" else ""
    request = f"request: {scenario.requests[0]}  # {choice}{_comment(lang, 'request')}"
    return [*out, f"# {_comment(lang, 'parts')}", request, *_explanation(scenario, lang)]


def _delivery(scenario: Scenario, lang: Lang) -> list[str]:
    """The sales scheme and the carrier (C196): empty to fill in where the scenario needs them, a
    commented line elsewhere."""
    if not scenario.delivery_required:
        return [f'# delivery: {{scheme: FBS, carrier: ""}}  # {_comment(lang, "delivery_optional")}']
    out = [
        f"delivery:                  # {_comment(lang, 'delivery')}",
        f'  scheme: ""               # FBS | rFBS | FBO — {_comment(lang, "scheme")}',
    ]
    if "carrier" in scenario.delivery_required:
        out.append(f'  carrier: ""              # {_comment(lang, "carrier")}')
    return out


def _explanation(scenario: Scenario, lang: Lang) -> list[str]:
    """The seller's parts of the appeal, in the letter's order, each with one line on what goes in it."""
    changes = "changes" if scenario.changes_required else "changes_optional"
    return [
        "explanation:",
        f"  source_lang: {'zh' if lang == 'zh' else 'en'}          # {_comment(lang, 'source_lang')}",
        f"  facts:                     # {_comment(lang, 'facts')}",
        '    text: ""',
        f'    ru: ""                   # {_comment(lang, "ru")}',
        f"  changes:                   # {_comment(lang, changes)}",
        '    text: ""',
        '    ru: ""',
        f"  ru_reviewed: false        # {_comment(lang, 'ru_reviewed')}",
    ]


def _evidence(scenario: Scenario, catalog: Catalog, span: tuple[date, date], lang: Lang) -> list[str]:
    kinds = [kind for group in scenario.evidence for kind in group]
    dates = f"{{from: {span[0].isoformat()}, to: {span[1].isoformat()}}}"
    out = ["evidence:"]
    for kind in kinds:
        if catalog.kinds[kind].video:
            continue
        out += [
            f"  - file: evidence/{kind}.pdf   # {_comment(lang, 'todo_file')}",
            f"    kind: {kind}",
            f"    covers: {dates}  # {_comment(lang, 'covers')}",
            # an empty caption is no caption (C132, C133): the seller learns there can be one
            f'    caption: ""             # {_comment(lang, "caption")}',
        ]
    video = [kind for kind in kinds if catalog.kinds[kind].video]
    if video:
        out.append(f"links:                     # {_comment(lang, 'links')}")
        out += [f"  - url: {VIDEO_LINK}\n    kind: {kind}" for kind in video]  # C202 until replaced
    return out


def _case_id_line(
    scenario: Scenario, today: date, store_name: str, client_id: str, written_to: Path | None, lang: Lang
) -> str:
    """`case_id` proposed from the store, else left to the file's name; written out from the scenario and
    the day where that name cannot be one (`下架/case.yaml`), which `check` would refuse (C103)."""
    proposed = propose_case_id(scenario, today, store_name, client_id)
    if proposed is not None:
        return f"case_id: {proposed}  # {_comment(lang, 'case_id')}"
    if written_to is None or usable_case_id(name := default_case_id(written_to)):
        return f"# case_id: …  # {_comment(lang, 'case_id_default')}"
    key = "case_id_for_folder" if written_to.name.lower() in FOLDER_CASE_NAMES else "case_id_for_file"
    written = f"{scenario.id.replace('_', '-')}-{today.isoformat()}"
    return f"case_id: {written}  # {_comment(lang, key, name=name)}"
