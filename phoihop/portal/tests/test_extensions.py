"""The portal's template slots: the apps above portal fill them, portal's templates render them."""

from unittest import mock

from django.template import Context, Template
from django.test import SimpleTestCase

from phoihop.portal import extensions


def render(source: str, **context: object) -> str:
    return Template("{% load portal_tags %}" + source).render(Context(context))


class SlotTests(SimpleTestCase):
    def test_a_slot_joins_its_renderers_in_order_and_escapes_plain_text(self):
        renderers = {"a": lambda context, page: f"<b>{page}</b>", "b": lambda context, page: " & bis"}
        with mock.patch.dict(extensions._renderers, {"article_after_body": renderers}):
            self.assertEqual(
                render('{% extension_slot "article_after_body" page %}', page="x"), "&lt;b&gt;x&lt;/b&gt; &amp; bis"
            )

    def test_an_empty_slot_renders_nothing(self):
        with mock.patch.dict(extensions._renderers, {"article_head_jsonld": {}}):
            self.assertEqual(render('[{% extension_slot "article_head_jsonld" page %}]', page="x"), "[]")

    def test_an_unknown_slot_is_an_error_not_a_silent_blank(self):
        with self.assertRaisesMessage(ValueError, "unknown portal slot 'article_footer'"):
            render('{% extension_slot "article_footer" page %}', page="x")
        with self.assertRaises(ValueError):
            extensions.register("article_footer", "test", lambda context, page: "")
