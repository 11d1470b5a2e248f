"""Writes for fact-checking. Views, tasks and the Wagtail signal handler all go through these.

Each service checks the actor's right (see `access`), works in one transaction, writes one audit
event per change and tells people after the commit. The life of a claim:

    tips ──(match: suggest → editor confirms; auto → attaches itself)──▶ claim
    claim: checklist, evidence, notes, deadline, information requests to the partner (exchange)
    verdict drafted (editors) → approved (Tổng Biên tập / Phó Tổng Biên tập only)
    rebuttal article in "Kiểm chứng" (draft made here or an existing one linked) → published in
    Wagtail → every tipster who left an e-mail is answered, once (`Tip.answered_at`)

A tip that matches a claim whose verdict is already published is answered at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Organization, User
from phoihop.accounts.selectors import press_editors
from phoihop.audit.services import audit_record
from phoihop.core.services import next_number
from phoihop.core.storage import private_storage
from phoihop.core.text import clean_multiline, clean_text
from phoihop.exchange.uploads import CheckedFile, check_upload
from phoihop.factcheck import access, matching
from phoihop.factcheck.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    Claim,
    ClaimNote,
    ClaimRequest,
    Domain,
    Evidence,
    Tip,
    TipSuggestion,
    Verdict,
    VerdictLabel,
)
from phoihop.factcheck.selectors import claim_program
from phoihop.factcheck.uploads import SCREENSHOT_TYPES

logger = logging.getLogger(__name__)
CATEGORY_SLUG = "kiem-chung"
CATEGORY_TITLE = "Kiểm chứng"
MAX_SUGGESTIONS = 5

__all__ = [
    "checklist_item_add",
    "checklist_item_remove",
    "checklist_item_toggle",
    "claim_create",
    "claim_dismiss",
    "claim_request_info",
    "claim_set_deadline",
    "claim_update",
    "evidence_add",
    "note_add",
    "rebuttal_create_draft",
    "rebuttal_link",
    "rebuttal_publish",
    "rebuttal_published",
    "thresholds",
    "tip_attach",
    "tip_dismiss",
    "tip_file",
    "tip_status_link_revoke",
    "tip_submit_public",
    "verdict_approve",
    "verdict_save",
]


# ----------------------------------------------------------------------------------------------
# Helpers


def thresholds() -> tuple[float, float]:
    """(suggest, auto): settings when set, else what bench/claim_matching.py measured and stored."""
    measured = matching.measured_thresholds()
    suggest = getattr(settings, "PHOIHOP_FACTCHECK_SUGGEST_THRESHOLD", None)
    auto = getattr(settings, "PHOIHOP_FACTCHECK_AUTO_THRESHOLD", None)
    return (
        float(suggest if suggest is not None else measured["suggest"]),
        float(auto if auto is not None else measured["auto"]),
    )


def _notify(**kwargs: Any) -> None:
    from phoihop.notifications.services import notify

    notify(**kwargs)


def _clean_url(url: str) -> str:
    url = clean_text(url)
    if url and "://" not in url:
        url = "https://" + url
    return url[:1000]


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            private_storage().delete(name)
        except OSError:
            logger.warning("could not delete orphan upload %s", name)


def _article_path(page: Any) -> str:
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def _claim_texts(claim: Claim) -> list[str]:
    texts = [claim.title, claim.summary, *(tip.description for tip in claim.tips.all())]
    verdict = getattr(claim, "verdict", None)
    if verdict is not None and verdict.rebuttal is not None:
        texts.append(verdict.rebuttal.title)
    return [t for t in texts if t]


def _claim_urls(claim: Claim) -> set[str]:
    urls = {
        matching.normalize_url(claim.appearance_url),
        *(matching.normalize_url(t.suspect_url) for t in claim.tips.all()),
    }
    urls.discard("")
    return urls


# ----------------------------------------------------------------------------------------------
# Tips


def _tip_create(
    *,
    source: str,
    description: str,
    domain: Domain,
    suspect_url: str = "",
    screenshot: CheckedFile | None = None,
    contact_email: str = "",
    contact_phone: str = "",
    organization: Organization | None = None,
    actor: User | None = None,
) -> Tip:
    description = clean_multiline(description)
    if not description:
        raise ValidationError(_("Cần mô tả thông tin nghi vấn."))
    if screenshot is not None and screenshot.mime_type not in SCREENSHOT_TYPES:
        raise ValidationError(_("Ảnh chụp màn hình phải là tệp JPEG, PNG hoặc WebP."))
    written: list[str] = []
    try:
        with transaction.atomic():
            year = timezone.localdate().year
            tip = Tip(
                reference=f"PA-{year}-{next_number(f'factcheck_tip:{year}'):06d}",
                source=source,
                domain=domain,
                suspect_url=_clean_url(suspect_url),
                description=description,
                contact_email=(contact_email or "").strip()[:254],
                contact_phone=clean_text(contact_phone)[:30],
                organization=organization,
                submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            if screenshot is not None:
                extension = SCREENSHOT_TYPES[screenshot.mime_type]
                tip.screenshot.save(
                    f"{screenshot.sha256[:16]}.{extension}", ContentFile(screenshot.content), save=False
                )
                written.append(str(tip.screenshot.name))
                tip.screenshot_mime = screenshot.mime_type
            token = ""
            if source == Tip.Source.PUBLIC:
                token = secrets.token_urlsafe(24)
                tip.status_token_hash = status_token_hash(token)
            tip.full_clean(exclude=["screenshot"])
            tip.save()
            # Shown once (the confirmation page) or sent once (the receipt); never stored in clear.
            tip.status_token = token  # type: ignore[attr-defined]
            if token and tip.contact_email:
                _send_receipt(tip, token)
            audit_record(
                actor=actor,
                verb="tip.created",
                target=tip,
                organization=organization,
                data={"source": source, "screenshot": screenshot is not None},
            )
            _match_tip(tip)
            if tip.claim_id is None:
                _notify(
                    recipients=press_editors(),
                    verb="tip.created",
                    title=_("Phản ánh mới %(ref)s (%(source)s)")
                    % {"ref": tip.reference, "source": tip.get_source_display()},
                    body=tip.description[:300],
                    url=tip.get_absolute_url(),
                    target=tip,
                    actor=actor,
                    organization=organization,
                    email=False,
                )
    except BaseException:
        _delete_files(written)
        raise
    return tip


def status_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tip_status_path(token: str) -> str:
    return reverse("factcheck:tip_status", args=[token])


def _send_receipt(tip: Tip, token: str) -> None:
    """The tipster's receipt: the reference and the private status link (queued after commit)."""
    from phoihop.notifications.services import notify_emails

    received = timezone.localtime(tip.created_at).strftime("%d/%m/%Y %H:%M")
    body = _(
        "Báo đã nhận phản ánh của bạn lúc %(at)s.\n\nSố phản ánh: %(ref)s\n\n"
        "Bạn có thể xem tình trạng xử lý phản ánh (không cần tài khoản) tại đường dẫn riêng dưới đây. "
        "Đường dẫn này chỉ dành cho bạn, xin đừng chia sẻ.\n\n"
        "Nếu bạn không gửi phản ánh này, xin bỏ qua thư."
    ) % {"ref": tip.reference, "at": received}
    notify_emails(
        addresses=[tip.contact_email],
        subject=_("Báo đã nhận phản ánh %(ref)s") % {"ref": tip.reference},
        body=body,
        url=tip_status_path(token),
    )
    audit_record(actor=None, verb="tip.receipt_sent", target=tip, data={})


