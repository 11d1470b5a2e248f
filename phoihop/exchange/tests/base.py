from __future__ import annotations

import datetime as dt

from phoihop.deadlines.models import DeadlinePolicy
from phoihop.programs import services as program_services
from phoihop.programs.models import Program
from phoihop.testing import PersonaTestCase


class ExchangeTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = program_services.program_create(
            actor=cls.chief,
            title="Chương trình phối hợp 2026",
            parties=[cls.press, cls.unit_a],
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            status=Program.Status.ACTIVE,
            themes=["Chuyển đổi số", "Cải cách hành chính"],
        )
        cls.policy = DeadlinePolicy.objects.get(code="thuong")
