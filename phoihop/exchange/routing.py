"""Who in the newsroom hears of what a partner sends about an item.

A partner's message (a new submission, a message on a submission's or a request's thread, the answer
to a request) goes to the people working on the item, not to every editor:

* the **assignees**: the journalists given work on the item. The apps that give work register where
  to find them (`register_assignees`, from their `AppConfig.ready`: the newsroom's assignments made
  from a submission), since those apps sit above the exchange;
* the **handler**: the desk member who took the item — for a submission the editor who first moved
  it (`handled_by`), for a request the editor who sent it (`requested_by`) — while they are still an
  active editor of the press;
* the **triage desk** (`accounts.selectors.press_editors()`: the editors and leaders who triage, the
  same people `access.require_triage` lets act) only while nobody has the item: a new submission,
  or an item whose handler left and that nobody was assigned.

So a new submission reaches the desk, which decides who takes it; from then on its thread reaches
the one who took it and the journalists on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import User
from phoihop.accounts.selectors import press_editors
from phoihop.exchange.models import InfoRequest, Submission

Item = Submission | InfoRequest
# Returns the users working on `item` for the registering app (an empty list when none).
AssigneeSource = Callable[[Item], Iterable[User]]

_sources: dict[str, AssigneeSource] = {}


def register_assignees(name: str, source: AssigneeSource) -> None:
    """Add a source of assignees. Registering a name again replaces its source (tests set apps up twice)."""
    _sources[name] = source


def assignees(item: Item) -> list[User]:
    """The active people the registered apps have given work on `item`, each once."""
    people: dict[int, User] = {}
    for source in _sources.values():
        for user in source(item):
            if user is not None and user.is_active:
                people.setdefault(user.pk, user)
    return list(people.values())


def handler(item: Item) -> User | None:
    """The desk member who has the item, while they are still an active editor of the press."""
    user = item.handled_by if isinstance(item, Submission) else item.requested_by
    if user is None or not user.is_active or not scope_for(user).is_press_editor:
        return None
    return user


def newsroom_recipients(item: Item) -> list[User]:
    """Who in the newsroom is told of a partner's message about `item`: its assignees and its
    handler, or the triage desk when it has neither."""
    people = assignees(item)
    owner = handler(item)
    if owner is not None and owner.pk not in {user.pk for user in people}:
        people.append(owner)
    return people or press_editors()