@transaction.atomic
def tip_status_link_revoke(*, actor: User, tip: Tip) -> Tip:
    """The tipster's status link stops working (a leaked link, a request of the tipster). Editors only."""
    access.require_triage(actor)
    current = Tip.objects.select_for_update().get(pk=tip.pk)
    if not current.status_token_hash:
        raise ValidationError(_("Phản ánh này không có đường dẫn theo dõi đang dùng."))
    current.status_token_hash = ""
    current.save(update_fields=["status_token_hash"])
    audit_record(actor=actor, verb="tip.status_link_revoked", target=current, organization=current.organization)
    return current


def tip_submit_public(
    *,
    description: str,
    domain: Domain,
    suspect_url: str = "",
    screenshot: Any = None,
    contact_email: str = "",
    contact_phone: str = "",
) -> Tip:
    """A member of the public reports something (no login). The form has applied the rate limit and
    the spam checks already; the screenshot is checked again here if it was not."""
    checked = (
        screenshot if isinstance(screenshot, CheckedFile) or screenshot is None else _checked_screenshot(screenshot)
    )
    return _tip_create(
        source=Tip.Source.PUBLIC,
        description=description,
        domain=domain,
        suspect_url=suspect_url,
        screenshot=checked,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )


def _checked_screenshot(uploaded: Any) -> CheckedFile:
    from phoihop.factcheck.uploads import check_screenshot

    return check_screenshot(uploaded)


