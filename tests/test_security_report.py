"""The security results table is made from test outcomes, and only its own section is rewritten."""

import pytest

from tests.security_report import END, START, Tally, render_table, replace_section


def test_the_table_counts_each_attack_classes_outcomes():
    tally = Tally()
    for outcome in ("passed", "passed", "failed"):
        tally.add("stored-xss", outcome)
    table = render_table(tally)
    assert "| stored-xss |" in table
    row = next(line for line in table.splitlines() if line.startswith("| stored-xss |"))
    assert row.endswith("| 3 | 2 | 1 | 0 |")


def test_a_class_with_no_tests_shows_zero_cases_rather_than_disappearing():
    row = next(line for line in render_table(Tally()).splitlines() if line.startswith("| sockets |"))
    assert row.endswith("| 0 | 0 | 0 | 0 |")


def test_only_the_text_between_the_markers_is_replaced():
    document = f"# Security\nintro\n{START}\nold table\n{END}\nafter\n"
    assert replace_section(document, "new table") == f"# Security\nintro\n{START}\nnew table\n{END}\nafter\n"


def test_a_document_without_the_markers_is_refused():
    with pytest.raises(ValueError, match="markers"):
        replace_section("# Security\n", "table")
