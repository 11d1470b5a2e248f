import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from phoihop.audit.models import AuditEvent
from phoihop.programs import access, selectors, services
from phoihop.programs.models import Program, Spokesperson, Theme
from phoihop.testing import PersonaTestCase, make_program


class ProgramTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(
            cls,
            title="Chương trình phối hợp giai đoạn 2026 - 2030",
            ends_on=dt.date(2030, 12, 31),
            status=Program.Status.DRAFT,
            signatories=[(cls.press, "Lê Thị Bích Ngọc", "Tổng Biên tập")],
        )

    def test_parties_see_the_programme_outsiders_get_404(self):
        self.assertEqual(access.get_program_for_user(self.liaison_a, self.program.pk), self.program)
        self.assertEqual(access.get_program_for_user(self.liaison_child, self.program.pk), self.program)
        for outsider in (self.liaison_b, self.nobody):
            with self.subTest(user=outsider.username), self.assertRaises(Http404):
                access.get_program_for_user(outsider, self.program.pk)
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(f"/lich-su/programs/program/{self.program.pk}/").status_code, 404)
        self.login(self.liaison_a)
        self.assertContains(self.client.get(f"/lich-su/programs/program/{self.program.pk}/"), "tạo chương trình")

    def test_only_press_leaders_write(self):
        with self.assertRaises(PermissionDenied):
            access.get_program_for_user(self.liaison_a, self.program.pk, write=True)
        with self.assertRaises(PermissionDenied):
            services.program_create(
                actor=self.reporter,
                title="x",
                parties=[self.press],
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 12, 31),
            )

    def test_invalid_theme_leaves_no_programme_behind(self):
        before = (Program.objects.count(), Theme.objects.count(), AuditEvent.objects.count())
        with self.assertRaises(ValidationError):
            services.program_create(
                actor=self.chief,
                title="Chương trình lỗi",
                parties=[self.press, self.unit_b],
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2025, 1, 1),  # ends before it starts
                themes=["Một nội dung"],
            )
        self.assertEqual((Program.objects.count(), Theme.objects.count(), AuditEvent.objects.count()), before)

    def test_duplicate_theme_fails_after_programme_row_and_rolls_back(self):
        before = (Program.objects.count(), Theme.objects.count())
        with self.assertRaises(Exception):  # noqa: B017 — the database's unique constraint fires
            services.program_create(
                actor=self.chief,
                title="Chương trình trùng nội dung",
                parties=[self.press, self.unit_b],
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 12, 31),
                themes=["Trùng", "Trùng"],
            )
        self.assertEqual((Program.objects.count(), Theme.objects.count()), before)


class SuccessionTests(PersonaTestCase):
    def test_successor_joins_running_programmes_and_old_party_stays(self):
        from phoihop.accounts import services as account_services
        from phoihop.accounts.models import Organization

        program = services.program_create(
            actor=self.chief,
            title="Chương trình đang chạy",
            parties=[self.press, self.unit_a],
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            status=Program.Status.ACTIVE,
        )
        successor = account_services.organization_create(
            actor=self.chief, name="UBND xã An Khánh (mới)", kind=Organization.Kind.PARTNER
        )
        account_services.organization_merge(
            actor=self.chief, organization=self.unit_a, successors=[successor], effective_on=dt.date(2025, 7, 1)
        )
        parties = set(program.parties.values_list("organization__name", flat=True))
        self.assertEqual(parties, {"Báo Thử Nghiệm", "UBND xã An Khánh", "UBND xã An Khánh (mới)"})
        self.assertTrue(AuditEvent.objects.for_object(program).filter(verb="program.party_succeeded").exists())


class CurrentSpokespersonTests(PersonaTestCase):
    def speaker(self, organization, name, valid_from, valid_to=None):
        return Spokesperson.objects.create(
            organization=organization, full_name=name, title="Phó Chủ tịch", valid_from=valid_from, valid_to=valid_to
        )

    def test_a_sub_unit_without_its_own_speaks_through_the_nearest_unit_above(self):
        on = dt.date(2026, 3, 1)
        self.speaker(self.unit_a, "Người cũ", dt.date(2020, 1, 1), dt.date(2025, 12, 31))
        current = self.speaker(self.unit_a, "Người hiện nay", dt.date(2026, 1, 1))
        self.assertEqual(selectors.current_spokesperson(self.unit_a_child, on), current)
        own = self.speaker(self.unit_a_child, "Người của phòng", dt.date(2026, 2, 1))
        self.assertEqual(selectors.current_spokesperson(self.unit_a_child, on), own)
        self.assertIsNone(selectors.current_spokesperson(self.unit_b, on))