def tip_file(
    *,
    actor: User,
    description: str,
    domain: Domain,
    suspect_url: str = "",
    screenshot: Any = None,
    organization: Organization | None = None,
) -> Tip:
    """A partner unit files a tip (a member acting for the unit: 403 for read-only staff), or the
    newsroom logs what it found while monitoring (any press member; no organization)."""
    scope = scope_for(actor)
    if scope.is_press:
        source, organization = Tip.Source.MONITORING, None
    else:
        if organization is None or not scope.can_see(organization.pk):
            raise PermissionDenied
        if not scope.can_write(organization.pk):
            raise PermissionDenied
        source = Tip.Source.PARTNER
    checked = (
        screenshot if isinstance(screenshot, CheckedFile) or screenshot is None else _checked_screenshot(screenshot)
    )
    return _tip_create(
        source=source,
        description=description,
        domain=domain,
        suspect_url=suspect_url,
        screenshot=checked,
        organization=organization,
        actor=actor,
    )


def _match_tip(tip: Tip) -> None:
    """Suggest claims above the suggest threshold; attach to the best one above the auto threshold
    (or to the claim that already has this exact post address). Runs inside the tip's transaction."""
    suggest, auto = thresholds()
    claims = list(Claim.objects.matchable().select_related("verdict__rebuttal").prefetch_related("tips"))
    if not claims:
        return
    matches = matching.default_matcher().best(tip.description, [(claim, _claim_texts(claim)) for claim in claims])
    TipSuggestion.objects.filter(tip=tip).delete()
    TipSuggestion.objects.bulk_create(
        [
            TipSuggestion(tip=tip, claim=m.key, score=round(m.score, 4))
            for m in matches[:MAX_SUGGESTIONS]
            if m.score >= suggest
        ]
    )
    url = matching.normalize_url(tip.suspect_url)
    same_post = next((claim for claim in claims if url and url in _claim_urls(claim)), None)
    if same_post is not None:
        _attach(tip=tip, claim=same_post, actor=None, score=1.0, verb="tip.auto_grouped", data={"rule": "same_url"})
    elif matches and matches[0].attaches(auto):
        best = matches[0]
        _attach(tip=tip, claim=best.key, actor=None, score=best.score, verb="tip.auto_grouped", data={"rule": "text"})


def _attach(*, tip: Tip, claim: Claim, actor: User | None, score: float | None, verb: str, data: dict[str, Any]) -> Tip:
    tip.claim = claim
    tip.status = Tip.Status.GROUPED
    tip.grouped_at = timezone.now()
    tip.grouped_by = actor if getattr(actor, "is_authenticated", False) else None
    tip.match_score = score
    tip.save(update_fields=["claim", "status", "grouped_at", "grouped_by", "match_score"])
    if not claim.appearance_url and tip.suspect_url:
        claim.appearance_url = tip.suspect_url
        claim.save(update_fields=["appearance_url", "updated_at"])
    audit_record(
        actor=actor,
        verb=verb,
        target=tip,
        organization=tip.organization,
        data={"claim": claim.reference, "score": round(score, 4) if score is not None else None, **data},
    )
    if Claim.objects.published().filter(pk=claim.pk).exists():
        _answer_tip(tip, claim.verdict)
    return tip


