"""Where each app contributes its part of a member's data export.

Apps register a function in their AppConfig.ready(); the accounts service
calls every one when a member downloads their data, so the export grows with
the product without accounts knowing every model.
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}


def register_export(section: str, export: Callable) -> None:
    _exporters[section] = export


def exported_sections(user) -> dict:
    return {section: export(user) for section, export in sorted(_exporters.items())}
