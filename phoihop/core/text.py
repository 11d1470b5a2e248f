"""Text on the way in: every form, API payload and import passes through here (vntext does the work).

The Wagtail admin reaches the same functions through its form fields (`phoihop.core.wagtail_normalize`).
"""

from __future__ import annotations

import re

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


# A tag, with quoted attribute values that may hold ">" themselves, or a comment.
_MARKUP = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL)


def normalize_html(value: str | None) -> str:
    """NFC and new-style tones in the text between tags; tags, attribute values and entities are
    kept byte for byte.

    Normalizing the whole string instead would not be safe: NFC composes ">" or "<" followed by
    U+0338 (combining long solidus) into "≯" / "≮", which would eat the end of a tag.
    """
    text = value or ""
    if vntext.normalize(text) == text:
        # Already canonical as a whole, so each text node is too: the usual case, at the cost of
        # one pass (the importer's bodies mostly arrive this way).
        return text
    parts: list[str] = []
    position = 0
    for markup in _MARKUP.finditer(text):
        parts.append(vntext.normalize(text[position : markup.start()]))
        parts.append(markup.group())
        position = markup.end()
    parts.append(vntext.normalize(text[position:]))
    return "".join(parts)


def clean_html(value: str | None) -> str:
    """Rich text on the way in: only the allowed tags (scripts, styles, event handlers and
    javascript: links are removed), then NFC and new-style tones in the text (`normalize_html`)."""
    import nh3

    return normalize_html(
        nh3.clean(
            value or "",
            tags=RICH_TEXT_TAGS,
            attributes=RICH_TEXT_ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener",
        )
    )
