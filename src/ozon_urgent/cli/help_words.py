"""Help pages' words beyond the help texts: metavars and the values of a choice in the reader's
language, and the first steps at the end of the top-level help.

Chinese from the zh catalog: "cli.metavar" (by the English metavar: `PATH` → 路径, `[OPTIONS]` → [选项],
`[resolved|rejected|closed]` → 结果), "cli.choice" (each value of a choice glossed: resolved → 已解决;
the value itself stays, it is what the user types) and "cli.help"'s `epilog`. English: the metavars
the options declare, and the app's own `epilog=`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from typer._click.formatting import HelpFormatter

from ozon_urgent import i18n
from ozon_urgent.i18n import Lang

# The metavar of an option that takes one of a few values (options.one_of): `[zh|en]`.
_CHOICES = re.compile(r"^\[(?P<values>[a-z_]+(?:\|[a-z_]+)+)\]$")


def _zh(table: str) -> dict[str, str]:
    return i18n.catalog("zh").get(table, {})


def shown_metavar(name: str, lang: Lang) -> str:
    """What the help page calls a value: PATH, or 路径 under zh (the same word when the catalog has
    none, as for CLIENT_ID and YYYY-MM-DD, which a seller types as they are)."""
    if lang != "zh":
        return name
    many = name.endswith("...")
    word = _zh("cli.metavar").get(name.removesuffix("..."), name.removesuffix("..."))
    return word + ("..." if many else "")


def choices(metavar: str | None) -> list[str]:
    """The values of a choice option's metavar (`[zh|en]` → zh, en); none for any other metavar."""
    found = _CHOICES.match(metavar or "")
    return found["values"].split("|") if found else []


def glossed_choices(metavar: str | None) -> str:
    """「可选值：resolved（已解决）、rejected（已驳回）……」: what each value means, for the Chinese help of
    an option whose values are English words; "" for an option that takes no choice."""
    values = choices(metavar)
    if not values:
        return ""
    glosses = _zh("cli.choice")
    listed = "、".join(f"{value}（{glosses[value]}）" if value in glosses else value for value in values)
    return _zh("cli.click")["choices"].format(values=listed)


def write_steps(formatter: HelpFormatter, text: str, fill: Callable[[str, int, str, str], str]) -> None:
    """The epilog: its first line the heading, then its lines as written (a numbered step, the line
    under it indented), each wrapped to the terminal on its own by `fill` (localized.wrap)."""
    heading, _, body = text.strip().partition("\n")
    with formatter.section(heading.strip()):
        for line in body.splitlines():
            if not line.strip():
                continue
            text_line = line.lstrip()
            indent = " " * (formatter.current_indent + len(line) - len(text_line))
            hanging = indent + "   " if re.match(r"\d+\. ", text_line) else indent
            formatter.write(fill(text_line, formatter.width, indent, hanging) + "\n")
