"""Writes for the exchange. Every view, API endpoint, command and task goes through these.

Each service checks the actor's right, works in one transaction, writes one audit event and tells
the other side through notifications after the commit. A submission and its files are stored
together or not at all: files are checked before anything is written, and a failure after a file
was written deletes that file again.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Membership, Organization, User
from phoihop.accounts.roles import PARTNER_LEADER_ROLES, PARTNER_WRITE_ROLES
from phoihop.accounts.tree import OrganizationTree
from phoihop.audit.services import audit_record
from phoihop.core.services import next_number
from phoihop.core.storage import private_storage
from phoihop.core.text import clean_multiline, clean_text
from phoihop.core.validators import validate_http_url
from phoihop.exchange import access, routing
from phoihop.exchange.models import (
    PRESS_POLICIES,
    SUBMISSION_TRANSITIONS,
    Attachment,
    InfoRequest,
    Message,
    Priority,
    RefusalGround,
    ResponseForm,
    Submission,
    ThreadRead,
)
from phoihop.exchange.selectors import petition_policy, press_policies
from phoihop.exchange.uploads import CheckedFile, check_upload, store
from phoihop.notifications.services import notify, notify_emails
from phoihop.programs.selectors import current_spokesperson
from phoihop.search.services import workspace_index

logger = logging.getLogger(__name__)
MAX_FILES = 20
# The exchange's kinds of rows in the workspace search index (labelled in `apps.py`).
WORKSPACE_SUBMISSION = "submission"
WORKSPACE_REQUEST = "info_request"
WORKSPACE_ATTACHMENT = "attachment"
MENTION = re.compile(r"@([\w.+-]{2,150})")

# ----------------------------------------------------------------------------------------------
# Helpers


def check_files(files: Iterable[Any]) -> list[CheckedFile]:
    """Check every file before anything is written; the first bad one stops the whole submission."""
    files = [f for f in files if f]
    if len(files) > MAX_FILES:
        raise ValidationError(_("Mỗi lần gửi tối đa %(n)d tệp."), params={"n": MAX_FILES})
    # Forms hand over files they already checked; anything else is checked here.
    return [f if isinstance(f, CheckedFile) else check_upload(f) for f in files]


def _store_all(checked: Sequence[CheckedFile], *, owner: dict[str, Any], actor: User, written: list[str]) -> None:
    for item in checked:
        store(item, owner=owner, uploaded_by=actor, written=written)


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            private_storage().delete(name)
        except OSError:  # the file may never have been fully written
            logger.warning("could not delete orphan upload %s", name)


def _notify(**kwargs: Any) -> None:
    notify(**kwargs)


def _when(moment: dt.datetime) -> str:
    """A moment as people read it: 21/11/2024 19:41, in the site's time zone."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def _press_name(actor: User | None) -> str:
    """The name of the actor's press agency (or the instance's, for the system)."""
    press = Organization.objects.filter(kind=Organization.Kind.PRESS).order_by("pk")
    scope = scope_for(actor) if actor is not None else None
    found = press.filter(pk__in=scope.member_of).first() if scope is not None and scope.is_press else None
    found = found or press.filter(status=Organization.Status.ACTIVE).first()
    return found.name if found is not None else _("Tòa soạn")


def _label(item: Submission | InfoRequest) -> str:
    return item.title if isinstance(item, Submission) else item.subject


def _index(item: Submission | InfoRequest) -> None:
    """Keep the workspace search index in step, after the commit: the item itself and each of its
    files (its own and those of its thread's messages), which are found as "tệp đính kèm".

    Every row carries the item's current organization, so the search shows exactly what the inbox
    shows (`search.selectors.workspace_search` filters by it)."""
    pk, model = item.pk, type(item)

    def index() -> None:
        current = model.objects.select_related("organization").get(pk=pk)
        workspace_index_item(current)

    # robust: a search-index hiccup is logged, never turned into an error for the sender.
    transaction.on_commit(index, robust=True)


def _item_files(item: Submission | InfoRequest) -> Any:
    field = "submission" if isinstance(item, Submission) else "info_request"
    return Attachment.objects.filter(Q(**{field: item}) | Q(**{f"message__{field}": item})).order_by("pk")


@transaction.atomic
def workspace_index_item(item: Submission | InfoRequest) -> None:
    """(Re)index one item and its files under the item's current organization. Derived data: no audit."""
    if isinstance(item, Submission):
        kind, texts = WORKSPACE_SUBMISSION, [item.body]
    else:
        kind, texts = WORKSPACE_REQUEST, [item.questions, item.answer]
    workspace_index(
        kind=kind,
        object_id=item.pk,
        organization=item.organization,
        title=_label(item),
        body="\n".join(text for text in texts if text),
        extra=[item.reference],
        url=item.get_absolute_url(),
        updated_at=item.updated_at,
    )
    for attachment in _item_files(item).select_related("message"):
        workspace_index(
            kind=WORKSPACE_ATTACHMENT,
            object_id=attachment.pk,
            organization=item.organization,
            title=attachment.original_name,
            body=attachment.extracted_text,
            extra=[item.reference, _label(item)],
            url=f"{item.get_absolute_url()}#tep-{attachment.pk}",
            updated_at=attachment.created_at,
        )


def workspace_reindex_all() -> int:
    """Rebuild the exchange's rows of the workspace index (after a restore or a change of the
    indexing rules). Returns how many items were indexed."""
    count = 0
    for model in (Submission, InfoRequest):
        for item in model.objects.select_related("organization").iterator(chunk_size=200):
            with transaction.atomic():
                workspace_index_item(item)
            count += 1
    return count


