"""The organization tree (a unit and its sub-units through `Organization.parent`), answered in one place.

The organization table is small (one press agency and its partner units: hundreds of rows, not
millions), so the tree is read whole with one query into plain dictionaries and walked in memory.
`phoihop.accounts.access.scope_for` loads it once per request and keeps it on the user's scope
(`UserScope.tree_for`); code without a user loads its own with `OrganizationTree.load()`.

Every walk here is safe against a cycle in the data (the model refuses one, but rows written
around it must not hang a request): a unit already seen ends the walk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from phoihop.accounts.models import Organization


@dataclass(frozen=True)
class OrganizationTree:
    """The parent and status of every organization, by id, as one query read them."""

    parent_of: Mapping[int, int | None]
    status_of: Mapping[int, str]
    children_of: Mapping[int, tuple[int, ...]]

    @classmethod
    def load(cls) -> OrganizationTree:
        """The whole tree, with one query."""
        parent_of: dict[int, int | None] = {}
        status_of: dict[int, str] = {}
        children: dict[int, list[int]] = {}
        rows = Organization.objects.order_by().values_list("id", "parent_id", "status")  # no sort: nothing needs one
        for org_id, parent_id, status in rows:
            parent_of[org_id] = parent_id
            status_of[org_id] = status
            if parent_id is not None:
                children.setdefault(parent_id, []).append(org_id)
        return cls(
            parent_of=parent_of,
            status_of=status_of,
            children_of={org_id: tuple(ids) for org_id, ids in children.items()},
        )

    def __contains__(self, org_id: object) -> bool:
        return org_id in self.parent_of

    def ids(self) -> frozenset[int]:
        """Every organization's id."""
        return frozenset(self.parent_of)

    def is_active(self, org_id: int) -> bool:
        return self.status_of.get(org_id) == Organization.Status.ACTIVE

    def lineage(self, org_id: int) -> list[int]:
        """`org_id` and the units above it, nearest first."""
        chain: list[int] = []
        current: int | None = org_id
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parent_of.get(current)
        return chain

    def ancestors(self, org_ids: Iterable[int]) -> set[int]:
        """Every unit above any of `org_ids` (the units themselves only when one is above another)."""
        found: set[int] = set()
        for org_id in org_ids:
            found.update(self.lineage(org_id)[1:])
        return found

    def descendants(self, roots: Iterable[int], *, also: Mapping[int, Iterable[int]] | None = None) -> set[int]:
        """`roots` and every unit below them. `also` adds edges walked like sub-units (a successor's
        predecessors, for instance), and the units below those too."""
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            org_id = stack.pop()
            if org_id in seen:
                continue
            seen.add(org_id)
            stack.extend(self.children_of.get(org_id, ()))
            if also is not None:
                stack.extend(also.get(org_id, ()))
        return seen

    def is_within(self, org_id: int, ancestor_id: int) -> bool:
        """Whether `org_id` is `ancestor_id` or one of its sub-units, at any depth."""
        return ancestor_id in self.lineage(org_id)
