"""The screens the newsroom and the partners work in read Vietnamese, Wagtail's admin included (#15).

Each screen is rendered as the person who uses it (a reporter and the Tổng Biên tập in the admin, a
partner liaison in the workspace); its visible text — text nodes outside scripts and styles, and the
attributes a person reads or hears (`aria-label`, `title`, `placeholder`, `alt`, a button's `value`)
— must hold none of the English words of a user interface. Wagtail's own Vietnamese is small (about
140 strings); ours, in `locale_wagtail` (scripts/wagtail_messages.py), covers the rest.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Collection, Page

from phoihop.accounts.models import Role
from phoihop.newsroom.tests.base import NewsroomTestCase
from phoihop.testing import make_program

# Words of an English user interface (Wagtail's, Django's): any of them, as a word, fails a screen.
ENGLISH_UI_WORDS = (
    "Save", "Saving", "Saved", "Edit", "Editing", "Delete", "Search", "Pages", "Page", "Images", "Image",
    "Documents", "Document", "Settings", "Cancel", "Publish", "Published", "Unpublish", "Draft", "Status",
    "Dashboard", "Add", "Choose", "Upload", "Reports", "Report", "Help", "Live", "Preview", "Actions", "Action",
    "More", "Submit", "Approve", "Reject", "Request changes", "Awaiting", "Review", "Workflow", "Workflows",
    "Moderation", "History", "Revisions", "Revision", "Locked", "Unlock", "Lock", "Snippets", "Collections",
    "Collection", "Users", "Groups", "Sites", "Redirects", "Title", "Created", "Updated", "Owner", "Type",
    "Sort", "Filter", "Filters", "Next", "Previous", "Back", "Close", "Copy", "Move", "Select", "Clear",
    "Yes", "No", "None", "All", "Any", "Toggle", "Sidebar", "Menu", "Account", "Log out", "Log in", "Explore",
    "Explorer", "Comments", "Comment", "Privacy", "Public", "Private", "Insert", "Link", "Loading", "Error",
    "Errors", "Required", "Optional", "Field", "Details", "Bulk", "Selected", "Show", "Hide", "Collapse",
    "Expand", "Content", "Promote", "Schedule", "Scheduled", "Expiry", "Go live", "Date", "Time", "Tags",
    "Tag", "Width", "Height", "File", "Alt text", "Home", "Name", "Username", "Password", "Email address",
    "View", "Keyboard shortcuts", "Summary", "Latest", "Recent", "Your", "You", "the", "and", "of", "to",
    "is", "has", "been", "this", "with", "for", "not", "are",
)  # fmt: skip
ENGLISH = re.compile(r"(?<![\w/.-])(?:" + "|".join(re.escape(w) for w in ENGLISH_UI_WORDS) + r")(?![\w/-])")
# Proper nouns and codes that are the same in Vietnamese, allowed on purpose: the product's name, ours,
# the file formats a person picks by name.
ALLOWED = re.compile(r"\b(?:Wagtail|phoihop|PDF|DOCX|XLSX|CSV|JPEG|PNG|WebP|GIF|ID|URL|UTC|API|HTML|JSON)\b")
# Text a person reads or hears without it being a text node.
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description", "aria-placeholder"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text of a page as a person meets it: text nodes (inside <template> too, which Wagtail's
    scripts show), never a script's or a style's, nor of an element marked `hidden` (a counter that
    its script fills before showing it), and the attributes above."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._hidden: tuple[str, int] | None = None  # the hidden element's tag and nesting depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden is not None:
            if tag == self._hidden[0]:
                self._hidden = (tag, self._hidden[1] + 1)
            return
        if tag in self.SKIP:
            self._skipping += 1
            return
        values = dict(attrs)
        if "hidden" in values and tag not in VOID:
            self._hidden = (tag, 1)
            return
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.parts.append(value)
        if tag == "input" and values.get("type") in {"submit", "button", "reset"} and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden is not None:
            if tag == self._hidden[0]:
                depth = self._hidden[1] - 1
                self._hidden = (tag, depth) if depth else None
            return
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and self._hidden is None and data.strip():
            self.parts.append(data.strip())


def english_on(html: str) -> list[str]:
    """Each piece of visible text that holds an English UI word (allowed names taken out first)."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        text = ALLOWED.sub(" ", part)
        if ENGLISH.search(text):
            found.append(part)
    return found


class EnglishDetectorTests(NewsroomTestCase):
    """The detector itself: it must see English where a person would, and only there."""

    def test_it_finds_english_text_attributes_and_buttons_but_not_scripts_or_names(self):
        html = (
            '<p>Lưu nháp</p><button aria-label="Save draft">✓</button><input type="submit" value="Publish">'
            '<span title="Xem trước">x</span><script>var a = "Save";</script><style>.Edit{}</style>'
            "<p>Wagtail 7.4 · PDF, DOCX</p><template><p>Request changes</p></template>"
            '<a href="/admin/pages/edit/">Sửa</a><div hidden><div>None</div></div><p>Lưu</p>'
        )
        self.assertEqual(english_on(html), ["Save draft", "Publish", "Request changes"])
        self.assertEqual(english_on("<p>Phê duyệt và xuất bản</p>"), [])


