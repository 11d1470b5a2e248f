"""Access to the exchange: submissions and information requests belong to the partner unit they
come from or go to. The press sees and handles all of them; a partner member sees their units'
(and sub-units') items and acts on them only with a role that acts for the unit.

Every action has one predicate here (`can_…`) and its refusal (`require_…`, 403 with a Vietnamese
reason). Views call the `require_…` before acting, and templates show a button only when the same
`can_…` says yes, so nobody is offered an action the view would refuse.

* send a submission: a partner member acting for an active unit, or a press editor recording what
  arrived by another channel;
* triage a submission (acknowledge, start, publish, not used, assign) and send a request: the
  press's editors and leaders;
* post on a thread: any press member, or a partner member acting for the item's unit;
* answer a request: a partner member acting for the unit, while the request is open; never the press;
* forward a citizen's petition (a request of kind "petition"): the press's editors and leaders; who
  the petitioner is (name, contact) is read by the press, and by the unit only when the newsroom chose
  to tell it; recording that the petitioner was informed (the newspaper's own clock): the press's
  editors and leaders, once the unit answered.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from phoihop.accounts.access import UserScope, get_organization_for_user, scope_for
from phoihop.accounts.models import Organization, User
from phoihop.accounts.roles import Role
from phoihop.exchange.models import (
    SUBMISSION_TRANSITIONS,
    Attachment,
    InfoRequest,
    PressConference,
    Statement,
    StatementEvent,
    Submission,
)


def submissions_for_user(user: AnonymousUser | User) -> QuerySet[Submission]:
    return scope_for(user).filter(Submission.objects.all())


def info_requests_for_user(user: AnonymousUser | User) -> QuerySet[InfoRequest]:
    return scope_for(user).filter(InfoRequest.objects.all())


def _check_write(scope: UserScope, organization_id: int) -> None:
    if scope.is_press:
        return
    if not scope.can_write(organization_id):
        raise PermissionDenied


def get_submission_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> Submission:
    """A submission the user may see (404 otherwise). With `write`, one they may act on (403):
    any press member, or a partner member whose role acts for the sending unit."""
    try:
        submission = (
            submissions_for_user(user)
            .select_related("organization", "original_organization", "sender", "program", "handled_by")
            .get(pk=int(pk))
        )
    except (Submission.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write:
        _check_write(scope_for(user), submission.organization_id)
    return submission


def get_info_request_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> InfoRequest:
    """A request the user may see (404 otherwise). With `write`, one they may act on (403)."""
    try:
        request = (
            info_requests_for_user(user)
            .select_related(
                "organization",
                "original_organization",
                "requested_by",
                "policy",
                "policy_version__instrument",
                "response_form",
                "refusal_ground",
                "answered_by",
                "program",
                "desk_editor",
                "press_policy",
                "press_policy_version__instrument",
                "press_informed_by",
            )
            .get(pk=int(pk))
        )
    except (InfoRequest.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write:
        _check_write(scope_for(user), request.organization_id)
    return request


def get_attachment_for_user(user: AnonymousUser | User, pk: Any) -> Attachment:
    """An attachment is visible exactly when the item it hangs on is visible."""
    try:
        attachment = Attachment.objects.select_related(
            "submission",
            "info_request",
            "message__submission",
            "message__info_request",
            "statement__event",
            "press_conference",
        ).get(pk=int(pk))
    except (Attachment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    parent: Submission | InfoRequest | StatementEvent | PressConference | None = (
        attachment.submission or attachment.info_request or attachment.press_conference
    )
    if parent is None and attachment.statement is not None:
        parent = attachment.statement.event
    if parent is None and attachment.message is not None:
        parent = attachment.message.submission or attachment.message.info_request
    owner_org = parent.organization_id if parent is not None else None
    if not scope_for(user).can_see(owner_org):
        raise Http404
    return attachment


def can_triage(user: AnonymousUser | User) -> bool:
    """Press editors and leaders acknowledge, triage and assign submissions and send requests."""
    return scope_for(user).is_press_editor


def require_triage(user: AnonymousUser | User) -> None:
    """Only press editors and leaders acknowledge, triage and request; others get 403."""
    if not can_triage(user):
        raise PermissionDenied(_("Chỉ biên tập viên và lãnh đạo tòa soạn được xử lý thông tin và gửi đề nghị."))


# The triage buttons of a submission page, by the status each one moves the submission to.
TRIAGE_ACTIONS = {
    "tiep-nhan": Submission.Status.RECEIVED,
    "dang-xu-ly": Submission.Status.IN_PROGRESS,
    "da-dang": Submission.Status.PUBLISHED,
    "khong-su-dung": Submission.Status.NOT_USED,
}


def submission_actions(user: AnonymousUser | User, submission: Submission) -> frozenset[str]:
    """The triage actions the user may take on the submission now: "tiep-nhan", "dang-xu-ly",
    "da-dang", "khong-su-dung" (each a status move the submission allows from its status) and
    "giao-viec" (make an assignment and a draft, while it is open). Empty for anyone who does not triage."""
    if not can_triage(user):
        return frozenset()
    allowed = SUBMISSION_TRANSITIONS[submission.status]
    actions = {action for action, status in TRIAGE_ACTIONS.items() if status in allowed}
    if submission.is_open:
        actions.add("giao-viec")
    return frozenset(actions)


def can_send_submission(user: AnonymousUser | User) -> bool:
    """A partner member acting for an active unit, or a press editor recording information that
    came by another channel."""
    scope = scope_for(user)
    if scope.is_press:
        return scope.is_press_editor
    return bool(scope.writable)


def require_send_submission(user: AnonymousUser | User) -> None:
    if not can_send_submission(user):
        raise PermissionDenied(_("Chỉ cán bộ được giao cung cấp thông tin của đơn vị mới gửi được thông tin."))


def can_post(user: AnonymousUser | User, item: Submission | InfoRequest) -> bool:
    """Post on an item's thread: any press member, or a partner member acting for its unit."""
    scope = scope_for(user)
    if not scope.can_see(item.organization_id):
        return False
    return scope.is_press or scope.can_write(item.organization_id)


