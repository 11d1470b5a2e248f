"""Press conferences and briefings, and the periodic information duty (Decree 244/2026 Art. 6(2)).

A unit's leader, spokesperson or focal officer (or a press editor, for the newsroom's own record)
plans a press conference (họp báo) or records a press briefing (giao ban báo chí) the unit attended:
time, place and/or online link, subject, programme, the press invited, materials. Invited newspapers
on the system are told through the notifications app, like every other exchange message. Afterwards
the conference is marked held (or it is cancelled, with a reason) and the questions asked are
recorded: who asked, for which outlet, who answered and what.

**Who has the periodic duty.** Art. 6(2) puts the monthly information to the press and at least one
press conference every three months on ministries, ministerial-level agencies and provincial
People's Committees only; the units of Art. 6(3) (cục, sở, thanh tra, chi cục, communes) have no
fixed frequency. A unit is known to have the duty by its administrative level, which is data
(`accounts.OrganizationLevel`, editable in the admin): the level codes in
`settings.PHOIHOP_PERIODIC_DUTY_LEVELS` (by default "province" and "ministry").

**What counts** (`periodic_duty`):

* *The month's information* (Art. 6(2)(a)) is given when, in that calendar month, the unit
  - recorded its monthly information (`PeriodicInformation`: what it gave, the submission sent
    through the exchange if any, the portal page updated), or
  - held a press conference, or attended a press briefing and gave information there: both put
    information before the press in that month (the Art. 10 appendix counts the briefings as the
    body "chủ động đến cung cấp thông tin").
  A monthly record given after its month ended counts, flagged as late; a month that ended without
  any of these is flagged as missing.
* *The quarter's press conference* (Art. 6(2)(b), "ít nhất 3 tháng một lần") is read as at least one
  press conference (not a briefing) held within each calendar quarter; a quarter that ended without
  one is flagged as missing. A briefing does not count: the text asks the body to organize (tổ chức)
  a press conference.

Periods are counted from the decree's entry into force (01/7/2026, Art. 11), and from the month the
unit was added to the system when that is later (quarters: from the first whole quarter), so a unit
is not flagged for months before anyone could record them here.

`remind_periodic_duties` (the periodic job `exchange.periodic_duty_reminders`) tells the unit's
acting people when the current month (the last `MONTH_REMIND_DAYS` days) or quarter (the last
`QUARTER_REMIND_DAYS` days) is about to end without its information or press conference, and once
after a period ended without it; each notice once per unit and period (kept in the audit trail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Membership, Organization, User
from phoihop.accounts.roles import PARTNER_WRITE_ROLES, PRESS_EDITOR_ROLES
from phoihop.accounts.tree import OrganizationTree
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.exchange import access
from phoihop.exchange.models import PeriodicInformation, PressConference, PressQuestion, Submission
from phoihop.exchange.services import _check_program as check_program
from phoihop.exchange.services import _delete_files, _notify, _press_name, _store_all, _when, check_files

# Decree 244/2026 is in force from 01/7/2026 (Art. 11): the periodic duty is counted from then.
DUTY_IN_FORCE = dt.date(2026, 7, 1)
DEFAULT_DUTY_LEVELS = ("province", "ministry")
# How close to the end of a period the reminder goes out.
MONTH_REMIND_DAYS = 5
QUARTER_REMIND_DAYS = 15
# A conference planned a moment ago may start "now": the form's minute is not a second late.
GRACE = dt.timedelta(minutes=5)

MET, LATE, MISSING, OPEN, DUE_SOON = "met", "late", "missing", "open", "due_soon"
MONTH, QUARTER = "month", "quarter"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# ----------------------------------------------------------------------------------------------
# Reads


def press_conferences_held(
    organization: Organization,
    start: dt.date,
    end: dt.date,
    kind: str | None = PressConference.Kind.PRESS_CONFERENCE,
) -> int:
    """How many conferences of `kind` (None: press conferences and briefings) the unit held from
    `start` to `end`, both included, by their local start date. The unit's own only, not its
    sub-units'. For the Art. 10 report: row 1 is `kind=PRESS_CONFERENCE`, row 2 `kind=BRIEFING`."""
    conferences = PressConference.objects.filter(organization=organization).held().between(start, end)
    if kind is not None:
        conferences = conferences.filter(kind=kind)
    return conferences.count()


