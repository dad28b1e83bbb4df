"""The command-line framework's own words in the user's language: help pages and usage errors.

Typer (and the copy of Click it carries) writes help and usage errors in English only, and names
values after Python types (`<list[str]>`, `<int range>`, `{paths}`). The command classes here lay the
help out themselves, with the metavars the options declare (PATH, FILE, N, [zh|en]).

Where the words come from: English from the source (commands' docstrings, `help=` texts, and `ENGLISH`
below for the framework's own words); Chinese from the zh catalog, which is the one place a Chinese
string is added: "cli.help" (the top level), "cli.help.<command>" (`help`, `short` for the list of
commands, and one entry per option or argument, by its name), "cli.help.shared" (options several
commands share, used only where the command has no entry of its own), "cli.click" (the framework's
words and usage errors). English usage errors stay Click's own.

Click answers `--help` while it parses, before any command runs, so the language is decided first
(`App.main`): `--lang zh|en` among the arguments, else the locale (`options.env_lang`).
"""

from __future__ import annotations

import difflib
import inspect
import re
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any, NoReturn

import typer
from typer import Abort
from typer._click.core import Command as ClickCommand
from typer._click.core import Context as ClickContext
from typer._click.core import Parameter
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter, join_options
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from ozon_urgent import i18n
from ozon_urgent.cli.help_words import glossed_choices, shown_metavar, write_steps
from ozon_urgent.cli.options import env_lang
from ozon_urgent.i18n import Lang

# The framework's words in English, as Click prints them; the zh catalog's "cli.click" has each key.
ENGLISH = {
    "usage": "Usage: ",
    "arguments": "Arguments",
    "options": "Options",
    "commands": "Commands",
    "help_option": "Show this message and exit.",
    "aborted": "Aborted!",
    "default": "default: {value}",
    "env_var": "env var: {name}",
    "required": "required",
    "at_least": "at least {min}",
    "at_most": "at most {max}",
    "between": "{min} to {max}",
    "separator": "; ",
}

SHARED = "cli.help.shared"


def argv_lang(args: Sequence[str]) -> Lang | None:
    """The language `--lang zh|en` (or `--lang=zh`) asks for among the arguments; the last one wins,
    as Click's does. An unknown value is left for Click to refuse."""
    chosen: Lang | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value == "zh":
            chosen = "zh"
        elif value == "en":
            chosen = "en"
    return chosen


def zh_table(table: str) -> dict[str, str]:
    return i18n.catalog("zh").get(table, {})


def say(lang: Lang, key: str, /, **params: object) -> str:
    """The framework's word `key`: ENGLISH, or the zh catalog's "cli.click" entry."""
    template = zh_table("cli.click").get(key) if lang == "zh" else None
    if template is None:
        template = ENGLISH[key]
    return template.format(**params) if params else template


def help_table(path: str) -> str:
    """The catalog table of a command's help texts: "cli.help" for the top level, else by its path."""
    return f"cli.help.{path}" if path else "cli.help"


def command_path(ctx: ClickContext) -> str:
    """`templates.export` for `ozon-urgent templates export`; "" for the top level."""
    names: list[str] = []
    node = ctx
    while node.parent is not None:
        names.append(node.info_name or "")
        node = node.parent
    return ".".join(reversed(names))


def lang_of(ctx: ClickContext) -> Lang:
    root = ctx.find_root().command
    return root.lang if isinstance(root, App) else "en"


def command_help(command: ClickCommand, path: str, lang: Lang) -> str:
    if lang == "zh":
        text = zh_table(help_table(path)).get("help")
        if text:
            return text
    return inspect.cleandoc(command.help or "").partition("\f")[0]


def short_help(command: ClickCommand, path: str, lang: Lang, limit: int) -> str:
    if lang == "zh":
        entry = zh_table(help_table(path))
        text = entry.get("short") or entry.get("help", "").partition("\n\n")[0]
        if text:
            return text
    return command.get_short_help_str(limit)


def param_help(param: Parameter, path: str, lang: Lang) -> str:
    if lang == "zh":
        text = zh_table(help_table(path)).get(param.name) or zh_table(SHARED).get(param.name)
        if text:
            # an option that takes one of a few English words: what each of them means
            return f"{text}{glossed_choices(param.metavar)}"
    return getattr(param, "help", None) or ""


