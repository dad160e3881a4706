"""Changes between two versions of a sub-processor list, each with both quotes."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from policies.extraction.subprocessors.model import Subprocessor
from policies.extraction.subprocessors.names import fold
from policies.extraction.types import Span


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    LOCATION_CHANGED = "location_changed"
    PURPOSE_CHANGED = "purpose_changed"


@dataclass(frozen=True, slots=True)
class Change:
    """One finding. ``old``/``new`` are the entries (None for an added/removed one)."""

    kind: ChangeKind
    name: str
    old: Subprocessor | None
    new: Subprocessor | None
    added_countries: tuple[str, ...] = ()
    removed_countries: tuple[str, ...] = ()

    @property
    def old_quote(self) -> Span | None:
        return self.old.evidence if self.old else None

    @property
    def new_quote(self) -> Span | None:
        return self.new.evidence if self.new else None


def compare_subprocessors(old: list[Subprocessor], new: list[Subprocessor]) -> list[Change]:
    """Added, removed, and changed location or purpose, matched by folded name.

    A purpose counts as changed only when its words differ after folding, so
    "Cloud hosting" and "cloud hosting." are the same purpose. A change of both location
    and purpose yields two findings. Order: the new list's order, then removed entries.
    """
    before = {fold(row.name): row for row in old}
    after = {fold(row.name): row for row in new}
    changes: list[Change] = []
    for key, row in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(Change(ChangeKind.ADDED, row.name, None, row))
            continue
        changes.extend(_changed(previous, row))
    changes.extend(Change(ChangeKind.REMOVED, row.name, row, None) for key, row in before.items() if key not in after)
    return changes


def _changed(old: Subprocessor, new: Subprocessor) -> list[Change]:
    changes: list[Change] = []
    old_places = set(old.countries) | set(old.regions)
    new_places = set(new.countries) | set(new.regions)
    if old_places != new_places:
        changes.append(Change(
            ChangeKind.LOCATION_CHANGED, new.name, old, new,
            added_countries=tuple(sorted(new_places - old_places)),
            removed_countries=tuple(sorted(old_places - new_places)),
        ))
    if fold(old.purpose) != fold(new.purpose):
        changes.append(Change(ChangeKind.PURPOSE_CHANGED, new.name, old, new))
    return changes
