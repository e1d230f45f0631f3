"""The layers between the apps hold, and docs/architecture.md describes the same layers and signals as the code."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
from django.conf import settings
from django.dispatch import Signal

from community.participation import Took
from evaluation.models import Participation

BASE = Path(settings.BASE_DIR)
ARCHITECTURE = (BASE / "docs" / "architecture.md").read_text()
IMPORT_LINTER = tomllib.loads((BASE / "pyproject.toml").read_text())["tool"]["importlinter"]
LAYERS = next(contract for contract in IMPORT_LINTER["contracts"] if contract["type"] == "layers")["layers"]
APPS_WITH_SIGNALS = ["accounts", "safeguarding", "community"]


def _modules(layer: str) -> set[str]:
    return {name.strip() for name in re.split(r"[:|]", layer)}


def test_the_import_contracts_are_kept():
    """`make lint` runs the same; here it runs in its own process (zope.interface, loaded by Daphne, upsets it)."""
    lint = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache"], cwd=BASE, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_the_documented_layers_are_the_contract_layers_in_order():
    section = ARCHITECTURE.split("## Layers", 1)[1].split("\n## ", 1)[0]
    items = re.split(r"^\d+\. ", section, flags=re.MULTILINE)[1:]
    documented = [
        set(
            re.findall(
                r"`((?:config|accounts|safeguarding|community|moderation|evaluation)[\w.]*)`", item.split(":", 1)[0]
            )
        )
        for item in items
    ]
    assert documented == [_modules(layer) for layer in LAYERS]


def test_every_config_module_is_in_a_layer():
    """A new module in config must be placed: in the composition root, or below every app."""
    graph = grimp.build_graph("config", cache_dir=None)
    placed = set().union(*(_modules(layer) for layer in LAYERS))
    children = graph.find_children("config")
    assert children == {module for module in placed if module.startswith("config.")}, "add it to pyproject.toml"


def test_every_signal_is_documented():
    for app in APPS_WITH_SIGNALS:
        module = __import__(f"{app}.signals", fromlist=["*"])
        signals = [name for name, value in vars(module).items() if isinstance(value, Signal)]
        assert signals, app
        for name in signals:
            assert f"`{app}.signals.{name}`" in ARCHITECTURE, f"{app}.signals.{name}: add it to docs/architecture.md"
            assert f"\n{name}(" in module.__doc__, f"{app}.signals.{name}: document its sender and arguments"


def test_community_counts_only_kinds_the_evaluation_knows():
    kinds = {value for name, value in vars(Took).items() if not name.startswith("_")}
    assert kinds <= set(Participation.Kind.values)