def _answer_tip(tip: Tip, verdict: Verdict) -> bool:
    """Tell the tipster the published verdict, once. Returns True when this call answered it."""
    updated = Tip.objects.filter(pk=tip.pk, answered_at__isnull=True).update(answered_at=timezone.now())
    if not updated:
        return False
    tip.answered_at = timezone.now()
    page = verdict.rebuttal
    path = _article_path(page) if page is not None else ""
    subject = _("Kết luận về thông tin bạn phản ánh: %(label)s") % {"label": verdict.label.name}
    body = _(
        "Cảm ơn bạn đã gửi phản ánh %(ref)s.\n\nThông tin: %(claim)s\nKết luận: %(label)s — %(summary)s\n\n"
        "Bài kiểm chứng của Báo: %(title)s"
    ) % {
        "ref": tip.reference,
        "claim": verdict.claim.title,
        "label": verdict.label.name,
        "summary": verdict.summary,
        "title": page.title if page is not None else "",
    }
    if tip.contact_email:
        from phoihop.notifications.services import notify_emails

        notify_emails(addresses=[tip.contact_email], subject=subject, body=body, url=path)
    if tip.submitted_by is not None:
        _notify(
            recipients=[tip.submitted_by],
            verb="tip.answered",
            title=subject,
            body=body,
            url=path or tip.get_absolute_url(),
            target=tip,
            organization=tip.organization,
        )
    audit_record(
        actor=None,
        verb="tip.answered",
        target=tip,
        organization=tip.organization,
        data={"claim": verdict.claim.reference, "label": verdict.label.name, "emailed": bool(tip.contact_email)},
    )
    return True


@transaction.atomic
def tip_attach(*, actor: User, tip: Tip, claim: Claim) -> Tip:
    """An editor confirms that a tip is about `claim` (a suggestion or a claim picked by hand)."""
    access.require_triage(actor)
    current = Tip.objects.select_for_update().get(pk=tip.pk)
    if current.status == Tip.Status.DISMISSED:
        raise ValidationError(_("Phản ánh này đã được đánh dấu không xử lý."))
    if claim.status == Claim.Status.DISMISSED:
        raise ValidationError(_("Không gom vào hồ sơ đã đánh dấu không xử lý."))
    if current.claim_id == claim.pk:
        return current
    score = TipSuggestion.objects.filter(tip=current, claim=claim).values_list("score", flat=True).first()
    return _attach(tip=current, claim=claim, actor=actor, score=score, verb="tip.grouped", data={})


@transaction.atomic
def tip_dismiss(*, actor: User, tip: Tip, reason: str) -> Tip:
    """Spam, a joke, or nothing to check: the tip leaves the queue, with the reason on record."""
    access.require_triage(actor)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần nêu lý do không xử lý."))
    current = Tip.objects.select_for_update().get(pk=tip.pk)
    current.status = Tip.Status.DISMISSED
    current.claim = None
    current.dismiss_reason = reason
    current.save(update_fields=["status", "claim", "dismiss_reason"])
    audit_record(
        actor=actor, verb="tip.dismissed", target=current, organization=current.organization, data={"reason": reason}
    )
    return current


# ----------------------------------------------------------------------------------------------
# Claims


@transaction.atomic
def claim_create(
    *,
    actor: User,
    title: str,
    domain: Domain,
    summary: str = "",
    tip: Tip | None = None,
    appearance_url: str = "",
    claimant_name: str = "",
    claimant_kind: str = Claim.ClaimantKind.ORGANIZATION,
) -> Claim:
    """Open a claim (editors and leaders), usually from a tip, which is then grouped under it. The
    claim's checklist starts as a copy of the default steps."""
    access.require_triage(actor)
    title = clean_text(title)
    if not title:
        raise ValidationError(_("Cần nêu thông tin cần kiểm chứng."))
    year = timezone.localdate().year
    claim = Claim(
        reference=f"KC-{year}-{next_number(f'factcheck_claim:{year}'):05d}",
        title=title[:500],
        summary=clean_multiline(summary),
        domain=domain,
        appearance_url=_clean_url(appearance_url or (tip.suspect_url if tip is not None else "")),
        claimant_name=clean_text(claimant_name),
        claimant_kind=claimant_kind,
        first_seen_at=tip.created_at if tip is not None else timezone.now(),
        created_by=actor,
    )
    claim.full_clean()
    claim.save()
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(claim=claim, text=item.text, sort_order=item.sort_order)
            for item in ChecklistTemplateItem.objects.filter(is_active=True)
        ]
    )
    audit_record(actor=actor, verb="claim.created", target=claim, data={"tip": tip.reference if tip else None})
    if tip is not None:
        tip_attach(actor=actor, tip=tip, claim=claim)
    return claim