def require_post(user: AnonymousUser | User, item: Submission | InfoRequest) -> None:
    if not can_post(user, item):
        raise PermissionDenied(_("Bạn chỉ được xem, không được gửi tin nhắn cho đơn vị này."))


def can_answer(user: AnonymousUser | User, request: InfoRequest) -> bool:
    """Answer a request: a partner member acting for the unit asked, while the request is open.
    The press asks; it never answers its own request."""
    scope = scope_for(user)
    return request.is_open and not scope.is_press and scope.can_write(request.organization_id)


def require_answer(user: AnonymousUser | User, request: InfoRequest) -> None:
    scope = scope_for(user)
    if scope.is_press:
        raise PermissionDenied(_("Đề nghị do tòa soạn gửi; đơn vị được đề nghị mới trả lời được."))
    if not scope.can_write(request.organization_id):
        raise PermissionDenied(_("Chỉ người phát ngôn, lãnh đạo hoặc cán bộ đầu mối của đơn vị mới trả lời được."))
    if not request.is_open:
        raise PermissionDenied(_("Đề nghị này đã được trả lời hoặc đã đóng."))


# ----------------------------------------------------------------------------------------------
# Petitions forwarded by the press (Decree 237/2026 Art. 18(3)–(5))


def can_forward_petition(user: AnonymousUser | User) -> bool:
    """Forward a citizen's opinion, petition, report or criticism to a unit: the press's editors and leaders."""
    return can_triage(user)


def require_forward_petition(user: AnonymousUser | User) -> None:
    if not can_forward_petition(user):
        raise PermissionDenied(_("Chỉ biên tập viên và lãnh đạo tòa soạn được chuyển kiến nghị đến đơn vị."))


def can_see_petitioner(user: AnonymousUser | User, request: InfoRequest) -> bool:
    """Who the petitioner is: any press member; the unit's people only when the newsroom chose to tell
    them. The caller has already been let see the request (`get_info_request_for_user`)."""
    if not request.is_petition:
        return False
    scope = scope_for(user)
    return scope.is_press or (request.petitioner_disclosed and scope.can_see(request.organization_id))


def can_disclose_petitioner(user: AnonymousUser | User, request: InfoRequest) -> bool:
    """Let the unit see who the petitioner is, after all (the petitioner agreed): the press's editors and
    leaders, once; it cannot be taken back, since the unit has then read it."""
    return request.is_petition and not request.petitioner_disclosed and can_triage(user)


def require_disclose_petitioner(user: AnonymousUser | User, request: InfoRequest) -> None:
    if not can_triage(user):
        raise PermissionDenied(_("Chỉ biên tập viên và lãnh đạo tòa soạn quyết định cho đơn vị biết người kiến nghị."))
    if not can_disclose_petitioner(user, request):
        raise PermissionDenied(_("Đơn vị đã được biết người kiến nghị."))


