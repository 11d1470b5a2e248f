"""Writes of the orders: each service checks the actor's right, runs in one transaction (nothing
half-written: a failure rolls the whole step back), writes one AuditEvent."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.audit.services import audit_record
from phoihop.orders import access, selectors
from phoihop.orders.models import AcceptancePeriod, Deliverable, Item, Order, Payment
from phoihop.programs.models import Program


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


@transaction.atomic
def order_create(
    *,
    actor: Any,
    program: Program,
    unit: Any,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    value: int,
    legal_basis: str = "",
    contract_number: str = "",
    contract_date: dt.date | None = None,
    deliverables: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Order:
    """An order of `unit` (a party of the programme) with its deliverables; the newsroom only."""
    access.require_edit(actor)
    if not program.parties.filter(organization=unit).exists():
        raise ValidationError(_("Đơn vị đặt hàng phải là một bên của chương trình."))
    if ends_on < starts_on:
        raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    order = Order.objects.create(
        program=program,
        unit=unit,
        title=_nfc(title),
        legal_basis=_nfc(legal_basis),
        contract_number=_nfc(contract_number),
        contract_date=contract_date,
        value=value,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    for spec in deliverables:
        if spec["theme"].program_id != program.pk:
            raise ValidationError(_("Nội dung tuyên truyền không thuộc chương trình."))
        Deliverable.objects.create(order=order, **spec)
    audit_record(actor=actor, verb="order.created", target=order, organization=unit)
    return order


@transaction.atomic
def period_open(*, actor: Any, order: Order, label: str, starts_on: dt.date, ends_on: dt.date) -> AcceptancePeriod:
    """A period with the programme's published articles of the ordered themes found automatically."""
    access.require_edit(actor)
    if ends_on < starts_on or starts_on < order.starts_on or ends_on > order.ends_on:
        raise ValidationError(_("Kỳ nghiệm thu phải nằm trong thời hạn đặt hàng."))
    period = AcceptancePeriod.objects.create(order=order, label=_nfc(label), starts_on=starts_on, ends_on=ends_on)
    for article, deliverable in selectors.delivered_candidates(order, starts_on, ends_on):
        Item.objects.create(
            period=period,
            article=article,
            theme=deliverable.theme,
            kind=deliverable.kind,
            unit_price=deliverable.unit_price,
        )
    audit_record(actor=actor, verb="order_period.opened", target=period, organization=order.unit)
    return period


def _lock(period: AcceptancePeriod) -> AcceptancePeriod:
    return AcceptancePeriod.objects.select_for_update().select_related("order").get(pk=period.pk)


@transaction.atomic
def item_edit(*, actor: Any, item: Item, included: bool, kind: str, reason: str = "") -> Item:
    """The newsroom includes/excludes an item (a change of inclusion needs a reason) or sets its kind."""
    access.require_edit(actor)
    period = _lock(item.period)
    if period.status == AcceptancePeriod.Status.ACCEPTED:
        raise ValidationError(_("Kỳ đã nghiệm thu, không sửa được danh sách."))
    reason = _nfc(reason)
    if included != item.included and not reason:
        raise ValidationError(_("Cần ghi lý do khi đưa vào hoặc loại ra một sản phẩm."))
    price = period.order.deliverables.filter(theme_id=item.theme_id, kind=kind).values_list("unit_price", flat=True)
    item.included, item.kind, item.reason = included, kind, reason or item.reason
    if price:
        item.unit_price = price[0]
    item.save(update_fields=["included", "kind", "reason", "unit_price"])
    audit_record(actor=actor, verb="order_item.edited", target=item, organization=period.order.unit)
    return item


@transaction.atomic
def period_propose(*, actor: Any, period: AcceptancePeriod) -> AcceptancePeriod:
    access.require_edit(actor)
    period = _lock(period)
    if period.status != AcceptancePeriod.Status.DRAFT:
        raise ValidationError(_("Kỳ này đã được gửi đề nghị nghiệm thu."))
    if not period.items.filter(included=True).exists():
        raise ValidationError(_("Danh sách chưa có sản phẩm nào."))
    period.status, period.proposed_at = AcceptancePeriod.Status.PROPOSED, timezone.now()
    period.save(update_fields=["status", "proposed_at"])
    audit_record(actor=actor, verb="order_period.proposed", target=period, organization=period.order.unit)
    return period


@transaction.atomic
def item_dispute(*, actor: Any, item: Item, reason: str) -> Item:
    """The partner's leader disputes an item of a proposed period; a reason is required."""
    period = _lock(item.period)
    access.require_accept(actor, period.order)
    if period.status != AcceptancePeriod.Status.PROPOSED or not item.included:
        raise ValidationError(_("Chỉ nêu ý kiến về sản phẩm của kỳ đang chờ nghiệm thu."))
    reason = _nfc(reason)
    if not reason:
        raise ValidationError(_("Cần ghi lý do khi không đồng ý một sản phẩm."))
    item.status, item.dispute_reason, item.answer = Item.Status.DISPUTED, reason, ""
    item.save(update_fields=["status", "dispute_reason", "answer"])
    audit_record(actor=actor, verb="order_item.disputed", target=item, organization=period.order.unit)
    return item