def _partner_contacts(organization: Organization, *, leaders_only: bool = False) -> list[Any]:
    roles = PARTNER_LEADER_ROLES if leaders_only else PARTNER_WRITE_ROLES
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organization=organization, role__in=roles, user__is_active=True)
        .select_related("user")
    ]


def _check_program(organization: Organization, program: Any, themes: Sequence[Any], *, tree: OrganizationTree) -> None:
    if program is None:
        if themes:
            raise ValidationError(_("Chọn chương trình phối hợp trước khi chọn nội dung tuyên truyền."))
        return
    party_ids = set(program.parties.values_list("organization_id", flat=True))
    # A unit takes part in the programmes its own unit or a unit above it signed.
    if not party_ids & set(tree.lineage(organization.pk)) and organization.kind != Organization.Kind.PRESS:
        raise ValidationError(_("Đơn vị không tham gia chương trình phối hợp đã chọn."))
    if any(theme.program_id != program.pk for theme in themes):
        raise ValidationError(_("Nội dung tuyên truyền không thuộc chương trình đã chọn."))


# ----------------------------------------------------------------------------------------------
# Submissions


def submission_create(
    *,
    actor: User,
    organization: Organization,
    title: str,
    body: str = "",
    kind: str = Submission.Kind.NEWS,
    priority: str = Priority.NORMAL,
    program: Any = None,
    themes: Sequence[Any] = (),
    embargo_until: dt.datetime | None = None,
    event_starts_at: dt.datetime | None = None,
    event_location: str = "",
    files: Iterable[Any] = (),
) -> Submission:
    """A partner unit sends official information. Only members acting for the unit (or press
    editors recording something received elsewhere) may. The submission and its files are saved
    together; once this returns, the submission is acknowledged and nothing is lost."""
    scope = scope_for(actor)
    if organization.kind != Organization.Kind.PARTNER:
        raise ValidationError(_("Thông tin phải do một đơn vị phối hợp gửi."))
    if not scope.can_see(organization.pk):
        raise PermissionDenied
    if not (scope.can_write(organization.pk) if not scope.is_press else scope.is_press_editor):
        raise PermissionDenied
    if organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Đơn vị này đã sáp nhập hoặc giải thể; hãy gửi dưới tên đơn vị kế thừa."))
    _check_program(organization, program, themes, tree=scope.tree_for(organization.pk))
    checked = check_files(files)  # nothing has been written yet
    written: list[str] = []
    try:
        with transaction.atomic():
            number = next_number(f"submission:{timezone.localdate().year}")
            submission = Submission(
                reference=f"TT-{timezone.localdate().year}-{number:06d}",
                organization=organization,
                original_organization=organization,
                sender=actor,
                program=program,
                kind=kind,
                priority=priority,
                title=clean_text(title),
                body=clean_multiline(body),
                embargo_until=embargo_until,
                event_starts_at=event_starts_at,
                event_location=clean_text(event_location),
            )
            submission.full_clean()
            submission.save()
            if themes:
                submission.themes.set(themes)
            _store_all(checked, owner={"submission": submission}, actor=actor, written=written)
            audit_record(
                actor=actor,
                verb="submission.created",
                target=submission,
                organization=organization,
                data={"files": [c.name for c in checked], "priority": priority},
            )
            _index(submission)
            facts = [submission.get_kind_display(), submission.get_priority_display()]
            if submission.embargo_until:
                facts.append(_("không đăng trước %(when)s") % {"when": _when(submission.embargo_until)})
            if checked:
                facts.append(_("%(n)d tệp đính kèm") % {"n": len(checked)})
            _notify(
                recipients=routing.newsroom_recipients(submission),
                verb="submission.created",
                title=_("%(org)s gửi thông tin «%(title)s»") % {"org": organization.name, "title": submission.title},
                body=" · ".join(str(fact) for fact in facts) + "\n" + submission.body[:500],
                url=submission.get_absolute_url(),
                target=submission,
                actor=actor,
                organization=organization,
            )
    except BaseException:
        _delete_files(written)
        raise
    return submission


def _set_submission_status(
    *,
    actor: User | None,
    submission: Submission,
    status: str,
    verb: str,
    data: dict[str, Any] | None = None,
    **fields: Any,
) -> Submission:
    with transaction.atomic():
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        if status not in SUBMISSION_TRANSITIONS[current.status]:
            raise ValidationError(
                _("Không thể chuyển từ “%(from)s” sang “%(to)s”."),
                params={"from": current.get_status_display(), "to": Submission.Status(status).label},
            )
        current.status = status
        current.status_changed_at = timezone.now()
        if current.handled_by_id is None:
            current.handled_by = actor
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean()
        current.save(update_fields=["status", "status_changed_at", "handled_by", "updated_at", *fields])
        audit_record(
            actor=actor,
            verb=verb,
            target=current,
            organization=current.organization,
            data={"status": status, **(data or {})},
        )
        recipients = {current.sender, *_partner_contacts(current.organization)}
        _notify(
            recipients=recipients,
            verb=verb,
            title=_("%(press)s cập nhật thông tin «%(title)s»: %(status)s")
            % {"press": _press_name(actor), "title": current.title, "status": current.get_status_display()},
            body=fields.get("not_used_reason", "") or fields.get("published_url", ""),
            url=current.get_absolute_url(),
            target=current,
            actor=actor,
            organization=current.organization,
        )
    return current


def submission_acknowledge(*, actor: User, submission: Submission) -> Submission:
    """The newsroom confirms receipt (đã tiếp nhận)."""
    access.require_triage(actor)
    return _set_submission_status(
        actor=actor, submission=submission, status=Submission.Status.RECEIVED, verb="submission.received"
    )