def can_record_informed(user: AnonymousUser | User, request: InfoRequest) -> bool:
    """Record that the petitioner was informed in writing, or the matter published: the press's
    editors and leaders, while the newspaper's clock runs (the unit answered, nothing recorded yet)."""
    return (
        request.is_petition
        and request.press_due_at is not None
        and request.press_informed_at is None
        and can_triage(user)
    )


def require_record_informed(user: AnonymousUser | User, request: InfoRequest) -> None:
    if not can_triage(user):
        raise PermissionDenied(_("Chỉ biên tập viên và lãnh đạo tòa soạn ghi nhận việc báo thông tin kết quả."))
    if not can_record_informed(user, request):
        raise PermissionDenied(_("Kiến nghị này chưa có trả lời của đơn vị hoặc đã ghi nhận báo kết quả."))


# ----------------------------------------------------------------------------------------------
# Events that call for a statement (Decree 244/2026 Art. 7(3)–(4))

# The partner roles that open an event for their unit and close it: its leaders and spokespersons.
EVENT_OPENER_ROLES = frozenset({Role.LEADER, Role.SPOKESPERSON})


def statement_events_for_user(user: AnonymousUser | User) -> QuerySet[StatementEvent]:
    """Scoped like the inbox: the newsroom sees every event, a unit's people their unit's (and below)."""
    return scope_for(user).filter(StatementEvent.objects.all())