def newsroom_name(user: User) -> str:
    """The name of the user's newspaper (the outlet a reporter's question is recorded under)."""
    return _press_name(user)


def duty_level_codes() -> frozenset[str]:
    """The administrative level codes whose units have the Art. 6(2) duty (a setting, as data)."""
    return frozenset(getattr(settings, "PHOIHOP_PERIODIC_DUTY_LEVELS", DEFAULT_DUTY_LEVELS))


def has_periodic_duty(organization: Organization) -> bool:
    level = organization.level
    return (
        organization.kind == Organization.Kind.PARTNER
        and organization.status == Organization.Status.ACTIVE
        and level is not None
        and level.code in duty_level_codes()
    )


def units_with_periodic_duty(units: QuerySet[Organization] | None = None) -> QuerySet[Organization]:
    """The active partner units (of `units`, else all) whose level carries the Art. 6(2) duty."""
    units = Organization.objects.all() if units is None else units
    return (
        units.filter(kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE)
        .filter(level__code__in=sorted(duty_level_codes()))
        .select_related("level")
        .order_by("name")
    )


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: dt.date) -> dt.date:
    start = _quarter_start(day)
    return dt.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)


@dataclass
class Period:
    """One month or quarter of a unit's duty and how it stands."""

    kind: str
    start: dt.date
    end: dt.date  # the last day, included
    status: str = OPEN
    given_on: dt.date | None = None
    information: PeriodicInformation | None = None
    conferences: list[PressConference] = field(default_factory=list)
    planned: list[PressConference] = field(default_factory=list)

    @property
    def key(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("Tháng %(m)s") % {"m": f"{self.start:%m/%Y}"}
        return _("Quý %(q)s/%(y)d") % {"q": ROMAN[(self.start.month - 1) // 3 + 1], "y": self.start.year}

    @property
    def flagged(self) -> bool:
        return self.status in (LATE, MISSING)

    @property
    def status_label(self) -> str:
        labels = {
            MET: _("Đã thực hiện"),
            LATE: _("Thực hiện muộn"),
            MISSING: _("Chưa thực hiện (quá hạn)"),
            OPEN: _("Đang trong kỳ"),
            DUE_SOON: _("Sắp hết kỳ, chưa thực hiện"),
        }
        return labels[self.status]


@dataclass
class DutyReport:
    organization: Organization
    months: list[Period]  # newest first
    quarters: list[Period]  # newest first

    @property
    def flagged(self) -> list[Period]:
        return [p for p in [*self.months, *self.quarters] if p.flagged]

    @property
    def current_month(self) -> Period | None:
        return self.months[0] if self.months and self.months[0].status in (OPEN, DUE_SOON) else None

    @property
    def current_quarter(self) -> Period | None:
        return self.quarters[0] if self.quarters and self.quarters[0].status in (OPEN, DUE_SOON) else None


def tracking_start(organization: Organization) -> dt.date:
    """The first month assessed: the decree's entry into force, or the month the unit was added."""
    added = timezone.localdate(organization.created_at) if organization.created_at else DUTY_IN_FORCE
    return max(DUTY_IN_FORCE, _month_start(added))


def _settle(period: Period, *, today: dt.date, remind_days: int) -> Period:
    if period.given_on is not None:
        period.status = LATE if period.given_on > period.end else MET
    elif today > period.end:
        period.status = MISSING
    elif (period.end - today).days < remind_days:
        period.status = DUE_SOON
    else:
        period.status = OPEN
    return period


def periodic_duty(organization: Organization, *, today: dt.date | None = None) -> DutyReport:
    """The unit's months and quarters from `tracking_start` to `today` (the current ones included,
    still open), each with what fulfilled it; see the module's docstring for what counts. Two queries."""
    today = today or timezone.localdate()
    start = tracking_start(organization)
    records = {
        info.month: info
        for info in PeriodicInformation.objects.filter(organization=organization, month__gte=start).select_related(
            "submission"
        )
    }
    conferences = list(
        PressConference.objects.filter(
            organization=organization,
            state__in=[PressConference.State.HELD, PressConference.State.PLANNED],
            starts_at__date__gte=start,
        ).order_by("starts_at")
    )

    def local_day(conference: PressConference) -> dt.date:
        return timezone.localdate(conference.starts_at)

    months: list[Period] = []
    month = start
    while month <= today:
        period = Period(MONTH, month, _next_month(month) - dt.timedelta(days=1))
        period.conferences = [
            c
            for c in conferences
            if c.state == PressConference.State.HELD and period.start <= local_day(c) <= period.end
        ]
        period.information = records.get(month)
        dates = [local_day(c) for c in period.conferences]
        if period.information is not None:
            dates.append(period.information.given_on)
        period.given_on = min(dates) if dates else None
        months.append(_settle(period, today=today, remind_days=MONTH_REMIND_DAYS))
        month = _next_month(month)

    quarters: list[Period] = []
    quarter = start if _quarter_start(start) == start else _next_quarter(start)
    while quarter <= today:
        period = Period(QUARTER, quarter, _next_quarter(quarter) - dt.timedelta(days=1))
        inside = [
            c
            for c in conferences
            if c.kind == PressConference.Kind.PRESS_CONFERENCE and period.start <= local_day(c) <= period.end
        ]
        period.conferences = [c for c in inside if c.state == PressConference.State.HELD]
        period.planned = [c for c in inside if c.state == PressConference.State.PLANNED]
        period.given_on = local_day(period.conferences[0]) if period.conferences else None
        quarters.append(_settle(period, today=today, remind_days=QUARTER_REMIND_DAYS))
        quarter = _next_quarter(quarter)
    return DutyReport(organization=organization, months=months[::-1], quarters=quarters[::-1])


def duty_reports_for_user(user: Any, *, today: dt.date | None = None) -> list[DutyReport]:
    """The duty of every unit with it that the user may see: all of them for the newsroom, a unit's
    own (and its sub-units') for its people."""
    units = units_with_periodic_duty(scope_for(user).filter(Organization.objects.all(), field_name="pk"))
    return [periodic_duty(unit, today=today) for unit in units]


# ----------------------------------------------------------------------------------------------
# Who hears of a conference


def _unit_people(organization_id: int) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organization_id=organization_id, role__in=list(PARTNER_WRITE_ROLES), user__is_active=True)
        .select_related("user")
    ]


def _invited_editors(conference: PressConference) -> list[Any]:
    """The editors and leaders of the invited newspapers on the system: the desk that assigns reporters."""
    return [
        m.user
        for m in Membership.objects.active()
        .filter(
            organization__in=conference.invited_press.all(),
            role__in=list(PRESS_EDITOR_ROLES),
            user__is_active=True,
        )
        .select_related("user")
    ]


def _where(conference: PressConference) -> str:
    parts = [conference.place, conference.online_url]
    return " · ".join(part for part in parts if part)


def _invitation_body(conference: PressConference) -> str:
    lines = [
        _("Thời gian: %(when)s") % {"when": _when(conference.starts_at)},
        _("Địa điểm: %(where)s") % {"where": _where(conference)},
    ]
    if conference.chaired_by:
        lines.append(_("Chủ trì: %(who)s") % {"who": conference.chaired_by})
    if conference.programme:
        lines.append(conference.programme[:800])
    return "\n".join(lines)


def _invite(conference: PressConference, *, actor: User) -> None:
    conference.invited_at = timezone.now()
    conference.save(update_fields=["invited_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="press_conference.invited",
        target=conference,
        organization=conference.organization,
        data={"press": sorted(conference.invited_press.values_list("pk", flat=True))},
    )
    _notify(
        recipients=_invited_editors(conference),
        verb="press_conference.invited",
        title=_("%(org)s mời báo dự %(kind)s «%(title)s» lúc %(when)s")
        % {
            "org": conference.organization.name,
            "kind": conference.get_kind_display().lower(),
            "title": conference.title,
            "when": _when(conference.starts_at),
        },
        body=_invitation_body(conference),
        url=conference.get_absolute_url(),
        target=conference,
        actor=actor,
        organization=conference.organization,
    )


# ----------------------------------------------------------------------------------------------
# Writes


def _clean_fields(
    *, kind: str, title: str, starts_at: dt.datetime, place: str, online_url: str, **texts: str
) -> dict[str, Any]:
    if kind not in PressConference.Kind.values:
        raise ValidationError(_("Loại họp báo không hợp lệ."))
    title = clean_text(title)
    if not title:
        raise ValidationError(_("Cần nội dung họp báo."))
    if starts_at is None:
        raise ValidationError(_("Cần thời gian họp báo."))
    place, online_url = clean_text(place), (online_url or "").strip()
    if not place and not online_url:
        raise ValidationError(_("Cần địa điểm hoặc đường dẫn trực tuyến."))
    cleaned = {"kind": kind, "title": title, "starts_at": starts_at, "place": place, "online_url": online_url}
    for name, value in texts.items():
        cleaned[name] = clean_multiline(value) if name in ("programme", "other_invitees") else clean_text(value)
    return cleaned


def _check_program(organization: Organization, program: Any) -> None:
    """The programme, if any, is one the unit (or a unit above it) signed."""
    if program is not None:
        check_program(organization, program, (), tree=OrganizationTree.load())


def conference_create(
    *,
    actor: User,
    organization: Organization,
    title: str,
    starts_at: dt.datetime,
    kind: str = PressConference.Kind.PRESS_CONFERENCE,
    place: str = "",
    online_url: str = "",
    host: str = "",
    chaired_by: str = "",
    programme: str = "",
    program: Any = None,
    invited_press: Iterable[Organization] | None = None,
    other_invitees: str = "",
    invite: bool = True,
    held: bool = False,
    outcome: str = "",
    files: Iterable[Any] = (),
) -> PressConference:
    """Plan a conference for a unit (or, with `held`, record one that took place: a briefing the unit
    attended, a conference held before it was entered). The caller must be allowed to plan one for the
    unit (`access.can_plan_conference`). `invited_press` defaults to every active newspaper on the
    system; with `invite`, a planned conference entered by the unit sends them its invitation (the
    newsroom entering one for its record tells the unit instead)."""
    access.require_plan_conference(actor, organization.pk)
    if organization.kind != Organization.Kind.PARTNER or organization.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Chỉ tạo họp báo cho đơn vị phối hợp đang hoạt động."))
    cleaned = _clean_fields(
        kind=kind,
        title=title,
        starts_at=starts_at,
        place=place,
        online_url=online_url,
        host=host,
        chaired_by=chaired_by,
        programme=programme,
        other_invitees=other_invitees,
    )
    now = timezone.now()
    if held and starts_at > now + GRACE:
        raise ValidationError(_("Họp báo chưa diễn ra thì chưa ghi nhận là đã tổ chức được."))
    if not held and starts_at < now - GRACE:
        raise ValidationError(
            _("Thời gian họp báo dự kiến phải ở tương lai; họp báo đã diễn ra thì chọn «Đã tổ chức».")
        )
    _check_program(organization, program)
    press = list(Organization.objects.press().active() if invited_press is None else invited_press)
    if any(p.kind != Organization.Kind.PRESS for p in press):
        raise ValidationError(_("Chỉ mời được cơ quan báo chí."))
    checked = check_files(files)
    written: list[str] = []
    try:
        with transaction.atomic():
            conference = PressConference.objects.create(
                organization=organization,
                program=program,
                created_by=actor,
                state=PressConference.State.HELD if held else PressConference.State.PLANNED,
                held_at=now if held else None,
                outcome=clean_multiline(outcome),
                **cleaned,
            )
            conference.invited_press.set(press)
            _store_all(checked, owner={"press_conference": conference}, actor=actor, written=written)
            audit_record(
                actor=actor,
                verb="press_conference.held" if held else "press_conference.planned",
                target=conference,
                organization=organization,
                data={"kind": kind, "starts_at": starts_at.isoformat(), "files": [c.name for c in checked]},
            )
            press_side = scope_for(actor).is_press
            if not held and invite and not press_side and press:
                _invite(conference, actor=actor)
            elif press_side:
                _notify(
                    recipients=_unit_people(organization.pk),
                    verb="press_conference.recorded",
                    title=_("%(press)s ghi nhận %(kind)s «%(title)s» của đơn vị lúc %(when)s")
                    % {
                        "press": _press_name(actor),
                        "kind": conference.get_kind_display().lower(),
                        "title": conference.title,
                        "when": _when(conference.starts_at),
                    },
                    url=conference.get_absolute_url(),
                    target=conference,
                    actor=actor,
                    organization=organization,
                )
    except BaseException:
        _delete_files(written)
        raise
    return conference


def _locked(conference: PressConference) -> PressConference:
    return PressConference.objects.select_for_update(of=("self",)).select_related("organization").get(pk=conference.pk)


# `conference_update(program=…)` left out: the programme stays.
UNCHANGED: Any = object()
EDITABLE = ("kind", "title", "starts_at", "place", "online_url", "host", "chaired_by", "programme", "other_invitees")


def conference_update(
    *,
    actor: User,
    conference: PressConference,
    program: Any = UNCHANGED,
    invited_press: Iterable[Organization] | None = None,
    **changes: Any,
) -> PressConference:
    """Change a conference's details (the fields in `EDITABLE`, its programme and invited press; what
    is not passed stays as it is). When the time, place or link of a planned conference that was
    already announced change, the invited newspapers are told."""
    access.require_manage_conference(actor, conference)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = _locked(conference)
        values = {name: changes.get(name, getattr(current, name)) for name in EDITABLE}
        cleaned = _clean_fields(**values)
        if (
            current.is_planned
            and cleaned["starts_at"] != current.starts_at
            and cleaned["starts_at"] < timezone.now() - GRACE
        ):
            raise ValidationError(_("Thời gian họp báo dự kiến phải ở tương lai."))
        if program is UNCHANGED:
            program = current.program
        _check_program(current.organization, program)
        moved = any(cleaned[name] != getattr(current, name) for name in ("starts_at", "place", "online_url"))
        changed = sorted(name for name in EDITABLE if cleaned[name] != getattr(current, name))
        for name, value in cleaned.items():
            setattr(current, name, value)
        if program != current.program:
            changed.append("program")
        current.program = program
        current.save(update_fields=[*EDITABLE, "program", "updated_at"])
        if invited_press is not None:
            press = list(invited_press)
            if any(p.kind != Organization.Kind.PRESS for p in press):
                raise ValidationError(_("Chỉ mời được cơ quan báo chí."))
            if {p.pk for p in press} != set(current.invited_press.values_list("pk", flat=True)):
                changed.append("invited_press")
            current.invited_press.set(press)
        audit_record(
            actor=actor,
            verb="press_conference.updated",
            target=current,
            organization=current.organization,
            data={"fields": changed},
        )
        if moved and current.is_planned and current.invited_at is not None:
            _notify(
                recipients=_invited_editors(current),
                verb="press_conference.changed",
                title=_("%(org)s đổi thời gian, địa điểm %(kind)s «%(title)s»: %(when)s")
                % {
                    "org": current.organization.name,
                    "kind": current.get_kind_display().lower(),
                    "title": current.title,
                    "when": _when(current.starts_at),
                },
                body=_invitation_body(current),
                url=current.get_absolute_url(),
                target=current,
                actor=actor,
                organization=current.organization,
            )
    return current


def conference_invite(*, actor: User, conference: PressConference) -> PressConference:
    """Send (or send again) the invitation of a planned conference to the invited newspapers."""
    access.require_manage_conference(actor, conference)
    with transaction.atomic():
        current = _locked(conference)
        if not current.is_planned:
            raise ValidationError(_("Chỉ gửi giấy mời cho họp báo đang dự kiến."))
        if not current.invited_press.exists():
            raise ValidationError(_("Chưa chọn cơ quan báo chí được mời."))
        _invite(current, actor=actor)
    return current


def conference_hold(*, actor: User, conference: PressConference, outcome: str = "") -> PressConference:
    """Record that the planned conference took place (not before its time)."""
    access.require_manage_conference(actor, conference)
    with transaction.atomic():
        current = _locked(conference)
        if not current.is_planned:
            raise ValidationError(_("Họp báo này đã được ghi nhận hoặc đã hủy."))
        if current.starts_at > timezone.now() + GRACE:
            raise ValidationError(_("Họp báo chưa diễn ra thì chưa ghi nhận là đã tổ chức được."))
        current.state = PressConference.State.HELD
        current.held_at = timezone.now()
        if outcome:
            current.outcome = clean_multiline(outcome)
        current.save(update_fields=["state", "held_at", "outcome", "updated_at"])
        audit_record(actor=actor, verb="press_conference.held", target=current, organization=current.organization)
    return current


def conference_cancel(*, actor: User, conference: PressConference, reason: str) -> PressConference:
    """Cancel a planned conference, with a reason; the invited newspapers are told."""
    access.require_manage_conference(actor, conference)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần lý do hủy họp báo."))
    with transaction.atomic():
        current = _locked(conference)
        if not current.is_planned:
            raise ValidationError(_("Chỉ hủy được họp báo đang dự kiến."))
        current.state = PressConference.State.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancel_reason = reason
        current.save(update_fields=["state", "cancelled_at", "cancel_reason", "updated_at"])
        audit_record(
            actor=actor,
            verb="press_conference.cancelled",
            target=current,
            organization=current.organization,
            data={"reason": reason[:500]},
        )
        if current.invited_at is not None:
            _notify(
                recipients=_invited_editors(current),
                verb="press_conference.cancelled",
                title=_("%(org)s hủy %(kind)s «%(title)s» (dự kiến %(when)s)")
                % {
                    "org": current.organization.name,
                    "kind": current.get_kind_display().lower(),
                    "title": current.title,
                    "when": _when(current.starts_at),
                },
                body=reason[:500],
                url=current.get_absolute_url(),
                target=current,
                actor=actor,
                organization=current.organization,
            )
    return current


def materials_add(*, actor: User, conference: PressConference, files: Sequence[Any]) -> int:
    """Add materials (programme, press release, slides, photos) to a conference; returns how many."""
    access.require_manage_conference(actor, conference)
    checked = check_files(files)
    if not checked:
        raise ValidationError(_("Chọn ít nhất một tệp."))
    written: list[str] = []
    try:
        with transaction.atomic():
            current = _locked(conference)
            _store_all(checked, owner={"press_conference": current}, actor=actor, written=written)
            audit_record(
                actor=actor,
                verb="press_conference.materials_added",
                target=current,
                organization=current.organization,
                data={"files": [c.name for c in checked]},
            )
    except BaseException:
        _delete_files(written)
        raise
    return len(checked)


def question_add(
    *,
    actor: User,
    conference: PressConference,
    outlet: str,
    question: str,
    reporter_name: str = "",
    answered_by: str = "",
    answer: str = "",
    answer_later: bool = False,
) -> PressQuestion:
    """Record a question asked at a held conference, and its answer (or that it will be answered
    later in writing)."""
    access.require_record_questions(actor, conference)
    outlet, question = clean_text(outlet), clean_multiline(question)
    if not outlet or not question:
        raise ValidationError(_("Cần cơ quan báo chí và nội dung câu hỏi."))
    answer = clean_multiline(answer)
    if not answer and not answer_later:
        raise ValidationError(_("Cần nội dung trả lời, hoặc đánh dấu «hẹn trả lời sau bằng văn bản»."))
    with transaction.atomic():
        current = _locked(conference)
        item = PressQuestion.objects.create(
            conference=current,
            outlet=outlet,
            question=question,
            reporter_name=clean_text(reporter_name),
            answered_by=clean_text(answered_by),
            answer=answer,
            answer_later=answer_later,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            verb="press_conference.question_added",
            target=current,
            organization=current.organization,
            data={"question": item.pk, "outlet": outlet, "answer_later": answer_later},
        )
    return item


def periodic_information_record(
    *,
    actor: User,
    organization: Organization,
    month: dt.date,
    given_on: dt.date,
    summary: str,
    submission: Submission | None = None,
    portal_url: str = "",
) -> PeriodicInformation:
    """Record the unit's monthly information to the press for `month` (any day of it): once per
    month; given after the month it is kept and shown as late."""
    access.require_record_periodic_information(actor, organization.pk)
    month = _month_start(month)
    summary = clean_multiline(summary)
    if not summary:
        raise ValidationError(_("Cần nội dung thông tin đã cung cấp."))
    if given_on < month:
        raise ValidationError(_("Ngày cung cấp không được trước tháng được cung cấp thông tin."))
    if given_on > timezone.localdate():
        raise ValidationError(_("Ngày cung cấp không được ở tương lai."))
    if submission is not None and submission.organization_id != organization.pk:
        raise ValidationError(_("Thông tin đã gửi phải là của chính đơn vị."))
    with transaction.atomic():
        Organization.objects.select_for_update().get(pk=organization.pk)
        if PeriodicInformation.objects.filter(organization=organization, month=month).exists():
            raise ValidationError(_("Đã ghi nhận thông tin định kỳ của tháng %(m)s.") % {"m": f"{month:%m/%Y}"})
        info = PeriodicInformation.objects.create(
            organization=organization,
            month=month,
            given_on=given_on,
            summary=summary,
            submission=submission,
            portal_url=(portal_url or "").strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            verb="periodic_information.recorded",
            target=organization,
            organization=organization,
            data={"month": f"{month:%Y-%m}", "given_on": given_on.isoformat(), "late": info.is_late},
        )
    return info


# ----------------------------------------------------------------------------------------------
# The reminder (the periodic job)

REMINDED, MISSED = "periodic_duty.reminded", "periodic_duty.missed"


def _told(organization: Organization, verb: str, period: Period) -> bool:
    return AuditEvent.objects.for_object(organization).filter(verb=verb, data__period=period.key).exists()


def _tell(organization: Organization, verb: str, period: Period) -> bool:
    """Tell the unit's acting people about `period` once (under the unit's row lock)."""
    with transaction.atomic():
        Organization.objects.select_for_update().get(pk=organization.pk)
        if _told(organization, verb, period):
            return False
        audit_record(actor=None, verb=verb, target=organization, organization=organization, data={"period": period.key})
        if period.kind == MONTH:
            title = (
                _("%(org)s chưa cung cấp thông tin định kỳ cho báo chí %(period)s (hạn cuối %(end)s)")
                if verb == REMINDED
                else _("%(org)s không cung cấp thông tin định kỳ cho báo chí %(period)s")
            )
            body = _("Điểm a khoản 2 Điều 6 Nghị định 244/2026/NĐ-CP: hằng tháng cung cấp thông tin cho báo chí.")
        else:
            title = (
                _("%(org)s chưa tổ chức họp báo trong %(period)s (hạn cuối %(end)s)")
                if verb == REMINDED
                else _("%(org)s không tổ chức họp báo nào trong %(period)s")
            )
            body = _("Điểm b khoản 2 Điều 6 Nghị định 244/2026/NĐ-CP: tổ chức họp báo ít nhất 3 tháng một lần.")
            if period.planned:
                body += "\n" + _("Đã có họp báo dự kiến: %(list)s") % {
                    "list": "; ".join(f"{c.title} ({_when(c.starts_at)})" for c in period.planned)
                }
        title %= {"org": organization.name, "period": period.label.lower(), "end": f"{period.end:%d/%m/%Y}"}
        _notify(
            recipients=_unit_people(organization.pk),
            verb=verb,
            title=title,
            body=body,
            url=reverse("exchange:conference_duty", args=[organization.pk]),
            target=organization,
            organization=organization,
        )
    return True


def remind_periodic_duties(*, today: dt.date | None = None) -> dict[str, int]:
    """For each unit with the duty: remind near the end of the current month and quarter still
    without their information or press conference, and tell once after the period just ended
    without it. Each notice once per unit and period, so the job may run as often as it likes."""
    today = today or timezone.localdate()
    counts = {REMINDED: 0, MISSED: 0}
    for unit in units_with_periodic_duty():
        report = periodic_duty(unit, today=today)
        for periods in (report.months, report.quarters):
            if not periods:
                continue
            current = periods[0]
            if current.status == DUE_SOON and _tell(unit, REMINDED, current):
                counts[REMINDED] += 1
            previous = periods[1] if len(periods) > 1 else None
            if previous is not None and previous.status == MISSING and _tell(unit, MISSED, previous):
                counts[MISSED] += 1
    return counts
