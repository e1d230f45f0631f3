"""Where each app contributes its part of a member's data export, and says what it deliberately leaves out.

Every app declares, in its exports module, the sections it adds (each naming the
fields that tie its rows to the member, as "app_label.Model.field") and the
fields it withholds, each with the reason, and answers accounts.signals.export_requested
with both (exports.declared, connected in its AppConfig.ready()). The accounts
service calls every section when a member downloads their data, so
the export grows with the product without accounts knowing every model, and
tests/test_data_export.py fails when a model gains a link to a member that no
section covers and no reason withholds.

Sections hold the member's own rows and nothing about anyone else: another
member appears at most by their public name, and only where the member chose
them (a block); never who reported them, who moderated them or which lead wrote.
"""

from collections.abc import Callable
from dataclasses import dataclass

from config.signals import answers

from .models import User
from .signals import export_requested


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable
    covers: tuple[str, ...]  # the "app_label.Model.field" links to the member this section exports


def _sections() -> dict[str, Section]:
    return {section.name: section for sections, _ in answers(export_requested, sender=User) for section in sections}


def exported_sections(user) -> dict:
    return {name: section.export(user) for name, section in sorted(_sections().items())}


def section_names() -> list[str]:
    return sorted(_sections())


def covered_fields() -> dict[str, str]:
    """{"app_label.Model.field": section name} for every link to the member a section exports."""
    return {field: section.name for section in _sections().values() for field in section.covers}


def withheld_fields() -> dict[str, str]:
    """{"app_label.Model.field": why it is not in the export}."""
    return {field: why for _, withheld in answers(export_requested, sender=User) for field, why in withheld.items()}