@override_settings(LANGUAGE_CODE="vi")
class VietnameseScreensTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = make_program(cls)

    def setUp(self) -> None:
        self.addCleanup(translation.deactivate)
        self.article = self.draft(self.cat_a, title="Xã An Khánh khánh thành cầu dân sinh")
        self.collection = Collection.get_first_root_node()

    def assert_vietnamese(self, user: Any, urls: list[str], *, must_open: bool = True) -> int:
        """No English on any of `urls` as `user` sees them; each must answer 200 unless told (then
        those the user may not open are skipped). Returns how many screens were read."""
        self.client.force_login(user)
        english, opened = {}, 0
        for url in urls:
            response = self.client.get(url)
            if not must_open and response.status_code != 200:
                continue
            self.assertEqual(response.status_code, 200, url)
            opened += 1
            if found := english_on(response.content.decode()):
                english[url] = found
        self.assertEqual(english, {}, f"English on the screens of {user.username}")
        return opened

    def our_viewsets(self) -> list[str]:
        urls = []
        for viewset in viewsets.viewsets:
            if isinstance(viewset, ModelViewSet) and viewset.model.__module__.startswith("phoihop."):
                urls.append(reverse(viewset.get_url_name("index")))
                with contextlib.suppress(NoReverseMatch):  # a viewset that only lists has no add form
                    urls.append(reverse(viewset.get_url_name("add")))
        self.assertGreater(len(urls), 10)  # the accounts, deadlines, exchange and fact-check viewsets
        return urls

    def test_the_reporters_admin_screens_are_vietnamese(self):
        article = self.article
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        urls = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[self.cat_a.pk]),
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            reverse("wagtailadmin_pages:add", args=["portal", "articlepage", self.cat_a.pk]),
            reverse("wagtailadmin_pages:history", args=[article.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
            reverse("wagtailadmin_pages:search"),
            reverse("wagtailadmin_account"),
        ]
        self.assert_vietnamese(self.reporter, urls)
        # Images and documents: what the reporter may open of them.
        media = [
            reverse("wagtailimages:index"),
            reverse("wagtailimages:add_multiple"),
            reverse("wagtaildocs:index"),
            reverse("wagtaildocs:add_multiple"),
        ]
        self.assert_vietnamese(self.reporter, media, must_open=False)

    def test_the_editor_in_chiefs_admin_screens_are_vietnamese(self):
        article = self.article
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        for approver in (self.editor, self.head_a, self.deputy):
            self.workflow_action(approver, article)
        page = Page.objects.get(pk=article.pk).specific
        state = page.current_workflow_task_state
        self.assertIsNotNone(state)  # waiting for the Tổng Biên tập's last step
        urls = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[self.cat_a.pk]),
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
            reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", state.pk]),
            reverse("wagtailadmin_pages:history", args=[article.pk]),
            reverse("wagtailadmin_reports:locked_pages"),
            reverse("wagtailadmin_reports:aging_pages"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailimages:index"),
            reverse("wagtailimages:add"),
            reverse("wagtailimages:add_multiple"),
            reverse("wagtaildocs:index"),
            reverse("wagtaildocs:add"),
            reverse("wagtaildocs:add_multiple"),
        ]
        self.assert_vietnamese(self.chief, urls)
        # Our own viewsets (reference data, organizations, deadlines…): those the Tổng Biên tập opens.
        self.assertGreater(self.assert_vietnamese(self.chief, self.our_viewsets(), must_open=False), 5)
        # (No snippet models are registered: our reference data are the viewsets above.)
        # Wagtail's own settings screens: the system administrator's (a superuser; the Tổng Biên tập's
        # groups do not reach them).
        admin = self.make_user("quantri", "Quản Trị Hệ Thống", self.press, Role.EDITOR_IN_CHIEF)
        type(admin).objects.filter(pk=admin.pk).update(is_superuser=True)
        admin.refresh_from_db()
        settings_screens = [
            reverse("wagtailadmin_workflows:index"),
            reverse("wagtailadmin_workflows:task_index"),
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_groups:index"),
            reverse("wagtailadmin_collections:index"),
            reverse("wagtailredirects:index"),
            reverse("wagtailsites:index"),
        ]
        self.assertEqual(self.assert_vietnamese(admin, settings_screens), len(settings_screens))
        # The last step's button: "Duyệt và xuất bản", never Wagtail's "Phê chuẩnvà Xuất bản".
        self.client.force_login(self.chief)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
        self.assertIn("Duyệt và xuất bản", edit)
        self.assertNotIn("chuẩnvà", edit)

    def test_upload_errors_are_vietnamese(self):
        self.client.force_login(self.chief)
        not_an_image = SimpleUploadedFile("anh.png", b"this is not a picture", content_type="image/png")
        answer = self.client.post(
            reverse("wagtailimages:add"), {"title": "Ảnh", "file": not_an_image, "collection": self.collection.pk}
        )
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(english_on(answer.content.decode()), [])
        self.assertContains(answer, "Không tạo được ảnh vì có lỗi.")
        wrong_kind = SimpleUploadedFile("tep.exe", b"MZ", content_type="application/octet-stream")
        answer = self.client.post(
            reverse("wagtaildocs:add"), {"title": "Tệp", "file": wrong_kind, "collection": self.collection.pk}
        )
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(english_on(answer.content.decode()), [])
        self.assertContains(answer, "Không tạo được tài liệu vì có lỗi.")

    def test_the_partner_liaisons_workspace_screens_are_vietnamese(self):
        submission = self.make_submission(program=self.program)
        urls = [
            reverse("exchange:inbox"),
            reverse("exchange:submission_new"),
            reverse("exchange:submission", args=[submission.pk]),
            reverse("exchange:events"),
            reverse("programs:list"),
            reverse("programs:detail", args=[self.program.pk]),
            reverse("spokespersons"),
            reverse("notifications:inbox"),
            reverse("notifications:preferences"),
            reverse("search:workspace"),
        ]
        self.assert_vietnamese(self.liaison_a, urls)