def submission_start(*, actor: User, submission: Submission) -> Submission:
    """The newsroom is working on it (đang xử lý)."""
    access.require_triage(actor)
    return _set_submission_status(
        actor=actor, submission=submission, status=Submission.Status.IN_PROGRESS, verb="submission.in_progress"
    )


def submission_mark_published(*, actor: User | None, submission: Submission, url: str, page: Any = None) -> Submission:
    """An article from this submission is out (đã đăng), with its link. Actor None: the system."""
    if actor is not None:
        access.require_triage(actor)
    url = clean_text(url)
    if not url:
        raise ValidationError(_("Cần đường dẫn bài đã đăng."))
    validate_http_url(url)  # the partner sees it as a link: http(s) only, never javascript:
    return _set_submission_status(
        actor=actor,
        submission=submission,
        status=Submission.Status.PUBLISHED,
        verb="submission.published",
        data={"url": url},
        published_url=url,
        published_page=page,
    )


def submission_reject(*, actor: User, submission: Submission, reason: str) -> Submission:
    """The newsroom will not use it (không sử dụng), and says why."""
    access.require_triage(actor)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần nêu lý do không sử dụng."))
    return _set_submission_status(
        actor=actor,
        submission=submission,
        status=Submission.Status.NOT_USED,
        verb="submission.not_used",
        data={"reason": reason},
        not_used_reason=reason,
    )


# ----------------------------------------------------------------------------------------------
# Threads


def _item_fields(item: Submission | InfoRequest) -> dict[str, Any]:
    return {"submission": item} if isinstance(item, Submission) else {"info_request": item}


def message_post(*, actor: User, item: Submission | InfoRequest, body: str, files: Iterable[Any] = ()) -> Message:
    """Post to an item's thread. @username mentions notify those people when they can see the item;
    the other side is told too. Read-only members cannot post (403)."""
    scope = scope_for(actor)
    if not scope.can_see(item.organization_id):
        raise PermissionDenied
    if not scope.is_press and not scope.can_write(item.organization_id):
        raise PermissionDenied
    body = clean_multiline(body)
    if not body:
        raise ValidationError(_("Tin nhắn không được để trống."))
    checked = check_files(files)
    written: list[str] = []
    try:
        with transaction.atomic():
            message = Message.objects.create(author=actor, body=body, **_item_fields(item))
            _store_all(checked, owner={"message": message}, actor=actor, written=written)
            usernames = set(MENTION.findall(body))
            mentioned = [
                user
                for user in get_user_model().objects.filter(username__in=usernames, is_active=True)
                if scope_for(user).can_see(item.organization_id)
            ]
            if mentioned:
                message.mentions.set(mentioned)
            thread_mark_read(user=actor, item=item)
            audit_record(actor=actor, verb="thread.message", target=item, organization=item.organization)
            if scope.is_press:
                others: list[Any] = _partner_contacts(item.organization)
                if isinstance(item, Submission):
                    others.append(item.sender)
                sender_name = _press_name(actor)
            else:
                others = routing.newsroom_recipients(item)
                sender_name = item.organization.name
            title = (
                _("%(sender)s nhắn về thông tin «%(title)s»")
                if isinstance(item, Submission)
                else _("%(sender)s nhắn về đề nghị «%(title)s»")
            )
            _notify(
                recipients=[*others, *mentioned],
                verb="thread.message",
                title=title % {"sender": sender_name, "title": _label(item)},
                body=body[:500],
                url=item.get_absolute_url() + "#trao-doi",
                target=item,
                actor=actor,
                organization=item.organization,
            )
            if checked:
                _index(item)
    except BaseException:
        _delete_files(written)
        raise
    return message


def thread_mark_read(*, user: User, item: Submission | InfoRequest) -> None:
    ThreadRead.objects.update_or_create(user=user, **_item_fields(item), defaults={"read_at": timezone.now()})


# ----------------------------------------------------------------------------------------------
# Information requests


def default_addressee(organization: Organization, *, tree: OrganizationTree | None = None) -> tuple[str, str]:
    """The unit's current spokesperson (Decree 09/2017), if one is on record."""
    person = current_spokesperson(organization, tree=tree)
    return (person.full_name, person.email) if person else ("", "")


def _addressee_accounts(request: InfoRequest) -> list[Any]:
    """The active accounts with the addressee's e-mail that may open the request."""
    if not request.addressee_email:
        return []
    users = get_user_model().objects.filter(email__iexact=request.addressee_email, is_active=True)
    return [user for user in users if scope_for(user).can_see(request.organization_id)]


def petitioner_line(request: InfoRequest) -> str:
    """The petitioner's name and contact on one line (for the newsroom, or a unit told by choice)."""
    contact = " ".join(request.petitioner_contact.split())
    return f"{request.petitioner_name} ({contact})" if contact else request.petitioner_name


