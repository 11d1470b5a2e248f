"""Background work of fact-checking: answering the tipsters once a rebuttal is published."""

from __future__ import annotations

from django_tasks import task


@task()
def rebuttal_published_task(page_id: int) -> int:
    from phoihop.factcheck.services import rebuttal_published

    return rebuttal_published(page_id=page_id)
