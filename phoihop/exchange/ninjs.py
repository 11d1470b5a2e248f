"""Press conferences and briefings as IPTC ninjs 3.0 event items: `/api/v1/ninjs/events` and
`/api/v1/ninjs/events/<id>`, for the newspaper's planning tools and the unit's own software.

A conference is not public content: it is read with a token, through `exchange/access.py`, so a
token sees the conferences its owner sees on the site (another unit's is a 404). The item carries
what the invitation says — subject, time, place or online link, the host unit, the chair, the
programme — and, once held, what was provided; never the materials' files or the questions' authors.
A cancelled conference is an item with `pubStatus` "canceled". Valid against IPTC's schema, vendored
in `portal/vendor/ninjs/` (tested).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict

from phoihop.accounts.api import token_auth
from phoihop.core.api import PageParams, json_response, paginate, problem_responses
from phoihop.core.http import MAX_ID
from phoihop.core.origin import public_url
from phoihop.exchange import access
from phoihop.exchange.models import PressConference

router = Router(tags=["họp báo"])

NINJS_SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json#"
ID = Path(..., ge=1, le=MAX_ID, description="Mã số (id) của cuộc họp báo.")
READ_ERRORS = problem_responses(401, 404, 422, 429)


def _iso(moment: Any) -> str | None:
    return timezone.localtime(moment).isoformat() if moment is not None else None


def ninjs_event(conference: PressConference) -> dict[str, Any]:
    """One conference as a ninjs 3.0 event item (a plain dict, with no empty optional property)."""
    url = public_url(conference.get_absolute_url())
    descriptions = [{"role": "summary", "contentType": "text/plain", "value": conference.programme}]
    if conference.state == PressConference.State.HELD and conference.outcome:
        descriptions.append({"role": "outcome", "contentType": "text/plain", "value": conference.outcome})
    places = []
    if conference.place:
        places.append({"name": conference.place, "rel": "venue"})
    if conference.online_url:
        places.append({"name": conference.online_url, "rel": "online", "uri": conference.online_url})
    unit = conference.organization
    item: dict[str, Any] = {
        "uri": url,
        "standard": {"name": "ninjs", "version": "3.0", "schema": NINJS_SCHEMA_URI},
        "type": "event",
        "representationType": "full",
        "profile": f"phoihop-{conference.kind}",
        "version": str(int(conference.updated_at.timestamp())),
        "firstCreated": _iso(conference.created_at),
        "versionCreated": _iso(conference.updated_at),
        "pubStatus": "canceled" if conference.state == PressConference.State.CANCELLED else "usable",
        "language": "vi",
        "headlines": [{"role": "main", "value": conference.title}],
        "descriptions": [d for d in descriptions if d["value"]] or None,
        "eventDetails": {
            "dates": {"startDate": _iso(conference.starts_at)},
            "organiser": {"name": conference.host or unit.name, "literal": str(unit.pk)},
        },
        "places": places or None,
        "people": [{"name": conference.chaired_by, "rel": "chair"}] if conference.chaired_by else None,
        "subjects": [{"name": conference.get_kind_display(), "rel": "kind", "literal": conference.kind}],
        "altIds": [
            {"role": "phoihop-id", "value": str(conference.pk)},
            {"role": "phoihop-state", "value": conference.state},
        ],
    }
    return {key: value for key, value in item.items() if value is not None}


class NinjsEventPage(Schema):
    model_config = ConfigDict(extra="allow")

    count: int
    next: str | None
    previous: str | None
    results: list[dict[str, Any]]


class NinjsEvent(Schema):
    """A ninjs 3.0 event item (see IPTC's schema for every property)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "uri": "https://baothunghiem.vn/phoi-hop/hop-bao/7/",
                    "standard": {"name": "ninjs", "version": "3.0", "schema": NINJS_SCHEMA_URI},
                    "type": "event",
                    "representationType": "full",
                    "profile": "phoihop-hop_bao",
                    "version": "1796523600",
                    "pubStatus": "usable",
                    "language": "vi",
                    "headlines": [{"role": "main", "value": "Họp báo thông tin kết quả kinh tế - xã hội năm"}],
                    "eventDetails": {
                        "dates": {"startDate": "2026-12-12T14:30:00+07:00"},
                        "organiser": {"name": "UBND xã Thanh Trì", "literal": "12"},
                    },
                    "places": [{"name": "Hội trường UBND xã", "rel": "venue"}],
                    "altIds": [{"role": "phoihop-id", "value": "7"}, {"role": "phoihop-state", "value": "planned"}],
                }
            ]
        },
    )

    uri: str
    type: str
    headlines: list[dict[str, Any]]


def _visible(request: HttpRequest) -> Any:
    return access.press_conferences_for_user(request.user).select_related("organization").order_by("-starts_at", "-pk")


@router.get(
    "/ninjs/events",
    auth=token_auth,
    response={200: NinjsEventPage, 304: None, **READ_ERRORS},
    url_name="ninjs_events",
    summary="Họp báo, giao ban báo chí theo chuẩn IPTC ninjs 3.0 (sự kiện)",
)
def ninjs_events(request: HttpRequest, filters: Query[PageParams]) -> HttpResponse:
    """Those the token's owner sees on the site, the latest first."""
    return json_response(request, paginate(request, _visible(request), filters, ninjs_event))


@router.get(
    "/ninjs/events/{conference_id}",
    auth=token_auth,
    response={200: NinjsEvent, 304: None, **READ_ERRORS},
    url_name="ninjs_event",
    summary="Một cuộc họp báo theo chuẩn IPTC ninjs 3.0",
)
def ninjs_event_read(request: HttpRequest, conference_id: int = ID) -> HttpResponse:
    conference = access.get_press_conference_for_user(request.user, conference_id)
    return json_response(request, ninjs_event(conference))
