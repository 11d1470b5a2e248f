"""Reads for fact-checking: the public list of verdicts, the workspace queues and a claim's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from phoihop.accounts.models import Organization, User
from phoihop.accounts.tree import OrganizationTree
from phoihop.audit.models import AuditEvent
from phoihop.factcheck import access
from phoihop.factcheck.models import Claim, ClaimRequest, Tip, TipSuggestion, Verdict
from phoihop.programs.models import Program


def published_verdicts(*, label: Any = None, domain: Any = None) -> QuerySet[Verdict]:
    """Verdicts whose rebuttal is live, newest first, optionally of one label and one domain."""
    qs = (
        Verdict.objects.filter(status=Verdict.Status.APPROVED, published_at__isnull=False, rebuttal__live=True)
        .select_related("label", "claim__domain", "rebuttal")
        .order_by("-published_at", "-pk")
    )
    if label is not None:
        qs = qs.filter(label=label)
    if domain is not None:
        qs = qs.filter(claim__domain=domain)
    return qs


def tip_queue(user: AnonymousUser | User, *, status: str = "") -> QuerySet[Tip]:
    """The tips a user sees: new ones first for the newsroom, their own units' for a partner."""
    qs = access.tips_for_user(user).select_related("domain", "organization", "claim", "claim__verdict__label")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "-created_at", "-pk") if not status else qs.order_by("-created_at", "-pk")


def claim_list(*, status: str = "") -> QuerySet[Claim]:
    qs = Claim.objects.select_related("domain", "verdict__label").annotate(
        n_tips=Count("tips", filter=~Q(tips__status=Tip.Status.DISMISSED))
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "due_at", "-created_at")


def tip_suggestions(tip: Tip) -> QuerySet[TipSuggestion]:
    return (
        TipSuggestion.objects.filter(tip=tip)
        .exclude(claim__status=Claim.Status.DISMISSED)
        .select_related("claim__domain", "claim__verdict__label")
    )


def claim_detail(claim: Claim) -> dict[str, Any]:
    verdict = (
        Verdict.objects.select_related("label", "drafted_by", "approved_by", "rebuttal").filter(claim=claim).first()
    )
    return {
        "claim": claim,
        "tips": claim.tips.select_related("domain", "organization", "grouped_by").order_by("created_at"),
        "checklist": claim.checklist.select_related("done_by"),
        "evidence": claim.evidence.select_related("added_by"),
        "notes": claim.notes.select_related("author"),
        "requests": ClaimRequest.objects.filter(claim=claim)
        .select_related("info_request__organization", "info_request__answered_by", "info_request__policy")
        .prefetch_related(Prefetch("info_request__attachments")),
        "verdict": verdict,
        "history": AuditEvent.objects.for_object(claim)[:100],
    }


# ----------------------------------------------------------------------------------------------
# Which coordination programme a claim concerns: one definition, for the programme's figures
# (phoihop.reports) and for the programme a rebuttal draft starts with.


def program_claims(program: Program) -> QuerySet[Claim]:
    """The claims that concern `program`, whenever they were opened:

    * a tip of the claim came from a partner party of the programme or a unit below one;
    * the newsroom asked for information about it through the exchange under the programme, or
      asked a party unit (or a unit below one) without naming a programme;
    * its rebuttal article is linked to the programme or to one of its themes.
    """
    party_ids = set(
        Organization.objects.partners().filter(program_parties__program=program).values_list("pk", flat=True)
    )
    if party_ids:
        party_ids = OrganizationTree.load().descendants(party_ids)  # sub-units work for their unit's programme
    condition = (
        Q(tips__organization_id__in=party_ids)
        | Q(requests__info_request__program=program)
        | Q(
            requests__info_request__program__isnull=True, requests__info_request__original_organization_id__in=party_ids
        )
        | Q(verdict__rebuttal__program=program)
        | Q(verdict__rebuttal__themes__program=program)
    )
    return Claim.objects.filter(pk__in=Claim.objects.filter(condition).values("pk"))


def claim_program(claim: Claim) -> Program | None:
    """The one programme in force (signed: active or completed) on the day the claim was opened that
    it concerns by `program_claims`; None when it concerns none, or several (the editor chooses)."""
    day = timezone.localdate(claim.created_at)
    candidates = Program.objects.filter(
        starts_on__lte=day, ends_on__gte=day, status__in=[Program.Status.ACTIVE, Program.Status.COMPLETED]
    )
    found = [program for program in candidates if program_claims(program).filter(pk=claim.pk).exists()]
    return found[0] if len(found) == 1 else None


def tip_public_status(token: str) -> dict[str, Any] | None:
    """What the tipster's private status link shows, or None for an unknown or revoked token.

    Only what the tipster sent (text) and what the desk says publicly: the state, the published
    verdict and rebuttal, the reason for not acting on it. Never notes, evidence, other tips or a
    verdict not yet published."""
    import hashlib

    if not token or len(token) > 100:
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    tip = (
        Tip.objects.filter(status_token_hash=digest, source=Tip.Source.PUBLIC).select_related("domain", "claim").first()
    )
    if tip is None:
        return None
    verdict = None
    reason = ""
    if tip.status == Tip.Status.DISMISSED:
        state, reason = "dismissed", tip.dismiss_reason
    elif tip.claim is not None and tip.claim.status == Claim.Status.DISMISSED:
        state, reason = "dismissed", tip.claim.dismiss_reason
    elif tip.claim is not None:
        verdict = published_verdicts().filter(claim=tip.claim).first()
        state = "concluded" if verdict is not None else "checking"
    else:
        state = "received"
    return {"tip": tip, "state": state, "verdict": verdict, "reason": reason}
