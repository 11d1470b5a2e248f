"""Highlighted snippets: a short passage of the original text with what the reader looked for in <mark>.

What is marked, in order of preference:

1. occurrences of a whole query variant, adjacent and in order ("HĐND huyện" also finds "Hội đồng
   nhân dân huyện"), compared folded so "Dang Duc Quynh" marks "Đặng Đức Quỳnh";
2. otherwise each word of the query as typed (not the words of its expansions, so "HĐND" never
   marks every "dân" in the text);

and when the query carries marks, occurrences written with exactly those marks win over folded ones
("hòa" marks "hòa", not "hóa"), unless there are none. The passage is the window of about
`WINDOW_TOKENS` words holding the most occurrences; the start of the text when nothing occurs in it
(a title-only match).

Every character of the text is HTML-escaped; the only markup in the result is the <mark> elements
added here.

Occurrences are found by plain string search in the row's folded text (``text_f``, the same tokens
as the text, space-separated), then only the text up to the end of the chosen window is split into
words: snippets are built for every result on every page, so they must cost little.
"""

from __future__ import annotations

import bisect

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from phoihop.search.engine import ParsedQuery
from vntext.tokens import token_spans

WINDOW_TOKENS = 32
LEAD_TOKENS = 6
EARLY_TOKENS = 160
ELLIPSIS = "…"


def _find(haystack: str, words: tuple[str, ...], *, prefix: bool) -> list[int]:
    """Token indexes where `words` occur in `haystack` (" a b c ": tokens, single-space-separated)."""
    needle = " " + " ".join(words) + ("" if prefix else " ")
    found = []
    at = haystack.find(needle)
    while at != -1:
        # The needle starts at the space before token k, the (k+1)th space of the haystack.
        found.append(haystack.count(" ", 0, at + 1) - 1)
        at = haystack.find(needle, at + 1)
    return found


def _occurrences(folded: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """(first token, token count) of every whole-variant occurrence, else of every typed word."""
    haystack = f" {folded} "
    found = {(i, len(v)) for v in query.variants for i in _find(haystack, v, prefix=query.prefix)}
    if not found:
        typed = query.variants[0]
        last = len(typed) - 1
        found = {(i, 1) for k, w in enumerate(typed) for i in _find(haystack, (w,), prefix=query.prefix and k == last)}
    hits = sorted(found)
    # Prefer the beginning (sapo, first paragraphs): a passage there reads best, and only that much
    # of the text needs splitting into words.
    early = [hit for hit in hits if hit[0] < EARLY_TOKENS]
    return early or hits


def snippet(text: str, query: ParsedQuery, folded: str | None = None) -> SafeString:
    """The best passage of `text` (already normalized) for `query`, escaped, with <mark>s.

    `folded` is the text's folded tokens, space-separated (the index row's ``text_f``; tokens after the
    text's own, such as tags, are ignored); computed from `text` when not given.
    """
    if folded is None:
        folded = " ".join(piece for _, _, piece in token_spans(text))
    hits = _occurrences(folded, query)
    # The text's words, but only as far as the passage can reach.
    reach = (max(hits)[0] + WINDOW_TOKENS) if hits else WINDOW_TOKENS
    spans = _spans(text, limit=reach + 1)
    if not spans:
        return mark_safe("")
    hits = [(i, size) for i, size in hits if i + size <= len(spans)]
    if hits and query.accent_terms:
        accented = set(query.accent_terms)
        exact = [
            (i, size)
            for i, size in hits
            if any(text[spans[k][0] : spans[k][1]].lower() in accented for k in range(i, i + size))
        ]
        hits = exact or hits
    start = 0
    if hits:
        firsts = [i for i, _ in hits]
        best = -1
        for first in firsts:
            window_start = max(0, first - LEAD_TOKENS)
            inside = bisect.bisect_left(firsts, window_start + WINDOW_TOKENS) - bisect.bisect_left(firsts, window_start)
            if inside > best:
                best, start = inside, window_start
    end = min(len(spans), start + WINDOW_TOKENS)
    marks = [(i, i + size - 1) for i, size in hits if i >= start and i + size <= end]
    char_start = spans[start][0] if start else 0
    more = len(spans) > end
    char_end = spans[end - 1][1] if more else len(text)
    parts: list[str] = [ELLIPSIS] if start else []
    position = char_start
    for first, last in _merge(marks, text, spans):
        parts.append(escape(text[position : spans[first][0]]))
        parts.append("<mark>" + escape(text[spans[first][0] : spans[last][1]]) + "</mark>")
        position = spans[last][1]
    parts.append(escape(text[position:char_end]))
    if more:
        parts.append(ELLIPSIS)
    # Line breaks inside the passage read as spaces in a one-line snippet.
    return mark_safe(" ".join("".join(parts).split()))  # noqa: S308 — every piece of text is escaped above


def _spans(text: str, *, limit: int) -> list[tuple[int, int, str]]:
    """The first `limit` token spans of `text` (tokenizing a prefix long enough to hold them)."""
    size = max(256, limit * 12)
    while True:
        spans = token_spans(text[:size])
        if size >= len(text):
            return spans[:limit]
        if len(spans) > limit:
            # The last token may have been cut by the prefix; it is past `limit` anyway.
            return spans[:limit]
        size *= 2


def _merge(marks: list[tuple[int, int]], text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Overlapping marks, and marks separated only by spaces, become one."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(marks):
        if merged:
            previous_first, previous_last = merged[-1]
            gap = text[spans[previous_last][1] : spans[first][0]] if first > previous_last else ""
            if first <= previous_last or (first == previous_last + 1 and not gap.strip()):
                merged[-1] = (previous_first, max(previous_last, last))
                continue
        merged.append((first, last))
    return merged
