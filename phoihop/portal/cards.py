"""Article cards: what a list shows of an article (title, link, category, time, sapo, thumbnail),
read as plain values instead of Wagtail page objects.

A list of 20 articles as page objects costs more to build than the rest of the page; as cards it
is two queries (the articles' columns, then their thumbnails' renditions) and no model instances.
Renditions that do not exist yet are created through Wagtail the first time (and prefetched as
rows from then on).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images import get_image_model
from wagtail.images.models import get_rendition_storage

from phoihop.portal import images, sql
from phoihop.portal.images import Rendered
from phoihop.portal.models import ArticlePage
from phoihop.portal.structure import relative_url

FOCAL_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")


@dataclass(slots=True)
class ArticleCard:
    pk: int
    title: str
    url: str
    path: str
    published: dt.datetime
    published_label: str
    published_iso: str
    sapo: str
    editors_pick: bool
    image_id: int | None
    category: Any = None
    thumbs: dict[str, list[Rendered]] = field(default_factory=dict)
    # Its list markup by options (`phoihop.portal.render.item`): built once per card, and cards
    # live as long as their article's token (`load_memoized`).
    html: dict[tuple[bool, bool, bool, int], str] = field(default_factory=dict)

    @property
    def lead_image(self) -> bool:
        return bool(self.thumbs)

    def image_html(self, preset: str, *, sizes: str, alt: str = "", **attrs: str) -> SafeString:
        found = self.thumbs.get(preset)
        if not found:
            return SafeString("")
        srcset = ", ".join(f"{r.url} {r.width}w" for r in found)
        extra = SafeString(
            "".join(format_html(' {}="{}"', name.replace("_", "-"), value) for name, value in attrs.items() if value)
        )
        first = found[0]
        return format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}>',
            first.url,
            srcset,
            sizes,
            first.width,
            first.height,
            alt,
            extra,
        )


# Cards kept in this process: (article token, site token, presets) → card. An article's token
# changes with anything that changes its card (edit, move, unpublish, takedown — see
# `phoihop.portal.cache`), the site token with the categories a card names.
_memo: dict[int, tuple[tuple[str, str, tuple[str, ...]], ArticleCard]] = {}
MEMO_LIMIT = 5_000  # about 8 KB each with their markup


def load_memoized(
    ids: Iterable[int],
    *,
    versions: dict[int, tuple[str, str]],
    root_paths: Sequence[Any],
    categories_by_path: dict[str, Any],
    presets: Sequence[str],
) -> dict[int, ArticleCard]:
    """`load`, reusing the cards this process built while `versions` ((article token, site token)
    per id, read for this request) are unchanged; only the others are read."""
    wanted = tuple(presets)
    found: dict[int, ArticleCard] = {}
    missing = []
    for pk in ids:
        hit = _memo.get(pk)
        version = versions.get(pk)
        if hit is not None and version is not None and hit[0] == (*version, wanted):
            found[pk] = hit[1]
        else:
            missing.append(pk)
    if missing:
        loaded = load(missing, root_paths=root_paths, categories_by_path=categories_by_path, presets=presets)
        if len(_memo) + len(loaded) > MEMO_LIMIT:
            _memo.clear()
        for pk, card in loaded.items():
            version = versions.get(pk)
            if version is not None:
                _memo[pk] = ((*version, wanted), card)
        found.update(loaded)
    return found


def load(
    ids: Iterable[int], *, root_paths: Sequence[Any], categories_by_path: dict[str, Any], presets: Sequence[str]
) -> dict[int, ArticleCard]:
    """Cards of the live articles among `ids` (two queries, three the first time a rendition is
    missing)."""
    rows = sql.card_rows(ids)
    cards: dict[int, ArticleCard] = {}
    focal: dict[int, SimpleNamespace] = {}
    for pk, path, title, url_path, published, sapo, pick, image_id, *focal_values in rows:
        local = timezone.localtime(published) if published else timezone.localtime()
        cards[pk] = ArticleCard(
            pk=pk,
            title=title,
            url=relative_url(url_path, root_paths),
            path=path,
            published=local,
            published_label=local.strftime("%d/%m/%Y %H:%M"),
            published_iso=local.isoformat(),
            sapo=sapo,
            editors_pick=pick,
            image_id=image_id,
            category=categories_by_path.get(path[: -ArticlePage.steplen]),
        )
        if image_id is not None:
            focal[image_id] = SimpleNamespace(**dict(zip(FOCAL_FIELDS, focal_values, strict=True)))
    if focal and presets:
        _attach_thumbs(cards.values(), focal, presets)
    return cards


def _attach_thumbs(cards: Iterable[ArticleCard], focal: dict[int, SimpleNamespace], presets: Sequence[str]) -> None:
    wanted = {preset: images.filters(images.PRESETS[preset]) for preset in presets}
    specs = {f.spec for filters in wanted.values() for f in filters}
    found: dict[tuple[int, str, str], Rendered] = {}
    storage = get_rendition_storage()  # the public one: originals are never linked
    for image_id, spec, key, file, width, height in sql.rendition_rows(focal, specs):
        found[(image_id, spec, key)] = Rendered(storage.url(file), width, height)
    missing: dict[int, list[Any]] = defaultdict(list)
    resolved: dict[tuple[int, str], list[Rendered]] = {}
    for image_id, namespace in focal.items():
        for preset, filters in wanted.items():
            renditions = [found.get((image_id, f.spec, f.get_cache_key(namespace))) for f in filters]
            if all(r is not None for r in renditions):
                resolved[(image_id, preset)] = renditions  # type: ignore[assignment]
            else:
                missing[image_id].append(preset)
    if missing:
        for image in get_image_model().objects.filter(pk__in=list(missing)):
            for preset in missing[image.pk]:
                made = image.get_renditions(*wanted[preset]).values()
                resolved[(image.pk, preset)] = [Rendered(r.url, r.width, r.height) for r in made]
    for card in cards:
        if card.image_id is None:
            continue
        for preset in presets:
            if (card.image_id, preset) in resolved:
                card.thumbs[preset] = resolved[(card.image_id, preset)]
