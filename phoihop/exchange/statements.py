"""Events that call for a statement (Decree 244/2026 Art. 7(3)–(4)): the writes.

Either side opens an event for a partner unit — an incident, or a matter that affects public opinion —
and the 24-hour clock for the unit's initial statement starts, under the `phat-ngon-ban-dau` policy
version in force at that moment (stored with the event, so a later law changes later events only).
Statements and press releases are added to the event with their files (the exchange's private storage
and upload checks); the initial one stops the clock, on time or late. `escalate_statement_events`
(a periodic job, `tasks.statements_tick`) tells the unit's head, leaders and spokespersons and the
newsroom when most of the time has gone and again at the due time, once per threshold.

A press editor may turn a statement into a draft article. The newsroom sits above the exchange, so
the exchange only offers the hook (`register_drafter`); the newsroom registers the handler that makes
the draft from its `AppConfig.ready`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Membership, Organization, User
from phoihop.accounts.roles import PARTNER_LEADER_ROLES, PARTNER_WRITE_ROLES, Role
from phoihop.accounts.selectors import press_editors
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import access
from phoihop.exchange.models import Statement, StatementEvent
from phoihop.exchange.services import _delete_files, _notify, _press_name, _store_all, _when, check_files
from phoihop.notifications.services import notify_emails
from phoihop.programs.models import Spokesperson

POLICY_CODE = "phat-ngon-ban-dau"
# The escalation thresholds: the share of the limit gone (18 of 24 hours), and the due time itself.
WARN_SHARE = 0.75
WARN, DUE = "warn", "due"

# ----------------------------------------------------------------------------------------------
# The hook for higher apps: making a draft article from a statement

# (actor, statement) → the draft page made. Registered by the newsroom.
Drafter = Callable[[User, Statement], Any]
_drafters: dict[str, Drafter] = {}


def register_drafter(name: str, drafter: Drafter) -> None:
    """Offer "make a draft article" for statements. Registering a name again replaces it."""
    _drafters[name] = drafter


def drafting_available() -> bool:
    return bool(_drafters)


# ----------------------------------------------------------------------------------------------
# Who hears of an event


def _members(organization_id: int, roles: Iterable[str]) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organization_id=organization_id, role__in=list(roles), user__is_active=True)
        .select_related("user")
    ]


def _unit_people(event: StatementEvent) -> list[Any]:
    """The unit's people who act for it (leaders, spokespersons, liaisons)."""
    return _members(event.organization_id, PARTNER_WRITE_ROLES)


def _newsroom_people(event: StatementEvent) -> list[Any]:
    """The press editor who opened the event, while still one; otherwise the triage desk."""
    opener = event.opened_by
    if opener.is_active and scope_for(opener).is_press_editor:
        return [opener]
    return press_editors()


def _spokespersons(event: StatementEvent, on: dt.date) -> list[Spokesperson]:
    return list(
        Spokesperson.objects.filter(
            organization_id=event.organization_id, role__in=[Spokesperson.Role.HEAD, Spokesperson.Role.REGULAR]
        ).in_office(on)
    )


def escalation_recipients(event: StatementEvent, *, on: dt.date | None = None) -> tuple[list[Any], list[str]]:
    """Who is told when the clock runs short: the unit's head and regular spokesperson on record in
    `programs` (their accounts, found by official e-mail, or the address itself when there is no
    account), the unit's leaders and spokesperson accounts, and the newsroom's handler.
    Returns (accounts, bare e-mail addresses)."""
    on = on or timezone.localdate()
    people: dict[int, Any] = {}
    for user in [
        *_members(event.organization_id, {*PARTNER_LEADER_ROLES, Role.SPOKESPERSON}),
        *_newsroom_people(event),
    ]:
        people.setdefault(user.pk, user)
    addresses: list[str] = []
    for person in _spokespersons(event, on):
        if not person.email:
            continue
        accounts = [
            user
            for user in get_user_model().objects.filter(email__iexact=person.email, is_active=True)
            if scope_for(user).can_see(event.organization_id)
        ]
        for user in accounts:
            people.setdefault(user.pk, user)
        if not accounts:
            addresses.append(person.email)
    return list(people.values()), addresses


# ----------------------------------------------------------------------------------------------
# Writes


def _policy() -> DeadlinePolicy:
    try:
        return DeadlinePolicy.objects.prefetch_related("versions__instrument").get(code=POLICY_CODE)
    except DeadlinePolicy.DoesNotExist:
        raise ValidationError(_("Chưa có loại thời hạn phát ngôn ban đầu (phat-ngon-ban-dau).")) from None