@transaction.atomic
def claim_update(
    *,
    actor: User,
    claim: Claim,
    title: str,
    domain: Domain,
    summary: str = "",
    appearance_url: str = "",
    claimant_name: str = "",
    claimant_kind: str = Claim.ClaimantKind.ORGANIZATION,
    first_seen_at: dt.datetime | None = None,
) -> Claim:
    access.require_triage(actor)
    claim.title = clean_text(title)[:500]
    claim.domain = domain
    claim.summary = clean_multiline(summary)
    claim.appearance_url = _clean_url(appearance_url)
    claim.claimant_name = clean_text(claimant_name)
    claim.claimant_kind = claimant_kind
    claim.first_seen_at = first_seen_at or claim.first_seen_at
    claim.full_clean()
    fields = ["title", "domain", "summary", "appearance_url", "claimant_name", "claimant_kind", "first_seen_at"]
    claim.save(update_fields=[*fields, "updated_at"])
    audit_record(actor=actor, verb="claim.updated", target=claim)
    _refresh_public(claim)
    return claim


@transaction.atomic
def claim_dismiss(*, actor: User, claim: Claim, reason: str) -> Claim:
    access.require_triage(actor)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần nêu lý do không xử lý."))
    if claim.status == Claim.Status.PUBLISHED:
        raise ValidationError(_("Kết luận đã công bố; không thể chuyển sang không xử lý."))
    claim.status = Claim.Status.DISMISSED
    claim.dismiss_reason = reason
    claim.save(update_fields=["status", "dismiss_reason", "updated_at"])
    audit_record(actor=actor, verb="claim.dismissed", target=claim, data={"reason": reason})
    return claim


@transaction.atomic
def claim_set_deadline(*, actor: User, claim: Claim, policy: Any = None, due_at: dt.datetime | None = None) -> Claim:
    """The claim's own deadline: from a named policy on the work calendar (counted from now) or a time."""
    access.require_triage(actor)
    if policy is None and due_at is None:
        raise ValidationError(_("Chọn loại thời hạn hoặc nhập hạn xác minh."))
    if due_at is not None and timezone.is_naive(due_at):
        raise ValueError("due_at must be timezone-aware")
    now = timezone.now()
    # A policy counts from now under the version in force today (ValidationError when none is); the
    # version is kept, so a later change of the rules does not rewrite this claim's deadline or basis.
    version = policy.version_for(now) if policy is not None else None
    claim.deadline_policy = policy
    claim.deadline_policy_version = version
    claim.due_at = due_at if due_at is not None else version.due_from(now)  # type: ignore[union-attr]
    claim.save(update_fields=["deadline_policy", "deadline_policy_version", "due_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="claim.deadline_set",
        target=claim,
        data={
            "due_at": claim.due_at.isoformat(),
            "policy": policy.name if policy else None,
            "policy_version": version.pk if version else None,
        },
    )
    return claim


@transaction.atomic
def checklist_item_add(*, actor: User, claim: Claim, text: str) -> ChecklistItem:
    access.require_press(actor)
    text = clean_text(text)
    if not text:
        raise ValidationError(_("Cần nội dung bước kiểm tra."))
    last = claim.checklist.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    item = ChecklistItem.objects.create(claim=claim, text=text[:300], sort_order=last + 1)
    audit_record(actor=actor, verb="claim.checklist_added", target=claim, data={"item": item.text})
    return item


@transaction.atomic
def checklist_item_toggle(*, actor: User, item: ChecklistItem) -> ChecklistItem:
    access.require_press(actor)
    done = item.done_at is None
    item.done_at = timezone.now() if done else None
    item.done_by = actor if done else None
    item.save(update_fields=["done_at", "done_by"])
    audit_record(
        actor=actor,
        verb="claim.checklist_done" if done else "claim.checklist_reopened",
        target=item.claim,
        data={"item": item.text},
    )
    return item


@transaction.atomic
def checklist_item_remove(*, actor: User, item: ChecklistItem) -> None:
    access.require_press(actor)
    audit_record(actor=actor, verb="claim.checklist_removed", target=item.claim, data={"item": item.text})
    item.delete()


def evidence_add(
    *,
    actor: User,
    claim: Claim,
    kind: str,
    title: str,
    url: str = "",
    document_reference: str = "",
    note: str = "",
    file: Any = None,
) -> Evidence:
    """A link, a file (sniffed and checked like the exchange's attachments) or an official document."""
    access.require_press(actor)
    checked = file if isinstance(file, CheckedFile) or file is None else check_upload(file)
    if kind == Evidence.Kind.OFFICIAL and not clean_text(document_reference):
        raise ValidationError(_("Văn bản chính thức cần số, ký hiệu văn bản."))
    if not url and checked is None:
        raise ValidationError(_("Cần đường dẫn hoặc tệp."))
    written: list[str] = []
    try:
        with transaction.atomic():
            evidence = Evidence(
                claim=claim,
                kind=kind,
                title=clean_text(title)[:300],
                url=_clean_url(url),
                document_reference=clean_text(document_reference)[:200],
                note=clean_multiline(note),
                added_by=actor,
            )
            if checked is not None:
                extension = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "video": "mp4"}.get(checked.kind) or (
                    checked.mime_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
                )
                evidence.file.save(f"{checked.sha256[:16]}.{extension}", ContentFile(checked.content), save=False)
                written.append(str(evidence.file.name))
                evidence.original_name = checked.name
                evidence.mime_type = checked.mime_type
                evidence.size = checked.size
                evidence.sha256 = checked.sha256
            evidence.full_clean(exclude=["file"])
            evidence.save()
            audit_record(
                actor=actor, verb="claim.evidence_added", target=claim, data={"kind": kind, "title": evidence.title}
            )
    except BaseException:
        _delete_files(written)
        raise
    return evidence


