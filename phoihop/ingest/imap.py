"""Polling an IMAPS mailbox: each unseen message goes through `ingest_message`, then is marked
\\Seen and moved to the done folder (or, without one, only flagged). A message whose ingestion
failed stays unseen, so the next run tries it again: nothing is lost between the mailbox and us."""

from __future__ import annotations

import imaplib
import logging
import ssl
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)


def _setting(overrides: dict[str, Any], name: str) -> Any:
    return overrides.get(name.lower(), getattr(settings, f"PHOIHOP_MAIL_IMAP_{name}", ""))


def fetch(**overrides: Any) -> dict[str, int]:
    """Read the mailbox once. Returns counts: created, duplicates, failed. Does nothing (all zero)
    when no host is configured. `overrides` (host, port, user, password, folder, done_folder,
    cafile) take the place of the PHOIHOP_MAIL_IMAP_* settings."""
    from phoihop.ingest.models import InboundMail
    from phoihop.ingest.services import ingest_message

    counts = {"created": 0, "duplicates": 0, "failed": 0}
    host = _setting(overrides, "HOST")
    if not host:
        return counts
    context = ssl.create_default_context(cafile=_setting(overrides, "CAFILE") or None)
    folder = _setting(overrides, "FOLDER") or "INBOX"
    done = _setting(overrides, "DONE_FOLDER")
    with imaplib.IMAP4_SSL(host, int(_setting(overrides, "PORT") or 993), ssl_context=context, timeout=60) as imap:
        imap.login(_setting(overrides, "USER"), _setting(overrides, "PASSWORD"))
        if done:
            imap.create(done)  # an error answer when it exists already is fine
        status, _data = imap.select(folder)
        if status != "OK":
            raise RuntimeError(f"IMAP folder {folder!r} cannot be selected")
        status, data = imap.uid("SEARCH", None, "UNSEEN")  # type: ignore[arg-type]
        uids = data[0].split() if status == "OK" and data and data[0] else []
        for uid in uids:
            status, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
            if status != "OK" or not isinstance(raw, bytes):
                counts["failed"] += 1
                continue
            try:
                _mail, created = ingest_message(raw, source=InboundMail.Source.IMAP)
            except Exception:
                logger.exception("mail-fetch: message %s left unread for the next run", uid)
                counts["failed"] += 1
                continue
            counts["created" if created else "duplicates"] += 1
            imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            if done:
                status, _moved = imap.uid("COPY", uid, done)
                if status == "OK":
                    imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
            else:
                imap.uid("STORE", uid, "+FLAGS", "(\\Flagged)")
        if done:
            imap.expunge()
        imap.close()
    return counts
