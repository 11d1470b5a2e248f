"""E-mail in: one path (`ingest_message`) for the MTA's pipe and for the IMAP poller.

Rules, in order:

1. A message already seen (same Message-ID, or the same bytes when it has none) is a duplicate and
   changes nothing. The unique constraint decides, so two deliveries at once ingest it once.
2. A message the MTA's Authentication-Results marks as failing (dmarc=fail, spf=fail, dkim=fail) is
   quarantined, whoever it claims to come from.
3. A message to a reply address (`reply+<token>@…`, `phoihop.notifications.replies`) with a bad
   signature is quarantined; with a good one, from someone who may post on that thread, it becomes a
   message in the thread (quoted history cut off, attachments kept).
4. Any other message from a verified address of a member acting for exactly one active partner unit
   becomes a submission of that unit through `exchange.services.submission_create` (the same file
   sniffing, size limits, NFC and sanitizing as the web form), and the sender gets an e-mail with
   its reference number.
5. Everything else (unknown or unverified sender, no right, several units, a refused attachment) is
   quarantined for the triage desk, which releases it as a submission of a unit it chooses or rejects it.

A verified address: the e-mail of an active account that no other active account shares and whose
owner has signed in at least once (the project keeps no separate confirmation of addresses; an
administrator sets the address and a sign-in shows the account is used by the person it was made for).

The raw message is always kept in private storage. An unexpected error leaves nothing behind and is
raised, so the pipe answers EX_TEMPFAIL and the MTA tries again; IMAP leaves the message unread.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Membership, Organization, User
from phoihop.accounts.roles import PARTNER_WRITE_ROLES
from phoihop.audit.services import audit_record
from phoihop.core.storage import private_storage
from phoihop.exchange import access as exchange_access
from phoihop.exchange.models import InfoRequest, Submission
from phoihop.exchange.services import message_post, submission_create
from phoihop.ingest.models import InboundMail
from phoihop.ingest.parsing import ParsedMail, parse_mail, strip_quoted
from phoihop.notifications.replies import find_token, parse_reply_token
from phoihop.notifications.services import notify_emails

logger = logging.getLogger(__name__)
Reason = InboundMail.Reason


class Duplicate(Exception):
    def __init__(self, mail: InboundMail) -> None:
        super().__init__(mail.message_id)
        self.mail = mail


def verified_user(address: str) -> User | None:
    """The account whose verified address this is (see the module's docstring), or None."""
    if not address:
        return None
    users = list(get_user_model().objects.filter(email__iexact=address, is_active=True)[:2])
    if len(users) != 1 or users[0].last_login is None:
        return None
    return users[0]


def _units(user: User) -> list[Organization]:
    ids = (
        Membership.objects.active()
        .filter(user=user, role__in=PARTNER_WRITE_ROLES, organization__kind=Organization.Kind.PARTNER)
        .filter(organization__status=Organization.Status.ACTIVE)
        .values_list("organization_id", flat=True)
    )
    return list(Organization.objects.filter(pk__in=set(ids)).order_by("pk"))


def _files(parsed: ParsedMail) -> list[ContentFile[bytes]]:
    return [ContentFile(f.content, name=f.name) for f in parsed.files]


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def _record(raw: bytes, parsed: ParsedMail, source: str) -> InboundMail:
    """Insert the row with the raw message; Duplicate when the message was ingested before."""
    earlier = InboundMail.objects.filter(message_id=parsed.message_id).first()
    if earlier is not None:
        raise Duplicate(earlier)
    mail = InboundMail(
        message_id=parsed.message_id,
        source=source,
        status=InboundMail.Status.QUARANTINED,
        sender=parsed.sender[:320],
        sender_name=parsed.sender_name[:255],
        subject=parsed.subject[:500],
        text=parsed.text,
        attachment_names=[f.name for f in parsed.files],
    )
    mail.raw.save("thu.eml", ContentFile(raw), save=False)
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        if mail.raw.name:
            private_storage().delete(mail.raw.name)
        raise Duplicate(InboundMail.objects.get(message_id=parsed.message_id)) from None
    return mail


def _quarantine(mail: InboundMail, reason: str, detail: str = "") -> None:
    mail.status = InboundMail.Status.QUARANTINED
    mail.reason = reason
    mail.detail = detail[:4000]
    mail.save(update_fields=["status", "reason", "detail"])


def _thread_item(model: str, pk: int) -> Submission | InfoRequest | None:
    manager = Submission.objects if model == "submission" else InfoRequest.objects
    return manager.select_related("organization").filter(pk=pk).first()  # type: ignore[attr-defined]


def _handle_reply(mail: InboundMail, parsed: ParsedMail, token: str) -> None:
    found = parse_reply_token(token)
    item = _thread_item(*found) if found else None
    if item is None:
        _quarantine(mail, Reason.BAD_TOKEN)
        return
    user = verified_user(parsed.sender)
    if user is None:
        _quarantine(mail, Reason.UNKNOWN_SENDER, detail=item.reference)
        return
    body = strip_quoted(parsed.text) or (_("(Tệp đính kèm gửi qua thư điện tử)") if parsed.files else "")
    try:
        with transaction.atomic():
            message = message_post(actor=user, item=item, body=body, files=_files(parsed))
    except PermissionDenied:
        _quarantine(mail, Reason.NOT_ALLOWED, detail=item.reference)
        return
    except ValidationError as exc:
        _quarantine(mail, Reason.INVALID, detail=_error_text(exc))
        return
    mail.status = InboundMail.Status.REPLY
    mail.thread_message = message
    mail.save(update_fields=["status", "thread_message"])


def _acknowledge(submission: Submission, address: str) -> None:
    notify_emails(
        addresses=[address],
        subject=_("Tòa soạn đã nhận thông tin «%(title)s» — số %(ref)s")
        % {"title": submission.title, "ref": submission.reference},
        body=_(
            "Tòa soạn đã nhận thông tin «%(title)s» của %(org)s gửi qua thư điện tử.\n"
            "Số tiếp nhận: %(ref)s. Vui lòng dùng số này khi trao đổi về thông tin."
        )
        % {"title": submission.title, "org": submission.organization.name, "ref": submission.reference},
        url=submission.get_absolute_url(),
    )


def _handle_submission(mail: InboundMail, parsed: ParsedMail) -> None:
    user = verified_user(parsed.sender)
    if user is None:
        _quarantine(mail, Reason.UNKNOWN_SENDER)
        return
    units = _units(user)
    if not units:
        _quarantine(mail, Reason.NOT_ALLOWED)
        return
    if len(units) > 1:
        _quarantine(mail, Reason.AMBIGUOUS, detail=", ".join(u.name for u in units))
        return
    try:
        with transaction.atomic():
            submission = submission_create(
                actor=user,
                organization=units[0],
                title=parsed.title or _("(Không có tiêu đề)"),
                body=parsed.text,
                files=_files(parsed),
            )
    except PermissionDenied:
        _quarantine(mail, Reason.NOT_ALLOWED)
        return
    except ValidationError as exc:
        _quarantine(mail, Reason.INVALID, detail=_error_text(exc))
        return
    mail.status = InboundMail.Status.ACCEPTED
    mail.submission = submission
    mail.save(update_fields=["status", "submission"])
    _acknowledge(submission, parsed.sender)


def ingest_message(raw: bytes, *, source: str) -> tuple[InboundMail, bool]:
    """Ingest one RFC 822 message. Returns (its row, created); created is False for a duplicate.

    Accepted, quarantined or duplicate, the message is safe once this returns; any exception means
    nothing was kept and the caller must have it delivered again."""
    parsed = parse_mail(raw)
    written: list[str] = []
    try:
        with transaction.atomic():
            mail = _record(raw, parsed, source)
            written.append(mail.raw.name or "")
            token = find_token(parsed.recipients)
            if parsed.auth_failures:
                _quarantine(mail, Reason.AUTH_FAILED, detail=", ".join(parsed.auth_failures))
            elif token is not None:
                _handle_reply(mail, parsed, token)
            else:
                _handle_submission(mail, parsed)
            audit_record(
                actor=None,
                verb=f"mail.{mail.status}",
                target=mail,
                organization=mail.submission.organization if mail.submission else None,
                data={"reason": mail.reason, "source": source},
            )
    except Duplicate as duplicate:
        return duplicate.mail, False
    except BaseException:
        for name in written:
            private_storage().delete(name)
        raise
    return mail, True


# ----------------------------------------------------------------------------------------------
# The triage desk's decisions on the quarantine


def _locked_quarantined(mail: InboundMail) -> InboundMail:
    current = InboundMail.objects.select_for_update().get(pk=mail.pk)
    if current.status != InboundMail.Status.QUARANTINED:
        raise ValidationError(_("Thư này đã được xử lý."))
    return current


def quarantine_release(*, actor: User, mail: InboundMail, organization: Organization, title: str = "") -> Submission:
    """A triage editor vouches for a held message: it becomes a submission of `organization`,
    recorded by the editor (as for information received by another channel), with its attachments."""
    exchange_access.require_triage(actor)
    with transaction.atomic():
        current = _locked_quarantined(mail)
        with current.raw.open("rb") as handle:
            parsed = parse_mail(handle.read())
        submission = submission_create(
            actor=actor,
            organization=organization,
            title=title or parsed.title or _("(Không có tiêu đề)"),
            body=parsed.text,
            files=_files(parsed),
        )
        current.status = InboundMail.Status.RELEASED
        current.submission = submission
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "submission", "decided_by", "decided_at"])
        audit_record(actor=actor, verb="mail.released", target=current, organization=organization)
    return submission


def quarantine_reject(*, actor: User, mail: InboundMail, note: str) -> InboundMail:
    """A triage editor rejects a held message, saying why; the raw message stays on record."""
    exchange_access.require_triage(actor)
    from phoihop.core.text import clean_multiline

    note = clean_multiline(note)
    if not note:
        raise ValidationError(_("Cần nêu lý do loại thư."))
    with transaction.atomic():
        current = _locked_quarantined(mail)
        current.status = InboundMail.Status.REJECTED
        current.decision_note = note
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        audit_record(actor=actor, verb="mail.rejected", target=current, data={"note": note})
    return current


def mail_fetch(**overrides: Any) -> dict[str, int]:
    """Read the configured IMAPS mailbox once (`phoihop.ingest.imap`)."""
    from phoihop.ingest.imap import fetch

    return fetch(**overrides)
