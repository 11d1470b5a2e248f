"""The API keeps its contract: schemathesis generates requests from /api/v1/openapi.json and sends them
to the application (WSGI, in-process, on the personas' database) with personal tokens. Every
response must be documented (status code, content type, headers) and match its schema, and none may
be a server error. Part of `make test` and of CI; the example budget keeps it under a minute.
"""

from __future__ import annotations

import re
from typing import Any

import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from phoihop.accounts import tokens
from phoihop.exchange import services as exchange_services
from phoihop.exchange.tests.files import pdf_file
from phoihop.portal.tests.base import at, publish
from phoihop.testing import PersonaTestCase, make_program

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25
PATH_PARAMETER = re.compile(r"{(\w+)}")


@override_settings(PHOIHOP_API_RATE_LIMIT=100_000)
class ApiContractTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from phoihop.deadlines.models import DeadlinePolicy
        from phoihop.portal import services as portal_services

        cls.program = make_program(cls)
        cls.submission = exchange_services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Tin mẫu", program=cls.program, files=[pdf_file()]
        )
        cls.info_request = exchange_services.info_request_create(
            actor=cls.chief,
            organization=cls.unit_a,
            subject="Số liệu mẫu",
            questions="Đề nghị cho biết",
            policy=DeadlinePolicy.objects.get(code="thuong"),
        )
        category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = publish(category, "Bài mẫu", when=at(21), authors=["Bảo Thoa"], tags=["mẫu"])

    def setUp(self) -> None:
        cache.clear()
        # The WSGI handler closes the database connection after each request; the test's transaction
        # must outlive them, so (as Django's test client does) that is switched off meanwhile.
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)
        self.schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        self.seen: dict[int, set[str]] = {}
        self.known = {
            "submission_id": self.submission.pk,
            "request_id": self.info_request.pk,
            "item_id": self.submission.pk,
            "program_id": self.program.pk,
            "article_id": self.article.pk,
        }

    def run_operation(self, operation: Any, headers: dict[str, str], path_parameters: dict[str, Any]) -> None:
        strategy = operation.as_strategy(path_parameters=path_parameters or None)

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def check(case: Any) -> None:
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            self.seen.setdefault(response.status_code, set()).add(operation.label)

        check()

    def test_every_operation_keeps_to_the_openapi_document(self):
        liaison = {"Authorization": "Bearer " + tokens.api_token_create(
            actor=None, user=self.liaison_a, name="contract", write=True)[1]}  # fmt: skip
        chief = {"Authorization": "Bearer " + tokens.api_token_create(actor=None, user=self.chief, name="contract")[1]}
        operations = [result.ok() for result in self.schema.get_all_operations()]
        self.assertGreaterEqual(len(operations), 15)
        for operation in operations:
            names = PATH_PARAMETER.findall(operation.path)
            known = {name: self.known[name] for name in names if name in self.known}
            with self.subTest(operation=operation.label):
                # Generated ids (mostly unknown: 404) and the personas' own objects (200, 409, 422…).
                self.run_operation(operation, liaison, {})
                if known:
                    self.run_operation(operation, liaison, known)
                if operation.method.upper() == "GET":
                    self.run_operation(operation, chief, known)
        # The run reached real answers, not only refusals: reads, creations, unknown ids, invalid input.
        for status in (200, 201, 404, 422):
            self.assertIn(status, self.seen)
        self.assertIn("POST /api/v1/submissions", self.seen[201])


@override_settings(PHOIHOP_API_RATE_LIMIT=100_000)
class DemoApiContractTests(ApiContractTests):
    """The same contract on the demo story's database (#17: "on a demo database"): the demo's liaison
    `daumoixa` with a write token, the editor-in-chief `tongbientap` with a read token, and the demo's
    own submissions, requests, programmes and articles as the known ids."""

    @classmethod
    def setUpTestData(cls) -> None:
        from phoihop.accounts.models import User
        from phoihop.demo import story
        from phoihop.exchange.models import InfoRequest, Submission
        from phoihop.portal.models import ArticlePage
        from phoihop.programs.models import Program

        story.load()
        cls.liaison_a = User.objects.get(username="daumoixa")
        cls.chief = User.objects.get(username="tongbientap")
        unit = cls.liaison_a.memberships.get().organization
        cls.submission = Submission.objects.filter(organization=unit).order_by("pk").first()
        cls.info_request = InfoRequest.objects.filter(organization=unit).order_by("pk").first()
        cls.program = Program.objects.filter(parties__organization=unit).order_by("pk").first()
        cls.article = ArticlePage.objects.live().order_by("pk").first()