def request_letter(request: InfoRequest) -> str:
    """What a request asks, of whom, by whom, by when and under which rule: the body of every
    message about a new request (in-app and e-mail alike)."""
    requester = request.requested_by
    if request.is_petition:
        lines = [
            _("%(press)s chuyển đến %(org)s %(nature)s của người dân mà tòa soạn nhận được.")
            % {
                "press": request.press.name,
                "org": request.organization.name,
                "nature": request.get_petition_nature_display().lower(),
            },
            _("Số đề nghị: %(ref)s") % {"ref": request.reference},
            _("Nội dung: %(subject)s") % {"subject": request.subject},
            request.questions[:3000],
            "",
            # The unit reads who the petitioner is only when the newsroom chose to tell it.
            _("Người kiến nghị: %(who)s") % {"who": petitioner_line(request)}
            if request.petitioner_disclosed
            else _("Người kiến nghị: tòa soạn giữ thông tin."),
        ]
    else:
        lines = [
            _("%(press)s đề nghị %(org)s cung cấp thông tin.")
            % {"press": request.press.name, "org": request.organization.name},
            _("Số đề nghị: %(ref)s") % {"ref": request.reference},
            _("Nội dung đề nghị: %(subject)s") % {"subject": request.subject},
            _("Câu hỏi:"),
            request.questions[:3000],
            "",
        ]
    lines += [
        _("Người đề nghị: %(name)s, %(press)s")
        % {"name": requester.get_full_name() or requester.get_username(), "press": request.press.name}
        + (f" <{requester.email}>" if requester.email else ""),
    ]
    if request.addressee_name or request.addressee_email:
        who = " ".join(
            part
            for part in (request.addressee_name, f"<{request.addressee_email}>" if request.addressee_email else "")
            if part
        )
        lines.append(_("Người nhận: %(who)s") % {"who": who})
    due_line = (
        _("Hạn thông báo biện pháp xử lý: %(due)s (%(policy)s: %(duration)s)")
        if request.is_petition
        else _("Hạn trả lời: %(due)s (%(policy)s: %(duration)s)")
    )
    lines.append(
        due_line
        % {
            "due": _when(request.due_at),
            "policy": request.policy.name,
            "duration": request.policy_version.duration_label,
        }
    )
    # The rule the request was sent under, as it stood then (a later version never rewrites it).
    if request.policy_version.legal_basis:
        lines.append(_("Căn cứ: %(basis)s") % {"basis": request.policy_version.legal_basis})
    if request.response_form is not None:
        lines.append(_("Hình thức trả lời: %(form)s") % {"form": request.response_form.name})
    return "\n".join(lines)


def _tell_unit_and_addressee(request: InfoRequest, *, verb: str, title: str, actor: User | None) -> None:
    """Tell the unit's people who act for it and the person the request names.

    The addressee is told in-app (and by e-mail, as they chose) when an account with their address
    may open the request; otherwise by e-mail to the address, through the same delivery log, with how
    to answer (the requester's address), since the link needs an account."""
    letter = request_letter(request)
    named = _addressee_accounts(request)
    _notify(
        recipients=[*_partner_contacts(request.organization), *named],
        verb=verb,
        title=title,
        body=letter,
        url=request.get_absolute_url(),
        target=request,
        actor=actor,
        organization=request.organization,
    )
    if request.addressee_email and not named:
        requester = request.requested_by
        address = requester.email or request.press.email
        name = requester.get_full_name() or requester.get_username()
        how = (
            _("Xin trả lời %(name)s qua thư điện tử %(email)s, hoặc đăng nhập hệ thống để trả lời trực tuyến.")
            % {"name": name, "email": address}
            if address
            else _("Xin đăng nhập hệ thống để trả lời trực tuyến, hoặc liên hệ %(name)s.") % {"name": name}
        )
        notify_emails(
            addresses=[request.addressee_email],
            subject=title,
            body=f"{letter}\n\n{how}",
            url=request.get_absolute_url(),
        )


def info_request_create(
    *,
    actor: User,
    organization: Organization,
    subject: str,
    questions: str,
    policy: Any,
    program: Any = None,
    response_form: ResponseForm | None = None,
    addressee_name: str = "",
    addressee_email: str = "",
    files: Iterable[Any] = (),
    now: dt.datetime | None = None,
) -> InfoRequest:
    """The newsroom asks a partner unit for information. The due time comes from the named policy
    on the work calendar; the unit's spokesperson is the addressee unless another is named."""
    return _request_send(
        actor=actor,
        organization=organization,
        subject=subject,
        questions=questions,
        policy=policy,
        program=program,
        response_form=response_form,
        addressee_name=addressee_name,
        addressee_email=addressee_email,
        files=files,
        now=now,
        extra={},
    )


def _request_send(
    *,
    actor: User,
    organization: Organization,
    subject: str,
    questions: str,
    policy: Any,
    program: Any,
    response_form: ResponseForm | None,
    addressee_name: str,
    addressee_email: str,
    files: Iterable[Any],
    now: dt.datetime | None,
    extra: dict[str, Any],
) -> InfoRequest:
    """Send a request or a petition (`extra` holds a petition's own fields): the due time from the
    policy version in force on the day it is sent, one audit event, the unit told after the commit."""
    access.require_triage(actor)
    if organization.kind != Organization.Kind.PARTNER or organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Chỉ gửi đề nghị tới đơn vị phối hợp đang hoạt động."))
    scope = scope_for(actor)
    tree = scope.tree_for(organization.pk)
    _check_program(organization, program, (), tree=tree)
    press = Organization.objects.filter(pk__in=scope.member_of, kind=Organization.Kind.PRESS).first()
    if press is None:
        raise PermissionDenied
    if not addressee_name and not addressee_email:
        addressee_name, addressee_email = default_addressee(organization, tree=tree)
    checked = check_files(files)
    sent_at = now or timezone.now()
    version = policy.version_for(sent_at)  # the rule in force on the day it is sent (ValidationError if none)
    petition = extra.get("kind") == InfoRequest.Kind.PETITION
    written: list[str] = []
    try:
        with transaction.atomic():
            number = next_number(f"info_request:{timezone.localdate(sent_at).year}")
            request = InfoRequest(
                reference=f"ĐN-{timezone.localdate(sent_at).year}-{number:05d}",
                requested_by=actor,
                press=press,
                organization=organization,
                original_organization=organization,
                addressee_name=clean_text(addressee_name),
                addressee_email=addressee_email.strip(),
                program=program,
                subject=clean_text(subject),
                questions=clean_multiline(questions),
                policy=policy,
                policy_version=version,
                sent_at=sent_at,
                due_at=version.due_from(sent_at),
                response_form=response_form,
                **extra,
            )
            request.full_clean()
            request.save()
            _store_all(checked, owner={"info_request": request}, actor=actor, written=written)
            verb = "petition.forwarded" if petition else "info_request.created"
            # Never the petitioner's name or contact: the history is shown to the unit too.
            audit_record(
                actor=actor,
                verb=verb,
                target=request,
                organization=organization,
                data={"policy": policy.name, "policy_version": version.pk, "due_at": request.due_at.isoformat()},
            )
            _index(request)
            title = (
                _("%(press)s chuyển kiến nghị «%(subject)s», hạn thông báo biện pháp xử lý %(due)s")
                if petition
                else _("%(press)s đề nghị cung cấp thông tin «%(subject)s», hạn trả lời %(due)s")
            )
            _tell_unit_and_addressee(
                request,
                verb=verb,
                title=title % {"press": press.name, "subject": request.subject, "due": _when(request.due_at)},
                actor=actor,
            )
    except BaseException:
        _delete_files(written)
        raise
    return request


