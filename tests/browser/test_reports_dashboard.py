"""Issue 8's acceptance in Chromium: a press leader reads the programme dashboard (screenshot at
1280 px), drafts the quarter's report, writes the assessment, exports it and downloads the DOCX; the
partner's leader downloads it too; another partner's leader gets 404 on the programme."""

import io
import types

import pytest
from docx import Document

from phoihop.reports.tests.base import build_report_data
from phoihop.testing import PASSWORD, build_personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_leader_reads_dashboard_exports_report_partner_downloads(live_server, browser, artifacts):
    people = types.SimpleNamespace()
    build_personas(people)
    build_report_data(people)
    program = people.program
    base = live_server.url

    # The clock is not frozen here (the browser would drop a session cookie "expired" by its own
    # clock); the figures checked below do not depend on today's date.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    leader = context.new_page()
    leader.set_viewport_size({"width": 1280, "height": 900})
    login(leader, base, "tbt")
    leader.goto(f"{base}/phoi-hop/bao-cao/chuong-trinh/{program.pk}/?ky=nam&nam=2026")
    assert leader.locator("#ky-bao-cao").inner_text() == "Năm 2026"
    charts = leader.locator("svg.chart[role=img]")
    assert charts.count() == 5
    assert "Thông tin các đơn vị cung cấp" in leader.locator("#bieu-do-cung-cap-t").text_content()
    # The chart is drawn (has a visible size) and the numbers are in the table under it.
    box = charts.nth(1).bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 50
    row = leader.locator("#bang-cung-cap tbody tr", has_text="UBND xã An Khánh")
    assert row.locator("td").first.inner_text() == "5"
    leader.screenshot(path=str(artifacts / "reports-dashboard-1280.png"), full_page=True)

    # Filters live in the URL: the first quarter by a link.
    leader.get_by_role("link", name="Quý I", exact=True).click()
    leader.wait_for_load_state()
    assert "ky=quy&nam=2026&so=1" in leader.url
    assert leader.locator("#ky-bao-cao").inner_text() == "Quý I/2026"

    leader.get_by_role("button", name="Lập báo cáo Quý I/2026").click()
    leader.wait_for_load_state()
    leader.get_by_label("Đánh giá chung").fill("Hai bên phối hợp chặt chẽ, thông tin kịp thời.")
    leader.get_by_label("Tồn tại, hạn chế và nguyên nhân").fill("Một đề nghị được trả lời trễ hạn.")
    leader.get_by_label("Đề xuất, kiến nghị").fill("Đề nghị UBND xã cử cán bộ đầu mối thường trực.")
    leader.get_by_role("button", name="Lưu").click()
    leader.wait_for_load_state()
    assert "Đã lưu báo cáo" in leader.content()
    leader.get_by_role("button", name="Xuất báo cáo").click()
    leader.wait_for_load_state()
    # The test settings run tasks at once; with the worker the page refreshes itself until done.
    assert leader.locator("#trang-thai").inner_text() == "Đã xuất"
    assert leader.locator("#so-ky-hieu").inner_text().startswith("Số: 01/BC-")
    with leader.expect_download() as download_info:
        leader.get_by_role("link", name="Báo cáo (DOCX)").click()
    document = Document(io.BytesIO(open(download_info.value.path(), "rb").read()))  # noqa: SIM115
    assert "Hai bên phối hợp chặt chẽ, thông tin kịp thời." in [p.text for p in document.paragraphs]
    report_url = leader.url

    partner = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    partner_page = partner.new_page()
    login(partner_page, base, "ld_a")
    partner_page.goto(report_url)
    with partner_page.expect_download() as download_info:
        partner_page.get_by_role("link", name="Bảng số liệu (XLSX)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")

    outsider = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    login(outsider, base, "ld_b")
    response = outsider.goto(f"{base}/phoi-hop/bao-cao/chuong-trinh/{program.pk}/")
    assert response is not None and response.status == 404
    response = outsider.goto(report_url)
    assert response is not None and response.status == 404