def metavar(param: Parameter, lang: Lang = "en") -> str:
    """What the help and the usage line call the parameter's value: its declared metavar, else its
    name in capitals (in Chinese under zh: 路径, 案件文件); an argument that takes many values ends in
    `...`."""
    name = shown_metavar(param.metavar or param.name.upper(), lang)
    if isinstance(param, TyperArgument) and param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _usage_piece(param: TyperArgument, lang: Lang) -> str:
    name = shown_metavar(param.metavar or param.name.upper(), lang)
    many = "..." if param.nargs != 1 else ""
    return f"{name}{many}" if param.required else f"[{name}]{many}"


def _default(param: TyperArgument | TyperOption, ctx: ClickContext) -> str | None:
    if isinstance(param.show_default, str):
        return param.show_default
    if not param.show_default:
        return None
    value = param.get_default(ctx, call=False)
    if isinstance(param, TyperOption) and param.is_flag:
        # --cache / --no-cache: the option that is on; a plain flag is off unless given
        if param.secondary_opts and value is not None:
            return (param.opts if value else param.secondary_opts)[0]
        return None
    if value is None or value == "" or callable(value) or (isinstance(value, list | tuple) and not value):
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item.value if isinstance(item, Enum) else item) for item in value)
    return str(value)


def _range(param: TyperArgument | TyperOption, lang: Lang) -> str | None:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return say(lang, "between", min=low, max=high)
    if low is not None:
        return say(lang, "at_least", min=low)
    if high is not None:
        return say(lang, "at_most", max=high)
    return None


def help_record(param: Parameter, ctx: ClickContext, path: str, help_text: str) -> tuple[str, str] | None:
    """One line of the Arguments or Options list: names and metavar, help, then [env var; default;
    range; required] in the user's language."""
    if not isinstance(param, TyperArgument | TyperOption) or param.hidden:
        return None
    lang = lang_of(ctx)
    if isinstance(param, TyperOption):
        names = join_options(param.opts)[0]
        if param.secondary_opts:
            names += " / " + join_options(param.secondary_opts)[0]
        if not param.is_flag:
            names += " " + metavar(param, lang)
    else:
        names = metavar(param, lang)
    extra = []
    if param.show_envvar and param.envvar:
        envvar = param.envvar if isinstance(param.envvar, str) else ", ".join(param.envvar)
        extra.append(say(lang, "env_var", name=envvar))
    default = _default(param, ctx)
    if default:
        extra.append(say(lang, "default", value=default))
    limits = _range(param, lang)
    if limits:
        extra.append(limits)
    if param.required:
        extra.append(say(lang, "required"))
    if extra:
        tags = "[" + say(lang, "separator").join(extra) + "]"
        help_text = f"{help_text}  {tags}" if help_text else tags
    return names, help_text


def usage_pieces(command: ClickCommand, ctx: ClickContext) -> list[str]:
    lang = lang_of(ctx)
    pieces = [shown_metavar(command.options_metavar, lang)] if command.options_metavar else []
    pieces.extend(
        _usage_piece(param, lang) for param in command.get_params(ctx) if isinstance(param, TyperArgument)
    )
    return pieces


def write_usage(command: ClickCommand, ctx: ClickContext, formatter: HelpFormatter) -> None:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    formatter.write_usage(ctx.command_path, pieces, prefix=say(lang_of(ctx), "usage"))


def write_help(command: ClickCommand, ctx: ClickContext, formatter: HelpFormatter) -> None:
    """Click's help page (usage, help text, Arguments, Options, Commands) in the user's language."""
    lang, path = lang_of(ctx), command_path(ctx)
    command.format_usage(ctx, formatter)
    text = command_help(command, path, lang)
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)
    help_option = command.get_help_option(ctx)
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        help_text = say(lang, "help_option") if param is help_option else param_help(param, path, lang)
        record = help_record(param, ctx, path, help_text)
        if record is not None:
            (arguments if isinstance(param, TyperArgument) else options).append(record)
    for title, rows in (("arguments", arguments), ("options", options)):
        if rows:
            with formatter.section(say(lang, title)):
                formatter.write_dl(rows)
    if isinstance(command, TyperGroup):
        _write_commands(command, ctx, formatter, path, lang)
    epilog = zh_table(help_table(path)).get("epilog") if lang == "zh" else command.epilog
    if epilog:  # the top level's first steps: init, check, build, record
        write_steps(formatter, inspect.cleandoc(epilog), wrap)


