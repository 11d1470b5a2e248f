"""The programme the personas work under, built the same way by every app's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from phoihop.programs import services as program_services
from phoihop.programs.models import Program


def make_program(t: Any, **fields: Any) -> Program:
    """The programme "Chương trình phối hợp 2026" of `press` and `unit_a`, active, created by `chief`.

    `t` holds the personas of `build_personas`. Keyword arguments replace any argument of
    `programs.services.program_create` (title, parties, dates, status, themes, signatories...).
    """
    arguments: dict[str, Any] = {
        "actor": t.chief,
        "title": "Chương trình phối hợp 2026",
        "parties": [t.press, t.unit_a],
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "status": Program.Status.ACTIVE,
        "themes": ["Chuyển đổi số", "Cải cách hành chính"],
    }
    return program_services.program_create(**(arguments | fields))
