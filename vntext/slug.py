"""ASCII slugs for URLs (``/<chuyen-muc>/<slug>/``).

Slugs are public URLs, so the output for a given input must never change once published: the rules
below are frozen by the tests in ``tests/test_slug.py``. Rules: :func:`~vntext.fold.fold` the text,
turn every run of characters other than ``a-z`` and ``0-9`` into one ``-``, strip dashes at both
ends, and if the result is longer than ``max_length`` cut it at the last dash that keeps it within
the limit (a single word longer than the limit is cut inside the word).
"""

from __future__ import annotations

import re

from vntext.fold import fold

__all__ = ["slugify"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """Return a stable ASCII slug: "Chỉ đạo - Điều hành" → "chi-dao-dieu-hanh"; "" for empty input.

    Raises ``ValueError`` if ``max_length`` is below 1.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut.endswith("-"):
        return cut[:-1]
    head, dash, _ = cut[:max_length].rpartition("-")
    # Without a dash the first word alone is too long: cut it rather than return an empty slug.
    return head if dash else cut[:max_length]