# ----------------------------------------------------------------------------------------------
# Petitions forwarded by the press (Decree 237/2026 Art. 18(3)–(5))


def petition_forward(
    *,
    actor: User,
    organization: Organization,
    subject: str,
    content: str,
    nature: str,
    petitioner_name: str,
    petitioner_contact: str = "",
    petitioner_disclosed: bool = False,
    channel: str = "",
    received_on: dt.date | None = None,
    press_policy: Any = None,
    desk_editor: User | None = None,
    program: Any = None,
    addressee_name: str = "",
    addressee_email: str = "",
    files: Iterable[Any] = (),
    now: dt.datetime | None = None,
) -> InfoRequest:
    """The newsroom forwards a citizen's opinion, petition, report or criticism to the competent unit
    (Art. 18(3)): a request of kind "petition" under the `tra-loi-kien-nghi` version in force on the
    day it is sent. The petitioner's name and contact stay with the newsroom unless
    `petitioner_disclosed`; `press_policy` (by default the daily/e-press one) is the newspaper's own
    clock once the unit answers; `desk_editor` is told with the sender when the deadline passes."""
    access.require_forward_petition(actor)
    if nature not in InfoRequest.PetitionNature.values:
        raise ValidationError(_("Chọn tính chất: ý kiến, kiến nghị, phản ánh hoặc phê bình."))
    if channel and channel not in InfoRequest.PetitionChannel.values:
        raise ValidationError(_("Kênh tiếp nhận không hợp lệ."))
    petitioner_name = clean_text(petitioner_name)
    if not petitioner_name:
        raise ValidationError(_("Cần họ tên (hoặc tên tổ chức) của người kiến nghị."))
    sent_at = now or timezone.now()
    if received_on is not None and received_on > timezone.localdate(sent_at):
        raise ValidationError(_("Ngày tòa soạn nhận kiến nghị không được sau ngày chuyển."))
    if press_policy is None:
        press_policy = press_policies().filter(code=PRESS_POLICIES[0]).first()
    if press_policy is None or press_policy.code not in PRESS_POLICIES:
        raise ValidationError(_("Chọn thời hạn báo thông tin kết quả theo loại hình báo chí."))
    if desk_editor is not None and not access.can_triage(desk_editor):
        raise ValidationError(_("Người phụ trách phải là biên tập viên, trưởng ban hoặc lãnh đạo tòa soạn."))
    return _request_send(
        actor=actor,
        organization=organization,
        subject=subject,
        questions=content,
        policy=petition_policy(),
        program=program,
        response_form=None,
        addressee_name=addressee_name,
        addressee_email=addressee_email,
        files=files,
        now=sent_at,
        extra={
            "kind": InfoRequest.Kind.PETITION,
            "petition_nature": nature,
            "petition_channel": channel,
            "petition_received_on": received_on,
            "petitioner_name": petitioner_name,
            "petitioner_contact": clean_multiline(petitioner_contact),
            "petitioner_disclosed": petitioner_disclosed,
            "desk_editor": desk_editor,
            "press_policy": press_policy,
        },
    )


def petition_disclose_petitioner(*, actor: User, request: InfoRequest) -> InfoRequest:
    """The newsroom lets the unit see the petitioner's name and contact (e.g. the petitioner agreed).
    One way: once the unit has been told, it cannot be taken back. The unit's people are told who it is."""
    access.require_disclose_petitioner(actor, request)
    with transaction.atomic():
        current = InfoRequest.objects.select_for_update().select_related("organization").get(pk=request.pk)
        if current.petitioner_disclosed:
            raise ValidationError(_("Đơn vị đã được biết người kiến nghị."))
        current.petitioner_disclosed = True
        current.save(update_fields=["petitioner_disclosed", "updated_at"])
        audit_record(
            actor=actor, verb="petition.petitioner_disclosed", target=current, organization=current.organization
        )
        _notify(
            recipients=_partner_contacts(current.organization),
            verb="petition.petitioner_disclosed",
            title=_("%(press)s cho biết người kiến nghị «%(subject)s»")
            % {"press": _press_name(actor), "subject": current.subject},
            body=_("Người kiến nghị: %(who)s") % {"who": petitioner_line(current)},
            url=current.get_absolute_url(),
            target=current,
            actor=actor,
            organization=current.organization,
        )
    return current


def petition_newsroom(request: InfoRequest) -> list[Any]:
    """Who in the newsroom hears of a petition's deadlines: the sender, the editor in charge, and the
    people `routing` names for the item (its assignees and handler, or the desk), each once."""
    people: dict[int, Any] = {}
    for user in (request.requested_by, request.desk_editor, *routing.newsroom_recipients(request)):
        if user is not None and user.is_active:
            people.setdefault(user.pk, user)
    return list(people.values())


