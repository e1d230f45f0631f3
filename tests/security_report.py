"""The results table in docs/security.md, made from the security tests' own outcomes.

Every regression test for an attack class carries `@pytest.mark.security("<class>")`.
`make security-report` runs just those tests with `--security-report docs/security.md`;
this plugin counts each class's cases (a parametrised test's cases are its payloads by
sinks, roles by URLs, identities by sockets) and rewrites the table between the two
markers in that file, so the page states only what the last run showed.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ATTACK_CLASSES = {
    "stored-xss": "Hostile markup and links in everything members write, on every page that shows it",
    "permissions": "Every page and action, for every role, including signed out",
    "sockets": "Every socket endpoint, for every identity, while it is open, and malformed frames",
    "markdown-bombs": "Text built to make rendering slow or deep, refused or rendered safely",
    "text-spoofing": "Control and bidi characters, impersonating handles",
    "rate-limits": "Sign-in, sign-up, admin sign-in, posting, reactions; spoofed client addresses",
    "self-review": "Nobody decides a report, hold or safeguarding case about themselves",
    "privacy": "No emails, no indexing, no third parties, the member's whole data export",
    "re-identification": "Small numbers and unique rows in evaluation figures and exports",
    "state-on-get": "A plain GET changes nothing",
    "production-settings": "The production posture and `check --deploy`",
}
START = "<!-- security-results:start -->"
END = "<!-- security-results:end -->"


@dataclass
class Tally:
    outcomes: dict[str, Counter] = field(default_factory=dict)

    def add(self, kind: str, outcome: str) -> None:
        self.outcomes.setdefault(kind, Counter())[outcome] += 1


def render_table(tally: Tally) -> str:
    rows = [
        "| attack class | what is tried | cases | passed | failed | skipped |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for kind, description in ATTACK_CLASSES.items():
        counts = tally.outcomes.get(kind, Counter())
        total = sum(counts.values())
        rows.append(
            f"| {kind} | {description} | {total} | {counts['passed']} | {counts['failed']} | {counts['skipped']} |"
        )
    return "\n".join(rows)


def replace_section(document: str, table: str) -> str:
    """The document with the text between START and END replaced by table; both markers must be there."""
    before, start, rest = document.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the report needs the markers {START} and {END}")
    return f"{before}{START}\n{table}\n{END}{after}"


_tally = Tally()
_kinds_by_nodeid: dict[str, str] = {}


def pytest_addoption(parser):
    parser.addoption(
        "--security-report",
        metavar="PATH",
        help="rewrite the results table in PATH (docs/security.md) from the security tests' outcomes",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "security(kind): a regression test for an attack class in docs/security.md")


def pytest_collection_modifyitems(config, items):
    for item in items:
        marker = item.get_closest_marker("security")
        if marker and (not marker.args or marker.args[0] not in ATTACK_CLASSES):
            raise ValueError(f"{item.nodeid}: security marker needs one of {sorted(ATTACK_CLASSES)}")


def pytest_runtest_logreport(report):
    kind = _kinds_by_nodeid.get(report.nodeid)
    if kind is None:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _tally.add(kind, report.outcome)


def pytest_itemcollected(item):
    marker = item.get_closest_marker("security")
    if marker is not None and marker.args:
        _kinds_by_nodeid[item.nodeid] = marker.args[0]


def pytest_sessionfinish(session, exitstatus):
    path = session.config.getoption("--security-report")
    if not path:
        return
    report = Path(path)
    report.write_text(replace_section(report.read_text(), render_table(_tally)))
