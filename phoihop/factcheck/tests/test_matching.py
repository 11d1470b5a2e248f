"""The matcher on its own (no database): folding, the contradiction guard, links, the labelled set."""

from unittest import TestCase

from phoihop.factcheck import matching


class MatcherTests(TestCase):
    matcher = matching.default_matcher()

    def test_a_paraphrase_scores_above_similar_wording_about_something_else(self):
        claim = "Ra đường không mang căn cước bị phạt 2 triệu đồng từ ngày 1/1"
        paraphrase = "Tu dau nam ai ra duong khong mang the can cuoc bi cong an phat 2 trieu, co that khong?"
        other = "Chủ nhà trọ không đăng ký tạm trú cho người thuê bị phạt 5 triệu đồng"
        self.assertGreater(self.matcher.score(claim, paraphrase), 0.3)
        self.assertLess(self.matcher.score(claim, other), self.matcher.score(claim, paraphrase) / 2)

    def test_reader_phrasing_and_links_do_not_count(self):
        a = "Mọi người ơi có thật không: cắt điện 3 ngày dịp Tết https://example.com/bai-viet/123"
        b = "cắt điện 3 ngày dịp Tết"
        self.assertGreater(self.matcher.score(a, b), 0.85)

    def test_the_same_template_about_another_place_contradicts(self):
        a = "Có Zalo giả mạo Chủ tịch UBND xã An Khánh hỏi vay tiền"
        b = "Có Zalo giả mạo Chủ tịch UBND phường Bình Minh hỏi vay tiền"
        self.assertTrue(matching.contradicts(a, b))
        self.assertFalse(matching.contradicts(a, "Chuyển tiếp: " + a + " Ai biết không?"))
        self.assertTrue(matching.contradicts("nộp phí trước ngày 30/11", "nộp phí trước ngày 15/12"))
        self.assertFalse(matching.contradicts("từ ngày 01/01", "từ ngày 1/1"))

    def test_best_orders_candidates_and_auto_attach_needs_no_contradiction(self):
        text = "Zalo giả mạo Chủ tịch UBND xã An Khánh hỏi vay tiền"
        matches = self.matcher.best(
            text,
            [("khac", ["Zalo giả mạo Chủ tịch UBND phường Bình Minh hỏi vay tiền"]), ("dung", [text + " gấp"])],
        )
        self.assertEqual([m.key for m in matches], ["dung", "khac"])
        self.assertTrue(matches[0].attaches(0.8))
        self.assertFalse(matches[1].attaches(0.5))

    def test_urls_are_normalized_and_home_pages_identify_nothing(self):
        self.assertEqual(
            matching.normalize_url("https://www.facebook.com/groups/123/posts/456/"),
            matching.normalize_url("facebook.com/groups/123/posts/456"),
        )
        self.assertEqual(matching.normalize_url("https://facebook.com/"), "")

    def test_labelled_set_and_stored_thresholds(self):
        pairs = matching.load_pairs()
        self.assertGreaterEqual(len(pairs), 150)
        self.assertTrue(
            {"paraphrase", "partial_overlap", "similar_different", "place_swap"} <= {p["kind"] for p in pairs}
        )
        thresholds = matching.measured_thresholds()
        self.assertLess(thresholds["suggest"] * 3, thresholds["auto"])
