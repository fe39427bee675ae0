"""`PrivacyFacade`: the guard as Hub actions, for exports, the CLI and the editor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from expertise.hub.core import HubCore
from expertise.privacy.guard import Allowance, enforce, record_override, scan_entries
from expertise.privacy.names import NameMatcher, expert_name_forms

Carried = Iterable[tuple[str, str, Mapping[str, object]]]  # (entry id, kind, values)


class PrivacyFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub

    def name_forms(self) -> list[str]:
        """Every form of every expert's name, for scanning text that is being typed."""
        return self._hub.session.read(expert_name_forms)

    def names(self) -> NameMatcher:
        return NameMatcher(self.name_forms())

    def guard_export(
        self, export: str, target: str | None, carried: Carried, allow: Allowance
    ) -> None:
        """Raise PersonalDataFound for unconfirmed hits; audit an override that was needed."""
        found = scan_entries(carried, self.names())
        if enforce(found, allow):
            self._hub.session.read(lambda s: record_override(s, export, target, found, allow))
