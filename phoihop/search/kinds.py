"""The kinds of rows in the workspace index, as the workspace search page shows and filters them.

The apps that put items in the workspace index (`services.workspace_index`) sit above search, so
they name their kinds here from their `AppConfig.ready`: the index's `kind`, the value of the results
page's `?loai=` filter, and the label people read ("Thông tin", "Đề nghị", "Tệp đính kèm").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WorkspaceKind:
    code: str  # WorkspaceDocument.kind
    param: str  # ?loai=…
    label: Any  # a (lazy) translated string
    order: int = 100


_kinds: dict[str, WorkspaceKind] = {}


def register(code: str, *, param: str, label: Any, order: int = 100) -> None:
    """Name a kind of the workspace index. Registering a code again replaces it (tests set apps up twice)."""
    _kinds[code] = WorkspaceKind(code=code, param=param, label=label, order=order)


def all_kinds() -> list[WorkspaceKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.code))


def by_param(param: str) -> WorkspaceKind | None:
    return next((kind for kind in _kinds.values() if kind.param == param), None)


def label(code: str) -> Any:
    kind = _kinds.get(code)
    return kind.label if kind is not None else code