def _write_commands(
    group: TyperGroup, ctx: ClickContext, formatter: HelpFormatter, path: str, lang: Lang
) -> None:
    commands = [(name, group.commands[name]) for name in group.list_commands(ctx)]
    commands = [(name, command) for name, command in commands if not command.hidden]
    if not commands:
        return
    limit = formatter.width - 6 - max(len(name) for name, _ in commands)
    rows = [
        (name, short_help(command, f"{path}.{name}" if path else name, lang, limit))
        for name, command in commands
    ]
    with formatter.section(say(lang, "commands")):
        formatter.write_dl(rows)


class Context(typer.Context):
    def make_formatter(self) -> HelpFormatter:
        if lang_of(self) == "zh":
            return WideFormatter(width=self.terminal_width, max_width=self.max_content_width)
        return super().make_formatter()


class _Speaks(ClickCommand):
    """Help and usage in the user's language (see the module's doc); mixed into Command and Group."""

    context_class = Context

    def format_help(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        write_help(self, ctx, formatter)

    def format_usage(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        write_usage(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: ClickContext) -> list[str]:
        return usage_pieces(self, ctx)


class Command(_Speaks, TyperCommand):
    """A command whose help page speaks the user's language."""


class Group(_Speaks, TyperGroup):
    """A group of commands whose help page speaks the user's language."""

    def collect_usage_pieces(self, ctx: ClickContext) -> list[str]:
        return [*usage_pieces(self, ctx), shown_metavar(self.subcommand_metavar, lang_of(ctx))]

    def resolve_command(
        self, ctx: ClickContext, args: list[str]
    ) -> tuple[str | None, ClickCommand | None, list[str]]:
        name = args[0]
        chinese = lang_of(ctx) == "zh" and not ctx.resilient_parsing
        if chinese and not name.startswith("-") and self.get_command(ctx, name) is None:
            _no_such_command(ctx, name, list(self.commands))
        return super().resolve_command(ctx, args)


class App(Group):
    """The top-level group: it decides the language before Click parses anything, and says Click's
    usage errors in it."""

    lang: Lang = "en"

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        self.lang = argv_lang(sys.argv[1:] if args is None else args) or env_lang()
        return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)

    def make_context(
        self, info_name: str | None, args: list[str], parent: ClickContext | None = None, **extra: Any
    ) -> ClickContext:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as error:
            self._reraise(error)

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            self._reraise(error)
        except Abort:
            # end of input at a prompt (the Seller API key): Click would say "Aborted!" in English
            if self.lang != "zh":
                raise
            typer.echo(say("zh", "aborted"), err=True)
            sys.exit(1)

    def _reraise(self, error: UsageError) -> NoReturn:
        """The error in Chinese when the user reads Chinese; English errors are Click's own."""
        from ozon_urgent.cli.split_time import split_time_message

        split = split_time_message(error, self.lang)
        if split is not None:
            raise (ChineseUsageError if self.lang == "zh" else UsageError)(split, error.ctx) from error
        if self.lang != "zh" or isinstance(error, NoArgsIsHelpError | ChineseUsageError):
            raise error
        raise ChineseUsageError(chinese_message(error), error.ctx) from error


class ChineseUsageError(UsageError):
    """A usage error said in Chinese: the usage line, how to get help, 错误：…; still exit 2."""

    def show(self, file: Any = None) -> None:
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                command, option = self.ctx.command_path, self.ctx.help_option_names[0]
                hint = say("zh", "try_help", command=command, option=option) + "\n"
            typer.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=True, color=self.ctx.color)
        typer.echo(say("zh", "error", message=self.format_message()), file=file, err=True)


def _no_such_command(ctx: ClickContext, name: str, known: list[str]) -> NoReturn:
    guesses = difflib.get_close_matches(name, known)
    if guesses:
        names = _code_list(guesses)
        raise ChineseUsageError(say("zh", "no_such_command_guess", name=name, names=names), ctx)
    raise ChineseUsageError(say("zh", "no_such_command", name=name), ctx)


# Click's messages that carry a value, and the catalog entry that says each in Chinese.
_DETAILS = [
    (re.compile(r"Value error, (?P<value>.+) is not one of (?P<choices>.+)\.$"), "not_one_of"),
    (re.compile(r"Input should be a valid integer"), "not_integer"),
    (re.compile(r"Input should be greater than or equal to (?P<min>\S+)$"), "too_small"),
    (re.compile(r"Input should be less than or equal to (?P<max>\S+)$"), "too_large"),
    (re.compile(r"\w+ (?P<name>'.*') does not exist\.$"), "no_such_path"),
    (re.compile(r"\w+ (?P<name>'.*') is a file\.$"), "is_file"),
    (re.compile(r"\w+ (?P<name>'.*') is a directory\.$"), "is_folder"),
    (re.compile(r"\w+ (?P<name>'.*') is not readable\.$"), "unreadable"),
    (re.compile(r"\w+ (?P<name>'.*') is not writable\.$"), "unwritable"),
]
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)$")
_OPTION_NEEDS_VALUE = re.compile(r"Option '(?P<name>.+)' requires (an argument|\d+ arguments)\.$")
_OPTION_TAKES_NO_VALUE = re.compile(r"Option '(?P<name>.+)' does not take a value\.$")


