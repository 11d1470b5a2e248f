"""Background work of the orders: the PDF snapshots of an accepted period's pages, in the worker."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task


@task()
def snapshot_period_task(period_id: int) -> dict[str, object]:
    """Print each accepted item's published page to PDF (system Chromium); a reason when it cannot."""
    from phoihop.orders.models import Item
    from phoihop.orders.services import snapshot_item

    notes = {}
    for item_id in Item.objects.filter(period_id=period_id, included=True).values_list("pk", flat=True):
        notes[item_id] = snapshot_item(item_id=item_id, base_url=settings.PHOIHOP_BASE_URL)
    return {"period": period_id, "items": len(notes)}