def event_open(
    *,
    actor: User,
    organization: Organization,
    title: str,
    kind: str = StatementEvent.Kind.INCIDENT,
    description: str = "",
    opened_at: dt.datetime | None = None,
) -> StatementEvent:
    """Open an event for a partner unit: a press editor, or a leader or spokesperson of the unit.
    The clock starts at `opened_at` (now, or the earlier moment the unit received the matter or
    found it affects public opinion) under the policy version in force then."""
    access.require_open_event(actor, organization.pk)
    if organization.kind != Organization.Kind.PARTNER or organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Chỉ mở sự kiện cho đơn vị phối hợp đang hoạt động."))
    if kind not in StatementEvent.Kind.values:
        raise ValidationError(_("Loại vụ việc không hợp lệ."))
    now = timezone.now()
    opened_at = opened_at or now
    if opened_at > now + dt.timedelta(minutes=1):
        raise ValidationError(_("Thời điểm bắt đầu tính thời hạn không được ở tương lai."))
    title = clean_text(title)
    if not title:
        raise ValidationError(_("Cần tên vụ việc."))
    version = _policy().version_for(opened_at)
    with transaction.atomic():
        event = StatementEvent.objects.create(
            organization=organization,
            kind=kind,
            title=title,
            description=clean_multiline(description),
            opened_by=actor,
            opened_at=opened_at,
            policy_version=version,
            due_at=version.due_from(opened_at),
        )
        audit_record(
            actor=actor,
            verb="statement_event.opened",
            target=event,
            organization=organization,
            data={"kind": kind, "policy_version": version.pk, "due_at": event.due_at.isoformat()},
        )
        press_side = scope_for(actor).is_press
        opener = _press_name(actor) if press_side else organization.name
        _notify(
            recipients=_unit_people(event) if press_side else _newsroom_people(event),
            verb="statement_event.opened",
            title=_("%(who)s mở sự kiện cần phát ngôn «%(title)s», hạn phát ngôn ban đầu %(due)s")
            % {"who": opener, "title": event.title, "due": _when(event.due_at)},
            body=f"{event.get_kind_display()} · {version.legal_basis}\n{event.description[:500]}",
            url=event.get_absolute_url(),
            target=event,
            actor=actor,
            organization=organization,
        )
    return event


def _mark_stated(event: StatementEvent, *, actor: User, at: dt.datetime) -> None:
    event.state = StatementEvent.State.STATED
    event.stated_at = at
    event.stated_by = actor
    event.save(update_fields=["state", "stated_at", "stated_by", "updated_at"])
    late = at > event.due_at
    audit_record(
        actor=actor,
        verb="statement_event.stated",
        target=event,
        organization=event.organization,
        data={"stated_at": at.isoformat(), "late": late},
    )
    _notify(
        recipients=[*_unit_people(event), *_newsroom_people(event)],
        verb="statement_event.stated",
        title=(
            _("%(org)s đã phát ngôn ban đầu về «%(title)s» (sau hạn %(due)s)")
            if late
            else _("%(org)s đã phát ngôn ban đầu về «%(title)s» (đúng hạn %(due)s)")
        )
        % {"org": event.organization.name, "title": event.title, "due": _when(event.due_at)},
        url=event.get_absolute_url(),
        target=event,
        actor=actor,
        organization=event.organization,
    )


def _locked(event: StatementEvent) -> StatementEvent:
    return (
        StatementEvent.objects.select_for_update(of=("self",))
        .select_related("organization", "opened_by")
        .get(pk=event.pk)
    )


def statement_add(
    *,
    actor: User,
    event: StatementEvent,
    title: str,
    body: str,
    kind: str = Statement.Kind.STATEMENT,
    initial: bool = False,
    files: Iterable[Any] = (),
) -> Statement:
    """Add a statement or press release to the event (text and files). With `initial`, it is the
    initial statement: the clock stops now (on time or late against the due time)."""
    access.require_state(actor, event)
    if kind not in Statement.Kind.values:
        raise ValidationError(_("Loại phát ngôn không hợp lệ."))
    title, body = clean_text(title), clean_multiline(body)
    if not title or not body:
        raise ValidationError(_("Cần tiêu đề và nội dung phát ngôn."))
    checked = check_files(files)
    written: list[str] = []
    try:
        with transaction.atomic():
            current = _locked(event)
            if current.state == StatementEvent.State.CLOSED:
                raise ValidationError(_("Sự kiện này đã kết thúc."))
            initial = initial and current.awaiting
            now = timezone.now()
            statement = Statement.objects.create(
                event=current, kind=kind, title=title, body=body, is_initial=initial, author=actor, created_at=now
            )
            _store_all(checked, owner={"statement": statement}, actor=actor, written=written)
            audit_record(
                actor=actor,
                verb="statement_event.statement_added",
                target=current,
                organization=current.organization,
                data={"statement": statement.pk, "kind": kind, "files": [c.name for c in checked]},
            )
            if initial:
                _mark_stated(current, actor=actor, at=now)
            else:
                press_side = scope_for(actor).is_press
                _notify(
                    recipients=_unit_people(current) if press_side else _newsroom_people(current),
                    verb="statement_event.statement_added",
                    title=_("%(who)s đăng %(kind)s «%(title)s» về sự kiện «%(event)s»")
                    % {
                        "who": _press_name(actor) if press_side else current.organization.name,
                        "kind": statement.get_kind_display().lower(),
                        "title": statement.title,
                        "event": current.title,
                    },
                    body=statement.body[:500],
                    url=current.get_absolute_url(),
                    target=current,
                    actor=actor,
                    organization=current.organization,
                )
    except BaseException:
        _delete_files(written)
        raise
    return statement