def _code_list(names: Sequence[str]) -> str:
    """`check`、`schema`: names to type, as code, the way the catalog writes them."""
    return say("zh", "list_separator").join(f"`{name}`" for name in names)


def _quoted_list(text: str) -> str:
    """ "'a', 'b'" → "a、b"."""
    return say("zh", "list_separator").join(re.findall(r"'([^']*)'", text)) or text


def _detail(message: str) -> str:
    for pattern, key in _DETAILS:
        found = pattern.search(message)
        if found:
            params = found.groupdict()
            if "choices" in params:
                params["choices"] = _quoted_list(params["choices"])
            return say("zh", key, **params)
    return message  # a message Click has not said before: in English rather than not at all


def _param_name(error: BadParameter) -> str | None:
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    param = error.param
    if isinstance(param, TyperOption):
        name = " / ".join(param.opts)
        if param.show_envvar and isinstance(param.envvar, str):
            name += "（" + say("zh", "env_var", name=param.envvar) + "）"
        return name
    if param is not None:
        return shown_metavar(param.metavar or param.name.upper(), "zh")
    return None


def _choices(error: MissingParameter) -> str | None:
    """The values a missing choice option takes, from Typer's own "Choose from:" list."""
    param = error.param
    if not isinstance(param, TyperArgument | TyperOption):
        return None
    listed = param.get_missing_message(error.ctx) or ""
    values = [line.strip().rstrip(",") for line in listed.splitlines()[1:]]
    return say("zh", "list_separator").join(value for value in values if value) or None


def _missing_option(param: Parameter | None, name: str) -> str:
    """What to add, with the value's name as the help shows it: `请加上 `--ref <工单编号>``."""
    if not isinstance(param, TyperOption) or param.is_flag or not param.metavar:
        return say("zh", "missing_option", name=name)
    option = next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
    value = shown_metavar(param.metavar, "zh")
    return say("zh", "missing_option_value", name=name, option=option, value=value)


def chinese_message(error: UsageError) -> str:
    """Click's usage error said in Chinese, from what the error carries; a message it has never said
    before keeps its English detail inside the Chinese frame."""
    if isinstance(error, NoSuchOption):
        if error.possibilities:
            names = _code_list(sorted(error.possibilities))
            return say("zh", "no_such_option_guess", name=error.option_name, names=names)
        return say("zh", "no_such_option", name=error.option_name)
    if isinstance(error, MissingParameter):
        name = _param_name(error) or ""
        if isinstance(error.param, TyperArgument):
            return say("zh", "missing_argument", name=name)
        choices = _choices(error)
        if choices:
            return say("zh", "missing_option_choices", name=name, choices=choices)
        return _missing_option(error.param, name)
    if isinstance(error, BadParameter):
        hint = _param_name(error)
        detail = _detail(error.message)
        return say("zh", "invalid_value", name=hint, detail=detail) if hint else detail
    if isinstance(error, BadOptionUsage):
        for pattern, key in (
            (_OPTION_NEEDS_VALUE, "needs_value"),
            (_OPTION_TAKES_NO_VALUE, "takes_no_value"),
        ):
            if pattern.match(error.message):
                return say("zh", key, name=error.option_name)
        return error.message
    extra = _EXTRA_ARGUMENTS.match(error.message)
    if extra:
        return say("zh", "extra_arguments", args=extra["args"])
    if error.message == "Missing command.":
        return say("zh", "missing_command")
    return error.message


# --- Chinese in a terminal: two cells a character, lines broken between characters -----------------

# A line never starts with closing punctuation, nor ends with opening punctuation.
_NO_LINE_START = set("，。、；：！？）》」』】〕”’…,.;:!?)]}")
_NO_LINE_END = set("（《「『【〔“‘([{")
# A `code span`, a short [bracketed tag] and a value with its gloss (resolved（已解决）) are never
# broken; anything else may break at a space or between two Chinese characters.
_UNITS = re.compile(r"`[^`\n]*`|\[[^\[\]\n]{1,40}\]|[a-z_]+（[^（）\n]{1,12}）|\s+|.", re.DOTALL)


