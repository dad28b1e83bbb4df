"""Every rule's pass/fail examples from tests/data/checks/<CODE>.yaml, run through the real engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.findings import Where, where
from kit.repo import REPO
from kit.rule_examples import EXAMPLES, RULE_DATA, Example, check_example
from ozon_urgent.checks import RULES
from ozon_urgent.findings import Code, words


def _in_order(places: list[Where]) -> list[Where]:
    return sorted(places, key=lambda place: (place[0] or 0, place[1]))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_rule_example(example: Example, tmp_path: Path) -> None:
    findings = check_example(example, tmp_path)
    for finding in findings:  # every finding is complete and readable
        said = words(finding, "en")
        assert said.message and said.hint and "{" not in said.message, finding
    codes = {finding.code for finding in findings}
    if example.expect_fail:
        expected = example.expected_at()
        assert expected, f"{example.id}: a failing example pins where its findings point, with `at:`"
        found = [where(finding) for finding in findings if finding.code == example.code]
        assert _in_order(found) == _in_order(expected)
    else:
        assert example.code not in codes
        assert not codes - set(example.spec.get("allow", [])), f"unexpected findings {codes}"


# Rules about file content or whole runs have their examples where those are made: generated hostile
# files under tests/attachments, packs in test_build.py. Each entry names the test that proves it.
TESTED_ELSEWHERE = {
    "B001": "test_build.py::test_same_case_id_twice_keeps_the_first",
    "B002": "test_build.py::test_existing_pack_needs_force",
    "B003": "test_build.py::test_out_folder_is_a_file",
    "B004": "test_check_content.py::test_fix_preview_then_fixed_copy_input_untouched",
    "B005": "test_batch.py::test_cross_case_findings",
    "B006": "test_batch.py::test_cross_case_findings",
    "B007": "test_build.py::test_a_duplicate_of_a_ticket_filed_within_72_hours_is_refused",
    "B008": "test_hardening.py::test_a_bug_on_one_case_is_that_case_s_finding",
    "B009": "test_letter.py::test_a_body_still_too_long_names_what_to_cut",
    "B010": "test_agency_packs.py::test_a_second_build_of_unchanged_cases_skips_every_one",
    "B011": "test_agency_packs.py::test_a_filed_pack_survives_build_force_and_refiling_takes_a_new_case_id",
    "B012": "test_batch.py::test_one_store_named_two_ways",
    # what a case's files show: the rule data cannot hold file content, so these run on real files
    "C197": "test_proof_findings.py::test_an_id_no_file_shows_is_named_at_its_line",
    "C198": "test_proof_findings.py::test_a_file_that_shows_nothing_it_claims",
    "C199": "test_proof_findings.py::test_dates_outside_covers_are_named",
    "C200": "test_proof_findings.py::test_a_decision_that_is_the_sellers_own_table",
}


def test_every_rule_has_pass_and_fail_data() -> None:
    attachment_codes = {code.value for code in Code if code.startswith(("A", "P"))}
    covered = {(e.code, e.expect_fail) for e in EXAMPLES}
    tests = REPO / "tests"
    attachment_tests = "".join(p.read_text("utf-8") for p in (tests / "attachments").glob("test_*.py"))
    for code in sorted(attachment_codes):
        assert f'"{code}"' in attachment_tests, f"{code} has no attachment test"
    for where_tested in TESTED_ELSEWHERE.values():
        file, _, test = where_tested.partition("::")
        assert f"def {test}(" in (tests / file).read_text("utf-8"), where_tested
    for code in set(RULES) - attachment_codes - set(TESTED_ELSEWHERE):
        data = RULE_DATA.relative_to(REPO) / f"{code}.yaml"
        assert (code, True) in covered, f"{code} has no failing example in {data}"
        assert (code, False) in covered, f"{code} has no passing example in {data}"
