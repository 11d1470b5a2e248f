"""HTML of the article lists (cards), built in Python.

A list item is a dozen lines of markup, shown 20 to 40 times per page: rendered through Django
templates that costs more than everything else on a cached-miss page, here a few microseconds.
The markup is the one the stylesheet (static/css/portal.css, "Lists of articles") expects; all
text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from phoihop.portal import structure
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
    key = (image, category, sapo, level)
    html = card.html.get(key)
    if html is None:
        html = card.html[key] = _item(card, image=image, category=category, sapo=sapo, level=level)
    return html


def _item(card: ArticleCard, *, image: bool, category: bool, sapo: bool, level: int) -> str:
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


_nav_memo: dict[tuple[object, ...], SafeString] = {}


def category_nav(
    request: HttpRequest | None, *, current_pk: int | None, current_is_page: bool, at_home: bool
) -> SafeString:
    """The category menu and the search box, built once per site structure, language and current
    category in each process (25 links through a template cost more than the article's lists)."""
    site = structure.for_request(request)
    language = translation.get_language()
    key = (site.token, language, current_pk, current_is_page, at_home)
    html = _nav_memo.get(key)
    if html is None:
        home_mark = ' aria-current="page"' if at_home else ""
        links = [f'<li><a href="/"{home_mark}>{escape(gettext("Trang chủ"))}</a></li>']
        for category in site.categories:
            mark = ""
            if category.pk == current_pk:
                mark = ' aria-current="page"' if current_is_page else ' aria-current="true"'
            links.append(f'<li><a href="{escape(category.menu_url)}"{mark}>{escape(category.title)}</a></li>')
        search = escape(gettext("Tìm kiếm"))
        html = mark_safe(  # noqa: S308 — every value is escaped
            f'<nav class="category-nav" aria-label="{escape(gettext("Chuyên mục"))}">\n'
            f'  <div class="wrap nav-row"><ul>\n    {"".join(links)}\n  </ul>\n'
            f'  <form class="nav-search" role="search" action="/tim-kiem/" method="get">'
            f'<label for="nav-q" class="visually-hidden">{search}</label>'
            f'<input id="nav-q" type="search" name="q" placeholder="{search}">'
            f'<button type="submit">{escape(gettext("Tìm"))}</button></form>\n'
            "  </div>\n</nav>"
        )
        if len(_nav_memo) > 500:
            _nav_memo.clear()
        _nav_memo[key] = html
    return html
