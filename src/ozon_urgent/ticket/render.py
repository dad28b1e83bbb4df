"""Rendering the pack's texts from Jinja templates: the built-in ones, or an agency's overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from ozon_urgent.catalog import Catalog
from ozon_urgent.errors import UserError
from ozon_urgent.i18n import Lang, mib
from ozon_urgent.policy import Policy
from ozon_urgent.safe_files import write_atomically
from ozon_urgent.ticket.appeal import AppealDue
from ozon_urgent.ticket.at_example import at_example
from ozon_urgent.ticket.content import CATEGORY, TicketContent
from ozon_urgent.ticket.interface import interface_labels
from ozon_urgent.ticket.left_warnings import LeftWarnings
from ozon_urgent.ticket.pack import store_folder
from ozon_urgent.ticket.proof import en_files, ru_files, zh_files
from ozon_urgent.ticket.russian import (
    after_dash,
    as_sentence,
    capitalised,
    count,
    ru_date,
    ru_period,
    ru_quoted,
    ru_span,
)
from ozon_urgent.ticket.seller_copy import (
    SellerCopy,
    en_count,
    en_date,
    en_period,
    zh_date,
    zh_period,
)
from ozon_urgent.ticket.seller_words import attachment_names
from ozon_urgent.unsafe_text import in_file, shown


class TemplateError(UserError):
    """A template that cannot be loaded or rendered (exit 3), named with its line."""

    def __init__(self, name: str, line: int | None, detail: str) -> None:
        super().__init__("template", name=name, line=line or "?", detail=detail)
        self.name, self.line, self.detail = name, line, detail


def builtin_templates() -> Path:
    """The shipped templates: inside the installed package, or the repository's top-level folder."""
    packaged = resources.files("ozon_urgent").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"


# `build`'s and `followup`'s `--out` when none is given: FILING.md names it only when another was.
DEFAULT_OUT = "out"


@dataclass(frozen=True, slots=True)
class FilingNotes:
    """What FILING.md says before step 1, since sellers follow FILING alone: that the Russian is not yet
    reviewed (C173: the build does not stop for it), the appeal deadline (None for an `as_of` case), and
    the warnings the build left; `built`: when the pack was built, for step 10's `--at` example."""

    ru_unreviewed: bool = False
    appeal: AppealDue | None = None
    warnings: LeftWarnings = field(default_factory=LeftWarnings)
    built: datetime | None = None


@dataclass(frozen=True, slots=True)
class RenderedTicket:
    subject: str
    body: str

    @property
    def text(self) -> str:
        """ticket.txt: the subject line, a blank line, then the body."""
        return f"{self.subject}\n\n{self.body}"


