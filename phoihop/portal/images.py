"""Responsive images from Wagtail renditions, without Wagtail's per-call overhead.

Wagtail's `srcset_image` tag parses its filter specs again for every image and writes every
rendition it used back to the cache. Here the parsed filters are kept per process, and when the
renditions were prefetched with the image (the portal's list queries do that) they are read from
the prefetch; anything missing goes through Wagtail's `get_renditions`, which creates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images.models import Filter, get_rendition_storage

from phoihop.portal import sql

# The renditions the templates use, by name ({% responsive_image image "thumb" … %}). The list
# queries prefetch exactly these, so keep them here only.
PRESETS = {
    "thumb": "fill-{320x200,640x400}|format-webp",
    "lead-story": "fill-{640x360,960x540,1280x720}|format-webp",
    "article": "width-{480,800,1200}|format-webp",
}


@lru_cache(maxsize=64)
def filters(pattern: str) -> tuple[Filter, ...]:
    """`"fill-{320x200,640x400}|format-webp"` → its Filter objects (parsed once per process)."""
    return tuple(Filter(spec=spec) for spec in Filter.expand_spec(pattern))


@dataclass(slots=True)
class Rendered:
    """What a page needs of a rendition."""

    url: str
    width: int
    height: int


def attach(images: Iterable[Any], *patterns: str) -> None:
    """Read the existing renditions of `images` for `patterns` in one query and keep them on the
    images, for `renditions` (missing ones are still created on demand)."""
    by_id = {image.pk: image for image in images}
    for image in by_id.values():
        image._portal_renditions = {}
    specs = {f.spec for pattern in patterns for f in filters(pattern)}
    storage = get_rendition_storage()  # the public one: originals are never linked
    for image_id, spec, key, file, width, height in sql.rendition_rows(by_id, specs):
        by_id[image_id]._portal_renditions[(spec, key)] = Rendered(storage.url(file), width, height)


def renditions(image: Any, pattern: str) -> list[Any]:
    """The renditions of `image` for every spec in `pattern`, in order."""
    wanted = filters(pattern)
    attached = getattr(image, "_portal_renditions", None)
    if attached is not None:
        found = [attached.get((f.spec, f.get_cache_key(image))) for f in wanted]
        if all(r is not None for r in found):
            return found
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is not None:
        by_key = {(r.filter_spec, r.focal_point_key): r for r in prefetched}
        found = [by_key.get((f.spec, f.get_cache_key(image))) for f in wanted]
        if all(r is not None for r in found):
            return found
    return list(image.get_renditions(*wanted).values())


def responsive_img(image: Any, preset: str, *, sizes: str, alt: str = "", **attrs: str) -> SafeString:
    """An <img> with `srcset` of every rendition of the `preset`, the first one as `src`."""
    found = renditions(image, PRESETS[preset])
    first = found[0]
    srcset = ", ".join(f"{r.url} {r.width}w" for r in found)
    extra = SafeString(
        "".join(format_html(' {}="{}"', name.replace("_", "-"), value) for name, value in attrs.items() if value)
    )
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
