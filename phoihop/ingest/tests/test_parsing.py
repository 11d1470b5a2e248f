"""Messages as real clients write them: charsets, transfer encodings, forwards, HTML, quotes."""

from __future__ import annotations

import unicodedata

from django.test import SimpleTestCase

from phoihop.ingest.parsing import parse_mail, strip_quoted, unwrap_inline_forward
from phoihop.ingest.tests import fixture


def is_nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


class ClientFixtureTests(SimpleTestCase):
    def test_outlook_windows_1258_quoted_printable(self) -> None:
        mail = parse_mail(fixture("outlook_cp1258_qp.eml"))
        # windows-1258 writes tones as combining marks; the text comes out composed (NFC).
        self.assertEqual(mail.subject, "Thông cáo báo chí về Lễ hội mùa xuân")
        self.assertIn("Sở Văn hóa gửi thông cáo về Lễ hội mùa xuân năm 2026 tại quảng trường tỉnh.", mail.text)
        self.assertEqual(mail.sender_name, "Phạm Thu Hà")
        self.assertEqual(mail.sender, "daumoi@example.vn")
        self.assertTrue(is_nfc(mail.text) and is_nfc(mail.subject))
        self.assertEqual(mail.auth_failures, [])

    def test_gmail_alternative_prefers_plain_text_and_reads_rfc2231_filename(self) -> None:
        mail = parse_mail(fixture("gmail_alternative_base64.eml"))
        self.assertEqual(mail.subject, "Thông cáo về tiêm chủng mở rộng")
        self.assertIn("UBND xã gửi kèm thông cáo về đợt tiêm chủng mở rộng.", mail.text)
        self.assertNotIn("<b>", mail.text)
        self.assertEqual([f.name for f in mail.files], ["Thông cáo tiêm chủng.pdf"])
        self.assertTrue(mail.files[0].content.startswith(b"%PDF"))
        self.assertEqual(mail.message_id, "<CAF8kq2ZK1x-Qm3wq9RrZ4Gm0pYd@mail.gmail.com>")

    def test_thunderbird_8bit_utf8_and_q_encoded_subject(self) -> None:
        mail = parse_mail(fixture("thunderbird_flowed.eml"))
        self.assertEqual(mail.subject, "Lịch tiếp công dân tháng 12")
        self.assertIn("thứ Hai và thứ Năm hằng tuần", mail.text)
        self.assertEqual(mail.sender_name, "Phạm Thu Hà")

    def test_forward_as_attachment_is_unwrapped(self) -> None:
        mail = parse_mail(fixture("forward_attached_rfc822.eml"))
        self.assertTrue(mail.forwarded)
        self.assertEqual(mail.title, "Kế hoạch phòng chống bão số 9")
        self.assertIn("Chuyển Tòa soạn kế hoạch của UBND tỉnh.", mail.text)
        self.assertIn("sơ tán dân trước 17 giờ ngày 8/12", mail.text)
        self.assertEqual([f.name for f in mail.files], ["Kế hoạch.pdf"])

    def test_gmail_inline_forward_is_unwrapped(self) -> None:
        mail = parse_mail(fixture("gmail_forward_inline.eml"))
        self.assertTrue(mail.forwarded)
        self.assertEqual(mail.title, "Thông báo tạm ngừng cấp nước")
        self.assertIn("Nhờ Tòa soạn đăng giúp.", mail.text)
        self.assertIn("tạm ngừng cấp nước từ 8 giờ", mail.text)
        self.assertNotIn("Forwarded message", mail.text)
        self.assertNotIn("vanphong@ubnd.example.vn", mail.text)

    def test_html_only_mail_is_sanitized(self) -> None:
        mail = parse_mail(fixture("html_only_script.eml"))
        self.assertIn("Thông báo lịch họp báo quý IV.", mail.text)
        self.assertIn("Địa điểm: hội trường tỉnh.", mail.text)
        for bad in ("alert", "script", "evil.example", "steal", "color:red", "<"):
            self.assertNotIn(bad, mail.text)

    def test_failing_authentication_results_are_read(self) -> None:
        self.assertEqual(parse_mail(fixture("dmarc_fail.eml")).auth_failures, ["dmarc=fail"])

    def test_message_without_message_id_is_keyed_by_its_bytes(self) -> None:
        raw = b"From: a@example.vn\r\nSubject: x\r\n\r\nbody\r\n"
        self.assertTrue(parse_mail(raw).message_id.startswith("sha256:"))
        self.assertEqual(parse_mail(raw).message_id, parse_mail(raw).message_id)


class TextRuleTests(SimpleTestCase):
    def test_outlook_inline_forward_block(self) -> None:
        text = (
            "Chuyển Tòa soạn.\n\n________________________________\nFrom: Văn phòng <vp@example.vn>\n"
            "Sent: Sunday, December 6, 2026 4:00 PM\nTo: Hà <daumoi@example.vn>\nSubject: Lịch cắt điện\n\n"
            "Cắt điện khu A ngày 10/12."
        )
        body, subject = unwrap_inline_forward(text)
        self.assertEqual(subject, "Lịch cắt điện")
        self.assertEqual(body, "Chuyển Tòa soạn.\n\nCắt điện khu A ngày 10/12.")

    def test_plain_text_without_forward_is_left_alone(self) -> None:
        self.assertEqual(unwrap_inline_forward("Xin chào.\nTừ nay đơn vị đổi số điện thoại."), (None, ""))

    def test_strip_quoted_history(self) -> None:
        text = "Đã bổ sung.\n\nOn Mon, Dec 7, 2026 at 10:00 AM phoihop <a@b.vn> wrote:\n> cũ\n"
        self.assertEqual(strip_quoted(text), "Đã bổ sung.")
        self.assertEqual(strip_quoted("Đồng ý.\n> trích dẫn\nCảm ơn."), "Đồng ý.\nCảm ơn.")
