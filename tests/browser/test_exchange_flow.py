"""Issue 3's acceptance: a liaison sends a submission with a DOCX and a JPEG; an editor
acknowledges it and marks it in progress; the liaison sees both changes and the e-mails arrive
through a real SMTP server."""

import types

import pytest
from aiosmtpd.controller import Controller

from phoihop.exchange.models import Submission
from phoihop.exchange.tests import files
from phoihop.notifications.tests.smtp import RecordingHandler, free_port, subject_of
from phoihop.testing import PASSWORD, build_personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp(settings):
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield handler
    controller.stop()


def login(page, base, username):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_liaison_sends_editor_triages_liaison_sees_and_gets_mail(live_server, browser, smtp, tmp_path, artifacts):
    people = types.SimpleNamespace()
    build_personas(people)
    docx = tmp_path / "bao-cao-quy-3.docx"
    docx.write_bytes(files.docx_file().read())
    jpeg = tmp_path / "anh-hoi-nghi.jpg"
    jpeg.write_bytes(files.jpeg_with_gps().read())

    liaison = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    liaison.set_viewport_size({"width": 390, "height": 844})  # on a phone
    login(liaison, live_server.url, "dm_a")
    liaison.goto(live_server.url + "/phoi-hop/gui-thong-tin/")
    liaison.get_by_label("Tiêu đề").fill("Lịch tiếp công dân tháng 12 của xã")
    liaison.get_by_label("Nội dung").fill("Xã An Khánh thông báo lịch tiếp công dân định kỳ.")
    liaison.get_by_label("Tệp đính kèm").set_input_files([str(docx), str(jpeg)])
    liaison.get_by_role("button", name="Gửi", exact=True).click()
    liaison.wait_for_load_state()
    assert "Đã gửi thông tin" in liaison.content(), liaison.locator(".field-error label").all_inner_texts()
    submission = Submission.objects.get(title="Lịch tiếp công dân tháng 12 của xã")
    assert submission.attachments.count() == 2
    liaison.screenshot(path=str(artifacts / "exchange-submission-390.png"), full_page=True)

    editor = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    login(editor, live_server.url, "tbt")
    editor.goto(live_server.url + "/phoi-hop/")
    editor.get_by_role("link", name="Lịch tiếp công dân tháng 12 của xã").click()
    editor.get_by_role("button", name="Tiếp nhận").click()
    editor.wait_for_load_state()
    assert editor.locator("#trang-thai").inner_text() == "Đã tiếp nhận"
    editor.get_by_role("button", name="Đang xử lý").click()
    editor.wait_for_load_state()
    assert editor.locator("#trang-thai").inner_text() == "Đang xử lý"

    liaison.reload()
    assert liaison.locator("#trang-thai").inner_text() == "Đang xử lý"
    liaison.get_by_text("Lịch sử xử lý").click()
    history = liaison.locator("details.history").inner_text()
    assert "tiếp nhận" in history and "đang xử lý" in history
    liaison.goto(live_server.url + "/thong-bao/")
    inbox = liaison.content()
    assert "Đã tiếp nhận" in inbox and "Đang xử lý" in inbox

    to_liaison = [m for m in smtp.messages if "dm_a@example.vn" in str(m["To"])]
    subjects = " | ".join(subject_of(m) for m in to_liaison)
    assert "Đã tiếp nhận" in subjects, subjects
    assert "Đang xử lý" in subjects, subjects
