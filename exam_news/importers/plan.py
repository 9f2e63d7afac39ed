"""What an import would change, row by row: the preview shown before anything is written.

A plan is computed by comparing each row of the file with the record it would replace (loaded once for
the whole file), never by counting. Its digest lets a confirmation check that the database still gives
the same plan as the preview the editor saw.
"""

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Action(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REMOVED = "removed"


ACTION_LABELS = {
    Action.NEW: gettext_lazy("Mới"),
    Action.UPDATED: gettext_lazy("Cập nhật"),
    Action.UNCHANGED: gettext_lazy("Không đổi"),
    Action.REMOVED: gettext_lazy("Bỏ khỏi lịch"),
}


@dataclass(frozen=True)
class FieldChange:
    """One field of an updated record, as the editor reads it (column header, old and new text)."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    """One record of the plan: what happens to it, the key that identifies it, and what changes."""

    action: Action
    key: str
    title: str
    row: int | None = None  # the spreadsheet row; None for a record the file leaves out
    changes: tuple[FieldChange, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])


@dataclass
class ImportPlan:
    rows: list[RowChange] = field(default_factory=list)
    untouched: int = 0  # records the file does not mention and the import leaves as they are

    def of(self, action: Action) -> list[RowChange]:
        return [r for r in self.rows if r.action == action]

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def changed_rows(self) -> list[RowChange]:
        """New, updated and removed records, in the order of the file (removed ones last)."""
        return [r for r in self.rows if r.action != Action.UNCHANGED]

    @property
    def warnings(self) -> list[str]:
        return [w for r in self.rows for w in r.warnings]

    def digest(self) -> str:
        """A hash of everything the preview shows, to tell whether a later run would do the same."""
        content = [[r.action.value, r.key, r.title, r.row, [[c.label, c.old, c.new] for c in r.changes]]
                   for r in self.rows]
        encoded = json.dumps([content, self.untouched], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()


def shown(value: Any) -> str:
    """A value as a Vietnamese reader expects it: dd/mm/yyyy, HH:MM, decimal commas, names of units."""
    if value is None or value == "":
        return _("(trống)")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, float):
        return repr(value).removesuffix(".0").replace(".", ",")
    if isinstance(value, models.Model):
        return str(getattr(value, "name", value))
    return str(value)


@dataclass(frozen=True)
class Compared:
    """A field the import sets: its column header and how its value reads in the preview."""

    name: str
    label: str
    show: Callable[[Any], str] = shown


def snapshot(instance: models.Model, fields: Iterable[Compared]) -> dict[str, Any]:
    """The compared fields' current values (related objects as loaded, so no query if selected)."""
    return {f.name: getattr(instance, f.name) for f in fields}


def changes_between(before: dict[str, Any], after: dict[str, Any],
                    fields: Iterable[Compared]) -> tuple[FieldChange, ...]:
    """The fields whose value differs, each with its old and new text."""
    return tuple(FieldChange(f.label, f.show(before[f.name]), f.show(after[f.name]))
                 for f in fields if _comparable(before[f.name]) != _comparable(after[f.name]))


def _comparable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return (type(value), value.pk)
    return "" if value is None else value


def plan_lines(plan: ImportPlan, *, with_unchanged: bool = False) -> list[str]:
    """The plan as plain text lines (for the management commands)."""
    lines = []
    for change in plan.rows:
        if change.action == Action.UNCHANGED and not with_unchanged:
            continue
        where = _("dòng %(row)s") % {"row": change.row} if change.row else _("không có trong tệp")
        lines.append(f"[{change.action_label}] {change.key} – {change.title} ({where})")
        lines.extend(f"    {c.label}: {c.old} → {c.new}" for c in change.changes)
        lines.extend(f"    ⚠ {w}" for w in change.warnings)
    unchanged = plan.count(Action.UNCHANGED)
    if unchanged and not with_unchanged:
        lines.append(_("%(n)s dòng không đổi.") % {"n": unchanged})
    return lines
