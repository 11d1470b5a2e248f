"""What happens to a unit's work when it is merged into a successor.

Apps that own organization-scoped work register a handler in their AppConfig.ready(); the merge
service calls each one inside its transaction with the primary successor. Accounts knows nothing
of submissions or programmes; the apps that do say what moves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from phoihop.accounts.models import Organization, User

Handler = Callable[..., Any]
_handlers: list[Handler] = []


def register(handler: Handler) -> None:
    """`handler(*, actor, predecessor, successor)`; called once per merge, inside the transaction."""
    if handler not in _handlers:
        _handlers.append(handler)


def run(*, actor: User | None, predecessor: Organization, successor: Organization) -> None:
    for handler in _handlers:
        handler(actor=actor, predecessor=predecessor, successor=successor)
