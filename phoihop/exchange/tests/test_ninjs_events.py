"""Press conferences as IPTC ninjs 3.0 event items through /api/v1/ninjs/events (#17 item 2):
valid against IPTC's schema, what the invitation says, scoped like the site."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from phoihop.accounts import tokens
from phoihop.exchange import conferences
from phoihop.portal.tests.test_api import ninjs_validator
from phoihop.testing import PersonaTestCase

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class NinjsEventTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN), tick=False):
            cls.planned = conferences.conference_create(
                actor=cls.leader_a,
                organization=cls.unit_a,
                title="Họp báo thông tin kết quả kinh tế - xã hội năm 2026",
                starts_at=dt.datetime(2026, 12, 12, 14, 30, tzinfo=VN),
                place="Hội trường UBND xã An Khánh",
                online_url="https://hop-truc-tuyen.example.vn/an-khanh",
                chaired_by="Ông Nguyễn Văn Hùng, Chủ tịch UBND xã",
                programme="1. Kết quả năm 2026\n2. Trả lời câu hỏi",
            )
            cls.cancelled = conferences.conference_create(
                actor=cls.leader_a,
                organization=cls.unit_a,
                title="Họp báo về lễ hội mùa xuân",
                starts_at=dt.datetime(2026, 12, 20, 9, 0, tzinfo=VN),
                place="Nhà văn hóa xã",
            )
            conferences.conference_cancel(actor=cls.leader_a, conference=cls.cancelled, reason="Hoãn do thời tiết.")

    def get(self, path: str, user: Any) -> Any:
        token = tokens.api_token_create(actor=user, user=user, name="lịch họp báo")[1]
        return self.client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}")

    def test_a_conference_is_a_valid_ninjs_event_with_its_time_place_and_organiser(self):
        response = self.get(f"/ninjs/events/{self.planned.pk}", self.reporter)
        self.assertEqual(response.status_code, 200)
        item = response.json()
        ninjs_validator().validate(item)
        self.assertEqual(item["type"], "event")
        self.assertEqual(item["pubStatus"], "usable")
        self.assertEqual(item["headlines"][0]["value"], "Họp báo thông tin kết quả kinh tế - xã hội năm 2026")
        self.assertEqual(item["eventDetails"]["dates"]["startDate"], "2026-12-12T14:30:00+07:00")
        self.assertEqual(item["eventDetails"]["organiser"]["name"], "UBND xã An Khánh")
        self.assertEqual(
            [(p["rel"], p["name"]) for p in item["places"]],
            [("venue", "Hội trường UBND xã An Khánh"), ("online", "https://hop-truc-tuyen.example.vn/an-khanh")],
        )
        self.assertEqual(item["people"], [{"name": "Ông Nguyễn Văn Hùng, Chủ tịch UBND xã", "rel": "chair"}])

    def test_the_list_is_scoped_and_a_cancelled_conference_is_canceled(self):
        response = self.get("/ninjs/events", self.liaison_a)
        self.assertEqual(response.status_code, 200)
        page = response.json()
        validator = ninjs_validator()
        for item in page["results"]:
            validator.validate(item)
        by_title = {item["headlines"][0]["value"]: item for item in page["results"]}
        self.assertEqual(page["count"], 2)
        self.assertEqual(by_title["Họp báo về lễ hội mùa xuân"]["pubStatus"], "canceled")
        # Another unit's token sees none of unit A's conferences.
        self.assertEqual(self.get("/ninjs/events", self.liaison_b).json()["count"], 0)
        response = self.get(f"/ninjs/events/{self.planned.pk}", self.liaison_b)
        self.assertEqual(response.status_code, 404)
        self.assertTrue(response["Content-Type"].startswith("application/problem+json"))

    def test_without_a_token_the_answer_is_401(self):
        self.assertEqual(self.client.get(f"/api/v1/ninjs/events/{self.planned.pk}").status_code, 401)
