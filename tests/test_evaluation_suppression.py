"""Small numbers are shown as "<5", and no suppressed number can be worked back from the figures shown."""

from fractions import Fraction
from random import Random

from django.test import override_settings

from evaluation.suppression import Figure, Report, Section, apply, remainder, suppressed_keys


def report(values: dict[str, int], groups=(), derived=()) -> Report:
    figures = [Figure(key, key, value) for key, value in values.items()] + list(derived)
    return Report(sections=[Section("s", "S", figures)], groups=list(groups))


def shown(rep: Report) -> dict[str, str]:
    return {figure.key: figure.text for _, figures in apply(rep) for figure in figures}


def test_counts_below_five_including_zero_show_as_less_than_five():
    assert shown(report({"zero": 0, "three": 3, "five": 5, "many": 1234})) == {
        "zero": "<5",
        "three": "<5",
        "five": "5",
        "many": "1,234",
    }


@override_settings(EVALUATION_SUPPRESS_BELOW=10)
def test_the_threshold_is_a_setting():
    assert shown(report({"seven": 7, "ten": 10})) == {"seven": "<10", "ten": "10"}


def test_one_suppressed_part_of_two_hides_the_other_part():
    texts = shown(report({"total": 12, "a": 3, "b": 9}, groups=[("total", ("a", "b"))]))
    assert texts == {"total": "12", "a": "<5", "b": "<5"}


def test_the_smallest_other_part_is_hidden_and_the_rest_stay():
    texts = shown(report({"total": 30, "a": 3, "b": 8, "c": 19}, groups=[("total", ("a", "b", "c"))]))
    assert texts == {"total": "30", "a": "<5", "b": "<5", "c": "19"}


def test_suppression_follows_a_cell_that_is_part_of_one_total_and_the_total_of_another():
    groups = [("all", ("x", "y")), ("y", ("y1", "y2"))]
    texts = shown(report({"all": 20, "x": 2, "y": 18, "y1": 10, "y2": 8}, groups=groups))
    assert texts["y"] == "<5"  # hidden to protect x...
    assert (texts["y1"], texts["y2"]) == ("10", "<5")  # ...so y1 + y2 must not reveal it


def test_ratios_and_medians_built_on_hidden_counts_are_hidden():
    derived = [
        Figure("ratio", "ratio", 0.5, kind="ratio", depends_on=("a", "b")),
        Figure("median", "median", 42.0, kind="minutes", depends_on=("n",)),
    ]
    texts = shown(report({"a": 3, "b": 40, "n": 4}, derived=derived))
    assert (texts["ratio"], texts["median"]) == ("<5", "<5")


def test_hidden_figures_carry_no_number_out_of_the_module():
    sections = apply(report({"a": 3}))
    assert sections[0][1][0].value is None


def test_no_group_is_ever_left_with_exactly_one_unknown_cell():
    """Fuzzed: with one hidden (non-zero) cell in a group, it could be recovered as total minus the other parts.
    Zeros are taken as known, so a hidden zero never protects anything."""
    random = Random(5)
    for _ in range(500):
        parts = {f"p{index}": random.choice([0, 1, 2, 3, 4, 5, 6, 9, 20, 50]) for index in range(random.randint(2, 5))}
        sub = {f"q{index}": random.choice([0, 2, 4, 7, 30]) for index in range(2)}
        parts["p0"] = sum(sub.values())
        values = {"total": sum(parts.values()), **parts, **sub}
        groups = [("total", tuple(parts)), ("p0", tuple(sub))]
        hidden = suppressed_keys(report(values, groups=groups))
        for total, members in groups:
            assert sum(cell in hidden and values[cell] for cell in (total, *members)) != 1, (values, hidden)


def test_a_hidden_zero_does_not_count_as_protection():
    """A reader can often tell a figure is zero (a board that did not exist yet): 20 = 17 + 3 + 0 must not leave
    the 3 recoverable because the 0 is hidden too."""
    texts = shown(report({"total": 20, "a": 17, "b": 3, "new": 0}, groups=[("total", ("a", "b", "new"))]))
    assert (texts["b"], texts["new"]) == ("<5", "<5")
    assert "<5" in (texts["total"], texts["a"])


def test_an_unpublished_part_is_protected_but_never_shown():
    """Active again within 7 days is part of active members; the rest (not active again) is never shown, but it
    is active minus the part, so a small rest hides the part."""
    figures = [Figure("active", "a", 20), Figure("returning", "r", 18), remainder("not_returning", "", 20, 18)]
    rep = Report([Section("s", "S", figures)], groups=[("active", ("returning", "not_returning"))])
    texts = shown(rep)
    assert "not_returning" not in texts
    assert "<5" in (texts["active"], texts["returning"])


def rank(rows: list[list[Fraction]]) -> int:
    """Plain dense Gaussian elimination over the rationals: an independent check of the audit's arithmetic."""
    rows, found = [list(row) for row in rows], 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column]:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def determined(values: dict, groups: list, hidden: set) -> set[str]:
    """Small hidden cells fixed by the groups, taking shown figures and zeros as known."""
    unknown = sorted(key for key in hidden if values[key])
    matrix = [
        [Fraction(-1 if key == total else 1 if key in parts else 0) for key in unknown] for total, parts in groups
    ]

    def rank_without(skip):
        return rank([[value for key, value in zip(unknown, row, strict=True) if key != skip] for row in matrix])

    full = rank(matrix)
    return {key for key in unknown if values[key] < 5 and rank_without(key) == full - 1}


def test_no_small_cell_of_a_table_of_boards_by_figures_can_be_solved_for():
    """Fuzzed two-way tables (boards by figures, with the site's row and an "all" column as totals), where one
    group at a time can look safe while several together pin a cell down. The audit must leave none."""
    random = Random(16)
    for _ in range(150):
        boards, kinds = random.randint(2, 4), random.randint(2, 4)
        cell = {(b, k): random.choice([0, 1, 2, 3, 4, 6, 8, 15, 40]) for b in range(boards) for k in range(kinds)}
        values = {f"b{b}k{k}": value for (b, k), value in cell.items()}
        values |= {f"b{b}all": sum(cell[b, k] for k in range(kinds)) for b in range(boards)}
        values |= {f"site_k{k}": sum(cell[b, k] for b in range(boards)) for k in range(kinds)}
        values["site_all"] = sum(cell.values())
        groups = [(f"b{b}all", tuple(f"b{b}k{k}" for k in range(kinds))) for b in range(boards)]
        groups += [(f"site_k{k}", tuple(f"b{b}k{k}" for b in range(boards))) for k in range(kinds)]
        groups += [
            ("site_all", tuple(f"site_k{k}" for k in range(kinds))),
            ("site_all", tuple(f"b{b}all" for b in range(boards))),
        ]
        hidden = suppressed_keys(report(values, groups=groups))
        assert not determined(values, groups, hidden), (values, hidden)
        assert {key for key, value in values.items() if value < 5} <= hidden


def test_a_suppressed_cell_cannot_be_recovered_from_the_published_figures():
    """Try every value the hidden cells could take given what is shown: the small one stays uncertain."""
    values = {"total": 25, "a": 2, "b": 6, "c": 17}
    texts = shown(report(values, groups=[("total", ("a", "b", "c"))]))
    assert (texts["a"], texts["b"]) == ("<5", "<5")
    total, c = int(texts["total"]), int(texts["c"])
    possible_a = {a for a in range(5) for b in range(total + 1) if a + b + c == total}
    assert possible_a == {0, 1, 2, 3, 4}
