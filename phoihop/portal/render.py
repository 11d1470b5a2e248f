"""HTML of the article lists (cards), built in Python.

A list item is a dozen lines of markup, shown 20 to 40 times per page: rendered through Django
templates that costs more than everything else on a cached-miss page, here a few microseconds.
The markup is the one the stylesheet (static/css/portal.css, "Lists of articles") expects; all
text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from phoihop.portal.cards import ArticleCard

THUMB_SIZES = "(min-width: 720px) 280px, 100vw"
SAPO_WORDS = 40


def _meta(card: ArticleCard, *, category: bool) -> str:
    section = f'<span class="cat">{escape(card.category.title)}</span> ' if category and card.category else ""
    return f'<p class="meta">{section}<time datetime="{card.published_iso}">{card.published_label}</time></p>'


def _truncate(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def item(card: ArticleCard, *, image: bool = False, category: bool = False, sapo: bool = False, level: int = 3) -> str:
    url = escape(card.url)
    has_image = image and card.lead_image
    html = [f'<article class="item{" has-image" if has_image else ""}">']
    if has_image:
        picture = card.image_html("thumb", sizes=THUMB_SIZES, loading="lazy")
        html.append(f'<a class="thumb" href="{url}" tabindex="-1" aria-hidden="true">{picture}</a>')
    html.append(f'<h{level} class="item-title"><a href="{url}">{escape(card.title)}</a></h{level}>')
    html.append(_meta(card, category=category))
    if sapo:
        html.append(f'<p class="item-sapo">{escape(_truncate(card.sapo, SAPO_WORDS))}</p>')
    html.append("</article>")
    return "".join(html)


def items(
    cards: Iterable[ArticleCard],
    *,
    image: bool = False,
    first_image: bool = False,
    category: bool = False,
    sapo: bool = False,
    level: int = 3,
) -> SafeString:
    """`image`: every item with its thumbnail; `first_image`: only the first one."""
    return mark_safe(  # noqa: S308 — every value above is escaped
        "\n".join(
            item(card, image=image or (first_image and i == 0), category=category, sapo=sapo, level=level)
            for i, card in enumerate(cards)
        )
    )


def lines(cards: Iterable[ArticleCard]) -> SafeString:
    """`<li>` lines: title link, category and time ("Tin khác", "Đọc nhiều")."""
    return mark_safe(  # noqa: S308 — every value is escaped
        "\n".join(
            f'<li><a href="{escape(c.url)}">{escape(c.title)}</a> <span class="meta">'
            + (f'<span class="cat">{escape(c.category.title)}</span> ' if c.category else "")
            + f'<time datetime="{c.published_iso}">{c.published_label}</time></span></li>'
            for c in cards
        )
    )
