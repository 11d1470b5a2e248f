"""Template helpers of the public site."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from phoihop.portal import cache, extensions, images, render, seo

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: dict[str, Any], path: str) -> str:
    """`path` with the Wagtail site's root URL in front (canonical links, Open Graph)."""
    return seo.absolute(context.get("request"), path)


@register.simple_tag(takes_context=True)
def page_canonical(context: dict[str, Any], page_obj: Any = None) -> str:
    """The canonical URL of the current listing page: its path, plus `?trang=n` beyond page 1."""
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else "/"
    if page_obj is not None and page_obj.number > 1:
        path += "?" + urlencode({"trang": page_obj.number})
    return seo.absolute(request, path)


@register.simple_tag(takes_context=True)
def website_json_ld(context: dict[str, Any]) -> SafeString:
    return seo.website_json_ld(context["request"])


@register.filter
def iso(value: Any) -> str:
    """`2024-11-21T19:41:00+07:00`."""
    return seo.iso(value) if value else ""


@register.simple_tag
def responsive_image(image: Any, preset: str, sizes: str, alt: str = "", **attrs: str) -> SafeString:
    """`{% responsive_image image_or_card "thumb" "100vw" loading="lazy" %}` (presets: images.PRESETS).

    Takes a Wagtail image, or an article card (`phoihop.portal.cards`) whose thumbnails are loaded.
    """
    if not image:
        return SafeString("")
    if hasattr(image, "image_html"):
        return image.image_html(preset, sizes=sizes, alt=alt, **attrs)
    return images.responsive_img(image, preset, sizes=sizes, alt=alt, **attrs)


class FragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, args: list[Any]) -> None:
        self.nodelist = nodelist
        self.args = args

    def render(self, context: template.Context) -> str:
        group, page, part = (arg.resolve(context) for arg in self.args)
        if page is None or page.pk is None:  # an unsaved page: nothing to key it by
            return self.nodelist.render(context)
        return cache.fragment(
            context.get("request"),
            group,
            page.pk,
            part,
            [cache.article_key(page.pk)],
            lambda: self.nodelist.render(context),
        )


@register.tag("article_fragment")
def article_fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """`{% article_fragment "article" page "main" %}…{% endarticle_fragment %}`: a part of the page
    that shows only the article's own content, reused until the article changes (see
    `phoihop.portal.cache.fragment`). Everything it shows must come from the article (and the site
    structure) — lists of other articles stay outside."""
    bits = token.split_contents()
    if len(bits) != 4:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a group, a page and a part name")
    nodelist = parser.parse(("endarticle_fragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


@register.simple_tag(takes_context=True)
def extension_slot(context: template.Context, slot: str, page: Any) -> SafeString:
    """`{% extension_slot "article_after_body" page %}`: what the apps above portal show in that
    slot (see `phoihop.portal.extensions`), so portal's templates never load their tags."""
    return extensions.render(slot, context, page)


@register.simple_tag(takes_context=True)
def category_nav(context: template.Context) -> SafeString:
    """The category menu (see `render.category_nav`), the current category marked."""
    request: HttpRequest | None = context.get("request")
    current = context.get("current_category")
    page = context.get("page")
    return render.category_nav(
        request,
        current_pk=getattr(current, "pk", None),
        current_is_page=current is not None and getattr(page, "pk", None) == current.pk,
        at_home=request is not None and request.path == "/",
    )


@register.simple_tag
def article_items(cards: Any, **options: Any) -> SafeString:
    """`{% article_items latest image=True category=True %}` — see `phoihop.portal.render.items`."""
    return render.items(cards or (), **options)


@register.simple_tag
def article_lines(cards: Any) -> SafeString:
    return render.lines(cards or ())
