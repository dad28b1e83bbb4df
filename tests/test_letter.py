"""The Russian letter as a reviewer reads it: one voice, dates, labels that agree, long lists attached."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from factories import variant, write_case
from kit.cli import RunCli
from kit.packs import pack_dir
from kit.repo import GOLDEN, REPO
from ozon_urgent.ticket.content import IdGroup
from ozon_urgent.ticket.russian import ru_period, ru_quoted, ru_span

TICKETS = sorted(GOLDEN.glob("*/ticket.txt"))


@pytest.mark.parametrize("path", TICKETS, ids=lambda p: p.parent.name)
def test_every_letter_speaks_as_we_and_asks_once(path: Path) -> None:
    body = path.read_text("utf-8")
    assert not re.search(r"(?<!\w)(Прошу|прошу|Обращаюсь|обращаюсь|направляю|Я|я)(?!\w)", body)
    assert len(re.findall(r"^Просим ", body, re.M)) == 1  # the one request, after the IDs it refers to
    assert "Затронутые" not in body and "платформы" not in body and "(1 " not in body
    assert not re.search(r"с (\d\d\.\d\d\.\d{4}) по \1", body)  # a day is never a range


def test_a_day_is_a_date_and_a_range_says_so() -> None:
    from datetime import date

    day, other = date(2026, 11, 19), date(2026, 11, 24)
    assert ru_span(day, day) == "за 19.11.2026" and ru_period(day, day) == "19.11.2026"
    assert ru_span(day, other) == "с 19.11.2026 по 24.11.2026"


@pytest.mark.parametrize(
    "count, line",
    [
        (1, "номер отправления: 1-0001-1"),
        (2, "номера отправлений, всего 2: 1-0001-1, 2-0001-1"),
        (21, "номера отправлений, всего 21: "),
        (101, "номера отправлений, всего 101: "),
    ],
)
def test_the_label_agrees_with_the_count(count: int, line: str) -> None:
    group = IdGroup(
        "postings",
        "номера отправлений",
        "отправление",
        tuple(f"{n}-0001-1" for n in range(1, count + 1)),
        "номер отправления",
    )
    assert group.line.startswith(line)
    assert "(" not in group.line  # a count in words, never «(21 отправление)» after a plural label


def test_quotes_inside_a_store_name_do_not_double() -> None:
    assert ru_quoted("Ромашка «Дом»") == "«Ромашка „Дом“»"
    assert ru_quoted("Bright Home") == "«Bright Home»"


def _long_case(tmp_path: Path, postings: int, explanation: str | None = None) -> Path:
    changes: dict[str, object] = {
        "affected.postings": [f"{10_000_000 + n}-{n % 10_000:04d}-1" for n in range(postings)]
    }
    if explanation is not None:
        changes["explanation.ru"] = explanation
    return write_case(tmp_path / "case", variant("carrier_failure", changes))


def test_a_thousand_postings_go_into_an_attached_list(run_cli: RunCli, tmp_path: Path) -> None:
    path = _long_case(tmp_path, 1050)
    result = run_cli("build", "--out", tmp_path / "out", path)
    assert result.exit_code == 0, result.stdout
    pack = pack_dir(tmp_path / "out", "test-carrier-failure")
    body = (pack / "ticket.txt").read_text("utf-8").split("\n\n", 1)[1]
    assert len(body) <= 3000
    assert (
        "Номера 1050 отправлений (ниже — первые пять; полный перечень — в файле 03):\n10000000-0000-1\n"
        in body
    )
    assert "10000005-0005-1" not in body  # the sixth is only in the PDF
    data = json.loads((pack / "ticket.json").read_text("utf-8"))
    [listed] = [a for a in data["attachments"] if a["kind"] == "id_list"]
    assert listed["name"] == "03-perechen-otpravlenii-i-tovara.pdf"  # 1050 postings and one SKU
    assert "из приложенного перечня (файл 03)." in body and body.count(listed["name"]) == 1
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO((pack / "attachments" / listed["name"]).read_bytes())).pages
    )
    for n in range(1050):
        assert f"{10_000_000 + n}-{n % 10_000:04d}-1" in text
    assert data["ids"]["postings"][1049] == "10001049-1049-1"  # ticket.json keeps every ID
    filing = (pack / "FILING.md").read_text("utf-8")
    assert "8. **Attach the files.** Attach the files from step 3 in order, 1 to 3." in filing
    assert f"The full list of IDs (1050 postings, 1 SKU) is in `{listed['name']}`;" in filing
    assert "are in the ticket text" not in filing


def test_thirty_postings_stay_in_the_letter(run_cli: RunCli, tmp_path: Path) -> None:
    path = _long_case(tmp_path, 30)
    assert run_cli("build", "--out", tmp_path / "out", path).exit_code == 0
    body = (pack_dir(tmp_path / "out", "test-carrier-failure") / "ticket.txt").read_text("utf-8")
    assert "Обращение касается отправлений и товара:\n\nНомера 30 отправлений:\n" in body
    assert "perechen" not in body and "id_list" not in body
    filing = (pack_dir(tmp_path / "out", "test-carrier-failure") / "FILING.md").read_text("utf-8")
    assert "All the IDs (30 postings, 1 SKU) are in the ticket text." in filing


def test_a_body_still_too_long_names_what_to_cut(run_cli: RunCli, tmp_path: Path) -> None:
    sentence = "Служба доставки задержала отправления из-за сбоя в сортировочном центре. "
    path = _long_case(tmp_path, 3, explanation=sentence * 50)
    result = run_cli("build", "--format", "json", "--out", tmp_path / "out", path)
    [case] = json.loads(result.stdout)["cases"]
    [finding] = [f for f in case["findings"] if f["code"] == "B009"]
    assert result.exit_code == 1 and "explanation.ru" in finding["message"] and "3000" in finding["message"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_agency_template_with_broken_russian_stops_the_build(run_cli: RunCli, tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "ticket"
    templates.mkdir(parents=True)
    base = (REPO / "templates" / "ticket" / "base.txt.j2").read_text("utf-8")
    broken = base.replace("Здравствуйте!", "Здраствуйте! Пишем в Oзон.")
    (templates / "base.txt.j2").write_text(broken, "utf-8")
    path = write_case(tmp_path / "case", variant("carrier_failure", {}))
    result = run_cli("build", "--templates", tmp_path / "templates", "--out", tmp_path / "out", path)
    assert result.exit_code == 3
    line = broken.splitlines().index("Здраствуйте! Пишем в Oзон.") + 1
    assert f"base.txt.j2, line {line}" in result.stderr and "«Здраствуйте»" in result.stderr
    assert not (tmp_path / "out").exists()