def initial_statement_given(*, actor: User, event: StatementEvent, at: dt.datetime | None = None) -> StatementEvent:
    """Record that the initial statement was given (at `at`, by another channel; now by default)."""
    access.require_state(actor, event)
    now = timezone.now()
    at = at or now
    if at > now + dt.timedelta(minutes=1) or at < event.opened_at:
        raise ValidationError(_("Thời điểm phát ngôn phải sau lúc mở sự kiện và không ở tương lai."))
    with transaction.atomic():
        current = _locked(event)
        if not current.awaiting:
            raise ValidationError(_("Sự kiện này đã có phát ngôn ban đầu hoặc đã kết thúc."))
        _mark_stated(current, actor=actor, at=at)
    return current


def event_close(*, actor: User, event: StatementEvent) -> StatementEvent:
    """End the event (no more statements; the clock, if still running, stops without a statement)."""
    access.require_close_event(actor, event)
    with transaction.atomic():
        current = _locked(event)
        if current.state == StatementEvent.State.CLOSED:
            raise ValidationError(_("Sự kiện này đã kết thúc."))
        previous = current.state
        current.state = StatementEvent.State.CLOSED
        current.closed_at = timezone.now()
        current.save(update_fields=["state", "closed_at", "updated_at"])
        audit_record(
            actor=actor,
            verb="statement_event.closed",
            target=current,
            organization=current.organization,
            data={"from": previous},
        )
    return current


def statement_draft_article(*, actor: User, statement: Statement) -> Any:
    """A press editor turns a statement into a draft article through the registered drafter."""
    if not access.can_draft_article(actor):
        raise PermissionDenied(_("Chỉ biên tập viên và lãnh đạo tòa soạn được tạo bài từ phát ngôn."))
    if not _drafters:
        raise ValidationError(_("Chưa có chức năng tạo bài viết."))
    if statement.article_id is not None:
        raise ValidationError(_("Phát ngôn này đã có bài viết."))
    with transaction.atomic():
        current = Statement.objects.select_for_update().select_related("event__organization").get(pk=statement.pk)
        if current.article_id is not None:
            raise ValidationError(_("Phát ngôn này đã có bài viết."))
        drafter = next(iter(_drafters.values()))
        article = drafter(actor, current)
        current.article = article
        current.save(update_fields=["article"])
        audit_record(
            actor=actor,
            verb="statement_event.article_drafted",
            target=current.event,
            organization=current.event.organization,
            data={"statement": current.pk, "article": article.pk},
        )
    return article


# ----------------------------------------------------------------------------------------------
# Escalation (the periodic job)


def warn_at(event: StatementEvent) -> dt.datetime:
    return event.opened_at + (event.due_at - event.opened_at) * WARN_SHARE


def escalate_statement_events(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Tell the unit's head, leaders and spokespersons and the newsroom when an initial statement is
    still awaited at `WARN_SHARE` of the limit (18 of 24 hours) and again at the due time; once per
    threshold (the event records which it has told), so the job may run as often as it likes."""
    now = now or timezone.now()
    counts = {WARN: 0, DUE: 0}
    candidates = StatementEvent.objects.awaiting_statement().filter(opened_at__lte=now).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            event = (
                StatementEvent.objects.select_for_update(of=("self",))
                .select_related("organization", "opened_by", "policy_version__instrument")
                .get(pk=pk)
            )
            if not event.awaiting:
                continue
            reached = DUE if now >= event.due_at else (WARN if now >= warn_at(event) else "")
            if not reached or reached in event.escalations:
                continue
            # At the due time, an event never warned is told once (as overdue), not twice.
            event.escalations = sorted({*event.escalations, reached, *([WARN] if reached == DUE else [])})
            event.escalated_at = now
            event.save(update_fields=["escalations", "escalated_at", "updated_at"])
            audit_record(
                actor=None,
                verb=f"statement_event.escalated_{reached}",
                target=event,
                organization=event.organization,
                data={"due_at": event.due_at.isoformat()},
            )
            if reached == DUE:
                title = _("%(org)s quá hạn phát ngôn ban đầu về «%(title)s» (hạn %(due)s)")
            else:
                title = _("%(org)s sắp hết hạn phát ngôn ban đầu về «%(title)s» (hạn %(due)s)")
            title %= {"org": event.organization.name, "title": event.title, "due": _when(event.due_at)}
            body = _("Thời hạn %(duration)s theo %(basis)s.") % {
                "duration": event.policy_version.duration_label,
                "basis": event.policy_version.citation,
            }
            accounts, addresses = escalation_recipients(event, on=timezone.localdate(now))
            _notify(
                recipients=accounts,
                verb=f"statement_event.escalated_{reached}",
                title=title,
                body=body,
                url=event.get_absolute_url(),
                target=event,
                organization=event.organization,
            )
            if addresses:
                notify_emails(addresses=addresses, subject=title, body=body, url=event.get_absolute_url())
            counts[reached] += 1
    return counts
