"""The signature of a delivery: `Phoihop-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.

The HMAC's key is the endpoint's secret and its message is `f"{t}.{body}"` (the exact bytes sent).
A receiver recomputes it, compares in constant time and refuses a `t` too far from its own clock
(five minutes is usual), so a captured delivery cannot be replayed by someone else later.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Phoihop-Signature"
EVENT_HEADER = "Phoihop-Event"
DELIVERY_HEADER = "Phoihop-Delivery"
TOLERANCE_SECONDS = 300


def signature(secret: str, body: bytes, timestamp: int) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={signature(secret, body, t)}"


def verify(
    secret: str, body: bytes, value: str, *, now: float | None = None, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver does (the README's snippet is the same): True for a genuine, fresh signature."""
    try:
        fields = dict(part.split("=", 1) for part in value.split(","))
        t = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - t) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, body, t), fields.get("v1", ""))
