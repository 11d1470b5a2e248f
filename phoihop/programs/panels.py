"""Panels that the apps above programs add to a programme's page.

programs sits below exchange (and every app above it) in the apps' layers, so its programme page
cannot ask them what happened under the programme. They register a panel here instead, from their
`AppConfig.ready`, and the page shows each panel's HTML in the order the apps registered them
(INSTALLED_APPS order). A panel reads through its own app's access chokepoint with the request's
user, so it shows only what that user may see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from phoihop.programs.models import Program

# A panel renders its part of the page for one request and one programme (the user already passed
# `programs.access`): safe HTML ending with a newline, or an empty string to show nothing.
Panel = Callable[[HttpRequest, "Program"], SafeString]

_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    """Show `panel` on every programme page. Registering a name again replaces its panel, so an
    app that is set up twice (tests) still shows its panel once."""
    _panels[name] = panel


def render(request: HttpRequest, program: Program) -> list[SafeString]:
    return [panel(request, program) for panel in _panels.values()]