class Renderer:
    def __init__(self, overrides: Path | None = None) -> None:
        import jinja2

        folders = [str(overrides)] if overrides else []
        folders.append(str(builtin_templates()))
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders),  # an override's missing file falls back to ours
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            count=count,
            ru_date=ru_date,
            sentence=as_sentence,
            ru_period=lambda span: ru_period(*span),
            ru_span=lambda span: ru_span(*span),
            quoted=ru_quoted,
            after_dash=after_dash,
            capitalised=capitalised,
            ru_files=ru_files,  # « — файл 03» after an ID the file shows (ticket.proof)
        )
        # The seller's copy (zh/en) writes dates and counts the way its reader does.
        self.env.filters.update(
            zh_date=zh_date, zh_period=zh_period, en_date=en_date, en_period=en_period, en_count=en_count
        )
        self.env.filters.update(zh_files=zh_files, en_files=en_files)

    def text(self, name: str, **context: object) -> str:
        """Any template rendered and tidied: the follow-up comment, and the ticket's and FILING.md's parts."""
        return _tidy(self._render(name, **context))

    def _render(self, name: str, **context: object) -> str:
        import jinja2

        try:
            # Every text of a pack is rendered here: whatever a value or an override's template brings,
            # control, bidi and hidden characters leave as visible escapes (unsafe_text), never raw.
            return in_file(self.env.get_template(name).render(**context))
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.filename or exc.name or name, exc.lineno, exc.message or "syntax error"
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(name, None, f"template not found: {exc.name}") from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(name, _template_line(exc), str(exc)) from None
        except Exception as exc:  # a filter fed the wrong value by an override, and the like
            raise TemplateError(name, _template_line(exc), f"{type(exc).__name__}: {exc}") from None

    def sources(self, names: list[str]) -> list[tuple[str, str]]:
        """(where it was found, its text) of each template, an override's own path before ours."""
        import jinja2

        found = []
        for name in names:
            try:
                source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            except jinja2.TemplateNotFound:
                continue
            builtin = filename is not None and Path(filename).is_relative_to(builtin_templates())
            found.append((name if builtin or filename is None else filename, source))
        return found

    def ticket(self, content: TicketContent) -> RenderedTicket:
        subject = self._render("ticket/subject.txt.j2", t=content).strip()
        body = self._render(f"ticket/{content.scenario}.txt.j2", t=content)
        return RenderedTicket(subject=subject, body=_tidy(body))

    def seller_copy(self, copy: SellerCopy) -> str:
        """ticket.zh.md / ticket.en.md: the letter in the seller's language, never filed."""
        return _tidy(self._render(f"seller/letter.{copy.lang}.md.j2", c=copy, t=copy.ticket))

    def filing(
        self,
        content: TicketContent,
        catalog: Catalog,
        policy: Policy,
        lang: Lang,
        case_file: str | None = None,
        ledger: str | None = None,
        out: str = DEFAULT_OUT,
        captions: Mapping[int, str] | None = None,
        notes: FilingNotes | None = None,
    ) -> str:
        """FILING.md; `case_file` is the case's path as `build` was given it, for the commands to run next,
        `ledger` the ledger it was recorded in when not the default (`make demo`'s own, an agency's
        shared file; a URL is left out: it may hold a password, and a pack is shared), and `out` the
        `--out` folder as given: the pack is `<out>/<store>/<case_id>`, and `followup` is told to write
        beside it. `captions` are the seller's own captions by attachment number, in the seller's words
        (seller_copy), for the files FILING lists by caption rather than by kind. `notes`: what FILING
        puts before step 1 (FilingNotes)."""
        notes = notes or FilingNotes()
        ledger_arg = f" --ledger {shell_word(ledger)}" if ledger and "://" not in ledger else ""
        store = f"{out.rstrip('/') or '/'}/{store_folder(content.client_id)}"
        scenario = catalog.scenarios[content.scenario]
        kind_en = {**{k: v.names.en for k, v in catalog.kinds.items()}, **_MADE_BY_TOOL["en"]}
        kind_zh = {**{k: v.names.zh for k, v in catalog.kinds.items()}, **_MADE_BY_TOOL["zh"]}
        kinds = {a.number: a.kind for a in content.attachments}
        return _tidy(
            self._render(
                f"filing/FILING.{lang}.md.j2",
                t=content,
                category=CATEGORY,  # the article's English name, for overrides: no label on Ozon's form
                ui=interface_labels(),  # the Russian labels the seller will see, each sourced
                video_scenario=any(catalog.kinds[k].video for group in scenario.evidence for k in group),
                scenario_en=scenario.names.en,
                scenario_zh=scenario.names.zh,
                kind_en=kind_en,  # for overrides written before `attachment_names`
                kind_zh=kind_zh,
                attachment_names=attachment_names(
                    kinds, kind_zh if lang == "zh" else kind_en, captions or {}
                ),
                max_mb=mib(policy.max_attachment_bytes),
                followup_days=policy.followup_working_days,
                duplicate_hours=policy.duplicate_hours,
                id_summary=id_summary(content, lang),
                case_file=shell_word(case_file) if case_file else "CASE",
                ledger_arg=ledger_arg,
                out_arg=f" --out {shell_word(out)}" if out != DEFAULT_OUT else "",
                pack_dir=f"{store}/{content.case_id}",
                store_dir=store,
                ru_unreviewed=notes.ru_unreviewed,
                appeal=notes.appeal,
                appeal_window_days=policy.appeal_window_days,
                warnings=notes.warnings,
                at=at_example(notes.built, content.received),
            )
        )


# What each kind of ID is called where FILING.md counts them: the terms of the seller's copy of the letter.
_ID_NOUNS: dict[Lang, dict[str, str]] = {
    "en": {
        "postings": "posting",
        "orders": "order",
        "skus": "SKU",
        "products": "product ID",
        "offer_ids": "offer ID",
    },
    "zh": {
        "postings": "货件",
        "orders": "订单",
        "skus": "SKU",
        "products": "商品 ID（product_id）",
        "offer_ids": "货号（offer_id）",
    },
}


def id_summary(content: TicketContent, lang: Lang) -> str:
    """`3 postings, 6 SKUs` / `货件 3 个、SKU 6 个`: how many IDs of each kind the ticket names."""
    nouns = _ID_NOUNS[lang]
    if lang == "zh":  # 货件 3 个, with no space after a full-width parenthesis: 货号（offer_id）2 个
        counted = (f"{nouns[g.key]} {len(g.items)} 个".replace("） ", "）") for g in content.id_groups)
        return "、".join(counted) or "—"
    return ", ".join(en_count(len(g.items), nouns[g.key]) for g in content.id_groups) or "—"


def shell_word(path: str) -> str:
    """A path as one word of a shell command, quoted only when it must be; a path no command line can
    carry (control, bidi or hidden characters, which a pack shows escaped, or a backtick that would end
    the Markdown code) is shown as `CASE`."""
    import shlex

    if "`" in path or shown(path) != path:  # a line feed or tab as well
        return "CASE"
    return shlex.quote(path)


# Attachments the tool makes itself, named in the filing steps like the seller's own.
_MADE_BY_TOOL = {
    "en": {"id_list": "the full list of IDs (made by the tool)"},
    "zh": {"id_list": "完整的 ID 清单（工具生成）"},
}


def _template_line(exc: BaseException) -> int | None:
    """The template line an exception was raised at, from Jinja's rewritten traceback."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _tidy(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"


def export_templates(target: Path, *, force: bool) -> list[Path]:
    """Copy the built-in templates into `target` for an agency to adapt; existing files only with force."""
    source = builtin_templates()
    files = sorted(p for p in source.rglob("*.j2") if p.is_file())
    written = []
    clashes = [target / p.relative_to(source) for p in files if (target / p.relative_to(source)).exists()]
    if clashes and not force:
        raise FileExistsError(str(clashes[0]))
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(destination, path.read_bytes(), exclusive=not force)
        written.append(destination)
    return written
