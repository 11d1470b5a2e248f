from __future__ import annotations

from phoihop.deadlines.models import DeadlinePolicy
from phoihop.testing import PersonaTestCase, make_program


class ExchangeTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = make_program(cls)
        cls.policy = DeadlinePolicy.objects.get(code="thuong")