@transaction.atomic
def item_answer(*, actor: Any, item: Item, answer: str, remove: bool = False) -> Item:
    """The newsroom answers a dispute (the item stays) or removes the item from the period."""
    access.require_edit(actor)
    period = _lock(item.period)
    if item.status != Item.Status.DISPUTED:
        raise ValidationError(_("Sản phẩm này không có ý kiến cần trả lời."))
    answer = _nfc(answer)
    if not answer:
        raise ValidationError(_("Cần ghi nội dung trả lời."))
    item.status, item.answer = Item.Status.PROPOSED, answer
    if remove:
        item.included, item.reason = False, answer
    item.save(update_fields=["status", "answer", "included", "reason"])
    audit_record(actor=actor, verb="order_item.answered", target=item, organization=period.order.unit)
    return item


@transaction.atomic
def period_accept(*, actor: Any, period: AcceptancePeriod, now: dt.datetime | None = None) -> AcceptancePeriod:
    """The partner's leader accepts the period: every included item accepted, the minutes (DOCX, XLSX)
    written in the same transaction; the page snapshots are taken by the worker after commit."""
    from phoihop.orders import document
    from phoihop.orders.tasks import snapshot_period_task

    period = _lock(period)
    access.require_accept(actor, period.order)
    if period.status != AcceptancePeriod.Status.PROPOSED:
        raise ValidationError(_("Kỳ này không ở trạng thái chờ nghiệm thu."))
    if period.items.filter(included=True, status=Item.Status.DISPUTED).exists():
        raise ValidationError(_("Còn sản phẩm có ý kiến chưa được tòa soạn trả lời."))
    now = now or timezone.now()
    period.items.filter(included=True).update(status=Item.Status.ACCEPTED)
    period.status, period.accepted_at, period.accepted_by = AcceptancePeriod.Status.ACCEPTED, now, actor
    rows = selectors.minutes_rows(period)
    name = f"bien-ban-nghiem-thu-{period.order_id}-{period.pk}"
    period.minutes_docx.save(f"{name}.docx", ContentFile(document.build_docx(period, rows)), save=False)
    period.minutes_xlsx.save(f"{name}.xlsx", ContentFile(document.build_xlsx(period, rows)), save=False)
    period.save(update_fields=["status", "accepted_at", "accepted_by", "minutes_docx", "minutes_xlsx"])
    audit_record(actor=actor, verb="order_period.accepted", target=period, organization=period.order.unit)
    period_id = period.pk
    transaction.on_commit(lambda: snapshot_period_task.enqueue(period_id=period_id), robust=True)
    return period


@transaction.atomic
def payment_record(
    *, actor: Any, period: AcceptancePeriod, amount: int, paid_on: dt.date, document_number: str
) -> Payment:
    access.require_edit(actor)
    period = _lock(period)
    if period.status != AcceptancePeriod.Status.ACCEPTED:
        raise ValidationError(_("Chỉ ghi thanh toán cho kỳ đã nghiệm thu."))
    if amount <= 0:
        raise ValidationError(_("Số tiền phải lớn hơn 0."))
    payment = Payment.objects.create(
        period=period, amount=amount, paid_on=paid_on, document_number=_nfc(document_number), created_by=actor
    )
    audit_record(actor=actor, verb="order_payment.recorded", target=payment, organization=period.order.unit)
    return payment


def snapshot_item(*, item_id: int, base_url: str) -> str:
    """Print the published page to PDF with the system Chromium; the reason is kept when it cannot."""
    import shutil
    import subprocess  # a fixed argument list, no shell
    import tempfile
    from pathlib import Path

    item = Item.objects.select_related("article").get(pk=item_id)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        note = _("Không chụp được: máy chủ chưa cài Chromium.")
        Item.objects.filter(pk=item_id).update(snapshot_note=note)
        return note
    url = base_url.rstrip("/") + selectors.public_path(item.article.url_path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page.pdf"
        command = [executable, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={out}", url]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=90)  # noqa: S603
        except (subprocess.SubprocessError, OSError) as error:
            note = _("Không chụp được trang: %(error)s") % {"error": str(error)[:200]}
            Item.objects.filter(pk=item_id).update(snapshot_note=note)
            return note
        with transaction.atomic():
            item = Item.objects.select_for_update().get(pk=item_id)
            item.snapshot.save(f"trang-{item.article_id}.pdf", ContentFile(out.read_bytes()), save=False)
            item.snapshot_note = timezone.localtime().strftime("%d/%m/%Y %H:%M")
            item.save(update_fields=["snapshot", "snapshot_note"])
    return item.snapshot.name or ""