cells = i18n.display_width


def _units(text: str) -> list[str]:
    """What a line may be broken between: a word, a `code span`, a [tag], one Chinese character, a space."""
    from unicodedata import east_asian_width

    units: list[str] = []
    joining = False  # the last unit is a word that the next narrow character continues
    for piece in _UNITS.findall(text):
        if piece.isspace():
            units.append(" ")
            joining = False
        elif len(piece) == 1 and east_asian_width(piece) not in "WF" and joining:
            units[-1] += piece
        else:
            units.append(piece)
            joining = len(piece) == 1 and east_asian_width(piece) not in "WF"
    merged: list[str] = []
    for unit in units:
        glued = unit[0] in _NO_LINE_START or (merged and merged[-1][-1] in _NO_LINE_END)
        if merged and merged[-1] != " " and unit != " " and glued:
            merged[-1] += unit
        else:
            merged.append(unit)
    return merged


# Where a Chinese line reads best broken: after a mark that ends a clause, or before an opening bracket.
_CLAUSE_END = tuple("，。、；：！？）》」』】")
_CLAUSE_START = tuple("（《「『【“")


def _fill(text: str, width: int, first_indent: str, indent: str) -> str:
    """Units laid into lines of `width` cells. A line that would break inside a clause (运 / 行) breaks
    at the clause's last mark instead, when that leaves the line at least half full."""
    lines: list[str] = []
    line: list[tuple[str, bool]] = []  # the units of the line being filled, each with a space before it
    lead = first_indent
    for unit, space in _spaced(_units(" ".join(text.split()))):
        if line and _width(lead, [*line, (unit, space)]) > width:
            cut = _clause_break(line, width // 2 - cells(lead)) if not _ends_clause(line[-1][0]) else None
            kept, moved = (line, []) if cut is None else (line[:cut], line[cut:])
            lines.append(_joined(lead, kept))
            lead, line = indent, [(moved[0][0], False), *moved[1:]] if moved else []
            space = space and bool(line)
        line.append((unit, space and bool(line)))
    lines.append(_joined(lead, line))
    return "\n".join(line.rstrip() for line in lines)


def _spaced(units: list[str]) -> list[tuple[str, bool]]:
    """Each unit but the spaces, with whether a space stood before it."""
    out: list[tuple[str, bool]] = []
    space = False
    for unit in units:
        if unit == " ":
            space = bool(out)
            continue
        out.append((unit, space))
        space = False
    return out


def _width(lead: str, line: list[tuple[str, bool]]) -> int:
    return cells(lead) + sum(cells(unit) + (1 if space else 0) for unit, space in line)


def _joined(lead: str, line: list[tuple[str, bool]]) -> str:
    return lead + "".join((" " if space else "") + unit for unit, space in line)


def _ends_clause(unit: str) -> bool:
    return unit.endswith(_CLAUSE_END) or unit.startswith(" ")


def _clause_break(line: list[tuple[str, bool]], least: int) -> int | None:
    """Where in `line` to break so it ends a clause (the index of the first unit moved), keeping at least
    `least` cells on it; None when no clause ends that late, or the line holds no Chinese clause."""
    for cut in range(len(line) - 1, 0, -1):
        before, after = line[cut - 1][0], line[cut][0]
        if _width("", line[:cut]) < least:
            return None
        if before.endswith(_CLAUSE_END) or after.startswith(_CLAUSE_START):
            return cut
    return None


def wrap(text: str, width: int, first_indent: str = "", indent: str = "") -> str:
    """`text` in lines of at most `width` cells; paragraphs (split by blank lines) stay apart."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "\n\n".join(
        _fill(paragraph, width, first_indent if number == 0 else indent, indent)
        for number, paragraph in enumerate(paragraphs)
    )


class WideFormatter(HelpFormatter):
    """Click's help layout for Chinese text: widths in terminal cells, full-width colons after headings,
    lines broken between Chinese characters (Click breaks only at spaces, which Chinese has none of)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = prefix or ""
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= cells(usage_prefix) + 20:
            self.write(wrap(args, text_width, usage_prefix, " " * cells(usage_prefix)))
        else:
            indent = " " * (max(self.current_indent, cells(prefix)) + 4)
            self.write(f"{usage_prefix}\n{wrap(args, text_width, indent, indent)}")
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent, indent) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max(cells(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")