@transaction.atomic
def note_add(*, actor: User, claim: Claim, body: str) -> ClaimNote:
    access.require_press(actor)
    body = clean_multiline(body)
    if not body:
        raise ValidationError(_("Ghi chú không được để trống."))
    note = ClaimNote.objects.create(claim=claim, author=actor, body=body)
    audit_record(actor=actor, verb="claim.note_added", target=claim)
    return note


@transaction.atomic
def claim_request_info(
    *,
    actor: User,
    claim: Claim,
    organization: Organization,
    subject: str,
    questions: str,
    policy: Any,
    files: Iterable[Any] = (),
) -> ClaimRequest:
    """Ask the competent partner unit through the exchange; the request is linked to the claim and
    its answer shows on the claim's page. The exchange checks the actor's right and notifies the unit."""
    from phoihop.exchange.services import info_request_create

    access.require_triage(actor)
    info_request = info_request_create(
        actor=actor, organization=organization, subject=subject, questions=questions, policy=policy, files=files
    )
    link = ClaimRequest.objects.create(claim=claim, info_request=info_request)
    audit_record(
        actor=actor,
        verb="claim.info_requested",
        target=claim,
        organization=organization,
        data={"request": info_request.reference},
    )
    return link


# ----------------------------------------------------------------------------------------------
# Verdicts


@transaction.atomic
def verdict_save(
    *,
    actor: User,
    claim: Claim,
    label: VerdictLabel,
    summary: str,
    rests_on_authority: bool = False,
    authority_name: str = "",
    authority_document: str = "",
) -> Verdict:
    """Draft or redraft the verdict (editors and leaders). Changing an approved verdict sends it
    back for approval; a published verdict is changed only by a correction in the article."""
    access.require_triage(actor)
    summary = clean_multiline(summary)
    if not summary:
        raise ValidationError(_("Cần nội dung kết luận."))
    authority_document = clean_text(authority_document)
    if rests_on_authority and not authority_document:
        raise ValidationError(_("Kết luận dựa trên cơ quan có thẩm quyền cần ghi số, ký hiệu văn bản kết luận."))
    if claim.status == Claim.Status.DISMISSED:
        raise ValidationError(_("Hồ sơ đã đánh dấu không xử lý."))
    verdict = Verdict.objects.select_for_update().filter(claim=claim).first()
    if verdict is not None and verdict.published_at is not None:
        raise ValidationError(_("Kết luận đã công bố; hãy đính chính trong bài kiểm chứng."))
    if verdict is None:
        verdict = Verdict(claim=claim, drafted_by=actor)
    verdict.label = label
    verdict.summary = summary
    verdict.rests_on_authority = rests_on_authority
    verdict.authority_name = clean_text(authority_name)
    verdict.authority_document = authority_document if rests_on_authority else ""
    was_approved = verdict.status == Verdict.Status.APPROVED
    verdict.status = Verdict.Status.DRAFT
    verdict.approved_by = None
    verdict.approved_at = None
    verdict.drafted_by = actor
    verdict.full_clean()
    verdict.save()
    if claim.status == Claim.Status.VERDICT:
        claim.status = Claim.Status.OPEN
        claim.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        verb="verdict.drafted",
        target=claim,
        data={"label": label.name, "reapproval": was_approved, "authority": verdict.authority_document},
    )
    return verdict


