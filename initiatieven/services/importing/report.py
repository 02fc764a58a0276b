"""What an import did: per-row results and the errors of rejected rows."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# (items, how many, description) -> the same items, e.g. wrapped in a progress bar.
Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


class RowAction(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (or, with an empty column, in the row as a whole)."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column '%(column)s': %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class RowResult:
    row: int
    key: str
    action: RowAction
    page_id: int | None = None


@dataclass
class ImportReport:
    """What an import did, or with `dry_run` (or a failed `strict` import) would have done."""

    publish: bool
    dry_run: bool
    strict: bool
    rows: list[RowResult] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    written: bool = False

    def count(self, action: RowAction) -> int:
        return sum(1 for result in self.rows if result.action == action)

    @property
    def created(self) -> int:
        return self.count(RowAction.CREATED)

    @property
    def updated(self) -> int:
        return self.count(RowAction.UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(RowAction.UNCHANGED)

    @property
    def rejected(self) -> int:
        return self.count(RowAction.REJECTED)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})
