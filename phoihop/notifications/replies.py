"""Signed reply addresses: a notification e-mail about a thread says where a reply goes.

A token names one thread (`s12`: submission 12, `r7`: information request 7) and carries an HMAC
of it under the project's secret key, in lowercase hex so that a mail server folding the local part
to lowercase does not break it: `reply+s12-3f9a…@PHOIHOP_MAIL_REPLY_DOMAIN`. The token says which
thread only; whether the sender may post there is checked again when the reply comes in
(`phoihop.ingest`).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "phoihop.notifications.reply"
KINDS = {"submission": "s", "inforequest": "r"}
TOKEN = re.compile(r"\breply\+([a-z0-9-]{3,80})@", re.IGNORECASE)


def _signature(value: str) -> str:
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:24]


def reply_token(model: str, pk: int) -> str:
    value = f"{KINDS[model]}{int(pk)}"
    return f"{value}-{_signature(value)}"


def reply_address(model: str, pk: int) -> str:
    """The Reply-To of a notification e-mail about a thread, or "" when no reply domain is set."""
    domain = getattr(settings, "PHOIHOP_MAIL_REPLY_DOMAIN", "")
    if not domain or model not in KINDS:
        return ""
    return f"reply+{reply_token(model, pk)}@{domain}"


def find_token(addresses: str) -> str | None:
    """The first reply token in a string of addresses (To, Cc, Delivered-To …), unchecked."""
    match = TOKEN.search(addresses or "")
    return match.group(1).lower() if match else None


def parse_reply_token(token: str) -> tuple[str, int] | None:
    """(model, pk) of a well-signed token; None for a forged or damaged one."""
    value, _sep, signature = (token or "").lower().rpartition("-")
    match = re.fullmatch(r"([sr])(\d{1,18})", value)
    if match is None or not constant_time_compare(signature, _signature(value)):
        return None
    model = {code: name for name, code in KINDS.items()}[match.group(1)]
    return model, int(match.group(2))