def get_statement_event_for_user(user: AnonymousUser | User, pk: Any) -> StatementEvent:
    """An event the user may see (404 otherwise)."""
    try:
        return (
            statement_events_for_user(user)
            .select_related("organization", "opened_by", "stated_by", "policy_version__instrument")
            .get(pk=int(pk))
        )
    except (StatementEvent.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def get_statement_for_user(user: AnonymousUser | User, pk: Any) -> Statement:
    """A statement on an event the user may see (404 otherwise)."""
    try:
        return (
            Statement.objects.filter(event__in=statement_events_for_user(user)).select_related("event").get(pk=int(pk))
        )
    except (Statement.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def event_opener_units(user: AnonymousUser | User) -> frozenset[int] | None:
    """The units the user may open an event for: None for a press editor (any active partner unit),
    else the active units at or below those where the user is a leader or spokesperson."""
    scope = scope_for(user)
    if scope.is_press:
        return None if scope.is_press_editor else frozenset()
    roots = scope.units_with(EVENT_OPENER_ROLES)
    if not roots:
        return frozenset()
    tree = scope.tree_for(*roots)
    return frozenset(org for org in tree.descendants(roots) if tree.is_active(org))


def can_open_event(user: AnonymousUser | User, organization_id: int | None = None) -> bool:
    """A press editor, or a leader or spokesperson of the unit (or of a unit above it)."""
    units = event_opener_units(user)
    if units is None:
        return True
    return bool(units) if organization_id is None else organization_id in units


def require_open_event(user: AnonymousUser | User, organization_id: int | None = None) -> None:
    if not can_open_event(user, organization_id):
        raise PermissionDenied(
            _("Chỉ biên tập viên tòa soạn, lãnh đạo hoặc người phát ngôn của đơn vị mới mở được sự kiện cần phát ngôn.")
        )


def can_state(user: AnonymousUser | User, event: StatementEvent) -> bool:
    """Add a statement or press release, and record the initial statement: a partner member acting for
    the unit, or a press editor recording one the unit gave by another channel; while not closed."""
    scope = scope_for(user)
    if event.state == StatementEvent.State.CLOSED or not scope.can_see(event.organization_id):
        return False
    return scope.is_press_editor if scope.is_press else scope.can_write(event.organization_id)


def require_state(user: AnonymousUser | User, event: StatementEvent) -> None:
    if event.state == StatementEvent.State.CLOSED:
        raise PermissionDenied(_("Sự kiện này đã kết thúc."))
    if not can_state(user, event):
        raise PermissionDenied(
            _("Chỉ người phát ngôn, lãnh đạo, cán bộ đầu mối của đơn vị hoặc biên tập viên mới ghi được phát ngôn.")
        )


def can_close_event(user: AnonymousUser | User, event: StatementEvent) -> bool:
    """Close an event: whoever may open one for its unit."""
    return event.state != StatementEvent.State.CLOSED and can_open_event(user, event.organization_id)


def require_close_event(user: AnonymousUser | User, event: StatementEvent) -> None:
    if not can_close_event(user, event):
        raise PermissionDenied(
            _("Chỉ biên tập viên tòa soạn, lãnh đạo hoặc người phát ngôn của đơn vị mới kết thúc được sự kiện.")
        )


def can_draft_article(user: AnonymousUser | User) -> bool:
    """Turn a statement into a draft article: the press's editors and leaders."""
    return scope_for(user).is_press_editor


# ----------------------------------------------------------------------------------------------
# Press conferences and briefings (Decree 244/2026 Art. 6(2); the Art. 10 appendix counts them)


def press_conferences_for_user(user: AnonymousUser | User) -> QuerySet[PressConference]:
    """Scoped like the inbox: the newsroom sees every unit's conferences, a unit's people their unit's
    (and its sub-units')."""
    return scope_for(user).filter(PressConference.objects.all())


def get_press_conference_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> PressConference:
    """A conference the user may see (404 otherwise). With `write`, one they may change (403):
    `can_manage_conference`."""
    try:
        conference = (
            press_conferences_for_user(user)
            .select_related("organization", "organization__level", "created_by", "program")
            .get(pk=int(pk))
        )
    except (PressConference.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write:
        require_manage_conference(user, conference)
    return conference


def conference_units(user: AnonymousUser | User) -> frozenset[int] | None:
    """The units the user may plan or record a conference for: None for a press editor (any active
    partner unit: the newsroom keeps its own record), else the units where the user acts for the
    unit (leader, spokesperson, focal officer) and their sub-units."""
    scope = scope_for(user)
    if scope.is_press:
        return None if scope.is_press_editor else frozenset()
    return scope.writable


def can_plan_conference(user: AnonymousUser | User, organization_id: int | None = None) -> bool:
    """Plan or record a conference: a press editor, or a unit's leader, spokesperson or focal officer."""
    units = conference_units(user)
    if units is None:
        return True
    return bool(units) if organization_id is None else organization_id in units


def require_plan_conference(user: AnonymousUser | User, organization_id: int | None = None) -> None:
    if not can_plan_conference(user, organization_id):
        raise PermissionDenied(
            _(
                "Chỉ lãnh đạo, người phát ngôn, cán bộ đầu mối của đơn vị hoặc biên tập viên tòa soạn "
                "mới tạo được họp báo."
            )
        )


def can_manage_conference(user: AnonymousUser | User, conference: PressConference) -> bool:
    """Edit, mark held or cancelled, add materials: whoever may plan one for its unit; a cancelled
    conference is closed."""
    scope = scope_for(user)
    if conference.state == PressConference.State.CANCELLED or not scope.can_see(conference.organization_id):
        return False
    return can_plan_conference(user, conference.organization_id)


def require_manage_conference(user: AnonymousUser | User, conference: PressConference) -> None:
    if conference.state == PressConference.State.CANCELLED:
        raise PermissionDenied(_("Họp báo này đã hủy."))
    if not can_manage_conference(user, conference):
        raise PermissionDenied(_("Bạn chỉ được xem, không được thay đổi họp báo này."))


def can_record_questions(user: AnonymousUser | User, conference: PressConference) -> bool:
    """Record the questions asked, once the conference was held: the unit's acting members, and any
    member of the press (the reporter who asked writes down the answer too)."""
    scope = scope_for(user)
    if conference.state != PressConference.State.HELD or not scope.can_see(conference.organization_id):
        return False
    return scope.is_press or scope.can_write(conference.organization_id)


def require_record_questions(user: AnonymousUser | User, conference: PressConference) -> None:
    if conference.state != PressConference.State.HELD:
        raise PermissionDenied(_("Chỉ ghi câu hỏi sau khi họp báo đã được ghi nhận là đã tổ chức."))
    if not can_record_questions(user, conference):
        raise PermissionDenied(_("Bạn chỉ được xem, không được ghi câu hỏi cho họp báo này."))


def can_record_periodic_information(user: AnonymousUser | User, organization_id: int) -> bool:
    """Record a unit's monthly information: its acting members, or a press editor for the record."""
    return can_plan_conference(user, organization_id)


def require_record_periodic_information(user: AnonymousUser | User, organization_id: int) -> None:
    if not can_record_periodic_information(user, organization_id):
        raise PermissionDenied(_("Bạn chỉ được xem, không được ghi nhận thông tin định kỳ của đơn vị này."))


def get_conference_unit_for_user(user: AnonymousUser | User, pk: Any) -> Organization:
    """A unit whose conferences and periodic duty the user may see (404 otherwise)."""
    return get_organization_for_user(user, pk)
