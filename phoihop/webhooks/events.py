"""Which events a unit may subscribe to, where each comes from, and what its payload says.

The exchange's events come from the audit trail (`AuditEvent`, written by each service in its
transaction): `VERBS` maps the audit verbs onto the webhook events. An article's publication has no
audit verb — Wagtail publishes it and logs it in its own page history — so `article.published`
comes from Wagtail's `page_published` signal for `ArticlePage` (see `signals.py`); its correction
and takedown are the newsroom's audit verbs.

A payload carries only what the unit already reads in its workspace, never a private field: no
petitioner's name or contact, no answer text or file, no reason given inside the newsroom.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.origin import public_url

SUBMISSION_STATUS_CHANGED = "submission.status_changed"
REQUEST_SENT = "request.sent"
REQUEST_ANSWERED = "request.answered"
REQUEST_OVERDUE = "request.overdue"
ARTICLE_PUBLISHED = "article.published"
ARTICLE_CORRECTED = "article.corrected"
ARTICLE_TAKEN_DOWN = "article.taken_down"

EVENTS: dict[str, Any] = {
    SUBMISSION_STATUS_CHANGED: _("Thông tin gửi báo đổi trạng thái"),
    REQUEST_SENT: _("Báo gửi đề nghị cung cấp thông tin"),
    REQUEST_ANSWERED: _("Đề nghị được trả lời"),
    REQUEST_OVERDUE: _("Đề nghị quá hạn trả lời"),
    ARTICLE_PUBLISHED: _("Tin, bài được đăng"),
    ARTICLE_CORRECTED: _("Tin, bài được cải chính"),
    ARTICLE_TAKEN_DOWN: _("Tin, bài bị gỡ"),
}

# Audit verb → webhook event.
VERBS = {
    "submission.received": SUBMISSION_STATUS_CHANGED,
    "submission.in_progress": SUBMISSION_STATUS_CHANGED,
    "submission.published": SUBMISSION_STATUS_CHANGED,
    "submission.not_used": SUBMISSION_STATUS_CHANGED,
    "info_request.created": REQUEST_SENT,
    "petition.forwarded": REQUEST_SENT,
    "info_request.answered": REQUEST_ANSWERED,
    "info_request.partial": REQUEST_ANSWERED,
    "info_request.refused": REQUEST_ANSWERED,
    "info_request.escalated": REQUEST_OVERDUE,
    "petition.overdue": REQUEST_OVERDUE,
    "article.corrected": ARTICLE_CORRECTED,
    "article.taken_down": ARTICLE_TAKEN_DOWN,
}


@dataclass(frozen=True)
class Event:
    """One event to deliver: its name, its payload, and the organizations whose endpoints hear it."""

    name: str
    payload: dict[str, Any]
    organization_ids: frozenset[int]

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.payload["id"])


def _org(org: Any) -> dict[str, Any] | None:
    return {"id": org.pk, "name": org.name} if org is not None else None


def _stamp(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def payload(
    *, name: str, occurred_at: Any, organization: Any, obj: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "event": name,
        "occurred_at": _stamp(occurred_at),
        "organization": _org(organization),
        "object": obj,
        "data": data,
    }


def submission_data(submission: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    obj = {"type": "submission", "id": submission.pk, "url": public_url(submission.get_absolute_url())}
    data: dict[str, Any] = {
        "reference": submission.reference,
        "title": submission.title,
        "status": submission.status,
        "status_label": str(submission.get_status_display()),
        "status_changed_at": _stamp(submission.status_changed_at),
    }
    if submission.published_url:
        data["published_url"] = submission.published_url
    return obj, data


def request_data(request: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    # The subject and the clock only: never the petitioner, the questions' text or the answer.
    obj = {"type": "info_request", "id": request.pk, "url": public_url(request.get_absolute_url())}
    data = {
        "reference": request.reference,
        "kind": request.kind,
        "subject": request.subject,
        "status": request.status,
        "status_label": str(request.get_status_display()),
        "sent_at": _stamp(request.sent_at),
        "due_at": _stamp(request.due_at),
        "answered_at": _stamp(request.answered_at),
        "answered_late": bool(request.answered_late),
    }
    return obj, data


def article_data(article: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    url = article.get_url() or ""
    obj = {"type": "article", "id": article.pk, "url": public_url(url) if url else None}
    data = {
        "title": article.title,
        "live": article.live,
        "first_published_at": _stamp(article.first_published_at),
        "last_published_at": _stamp(article.last_published_at),
        "program": article.program_id,
    }
    return obj, data
