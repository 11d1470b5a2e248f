""" "Có thể bạn quan tâm": articles related to an article by content, not by recency.

Score of a candidate = shared tags and programme themes + text similarity of title and sapo. The
text side compares *folded syllable bigrams* (vntext): Vietnamese words are mostly two syllables,
so "thanh tri", "de an", "chuyen doi", "doi so" are close to words, while bigrams made with a
function word ("cua huyen", "va cac") are dropped. Bigrams are weighted by rarity within the
candidate pool (inverse document frequency), so "thanh tri" counts for much more than "ha noi".

Candidates come from bounded pools (articles sharing a tag or a programme theme, the category's
latest, the site's latest), so the cost does not grow with the archive. The list is computed by the
worker when an article is published, or the first time an article without one is shown (bulk
imports), and stored in `RelatedArticle`; the article's cached page is then invalidated so it
shows the list.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache as default_cache
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Count
from wagtail.models import Page

from phoihop.portal import cache
from phoihop.portal.models import ArticlePage, ArticleTag, RelatedArticle
from vntext import fold_tokens

RELATED_LIMIT = 8
POOL_SIZE = 150
TAG_WEIGHT = 1.0
TEXT_WEIGHT = 3.0
MIN_SCORE = 0.35

# Folded function words and very common syllables that make no topic on their own. Not "de": it
# is "để" (in order to) but also "đề" (as in "đề án"), which folds the same.
STOP_SYLLABLES = frozenset(
    """
     va cua cac nhung la co duoc trong cho voi tai da se theo nay mot ve tu den khi thi nhu o ra vao
     len bi boi hon nhat cung con tren duoi sau truoc giua ngay nam thang hom qua toi nay rat nhieu
     it moi cu vien dang phai lam the nao gi ai dau sao vi nen neu ma hay hoac tung
    """.split()  # noqa: SIM905 — a word list is easier to read as text
)  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    pk: int
    title: str
    sapo: str
    shared_tags: int = 0


def text_terms(title: str, sapo: str) -> frozenset[str]:
    """Folded syllable bigrams of the title and the sapo, without bigrams touching a function word."""
    terms: set[str] = set()
    for text in (title, sapo):
        tokens = [t for t in fold_tokens(text) if not t.isdigit()]
        terms.update(
            f"{a} {b}" for a, b in itertools.pairwise(tokens) if a not in STOP_SYLLABLES and b not in STOP_SYLLABLES
        )
    return frozenset(terms)


def rank(
    *, title: str, sapo: str, tag_count: int, candidates: Iterable[Candidate], limit: int = RELATED_LIMIT
) -> list[tuple[int, float]]:
    """`(article id, score)` of the best candidates, best first; ties go to the newer (higher id)."""
    pool = {c.pk: c for c in candidates}
    if not pool:
        return []
    terms = {pk: text_terms(c.title, c.sapo) for pk, c in pool.items()}
    mine = text_terms(title, sapo)
    document_frequency = Counter(term for t in terms.values() for term in t)
    size = len(pool) + 1

    def weight(term: str) -> float:
        return math.log(1 + size / (1 + document_frequency[term]))

    my_weight = sum(weight(t) for t in mine)
    scored: list[tuple[int, float]] = []
    for pk, candidate in pool.items():
        theirs = terms[pk]
        shared = mine & theirs
        text = 0.0
        if shared and my_weight:
            their_weight = sum(weight(t) for t in theirs)
            text = sum(weight(t) for t in shared) / math.sqrt(my_weight * their_weight)
        tags = candidate.shared_tags / max(tag_count, 1)
        score = TAG_WEIGHT * tags + TEXT_WEIGHT * text
        if score >= MIN_SCORE:
            scored.append((pk, round(score, 4)))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored[:limit]


def _sharing(through: Any, article_field: str, label_field: str, article_id: int) -> tuple[int, dict[int, int]]:
    """How many labels (tags, programme themes) the article has, and the live articles sharing the
    most of them with their counts (at most POOL_SIZE)."""
    labels = list(through.objects.filter(**{article_field: article_id}).values_list(label_field, flat=True))
    if not labels:
        return 0, {}
    rows = (
        through.objects.filter(**{f"{label_field}__in": labels, f"{article_field.removesuffix('_id')}__live": True})
        .exclude(**{article_field: article_id})
        .values(article_field)
        .annotate(shared=Count("pk"))
        .order_by("-shared", f"-{article_field}")[:POOL_SIZE]
    )
    return len(labels), {row[article_field]: row["shared"] for row in rows}


def _candidates(article: ArticlePage) -> tuple[int, list[Candidate]]:
    """A fixed number of queries whatever the size of the archive: the article's tags and themes
    and the articles sharing most of them, the category's latest, the site's latest, then the
    candidates' titles and sapos."""
    label_count, shared = _sharing(ArticleTag, "content_object_id", "tag_id", article.pk)
    try:
        themes = ArticlePage._meta.get_field("themes").remote_field.through  # type: ignore[union-attr]
    except FieldDoesNotExist:
        themes = None
    if themes is not None:
        theme_count, sharing_themes = _sharing(themes, "articlepage_id", "theme_id", article.pk)
        label_count += theme_count
        for pk, count in sharing_themes.items():
            shared[pk] = shared.get(pk, 0) + count
    recent = (
        Page.objects.live()
        .filter(articlepage__isnull=False)
        .exclude(id=article.pk)
        .order_by("-first_published_at", "-id")
        .values_list("id", flat=True)
    )
    parent_path = article.path[: -article.steplen]
    ids = set(shared)
    ids.update(recent.filter(path__startswith=parent_path, depth=article.depth)[:POOL_SIZE])
    ids.update(recent[:POOL_SIZE])
    rows = ArticlePage.objects.filter(pk__in=ids).values_list("pk", "title", "sapo")
    return label_count, [Candidate(pk, title, sapo, shared.get(pk, 0)) for pk, title, sapo in rows]


def compute(article: ArticlePage, *, limit: int = RELATED_LIMIT) -> list[tuple[int, float]]:
    tag_count, candidates = _candidates(article)
    return rank(title=article.title, sapo=article.sapo, tag_count=tag_count, candidates=candidates, limit=limit)


@transaction.atomic
def related_refresh(*, article: ArticlePage) -> int:
    """Recompute and store `article`'s "Có thể bạn quan tâm" list; returns its length. When the
    list changed, the article's cached page is invalidated.

    Run by the worker (`tasks.related_refresh_task`); safe to run again.
    """
    ranked = compute(article)
    before = list(RelatedArticle.objects.filter(article=article).order_by("rank").values_list("related_id", flat=True))
    if before != [pk for pk, _score in ranked]:
        RelatedArticle.objects.filter(article=article).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(article=article, related_id=pk, rank=i, score=score) for i, (pk, score) in enumerate(ranked)
        )
        cache.invalidate({cache.article_key(article.pk)})
    return len(ranked)


def request_refresh(article_id: int) -> None:
    """Ask the worker for this article's list (an article shown before it had one), at most once
    an hour per article."""
    if default_cache.add(f"portal:related-requested:{article_id}", 1, timeout=3600):
        # Imported when first needed: portal.tasks imports this module.
        from phoihop.portal.tasks import related_refresh_task

        transaction.on_commit(lambda: related_refresh_task.enqueue(article_id=article_id))
