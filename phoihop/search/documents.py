"""From content to index rows: plain text out of rich text and StreamField data, then the folded forms.

No database access here: the importer calls these on thousands of articles per second, and the
services call them for one article at a time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import vntext
from vntext.tokens import token_pairs

# PostgreSQL keeps word positions up to 16,383 in a tsvector; past that, phrases could match on one
# database and not on the other. Both databases therefore index the same first tokens.
MAX_INDEXED_TOKENS = 16_000

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|tr)\s*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def html_to_text(value: str) -> str:
    """Plain text of rich-text HTML: block ends become line breaks, tags go, entities are decoded."""
    text = _TAG.sub(" ", _BLOCK_END.sub("\n", value))
    text = html.unescape(text)
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


# Text-bearing fields of the body's struct blocks (image and video captions, quotes and who said them,
# gallery titles); lists inside them (gallery images, table rows) are walked too.
_TEXT_KEYS = ("title", "caption", "quote", "attribution", "text")
_NESTED_KEYS = ("images", "data")


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [html_to_text(value)]
    if isinstance(value, list):
        # Stream and list blocks ({"type", "value", "id"} items) or table rows (lists of cells).
        return [text for item in value for text in _texts(item.get("value") if isinstance(item, dict) else item)]
    if isinstance(value, dict):
        texts = [value[key] for key in _TEXT_KEYS if isinstance(value.get(key), str)]
        return texts + [text for key in _NESTED_KEYS for text in _texts(value.get(key))]
    return []


def stream_text(raw_blocks: Iterable[Any]) -> str:
    """Plain text of an article body's raw StreamField data, in order: paragraphs, captions, quotes,
    table cells. Embeds' addresses and links to other articles are not text of the article."""
    parts: list[str] = []
    for block in raw_blocks:
        if isinstance(block, dict) and block.get("type") != "related":
            parts.extend(_texts(block.get("value")))
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class IndexFields:
    """The columns every index row shares (see `models.IndexedText`)."""

    title: str
    text: str
    title_f: str
    text_f: str
    accent_terms: str

    def as_dict(self) -> dict[str, str]:
        return {
            "title": self.title,
            "text": self.text,
            "title_f": self.title_f,
            "text_f": self.text_f,
            "accent_terms": self.accent_terms,
        }


def _padded(tokens: Sequence[str]) -> str:
    # Stored with a space at both ends so " word " and " two words " are found with one instr/strpos.
    return f" {' '.join(tokens)} " if tokens else ""


def index_fields(*, title: str, text: str, extra: Sequence[str] = ()) -> IndexFields:
    """Build an index row's text columns.

    `title` and `text` are what readers see (and what snippets are cut from); `extra` is searchable
    but never shown in a snippet (tags, bylines, the category's name). Everything is normalized
    (NFC, one tone placement) first, so a stored "hoà" is found as "hòa" and the other way round.
    """
    title = vntext.clean_line(title)
    text = vntext.normalize(text).strip()
    title_pairs = token_pairs(title)
    text_pairs = token_pairs("\n".join([text, *extra]))
    room = max(0, MAX_INDEXED_TOKENS - len(title_pairs))
    marked = {raw.lower() for raw, folded in title_pairs if raw.lower() != folded}
    marked.update(raw.lower() for raw, folded in text_pairs[:room] if raw.lower() != folded)
    return IndexFields(
        title=title,
        text=text,
        title_f=_padded([folded for _, folded in title_pairs[:MAX_INDEXED_TOKENS]]),
        text_f=" ".join(folded for _, folded in text_pairs[:room]),
        accent_terms=_padded(sorted(marked)),
    )
