"""Issue 13 item 6's acceptance in Chromium: a provincial People's Committee's leader opens the annual
report on spokesperson work (Decree 244/2026 Art. 10), sees the six figures computed from the
records, writes section II, exports it and downloads the DOCX, the XLSX and the PDF, which open with
python-docx, openpyxl and pypdf; the newsroom opens the same report; another unit gets 404."""

import datetime as dt
import io
import os
import types

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Organization, OrganizationLevel, Role
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import services as exchange
from phoihop.exchange.models import PressConference
from phoihop.reports import pdf
from phoihop.reports.models import annual_due_on, annual_year_for
from phoihop.testing import PASSWORD, build_personas, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def test_province_exports_the_annual_report_and_the_files_open(live_server, browser, artifacts, settings):
    settings.PHOIHOP_REPORT_PDF = True
    people = types.SimpleNamespace()
    build_personas(people)
    province = account_services.organization_create(
        actor=None,
        name="UBND tỉnh Thử Nghiệm",
        short_name="UBND",
        kind=Organization.Kind.PARTNER,
        level=OrganizationLevel.objects.get(code="province"),
    )
    commune = account_services.organization_create(
        actor=None,
        name="UBND xã Hòa Bình",
        kind=Organization.Kind.PARTNER,
        level=OrganizationLevel.objects.get(code="commune"),
        parent=province,
    )
    make_user("ld_tinh", "Đặng Minh Khoa", province, Role.LEADER)
    liaison = make_user("dm_xa", "Lê Thu Trang", commune, Role.LIAISON)
    # The clock is not frozen (the browser would drop a session cookie "expired" by its own clock):
    # the records are dated a minute ago, in the running period, whatever today is.
    moment = timezone.now() - dt.timedelta(minutes=1)
    PressConference.objects.create(
        organization=province,
        kind=PressConference.Kind.PRESS_CONFERENCE,
        title="Họp báo thường kỳ",
        starts_at=moment,
        state=PressConference.State.HELD,
        place="Hội trường UBND tỉnh",
        created_by=people.chief,
    )
    for subject, answered in (("Số liệu thu ngân sách", True), ("Tiến độ dự án đường ven sông", False)):
        request = exchange.info_request_create(
            actor=people.chief,
            organization=commune,
            subject=subject,
            questions="Đề nghị cung cấp số liệu.",
            policy=DeadlinePolicy.objects.get(code="thuong"),
        )
        if answered:
            exchange.info_request_answer(actor=liaison, request=request, outcome="answered", answer="Xin gửi số liệu.")
    year = annual_year_for(timezone.localdate())
    base = live_server.url

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    leader = context.new_page()
    leader.set_viewport_size({"width": 1280, "height": 900})
    login(leader, base, "ld_tinh")
    leader.goto(base + "/phoi-hop/bao-cao/")
    leader.get_by_role("link", name="Báo cáo công tác phát ngôn", exact=False).click()
    leader.get_by_role("link", name="UBND tỉnh Thử Nghiệm").click()
    assert "nghĩa vụ báo cáo hằng năm" in leader.locator("#nghia-vu").inner_text()
    assert annual_due_on(year).strftime("%d/%m/%Y") in leader.locator(f"#nam-{year}").inner_text()
    leader.get_by_role("button", name=f"Lập báo cáo năm {year}").click()
    leader.wait_for_load_state()
    assert leader.locator("#so-lieu-1 td.figure").inner_text() == "1"
    assert leader.locator("#so-lieu-3 td.figure").inner_text() == "1/2"
    assert "Điều 10" in leader.locator("#can-cu").inner_text()
    leader.get_by_label("Khó khăn, vướng mắc và đề xuất, kiến nghị").fill(
        "Đề nghị tập huấn cho người phát ngôn cấp xã."
    )
    leader.get_by_role("button", name="Lưu").click()
    leader.wait_for_load_state()
    assert "Đã lưu báo cáo" in leader.content()
    leader.get_by_role("button", name="Xuất báo cáo").click()
    leader.wait_for_load_state()
    # The test settings run tasks at once; with the worker the page refreshes itself until done.
    assert leader.locator("#trang-thai").inner_text() == "Đã xuất"
    assert leader.locator("#so-ky-hieu").inner_text() == "Số: 01/BC-UBND"
    leader.screenshot(path=str(artifacts / "spokesperson-report-1280.png"), full_page=True)

    document = Document(io.BytesIO(download(leader, "Báo cáo (DOCX)")))
    paragraphs = [p.text for p in document.paragraphs]
    assert f"Về công tác phát ngôn và cung cấp thông tin cho báo chí năm {year}" in paragraphs
    assert "Đề nghị tập huấn cho người phát ngôn cấp xã." in paragraphs
    figures = {row.cells[0].text: row.cells[2].text for row in document.tables[1].rows[1:]}
    assert (figures["1"], figures["3"]) == ("1", "1/2")

    workbook = load_workbook(io.BytesIO(download(leader, "Bảng số liệu (XLSX)")))
    rows = {row[0]: row for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert (rows[3][2], rows[3][3]) == (1, 2)

    report_url = leader.url

    newsroom = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True).new_page()
    login(newsroom, base, "tbt")
    newsroom.goto(report_url)
    assert newsroom.locator("#so-lieu-3 td.figure").inner_text() == "1/2"
    assert newsroom.get_by_role("button", name="Xuất lại báo cáo").count() == 0
    assert download(newsroom, "Báo cáo (DOCX)")[:2] == b"PK"

    outsider = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    login(outsider, base, "dm_b")
    response = outsider.goto(report_url)
    assert response is not None and response.status == 404

    if not pdf.available():
        if os.environ.get("PHOIHOP_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(
                "LibreOffice is required (PHOIHOP_REQUIRE_LIBREOFFICE=1): apt-get install libreoffice-writer-nogui"
            )
        pytest.skip("LibreOffice (soffice) is not installed: no PDF is produced")
    data = download(leader, "Báo cáo (PDF)")
    assert data[:5] == b"%PDF-"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert f"công tác phát ngôn và cung cấp thông tin cho báo chí năm {year}" in text