@transaction.atomic
def verdict_approve(*, actor: User, claim: Claim) -> Verdict:
    """The Tổng Biên tập or a Phó Tổng Biên tập approves the drafted verdict (403 for anyone else)."""
    access.require_approver(actor)
    verdict = Verdict.objects.select_for_update().filter(claim=claim).select_related("label").first()
    if verdict is None:
        raise ValidationError(_("Chưa có dự thảo kết luận."))
    if verdict.status == Verdict.Status.APPROVED:
        return verdict
    verdict.status = Verdict.Status.APPROVED
    verdict.approved_by = actor
    verdict.approved_at = timezone.now()
    verdict.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    claim.status = Claim.Status.VERDICT
    claim.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, verb="verdict.approved", target=claim, data={"label": verdict.label.name})
    _notify(
        recipients=[verdict.drafted_by, *press_editors()],
        verb="verdict.approved",
        title=_("Đã duyệt kết luận “%(label)s”: %(claim)s") % {"label": verdict.label.name, "claim": claim.title},
        url=claim.get_absolute_url(),
        target=claim,
        actor=actor,
        email=False,
    )
    if verdict.rebuttal is not None and verdict.rebuttal.live:
        rebuttal_published(page_id=verdict.rebuttal.pk)
    return verdict


# ----------------------------------------------------------------------------------------------
# Rebuttals


def _require_verdict(claim: Claim) -> Verdict:
    verdict = Verdict.objects.select_related("label", "rebuttal").filter(claim=claim).first()
    if verdict is None:
        raise ValidationError(_("Cần dự thảo kết luận trước khi làm bài kiểm chứng."))
    return verdict


