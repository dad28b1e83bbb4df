"""Where a run's report goes: its format, stdout or `--output`, and the files commands write."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ozon_urgent.cli.exit import ExitStatus, fail
from ozon_urgent.cli.options import one_of
from ozon_urgent.reporters.formats import OutputFormat
from ozon_urgent.safe_files import write_atomically
from ozon_urgent.unsafe_text import shown

if TYPE_CHECKING:
    from ozon_urgent.findings import RunResult
    from ozon_urgent.i18n import Lang

FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar=one_of(OutputFormat),
        help="Report format (default: text; github under GitHub Actions).",
    ),
]


def chosen_format(chosen: OutputFormat | None) -> OutputFormat:
    """GitHub annotations by default inside GitHub Actions, text elsewhere."""
    if chosen is not None:
        return chosen
    return OutputFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.TEXT


def report(
    result: RunResult,
    output_format: OutputFormat | None,
    lang: Lang,
    *,
    quiet: bool,
    output: Path | None,
    extra: list[str] | None = None,
) -> None:
    """The report on stdout (or in --output); machine formats get nothing else on stdout."""
    from ozon_urgent.reporters import REPORTERS
    from ozon_urgent.reporters.visible import shown_result

    chosen = chosen_format(output_format)
    text_format = chosen is OutputFormat.TEXT
    color = text_format and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # JSON keeps the exact text (it escapes controls itself); what people and annotations read is escaped.
    readable = result if chosen is OutputFormat.JSON else shown_result(result)
    if quiet and text_format:
        from ozon_urgent.reporters.text import render_text

        text = render_text(readable, lang, color=color, summary=False)  # the problems, nothing else
    else:
        text = REPORTERS[chosen](readable, lang, color=color)
    if text_format and not quiet and extra:
        text += "".join(shown(line) + "\n" for line in extra)
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text)


def write_file(path: Path, text: str) -> None:
    """Write (or replace) a file the user named, whole or not at all; a failure is the run's, exit 3."""
    try:
        if path.exists() and not path.is_file():  # /dev/stdout, a pipe: written into, not replaced
            path.write_text(text, encoding="utf-8")
        else:
            write_atomically(path.resolve(), text.encode("utf-8"))
    except OSError as exc:
        fail("write", status=ExitStatus.FAILED, file=path, detail=exc.strerror or str(exc))


def write_new(path: Path, text: str) -> None:
    """Write a file the user named that must not exist yet (a skeleton is never written over work), in
    folders made for it when they are missing (`init -o cases/<store>/<case>/case.yaml`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # A file where a folder should be: mkdir says "File exists", which names the wrong problem.
        detail = os.strerror(errno.ENOTDIR) if isinstance(exc, FileExistsError) else exc.strerror
        fail("make_folder", status=ExitStatus.FAILED, folder=path.parent, file=path, detail=detail or exc)
    try:
        write_atomically(path, text.encode("utf-8"), exclusive=True)
    except FileExistsError:
        fail("exists", file=path)
    except OSError as exc:
        fail("write", status=ExitStatus.FAILED, file=path, detail=exc.strerror or str(exc))
