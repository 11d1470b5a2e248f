"""Events from the newsroom's story: an article made from a unit's submission, and a petition the
press forwards (whose petitioner never leaves the newsroom)."""

from __future__ import annotations

import json

from django.test import override_settings

from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import InfoRequest
from phoihop.newsroom import services as newsroom_services
from phoihop.newsroom.tests.base import NewsroomTestCase, vn
from phoihop.portal.models import ArticlePage
from phoihop.webhooks import events, services, signing
from phoihop.webhooks.tests.receiver import receiver


@override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True)
class NewsroomStoryTests(NewsroomTestCase):
    def endpoint(self, url, *names):
        return services.endpoint_create(
            actor=self.liaison_a, organization=self.unit_a, url=url, events_chosen=list(names)
        )

    def test_an_article_made_from_the_units_submission_tells_the_unit_when_published(self):
        submission = self.make_submission()  # no programme: the unit hears of it through the submission
        assignment = newsroom_services.assignment_from_submission(
            actor=self.editor, submission=submission, assignee=self.reporter, section=self.cat_a,
            due_at=vn(2026, 3, 4, 9),
        )  # fmt: skip
        article = ArticlePage.objects.get(pk=assignment.article_id)
        self.assertIsNone(article.program_id)
        with receiver() as hook, receiver() as parent_less:
            endpoint = self.endpoint(hook.url, events.ARTICLE_PUBLISHED, events.SUBMISSION_STATUS_CHANGED)
            services.endpoint_create(
                actor=self.liaison_b, organization=self.unit_b, url=parent_less.url,
                events_chosen=[events.ARTICLE_PUBLISHED, events.SUBMISSION_STATUS_CHANGED],
            )  # fmt: skip
            with self.captureOnCommitCallbacks(execute=True):
                article.save_revision(user=self.chief).publish(user=self.chief)
            received = [(r.headers["Phoihop-Event"], json.loads(r.body)) for r in hook.requests]
            self.assertEqual(parent_less.requests, [])
            for request in hook.requests:
                self.assertTrue(signing.verify(endpoint.secret, request.body, request.headers["Phoihop-Signature"]))
        by_event = dict(received)
        self.assertEqual(set(by_event), {"article.published", "submission.status_changed"})
        self.assertEqual(by_event["article.published"]["object"]["id"], article.pk)
        published = by_event["submission.status_changed"]["data"]
        self.assertEqual((published["status"], published["published_url"]), ("published", article.get_full_url()))

    def test_a_forwarded_petition_reaches_the_unit_without_its_petitioner(self):
        with receiver() as hook:
            endpoint = self.endpoint(hook.url, events.REQUEST_SENT)
            with self.captureOnCommitCallbacks(execute=True):
                petition = exchange_services.petition_forward(
                    actor=self.chief,
                    organization=self.unit_a,
                    subject="Đường thôn Đông xuống cấp",
                    content="Bạn đọc phản ánh đoạn đường qua thôn Đông ngập sâu.",
                    nature=InfoRequest.PetitionNature.REPORT,
                    petitioner_name="Nguyễn Văn Tư",
                    petitioner_contact="Số 12 ngõ 3 thôn Đông, 0912 345 678",
                )
            self.assertEqual(len(hook.requests), 1)
            request = hook.requests[0]
        self.assertTrue(signing.verify(endpoint.secret, request.body, request.headers["Phoihop-Signature"]))
        body = json.loads(request.body)
        self.assertEqual(
            (body["event"], body["object"]["id"], body["data"]["kind"]), ("request.sent", petition.pk, "petition")
        )
        text = request.body.decode()
        for private in ("Nguyễn Văn Tư", "0912 345 678", "thôn Đông ngập"):
            self.assertNotIn(private, text)
