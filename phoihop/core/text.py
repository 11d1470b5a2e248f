"""Text on the way in: every form, API payload and import passes through here (vntext does the work)."""

from __future__ import annotations

import vntext


def clean_text(value: str | None) -> str:
    """One-line text: NFC, new-style tones, whitespace collapsed."""
    return vntext.clean_line(value or "")


def clean_multiline(value: str | None) -> str:
    """Multi-line text: NFC and new-style tones; line breaks kept, trailing spaces trimmed."""
    text = vntext.normalize(value or "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


# The rich-text subset the article body allows (Wagtail's own link attributes included, so
# internal page links survive).
RICH_TEXT_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}


def clean_html(value: str | None) -> str:
    """Rich text on the way in: NFC, new-style tones, and only the allowed tags (scripts, styles,
    event handlers and javascript: links are removed)."""
    import nh3

    return nh3.clean(
        vntext.normalize(value or ""),
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
    )