def _start_press_clock(request: InfoRequest) -> dict[str, Any]:
    """On a petition's answer: the newspaper's own clock from the answer, under its policy's version in
    force that day (Art. 18(5)). Without a version in force the answer still counts; no clock starts."""
    if not request.is_petition or request.press_policy is None or request.answered_at is None:
        return {}
    version = request.press_policy.version_on(request.answered_at)
    if version is None:
        logger.warning("no version of %s in force for petition %s", request.press_policy.code, request.pk)
        return {"press_clock": "none"}
    request.press_policy_version = version
    request.press_due_at = version.due_from(request.answered_at)
    request.save(update_fields=["press_policy_version", "press_due_at", "updated_at"])
    return {"press_policy_version": version.pk, "press_due_at": request.press_due_at.isoformat()}


def petition_record_informed(
    *,
    actor: User,
    request: InfoRequest,
    method: str,
    informed_at: dt.datetime | None = None,
    note: str = "",
    article_url: str = "",
) -> InfoRequest:
    """The newsroom records that it informed the petitioner in writing of the unit's answer, or
    published it (Art. 18(5)); this ends the newspaper's clock, late when after `press_due_at`. The
    unit is told (how, when, and the article's link), never the note."""
    access.require_record_informed(actor, request)
    if method not in InfoRequest.InformMethod.values:
        raise ValidationError(_("Chọn hình thức: thông báo bằng văn bản hoặc đăng, phát trên báo."))
    now = timezone.now()
    informed_at = informed_at or now
    if informed_at > now:
        raise ValidationError(_("Thời điểm báo thông tin kết quả không được ở tương lai."))
    article_url = clean_text(article_url)
    if article_url:
        validate_http_url(article_url)
    if method == InfoRequest.InformMethod.PUBLISHED and not article_url:
        raise ValidationError(_("Đăng, phát trên báo: cần đường dẫn bài đã đăng."))
    with transaction.atomic():
        current = (
            InfoRequest.objects.select_for_update(of=("self",))
            .select_related("organization", "press_policy_version__instrument")
            .get(pk=request.pk)
        )
        if current.press_due_at is None or current.press_informed_at is not None:
            raise ValidationError(_("Kiến nghị này chưa có trả lời của đơn vị hoặc đã ghi nhận báo kết quả."))
        if current.answered_at is not None and informed_at < current.answered_at:
            raise ValidationError(_("Thời điểm báo thông tin kết quả không được trước khi đơn vị trả lời."))
        current.press_informed_at = informed_at
        current.press_informed_by = actor
        current.press_inform_method = method
        current.press_inform_note = clean_multiline(note)
        current.press_article_url = article_url
        current.full_clean()
        current.save(
            update_fields=[
                "press_informed_at",
                "press_informed_by",
                "press_inform_method",
                "press_inform_note",
                "press_article_url",
                "updated_at",
            ]
        )
        late = current.press_informed_at > current.press_due_at
        audit_record(
            actor=actor,
            verb="petition.informed",
            target=current,
            organization=current.organization,
            data={"method": method, "late": late, "url": article_url},
        )
        method_label = current.get_press_inform_method_display()
        lines = [_("%(method)s lúc %(when)s.") % {"method": method_label, "when": _when(informed_at)}]
        if article_url:
            lines.append(article_url)
        if late:
            lines.append(_("Sau hạn %(due)s.") % {"due": _when(current.press_due_at)})
        _notify(
            recipients=_partner_contacts(current.organization),
            verb="petition.informed",
            title=_("%(press)s đã báo thông tin kết quả giải quyết kiến nghị «%(subject)s»")
            % {"press": _press_name(actor), "subject": current.subject},
            body="\n".join(lines),
            url=current.get_absolute_url(),
            target=current,
            actor=actor,
            organization=current.organization,
        )
    return current


