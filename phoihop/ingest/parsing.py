"""Reading an RFC 822 message the way Vietnamese mail clients write them.

The standard library's `email` package with `policy.default` decodes RFC 2047 encoded words in
headers, RFC 2231 file names, quoted-printable and base64 bodies and every charset Python knows
(utf-8, windows-1258, …). What is ours: choosing the body (text/plain first, else the HTML cleaned
by the project's sanitizer and turned to text), unwrapping forwarded messages (attached as
message/rfc822, or quoted inline under Gmail's, Thunderbird's or Outlook's header block), cutting
the quoted history off a reply, and reading the MTA's Authentication-Results. Text comes out
NFC-normalized (`phoihop.core.text`). Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from phoihop.core.text import clean_html, clean_multiline, clean_text

# Forward markers: Gmail (en, vi), Thunderbird, Apple Mail, Outlook.
FORWARD_MARKER = re.compile(
    r"^\s*(?:-{4,}\s*(?:Forwarded message|Forwarded Message|Original Message|Thư đã chuyển tiếp|"
    r"Thư chuyển tiếp|Thư gốc)\s*-{4,}|Begin forwarded message:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# The header lines of a forwarded or quoted message (Outlook writes them after a rule of underscores).
HEADER_LINE = re.compile(
    r"^\s*\*?(From|Sent|Date|To|Cc|Subject|Từ|Ngày|Đã gửi|Gửi|Tới|Đến|Cc|Chủ đề|Tiêu đề)\*?\s*:\s*(.*)$",
    re.IGNORECASE,
)
SUBJECT_KEYS = {"subject", "chủ đề", "tiêu đề"}
SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:fwd?|fw|tv|re|trả lời|chuyển tiếp|aw|sv)\s*:\s*)+", re.IGNORECASE)
# Where the quoted history of a reply starts.
QUOTE_START = re.compile(
    r"^\s*(?:On .{4,200} wrote:|Vào .{4,200} đã viết:|.{4,200} (?:viết|đã viết):|-{4,}\s*Original Message\s*-{4,}|"
    r"_{10,}|From:\s.+|Từ:\s.+)\s*$",
    re.IGNORECASE,
)
AUTH_FAIL = re.compile(r"\b(dmarc|spf|dkim)\s*=\s*fail\b", re.IGNORECASE)
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class MailFile:
    name: str
    content: bytes


@dataclass
class ParsedMail:
    message_id: str
    sender: str
    sender_name: str
    subject: str
    text: str
    recipients: str
    files: list[MailFile] = field(default_factory=list)
    auth_failures: list[str] = field(default_factory=list)
    forwarded: bool = False

    @property
    def title(self) -> str:
        """The subject without its Fwd:/TV:/Re: prefixes."""
        return clean_text(SUBJECT_PREFIX.sub("", self.subject))


def parse_mail(raw: bytes) -> ParsedMail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)  # noqa: S101 — policy.default always builds one
    name, sender = _first_address(str(message.get("From", "")))
    message_id = clean_text(str(message.get("Message-ID", "")))[:250]
    if not message_id:
        message_id = "sha256:" + hashlib.sha256(raw).hexdigest()
    recipients = " ".join(
        str(value)
        for key in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
        for value in message.get_all(key, [])
    )
    failures = sorted(
        {
            m.group(0).lower().replace(" ", "")
            for h in message.get_all("Authentication-Results", [])
            for m in AUTH_FAIL.finditer(str(h))
        }
    )
    subject = clean_text(str(message.get("Subject", "")))
    text, files, inner = _walk(message)
    forwarded = False
    if inner is not None:
        # An attached forward: the inner message is what was sent; the outer text is a note.
        inner_text, inner_files, _nested = _walk(inner)
        note = text.strip()
        text = (note + "\n\n" if note else "") + inner_text
        files = files + inner_files
        inner_subject = clean_text(str(inner.get("Subject", "")))
        subject = inner_subject or subject
        forwarded = True
    else:
        unwrapped, inline_subject = unwrap_inline_forward(text)
        if unwrapped is not None:
            text, forwarded = unwrapped, True
            subject = inline_subject or subject
    return ParsedMail(
        message_id=message_id,
        sender=sender,
        sender_name=clean_text(name),
        subject=subject[:500],
        text=clean_multiline(text),
        recipients=recipients,
        files=files,
        auth_failures=failures,
        forwarded=forwarded,
    )


def _first_address(value: str) -> tuple[str, str]:
    pairs = [(n, a) for n, a in getaddresses([value]) if "@" in a]
    if not pairs:
        return "", ""
    name, address = pairs[0]
    return name, address.strip().lower()


def _text_of(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset: keep what can be read
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload)
    return content if isinstance(content, str) else ""


def html_to_text(value: str) -> str:
    """HTML mail as plain text: the project's sanitizer first (scripts, styles and handlers go with
    their content), then block ends as line breaks and no tags at all."""
    import nh3

    cleaned = clean_html(value)
    with_breaks = BLOCK_END.sub(lambda m: m.group(0) + "\n", cleaned)
    return html.unescape(nh3.clean(with_breaks, tags=set()))


def _walk(message: EmailMessage) -> tuple[str, list[MailFile], EmailMessage | None]:
    """(body text, attached files, an attached forwarded message) of one message, not descending
    into the forwarded one."""
    plain: list[str] = []
    rich: list[str] = []
    files: list[MailFile] = []
    inner: EmailMessage | None = None
    stack: list[EmailMessage] = [message]
    while stack:
        part = stack.pop(0)
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            payload = part.get_payload()
            nested = payload[0] if isinstance(payload, list) and payload else None
            if inner is None and isinstance(nested, EmailMessage):
                inner = nested
            continue
        if part.is_multipart():
            stack[0:0] = [p for p in part.iter_parts() if isinstance(p, EmailMessage)]
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment":
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
            files.append(MailFile(name=clean_text(filename or "tep"), content=content))
        elif ctype == "text/plain":
            plain.append(_text_of(part))
        elif ctype == "text/html":
            rich.append(html_to_text(_text_of(part)))
    text = "\n\n".join(plain) if plain else "\n\n".join(rich)
    return text, files, inner


def unwrap_inline_forward(text: str) -> tuple[str | None, str]:
    """The forwarded message's own text and subject when `text` quotes one under a forward marker
    (or Outlook's From:/Sent:/To:/Subject: block); (None, "") otherwise. A note written above the
    forward is kept above it."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = None
    for index, line in enumerate(lines):
        if FORWARD_MARKER.match(line):
            start = index + 1
            break
    if start is None:
        # Outlook: an optional rule of underscores, then From: … with Sent:/Date: and Subject: below.
        for index, line in enumerate(lines):
            if HEADER_LINE.match(line) and HEADER_LINE.match(line).group(1).lower() in {"from", "từ"}:  # type: ignore[union-attr]
                window = [HEADER_LINE.match(other) for other in lines[index : index + 6]]
                keys = {m.group(1).lower() for m in window if m}
                if keys & {"sent", "date", "đã gửi", "ngày"} and keys & SUBJECT_KEYS:
                    start = index
                    break
    if start is None:
        return None, ""
    note = "\n".join(line for line in lines[: max(start - 1, 0)] if not re.fullmatch(r"\s*_{10,}\s*", line)).strip()
    subject = ""
    position = start
    while position < len(lines) and (HEADER_LINE.match(lines[position]) or not lines[position].strip()):
        match = HEADER_LINE.match(lines[position])
        if match and match.group(1).lower() in SUBJECT_KEYS:
            subject = clean_text(match.group(2))
        position += 1
        if position > start and not lines[position - 1].strip() and subject:
            break
    body = "\n".join(lines[position:]).strip()
    return (note + "\n\n" + body if note else body), subject


def strip_quoted(text: str) -> str:
    """A reply without the history its client quoted below it ("On … wrote:", "> " lines, Outlook's block)."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if QUOTE_START.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return clean_multiline("\n".join(kept))
