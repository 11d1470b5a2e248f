"""Personal API tokens: made and revoked on the account page and by `phoihop api-token`, stored
hashed, audited without a row per request, rate-limited."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

import time_machine
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from phoihop.accounts import tokens
from phoihop.accounts.models import ApiToken
from phoihop.audit.models import AuditEvent
from phoihop.testing import PersonaTestCase


def bearer(raw: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


class CommandTests(PersonaTestCase):
    def run_command(self, *args: str) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("api_token", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_create_prints_the_token_once_and_stores_only_its_digest(self):
        out, err = self.run_command(
            "create", self.liaison_a.username, "--name", "một cửa", "--write", "--expires", "30"
        )
        raw = out.strip()
        token = ApiToken.objects.get(user=self.liaison_a)
        self.assertEqual(token.digest, hashlib.sha256(raw.encode()).hexdigest())
        self.assertTrue(raw.startswith(f"phx_{token.prefix}_"))
        self.assertNotIn(raw.split("_", 2)[2], repr(ApiToken.objects.values().get()))
        self.assertTrue(token.can_write)
        assert token.expires_at is not None
        self.assertAlmostEqual(
            (token.expires_at - timezone.now()).total_seconds(), dt.timedelta(days=30).total_seconds(), delta=60
        )
        self.assertIn("chỉ hiện một lần", err)
        listed, _err = self.run_command("list", self.liaison_a.username)
        self.assertIn(f"phx_{token.prefix}", listed)
        self.assertNotIn(raw, listed)
        self.assertIn("đang dùng", listed)
        self.assertTrue(AuditEvent.objects.for_object(token).filter(verb="api_token.created").exists())

    def test_revoke_by_prefix_and_unknown_names(self):
        raw = self.run_command("create", self.liaison_a.username, "--name", "x")[0].strip()
        self.assertEqual(self.client.get("/api/v1/me", **bearer(raw)).status_code, 200)
        self.run_command("revoke", raw[:16])
        self.assertEqual(self.client.get("/api/v1/me", **bearer(raw)).status_code, 401)
        with self.assertRaises(CommandError):
            self.run_command("create", "khong-co-ai", "--name", "x")
        with self.assertRaises(CommandError):
            self.run_command("revoke", "phx_zzzzzzzzzzzz")
        with self.assertRaises(CommandError):
            self.run_command("create", self.liaison_a.username, "--name", "x", "--expires", "0")


class PageTests(PersonaTestCase):
    def test_the_account_page_links_to_the_tokens_page_next_to_two_factor(self):
        self.client.force_login(self.liaison_a)
        page = self.client.get("/tai-khoan/").content.decode()
        self.assertIn('href="/tai-khoan/ma-truy-cap-api/"', page)

    def test_create_shows_the_token_once_and_revoke_works(self):
        self.client.force_login(self.liaison_a)
        response = self.client.post(
            "/tai-khoan/ma-truy-cap-api/", {"action": "create", "name": "Cổng xã", "write": "on"}, follow=True
        )
        token = ApiToken.objects.get(user=self.liaison_a)
        page = response.content.decode()
        self.assertIn(f"phx_{token.prefix}_", page)
        self.assertEqual(token.scope, "write")
        self.assertEqual(token.name, "Cổng xã")
        again = self.client.get("/tai-khoan/ma-truy-cap-api/").content.decode()
        self.assertNotIn(f"phx_{token.prefix}_", again)
        self.assertIn(f"phx_{token.prefix}…", again)
        self.client.post("/tai-khoan/ma-truy-cap-api/", {"action": "revoke", "token": token.pk})
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)
        self.assertTrue(AuditEvent.objects.for_object(token).filter(verb="api_token.revoked").exists())

    def test_another_persons_token_is_404(self):
        token, _raw = tokens.api_token_create(actor=self.liaison_b, user=self.liaison_b, name="B")
        self.client.force_login(self.liaison_a)
        response = self.client.post("/tai-khoan/ma-truy-cap-api/", {"action": "revoke", "token": token.pk})
        self.assertEqual(response.status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)

    def test_signed_out_is_sent_to_sign_in(self):
        response = self.client.get("/tai-khoan/ma-truy-cap-api/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/tai-khoan/dang-nhap/", response["Location"])


class UseTests(PersonaTestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_me_says_whose_token_and_its_scope(self):
        _token, raw = tokens.api_token_create(actor=None, user=self.liaison_a, name="đọc")
        body = self.client.get("/api/v1/me", **bearer(raw)).json()
        self.assertEqual(body["username"], self.liaison_a.username)
        self.assertEqual(body["scope"], "read")
        self.assertEqual(body["memberships"][0]["organization"], self.unit_a.name)

    def test_first_use_each_day_and_every_write_are_audited(self):
        token, raw = tokens.api_token_create(actor=None, user=self.liaison_a, name="w", write=True)
        with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC), tick=False):
            for _n in range(5):
                self.client.get("/api/v1/me", **bearer(raw))
            self.client.post("/api/v1/submissions", {"title": "Tin"}, **bearer(raw))
            self.client.post("/api/v1/submissions", {"title": "Tin 2"}, **bearer(raw))
        used = AuditEvent.objects.for_object(token).filter(verb="api_token.used")
        self.assertEqual(used.count(), 1)
        self.assertEqual(AuditEvent.objects.for_object(token).filter(verb="api_token.write").count(), 2)
        with time_machine.travel(dt.datetime(2026, 12, 8, 9, 0, tzinfo=dt.UTC), tick=False):
            self.client.get("/api/v1/me", **bearer(raw))
        self.assertEqual(used.count(), 2)
        token.refresh_from_db()
        self.assertEqual(token.last_used_at, dt.datetime(2026, 12, 8, 9, 0, tzinfo=dt.UTC))

    @override_settings(PHOIHOP_API_RATE_LIMIT=3)
    def test_over_the_limit_is_429_with_retry_after(self):
        _token, raw = tokens.api_token_create(actor=None, user=self.liaison_a, name="r")
        statuses = [self.client.get("/api/v1/me", **bearer(raw)).status_code for _n in range(3)]
        self.assertEqual(statuses, [200, 200, 200])
        response = self.client.get("/api/v1/me", **bearer(raw))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Content-Type"].split(";")[0], "application/problem+json")
        self.assertTrue(1 <= int(response["Retry-After"]) <= 60)
        self.assertIn("thử lại sau", response.json()["detail"])
        # Another token of the same person has its own budget.
        _other, raw2 = tokens.api_token_create(actor=None, user=self.liaison_a, name="r2")
        self.assertEqual(self.client.get("/api/v1/me", **bearer(raw2)).status_code, 200)

    def test_a_locked_account_token_stops_working(self):
        _token, raw = tokens.api_token_create(actor=None, user=self.liaison_a, name="k")
        type(self.liaison_a).objects.filter(pk=self.liaison_a.pk).update(is_active=False)
        self.assertEqual(self.client.get("/api/v1/me", **bearer(raw)).status_code, 401)

    def test_nobody_makes_a_token_for_someone_else(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            tokens.api_token_create(actor=self.liaison_b, user=self.liaison_a, name="x")