def _unique_slug(category: Any, base: str) -> str:
    from vntext import slugify

    base = slugify(base, max_length=80) or "kiem-chung"
    existing = set(category.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def rebuttal_create_draft(*, actor: User, claim: Claim) -> Any:
    """A draft article in the "Kiểm chứng" category written from the verdict, linked to the claim.
    The newsroom finishes it in the Wagtail editor and publishes it there (or from the claim page).
    It starts under the programme the claim concerns (`selectors.claim_program`), if exactly one;
    the editor sets or changes the programme and its themes in the editor."""
    from django.utils.html import escape

    from phoihop.portal.services import article_create, category_ensure

    access.require_triage(actor)
    verdict = _require_verdict(claim)
    if verdict.rebuttal_id is not None:
        raise ValidationError(_("Hồ sơ đã có bài kiểm chứng."))
    category = category_ensure(slug=CATEGORY_SLUG, title=CATEGORY_TITLE)
    title = _("Kiểm chứng: %(claim)s") % {"claim": claim.title}
    paragraphs = [claim.summary] if claim.summary else []
    paragraphs.append(_("Kết luận: %(label)s. %(summary)s") % {"label": verdict.label.name, "summary": verdict.summary})
    if verdict.rests_on_authority:
        paragraphs.append(
            _("Căn cứ: %(doc)s của %(authority)s.")
            % {"doc": verdict.authority_document, "authority": verdict.authority_name or _("cơ quan có thẩm quyền")}
        )
    article = article_create(
        actor=actor,
        category=category,
        title=title[:250],
        slug=_unique_slug(category, title),
        sapo=verdict.summary,
        body=[("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs],
        tags=[CATEGORY_TITLE.lower(), verdict.label.name.lower()],
        publish=False,
        program=claim_program(claim),
    )
    verdict.rebuttal = article
    verdict.save(update_fields=["rebuttal", "updated_at"])
    audit_record(actor=actor, verb="rebuttal.drafted", target=claim, data={"article": article.pk})
    return article


@transaction.atomic
def rebuttal_link(*, actor: User, claim: Claim, article: Any) -> Verdict:
    """Link an existing article of the "Kiểm chứng" category as the claim's rebuttal."""
    access.require_triage(actor)
    verdict = _require_verdict(claim)
    parent = article.get_parent()
    if parent is None or parent.slug != CATEGORY_SLUG:
        raise ValidationError(_("Bài kiểm chứng phải thuộc chuyên mục “Kiểm chứng”."))
    if Verdict.objects.filter(rebuttal=article).exclude(pk=verdict.pk).exists():
        raise ValidationError(_("Bài này đã gắn với một hồ sơ khác."))
    if verdict.published_at is not None and verdict.rebuttal_id != article.pk:
        raise ValidationError(_("Kết luận đã công bố bằng một bài khác."))
    verdict.rebuttal = article
    verdict.save(update_fields=["rebuttal", "updated_at"])
    audit_record(actor=actor, verb="rebuttal.linked", target=claim, data={"article": article.pk})
    # The instance may predate its publication: ask the database whether it is live.
    if verdict.is_approved and type(article).objects.filter(pk=article.pk, live=True).exists():
        rebuttal_published(page_id=article.pk)
    return verdict


def rebuttal_publish(*, actor: User, claim: Claim) -> Any:
    """Publish the rebuttal's latest revision through Wagtail (its publish permission applies), once
    the verdict is approved. Wagtail's page_published signal then answers the tipsters."""
    access.require_triage(actor)
    verdict = _require_verdict(claim)
    if not verdict.is_approved:
        raise ValidationError(_("Kết luận chưa được Tổng Biên tập hoặc Phó Tổng Biên tập duyệt."))
    if verdict.rebuttal is None:
        raise ValidationError(_("Hồ sơ chưa có bài kiểm chứng."))
    page = verdict.rebuttal.specific
    if not page.permissions_for_user(actor).can_publish():
        raise PermissionDenied
    revision = page.get_latest_revision() or page.save_revision(user=actor)
    with transaction.atomic():
        revision.publish(user=actor)
    return page


def rebuttal_published(*, page_id: int) -> int:
    """The rebuttal went live (Wagtail's page_published, via a task): the verdict is published, and
    every tipster on the claim not yet answered is told, once. Returns how many were answered.
    Does nothing for an article that is no approved verdict's rebuttal. Safe to run again."""
    from phoihop.portal import cache

    with transaction.atomic():
        verdict = (
            Verdict.objects.select_for_update(of=("self",))
            .select_related("claim", "label", "rebuttal")
            .filter(rebuttal_id=page_id)
            .first()
        )
        if verdict is None or not verdict.is_approved or verdict.rebuttal is None or not verdict.rebuttal.live:
            return 0
        claim = verdict.claim
        if verdict.published_at is None:
            verdict.published_at = timezone.now()
            verdict.save(update_fields=["published_at", "updated_at"])
            claim.status = Claim.Status.PUBLISHED
            claim.save(update_fields=["status", "updated_at"])
            audit_record(actor=None, verb="verdict.published", target=claim, data={"article": page_id})
        answered = 0
        for tip in claim.tips.filter(status=Tip.Status.GROUPED, answered_at__isnull=True).select_related(
            "submitted_by", "organization"
        ):
            answered += int(_answer_tip(tip, verdict))
        cache.invalidate_for_article(verdict.rebuttal)
    return answered


def _refresh_public(claim: Claim) -> None:
    """A published verdict's page shows the claim (ClaimReview): render it afresh after a change."""
    verdict = Verdict.objects.filter(claim=claim, published_at__isnull=False).select_related("rebuttal").first()
    if verdict is not None and verdict.rebuttal is not None:
        from phoihop.portal import cache

        cache.invalidate_for_article(verdict.rebuttal)
