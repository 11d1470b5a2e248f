"""Access to the e-mail intake: held mail is read and decided by the triage desk only (the press's
editors and leaders); anyone else gets 404, as if the message did not exist."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from phoihop.accounts.models import User
from phoihop.exchange.access import can_triage
from phoihop.ingest.models import InboundMail, InboundMailQuerySet


def mails_for_user(user: AnonymousUser | User) -> InboundMailQuerySet:
    return InboundMail.objects.all() if can_triage(user) else InboundMail.objects.none()


def get_mail_for_user(user: AnonymousUser | User, pk: Any) -> InboundMail:
    """A message of the intake the user may see and decide (404 otherwise)."""
    try:
        return mails_for_user(user).select_related("submission", "decided_by").get(pk=int(pk))
    except (InboundMail.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
