"""Snippets cut from index rows as the results page builds them (from the stored folded text), checked
against the plain way (every word of the text listed) and against what a reader must see."""

import random

from django.test import SimpleTestCase

import vntext
from phoihop.search import engine
from phoihop.search.documents import index_fields
from phoihop.search.snippets import snippet

FILLER = "Các đại biểu thảo luận về kế hoạch phát triển kinh tế xã hội năm tới."


def cut(text, query, *, tags=()):
    """The snippet of an index row (the results page's way) and the one from the text alone."""
    row = index_fields(title="Tin", text=text, extra=tags)
    parsed = engine.parse_query(query)
    assert parsed is not None
    return snippet(row.text, parsed, row.text_f), snippet(row.text, parsed)


class SnippetTests(SimpleTestCase):
    def test_match_far_into_a_long_text(self):
        text = " ".join([FILLER] * 40) + " Ông Đặng Đức Quỳnh phát biểu. " + " ".join([FILLER] * 40)
        fast, plain = cut(text, "dang duc quynh")
        self.assertEqual(fast, plain)
        self.assertTrue(fast.startswith("…") and fast.endswith("…"))
        self.assertIn("Ông <mark>Đặng Đức Quỳnh</mark> phát biểu.", fast)

    def test_a_character_that_folds_to_two_words_does_not_shift_the_marks(self):
        # "½" folds to "1", "2": one word of the text, two of the folded text.
        fast, plain = cut("Giá ½ kg gạo tăng, ông Quỳnh cho biết.", "quynh")
        self.assertEqual(fast, plain)
        self.assertIn("ông <mark>Quỳnh</mark> cho biết", fast)

    def test_underscores_and_combining_marks_separate_and_join_words_as_the_index_does(self):
        text = "Mã_số hồ sơ: Ha\u0301 Nội; cafe\u0301 Quỳnh_Anh mở cửa."
        for query in ("so ho so", "quynh", "anh"):
            with self.subTest(query=query):
                fast, plain = cut(text, query)
                self.assertEqual(fast, plain)
                self.assertIn("<mark>", fast)
        self.assertIn("<mark>Quỳnh</mark>_Anh", cut(text, "quynh")[0])

    def test_a_match_only_in_the_tags_shows_the_start_of_the_text_unmarked(self):
        fast, plain = cut("Trời nắng nhẹ. " + FILLER * 5, "Quỳnh", tags=["Đặng Đức Quỳnh"])
        self.assertEqual(fast, plain)
        self.assertTrue(fast.startswith("Trời nắng nhẹ."))
        self.assertNotIn("<mark>", fast)

    def test_exact_accents_win_over_an_earlier_folded_match(self):
        text = "Hóa đơn. " + " ".join([FILLER] * 5) + " Tổ hòa giải ở cơ sở. " + FILLER
        fast, plain = cut(text, "hòa")
        self.assertEqual(fast, plain)
        self.assertIn("Tổ <mark>hòa</mark> giải", fast)
        self.assertNotIn("<mark>Hóa</mark>", fast)

    def test_empty_and_wordless_texts(self):
        self.assertEqual(cut("", "quynh"), ("", ""))
        self.assertEqual(cut("… !!!", "quynh"), ("", ""))

    def test_same_snippets_as_listing_every_word(self):
        rng = random.Random(6)
        words = vntext.tokenize(FILLER + " Đặng Đức Quỳnh hòa giải hóa đơn HĐND huyện Thanh Trì")
        for _ in range(200):
            text = " ".join(
                rng.choice(words) + rng.choice(["", "", "", ",", ".", "\n"]) for _ in range(rng.randrange(400))
            )
            start = rng.randrange(len(words))
            query = " ".join(words[start : start + rng.choice([1, 1, 2, 3])])
            if rng.random() < 0.4:
                query = vntext.fold(query)
            with self.subTest(text=text, query=query):
                fast, plain = cut(text, query)
                self.assertEqual(fast, plain)