def petition_deadline_notices(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The petitions' two deadlines, each told once (the timestamps record it), run by the reminders
    tick with the requests':

    * the unit's limit passed without its notice (Art. 18(4)): the newsroom (sender, editor in charge,
      the item's people) is told it may forward the petition to the unit's superior body or publish it;
      the unit's leaders (and its parent's) hear it is overdue, as for any request;
    * the newspaper's own limit passed without its record of informing the petitioner: the newsroom.
    """
    now = now or timezone.now()
    counts = {"petitions_overdue": 0, "press_overdue": 0}
    overdue = (
        InfoRequest.objects.overdue(now)
        .petitions()
        .filter(escalated_at__isnull=True)
        .select_related("organization__parent", "requested_by", "desk_editor", "policy_version__instrument")
    )
    for request in overdue:
        with transaction.atomic():
            if not InfoRequest.objects.filter(pk=request.pk, escalated_at__isnull=True).update(escalated_at=now):
                continue  # another run told it
            audit_record(actor=None, verb="petition.overdue", target=request, organization=request.organization)
            _notify(
                recipients=petition_newsroom(request),
                verb="petition.overdue",
                title=_("Quá hạn: %(org)s chưa thông báo biện pháp xử lý kiến nghị «%(subject)s» (hạn %(due)s)")
                % {"org": request.organization.name, "subject": request.subject, "due": _when(request.due_at)},
                body=petition_rights_text(request),
                url=request.get_absolute_url(),
                target=request,
                organization=request.organization,
            )
            leaders = _partner_contacts(request.organization, leaders_only=True)
            parent = request.organization.parent
            if parent is not None and parent.status == Organization.Status.ACTIVE:
                leaders += _partner_contacts(parent, leaders_only=True)
            _notify(
                recipients=leaders,
                verb="petition.overdue",
                title=_("%(org)s quá hạn thông báo biện pháp xử lý kiến nghị «%(subject)s» (hạn %(due)s)")
                % {"org": request.organization.name, "subject": request.subject, "due": _when(request.due_at)},
                url=request.get_absolute_url(),
                target=request,
                organization=request.organization,
            )
        counts["petitions_overdue"] += 1
    press_late = (
        InfoRequest.objects.press_overdue(now)
        .filter(press_overdue_notified_at__isnull=True)
        .select_related("organization", "requested_by", "desk_editor")
    )
    for request in press_late:
        with transaction.atomic():
            if not InfoRequest.objects.filter(pk=request.pk, press_overdue_notified_at__isnull=True).update(
                press_overdue_notified_at=now
            ):
                continue
            audit_record(actor=None, verb="petition.press_overdue", target=request, organization=request.organization)
            assert request.press_due_at is not None  # noqa: S101 — selected by press_overdue
            _notify(
                recipients=petition_newsroom(request),
                verb="petition.press_overdue",
                title=_("Quá hạn báo thông tin kết quả cho người kiến nghị «%(subject)s» (hạn %(due)s)")
                % {"subject": request.subject, "due": _when(request.press_due_at)},
                body=_("Đơn vị đã trả lời; tòa soạn cần thông báo bằng văn bản cho người kiến nghị hoặc đăng, phát."),
                url=request.get_absolute_url(),
                target=request,
                organization=request.organization,
            )
        counts["press_overdue"] += 1
    return counts


def petition_rights_text(request: InfoRequest) -> str:
    """What the newspaper may do once the unit's limit passed without its notice, with the basis of the
    policy version the petition was sent under (whose summary carries the rule: Art. 18(4))."""
    text = _(
        "%(org)s chưa thông báo bằng văn bản biện pháp xử lý trong thời hạn. Tòa soạn có quyền chuyển kiến "
        "nghị đến cơ quan cấp cao hơn hoặc đăng, phát vấn đề đó trên báo chí."
    ) % {"org": request.organization.name}
    basis = request.policy_version.legal_basis
    return f"{text}\n" + _("Căn cứ: %(basis)s") % {"basis": basis} if basis else text


# What the newsroom is told when the unit answers (the unit's name, then the subject).
ANSWER_TITLES: dict[str, Any] = {
    InfoRequest.Status.ANSWERED: gettext_lazy("%(org)s trả lời đề nghị «%(subject)s»"),
    InfoRequest.Status.PARTIAL: gettext_lazy("%(org)s trả lời một phần đề nghị «%(subject)s»"),
    InfoRequest.Status.REFUSED: gettext_lazy("%(org)s từ chối cung cấp thông tin theo đề nghị «%(subject)s»"),
}
PETITION_ANSWER_TITLE = gettext_lazy("%(org)s thông báo biện pháp xử lý kiến nghị «%(subject)s»")


def info_request_answer(
    *,
    actor: User,
    request: InfoRequest,
    outcome: str,
    answer: str = "",
    refusal_ground: RefusalGround | None = None,
    response_form: ResponseForm | None = None,
    files: Iterable[Any] = (),
) -> InfoRequest:
    """The partner answers, answers in part, or refuses on a listed ground. Members acting for the
    unit only (403 for read-only staff); a closed request cannot be answered again."""
    scope = scope_for(actor)
    if not scope.can_see(request.organization_id):
        raise PermissionDenied
    if not scope.can_write(request.organization_id):
        raise PermissionDenied
    allowed = {InfoRequest.Status.ANSWERED, InfoRequest.Status.PARTIAL, InfoRequest.Status.REFUSED}
    if outcome not in allowed:
        raise ValidationError(_("Kết quả trả lời không hợp lệ."))
    if request.is_petition and outcome != InfoRequest.Status.ANSWERED:
        raise ValidationError(_("Kiến nghị được trả lời bằng thông báo biện pháp xử lý."))
    answer = clean_multiline(answer)
    if outcome == InfoRequest.Status.REFUSED and refusal_ground is None:
        raise ValidationError(_("Từ chối cung cấp thông tin phải nêu căn cứ."))
    if outcome != InfoRequest.Status.REFUSED and not answer and not list(files):
        raise ValidationError(_("Cần nội dung trả lời hoặc tệp đính kèm."))
    checked = check_files(files)
    written: list[str] = []
    try:
        with transaction.atomic():
            current = InfoRequest.objects.select_for_update().get(pk=request.pk)
            if current.status != InfoRequest.Status.SENT:
                raise ValidationError(_("Đề nghị này đã được trả lời hoặc đã đóng."))
            current.status = outcome
            current.answer = answer
            current.answered_at = timezone.now()
            current.answered_by = actor
            current.refusal_ground = refusal_ground if outcome == InfoRequest.Status.REFUSED else None
            if response_form is not None:
                current.response_form = response_form
            current.save(
                update_fields=[
                    "status",
                    "answer",
                    "answered_at",
                    "answered_by",
                    "refusal_ground",
                    "response_form",
                    "updated_at",
                ]
            )
            _store_all(checked, owner={"info_request": current}, actor=actor, written=written)
            clock = _start_press_clock(current)
            audit_record(
                actor=actor,
                verb=f"info_request.{outcome}",
                target=current,
                organization=current.organization,
                data={"late": current.answered_late, **clock},
            )
            _index(current)
            lines = [answer[:500]] if answer else []
            if current.refusal_ground is not None:
                lines.append(_("Căn cứ từ chối: %(ground)s") % {"ground": current.refusal_ground.name})
            if checked:
                lines.append(_("%(n)d tệp đính kèm") % {"n": len(checked)})
            if current.answered_late:
                lines.append(_("Trả lời sau hạn %(due)s.") % {"due": _when(current.due_at)})
            if current.press_due_at is not None and current.press_policy_version is not None:
                lines.append(
                    _(
                        "Tòa soạn thông báo bằng văn bản cho người kiến nghị hoặc đăng, phát trước %(due)s "
                        "(%(duration)s — %(basis)s)."
                    )
                    % {
                        "due": _when(current.press_due_at),
                        "duration": current.press_policy_version.duration_label,
                        "basis": current.press_policy_version.citation,
                    }
                )
            title = PETITION_ANSWER_TITLE if current.is_petition else ANSWER_TITLES[outcome]
            _notify(
                recipients=petition_newsroom(current) if current.is_petition else routing.newsroom_recipients(current),
                verb=f"info_request.{outcome}",
                title=title % {"org": current.organization.name, "subject": current.subject},
                body="\n".join(lines),
                url=current.get_absolute_url(),
                target=current,
                actor=actor,
                organization=current.organization,
            )
    except BaseException:
        _delete_files(written)
        raise
    return current


def send_reminders_and_escalations(
    *, now: dt.datetime | None = None, remind_before: dt.timedelta | None = None
) -> dict[str, int]:
    """Remind the unit before the due time and tell its leaders once a request is overdue.

    Each request is reminded once and escalated once (the timestamps record it), so the task can
    run as often as the worker likes.
    """
    now = now or timezone.now()
    remind_before = remind_before or dt.timedelta(hours=24)
    counts = {"reminded": 0, "escalated": 0}
    due_soon = (
        InfoRequest.objects.open()
        .filter(reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + remind_before)
        .select_related("organization", "press", "policy", "requested_by", "response_form")
    )
    for request in due_soon:
        with transaction.atomic():
            InfoRequest.objects.filter(pk=request.pk).update(reminded_at=now)
            audit_record(actor=None, verb="info_request.reminded", target=request, organization=request.organization)
            _tell_unit_and_addressee(
                request,
                verb="info_request.reminded",
                title=_("Sắp đến hạn trả lời đề nghị «%(subject)s» (hạn %(due)s)")
                % {"subject": request.subject, "due": _when(request.due_at)},
                actor=None,
            )
        counts["reminded"] += 1
    # A unit's parent hears of its overdue requests too: it is read with the request (one hop, no walk).
    # Petitions are told by `petition_deadline_notices` (the newsroom's rights as well as the unit's leaders).
    overdue = (
        InfoRequest.objects.overdue(now)
        .filter(escalated_at__isnull=True)
        .exclude(kind=InfoRequest.Kind.PETITION)
        .select_related("organization__parent")
    )
    for request in overdue:
        with transaction.atomic():
            InfoRequest.objects.filter(pk=request.pk).update(escalated_at=now)
            audit_record(actor=None, verb="info_request.escalated", target=request, organization=request.organization)
            leaders = _partner_contacts(request.organization, leaders_only=True)
            parent = request.organization.parent
            if parent is not None and parent.status == Organization.Status.ACTIVE:
                leaders += _partner_contacts(parent, leaders_only=True)
            _notify(
                recipients={*leaders, request.requested_by},
                verb="info_request.escalated",
                title=_("%(org)s quá hạn trả lời đề nghị «%(subject)s» (hạn %(due)s)")
                % {"org": request.organization.name, "subject": request.subject, "due": _when(request.due_at)},
                url=request.get_absolute_url(),
                target=request,
                organization=request.organization,
            )
        counts["escalated"] += 1
    return counts


# ----------------------------------------------------------------------------------------------
# Unit succession


def transfer_open_work(*, actor: User | None, predecessor: Organization, successor: Organization) -> dict[str, int]:
    """Move a merged unit's open submissions and requests to its successor. The items keep
    `original_organization`, so their history still reads under the old name."""
    with transaction.atomic():
        submissions = list(Submission.objects.open().filter(organization=predecessor).values_list("pk", flat=True))
        requests = list(InfoRequest.objects.open().filter(organization=predecessor).values_list("pk", flat=True))
        Submission.objects.filter(pk__in=submissions).update(organization=successor, updated_at=timezone.now())
        InfoRequest.objects.filter(pk__in=requests).update(organization=successor, updated_at=timezone.now())
        for model, ids in ((Submission, submissions), (InfoRequest, requests)):
            for item in model.objects.filter(pk__in=ids):
                audit_record(
                    actor=actor,
                    verb="exchange.transferred",
                    target=item,
                    organization=successor,
                    data={"from": predecessor.name, "to": successor.name},
                )
                _index(item)  # found under the successor from now on, like the inbox shows it
    return {"submissions": len(submissions), "info_requests": len(requests)}


def orphan_uploads_remove(*, older_than: dt.timedelta = dt.timedelta(hours=1), dry_run: bool = False) -> list[str]:
    """Delete stored exchange files that no attachment row points to.

    A crash between a file write and the commit (power loss, a killed worker) can leave such a file;
    the services clean up every failure they see, and this sweep catches the ones they could not.
    Files younger than `older_than` are left alone: their transaction may still be running.
    """
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "exchange"
    if not root.exists():
        return []
    cutoff = timezone.now().timestamp() - older_than.total_seconds()
    known = set(Attachment.objects.values_list("file", flat=True))
    removed = []
    for path in root.rglob("*"):
        if not path.is_file() or path.stat().st_mtime > cutoff:
            continue
        name = path.relative_to(settings.PRIVATE_MEDIA_ROOT).as_posix()
        if name in known:
            continue
        removed.append(name)
        if not dry_run:
            path.unlink(missing_ok=True)
    return removed
