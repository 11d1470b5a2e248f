"""Coverage for partners' portals (#17 item 4): the newspaper's live articles about a programme or a
partner unit, as an RSS feed and an embeddable HTML list, at stable public addresses.

**What "about" means — the same definitions as the programme's figures:**

* a programme: `selectors.program_articles` (the articles the dashboard counts under "Tin, bài");
* a partner unit: the articles of every programme the unit (or a unit it succeeded) is a party to,
  and every article made from a submission of the unit, of one of its sub-units or of a unit it
  succeeded (the newsroom's `ArticleSource`).

Only programmes past their draft are public (a draft agreement is not announced), and only partner
units. The addresses carry the id and a readable slug: `/dua-tin/chuong-trinh/12-ten-chuong-trinh/rss/`;
a renamed programme or unit keeps its id, so an old address redirects to the new one.

Pages are served from the portal's page cache: they depend on the site-wide list of latest articles
(every publication, correction or takedown changes it) and on each article shown; `COVERAGE_KEY` is
replaced when a programme, its parties or an article's source change (the signals in `apps.py`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from phoihop.accounts.models import Organization, OrganizationSuccession
from phoihop.accounts.tree import OrganizationTree
from phoihop.newsroom.models import ArticleSource
from phoihop.portal.models import ArticlePage
from phoihop.programs.models import Program
from phoihop.reports.selectors import program_articles
from vntext import slugify

COVERAGE_KEY = "coverage"
DEFAULT_ITEMS = 10
MAX_ITEMS = 50
PUBLIC_PROGRAM_STATES = (Program.Status.ACTIVE, Program.Status.COMPLETED, Program.Status.TERMINATED)


def slug_for(name: str) -> str:
    """A readable ASCII slug of a Vietnamese name ("đ" folded too); "x" for a name with no letters."""
    return slugify(name, max_length=80) or "x"


def program_public(pk: int) -> Program:
    """A programme whose coverage is public, or 404 (unknown, or still a draft)."""
    program = Program.objects.filter(pk=pk, status__in=PUBLIC_PROGRAM_STATES).first()
    if program is None:
        raise Http404
    return program


def unit_public(pk: int) -> Organization:
    """A partner unit (active, merged or dissolved: its address keeps working), or 404."""
    unit = Organization.objects.filter(pk=pk, kind=Organization.Kind.PARTNER).first()
    if unit is None:
        raise Http404
    return unit


def _live() -> QuerySet[ArticlePage]:
    return ArticlePage.objects.live().public()


def program_coverage(program: Program) -> QuerySet[ArticlePage]:
    """The programme's live, public articles, newest first."""
    return _live().filter(pk__in=program_articles(program).values("pk")).order_by("-first_published_at", "-pk")


def unit_ids(unit: Organization) -> set[int]:
    """The unit, its sub-units, and the units it succeeded (with theirs)."""
    predecessors: dict[int, list[int]] = {}
    for pred, succ in OrganizationSuccession.objects.values_list("predecessor_id", "successor_id"):
        predecessors.setdefault(succ, []).append(pred)
    return OrganizationTree.load().descendants([unit.pk], also=predecessors)


def unit_coverage(unit: Organization) -> QuerySet[ArticlePage]:
    """The live, public articles about the unit (see the module's definition), newest first."""
    ids = unit_ids(unit)
    programs = Program.objects.filter(parties__organization_id__in=ids, status__in=PUBLIC_PROGRAM_STATES)
    from_programs = Q(program__in=programs) | Q(themes__program__in=programs)
    from_sources = Q(pk__in=ArticleSource.objects.filter(submission__organization_id__in=ids).values("article_id"))
    matching = ArticlePage.objects.filter(from_programs | from_sources).values("pk")
    return _live().filter(pk__in=matching).order_by("-first_published_at", "-pk")


def items(queryset: QuerySet[ArticlePage], limit: int) -> list[ArticlePage]:
    return list(queryset.select_related("owner").prefetch_related("authors")[: max(1, min(limit, MAX_ITEMS))])


# --- addresses ---------------------------------------------------------------------------------


def program_address(program: Program, kind: str) -> str:
    """The path of a programme's coverage: kind "rss" or "nhung" (the embeddable list)."""
    return reverse(f"coverage:program_{kind}", args=[program.pk, slug_for(program.title)])


def unit_address(unit: Organization, kind: str) -> str:
    return reverse(f"coverage:unit_{kind}", args=[unit.pk, slug_for(unit.name)])


def addresses_for(obj: Any) -> dict[str, str]:
    make = program_address if isinstance(obj, Program) else unit_address
    return {"rss": make(obj, "rss"), "embed": make(obj, "nhung")}
