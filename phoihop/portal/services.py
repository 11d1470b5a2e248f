"""Writes for the public site's pages: categories, articles, and the newsroom's Wagtail groups.

Articles are Wagtail pages: they are created as drafts through `add_child`, get a revision, and
publish through Wagtail's own publish action, so history, workflows and signals behave as for an
article written in the admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site
from wagtail.rich_text import RichText

from phoihop.accounts.models import Role, User
from phoihop.accounts.services import PRESS_ROLE_GROUPS
from phoihop.audit.services import audit_record
from phoihop.core import scheduler
from phoihop.core.origin import site_address
from phoihop.core.text import clean_html, clean_multiline, clean_text
from phoihop.core.wagtail_normalize import normalize_block_value
from phoihop.portal.blocks import credit_clean
from phoihop.portal.models import (
    ArticleAuthor,
    ArticleDailyViews,
    ArticleHit,
    ArticlePage,
    CategoryPage,
    HomePage,
)
from vntext import slugify

# Who may do what on the page tree. Reporters draft and submit, never publish.
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.EDITOR_IN_CHIEF: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    Role.DEPUTY_EDITOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    # Editors and section heads approve their step of the workflow; publishing itself is the last
    # approver's (or a leader's) act, so they hold no publish permission of their own.
    Role.SECTION_HEAD: ("add_page", "change_page", "lock_page"),
    Role.EDITOR: ("add_page", "change_page", "lock_page"),
    Role.REPORTER: ("add_page", "change_page"),
}
# Images and documents: reporters upload, choose and edit their own (Wagtail's "add" covers one's own);
# editors and leaders edit anyone's. Deleting is decided by `accounts.media` (leaders only, never what a
# live page uses), whatever the group holds.
_MEDIA_OWN = ("add_image", "choose_image", "add_document", "choose_document")
_MEDIA_ANY = (*_MEDIA_OWN, "change_image", "change_document")
MEDIA_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.EDITOR_IN_CHIEF: _MEDIA_ANY,
    Role.DEPUTY_EDITOR: _MEDIA_ANY,
    Role.SECTION_HEAD: _MEDIA_ANY,
    Role.EDITOR: _MEDIA_ANY,
    Role.REPORTER: _MEDIA_OWN,
}
# Admin lists other than pages: programmes are the leaders'; spokespersons any editor's.
_LEADER_MODELS = (
    "programs.add_program",
    "programs.change_program",
    "programs.view_program",
    # Reference data with a legal basis: the work calendar, deadline policies (their versions, the legal
    # texts they cite), answer forms, grounds.
    *(
        f"{app}.{action}_{model}"
        for app, models in (
            (
                "deadlines",
                ("calendaryear", "calendarday", "deadlinepolicy", "deadlinepolicyversion", "legalinstrument"),
            ),
            ("exchange", ("responseform", "refusalground")),
        )
        for model in models
        for action in ("add", "change", "view")
    ),
    "deadlines.delete_calendarday",
)
_EDITOR_MODELS = ("programs.add_spokesperson", "programs.change_spokesperson", "programs.view_spokesperson")
MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.EDITOR_IN_CHIEF: (*_LEADER_MODELS, *_EDITOR_MODELS),
    Role.DEPUTY_EDITOR: (*_LEADER_MODELS, *_EDITOR_MODELS),
    Role.SECTION_HEAD: ("programs.view_program", *_EDITOR_MODELS),
    Role.EDITOR: ("programs.view_program", *_EDITOR_MODELS),
    Role.REPORTER: ("programs.view_program", "programs.view_spokesperson"),
}


def home_page() -> HomePage:
    return HomePage.objects.get(depth=2)


@transaction.atomic
def site_ensure() -> HomePage:
    """The newspaper's home page as the default site's root, with the media collection root.

    A migration sets this up; this repairs a database that was flushed (tests) or hand-edited.
    """
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        home = HomePage(title="Trang chủ", slug="trang-chu")
        root.add_child(instance=home)
    hostname, port = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": settings.WAGTAIL_SITE_NAME},
    )
    return home


def site_address_sync() -> int:
    """Give the default Wagtail Site the hostname and port of the public origin (PHOIHOP_BASE_URL), so
    Wagtail's own absolute URLs agree with phoihop's. Run after every migrate; returns rows changed."""
    hostname, port = site_address()
    changed = 0
    # save(), not update(): saving a Site clears Wagtail's cached site root paths.
    for site in Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        changed += 1
    return changed


@transaction.atomic
def newsroom_groups_ensure() -> dict[str, Group]:
    """Create (or repair) the Wagtail groups for the press roles. Idempotent."""
    home = home_page()
    root_collection = Collection.get_first_root_node()
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups: dict[str, Group] = {}
    for role, name in PRESS_ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        for codename in PAGE_PERMISSIONS[role]:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        # Repair too: a right the role no longer has (publish, for editors) is taken away.
        GroupPagePermission.objects.filter(group=group, page=home).exclude(
            permission__codename__in=PAGE_PERMISSIONS[role]
        ).delete()
        for label in MODEL_PERMISSIONS[role]:
            app_label, codename = label.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        for codename in MEDIA_PERMISSIONS[role]:
            permission = Permission.objects.get(
                codename=codename, content_type__app_label__in=["wagtailimages", "wagtaildocs"]
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        # Repair: a right on the media root the role no longer has (reporters editing anyone's image).
        GroupCollectionPermission.objects.filter(
            group=group,
            collection=root_collection,
            permission__content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        ).exclude(permission__codename__in=MEDIA_PERMISSIONS[role]).delete()
        groups[role] = group
    return groups


@transaction.atomic
def category_ensure(*, slug: str, title: str, description: str = "") -> CategoryPage:
    """The live category with `slug` under the home page, created when missing."""
    home = home_page()
    existing = CategoryPage.objects.child_of(home).filter(slug=slug).first()
    if existing is not None:
        return existing
    category = CategoryPage(title=clean_text(title), slug=slug, description=clean_multiline(description))
    home.add_child(instance=category)
    category.save_revision().publish()
    return category


def _clean_body(body: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Body blocks as given, with every rich-text paragraph sanitized and the text of every other
    block (captions, quotes, table cells, headings) normalized."""
    cleaned: list[tuple[str, Any]] = []
    for block_type, value in body:
        if block_type == "paragraph":
            value = RichText(clean_html(str(value.source if isinstance(value, RichText) else value)))
        elif block_type == "image":
            value = {
                **value,
                "caption": clean_multiline(value.get("caption", "")),
                "credit": credit_clean(clean_text(value.get("credit", ""))),
                "alt_text": clean_text(value.get("alt_text", "")),
            }
        else:
            value = normalize_block_value(ArticlePage.body.field.stream_block.child_blocks[block_type], value)
        cleaned.append((block_type, value))
    return cleaned


@transaction.atomic
def article_create(
    *,
    actor: User | None,
    category: CategoryPage,
    title: str,
    sapo: str,
    body: Sequence[tuple[str, Any]] = (),
    authors: Iterable[str] = (),
    tags: Iterable[str] = (),
    slug: str = "",
    lead_image: Any = None,
    lead_image_caption: str = "",
    lead_image_credit: str = "",
    publish: bool = True,
    published_at: dt.datetime | None = None,
    program: Any = None,
    themes: Iterable[Any] = (),
    editors_pick: bool = False,
) -> ArticlePage:
    """Create an article under `category` as a draft with a revision; publish it when asked.
    `editors_pick` puts it in "Nên xem" (the editor's tick in Wagtail).

    `published_at` back-dates the publication (archives and the demo story); it must be aware.
    `program` and `themes` (a `programs.Program` and some of its `Theme`s) say what the article does
    for a coordination programme: a draft made from a submission, an assignment or a claim starts
    with theirs, and the editor can change them in Wagtail. A theme of another programme, or themes
    without a programme, are refused.
    """
    if published_at is not None and published_at.tzinfo is None:
        raise ValueError("published_at must be timezone-aware")
    themes = list(themes)
    if themes and program is None:
        raise ValidationError(_("Chọn chương trình phối hợp trước khi chọn nội dung tuyên truyền."))
    if any(theme.program_id != program.pk for theme in themes):
        raise ValidationError(_("Nội dung tuyên truyền không thuộc chương trình đã chọn."))
    title = clean_text(title)
    article = ArticlePage(
        title=title,
        slug=slug or slugify(title),
        sapo=clean_multiline(sapo),
        body=_clean_body(body),
        lead_image=lead_image,
        lead_image_caption=clean_text(lead_image_caption),
        lead_image_credit=credit_clean(clean_text(lead_image_credit)),
        program=program,
        editors_pick=editors_pick,
        live=False,
    )
    # A ParentalManyToManyField: kept on the instance, saved with the page and in its revision.
    article.themes = themes  # type: ignore[assignment]
    article.authors = [
        ArticleAuthor(name=clean_text(name), slug=slugify(clean_text(name), max_length=90), sort_order=i)
        for i, name in enumerate(authors)
    ]
    article.tags.set([clean_text(tag) for tag in tags])  # type: ignore[attr-defined]
    category.add_child(instance=article)
    revision = article.save_revision(user=actor, log_action=True)
    if publish:
        revision.publish(user=actor)
        if published_at is not None:
            Page.objects.filter(pk=article.pk).update(
                first_published_at=published_at,
                last_published_at=published_at,
                latest_revision_created_at=published_at,
            )
            article.refresh_from_db()
    audit_record(
        actor=actor,
        verb="article.created",
        target=article,
        data={"published": publish, "program": program.pk if program is not None else None},
    )
    return article


# --- "Đọc nhiều": reads reported by the beacon, folded by the worker ---------------------------

MOST_READ_KEY = "portal.most_read"


def article_read_record(*, article_id: int) -> None:
    """Record one read of `article_id` (one insert) and make sure a fold is booked.

    At most one fold waits, `PHOIHOP_MOST_READ_SECONDS` after the first read that found none
    (the scheduler's job `MOST_READ_KEY`): an idle site books nothing and no cron is needed.
    Without a backend that can defer (the tests), the fold runs at once, once per that delay.
    """
    ArticleHit.objects.create(article_id=article_id)
    at = timezone.now() + dt.timedelta(seconds=settings.PHOIHOP_MOST_READ_SECONDS)
    scheduler.request(MOST_READ_KEY, at=at, eager=True)


@transaction.atomic
def most_read_aggregate() -> int:
    """Fold the recorded reads into per-article, per-local-day counts and delete them; returns the
    number of reads folded. Reads of ids that are not articles are dropped. When the "Đọc nhiều"
    ranking changes, the pages showing it are invalidated."""
    from phoihop.portal import cache, selectors

    last = ArticleHit.objects.aggregate(last=Max("id"))["last"]
    if last is None:
        return 0
    before = selectors.most_read_ids()
    hits = ArticleHit.objects.filter(id__lte=last)
    rows = list(hits.annotate(day=TruncDate("at")).values("article_id", "day").annotate(n=Count("id")))
    known = set(ArticlePage.objects.filter(pk__in={r["article_id"] for r in rows}).values_list("pk", flat=True))
    counts = {(r["article_id"], r["day"]): r["n"] for r in rows if r["article_id"] in known}
    existing = {
        (v.article_id, v.day): v
        for v in ArticleDailyViews.objects.filter(article_id__in=known, day__in={day for _, day in counts})
    }
    to_update, to_create = [], []
    for (article_id, day), n in counts.items():
        if (article_id, day) in existing:
            row = existing[(article_id, day)]
            row.views += n
            to_update.append(row)
        else:
            to_create.append(ArticleDailyViews(article_id=article_id, day=day, views=n))
    ArticleDailyViews.objects.bulk_update(to_update, ["views"], batch_size=500)
    ArticleDailyViews.objects.bulk_create(to_create, batch_size=500)
    folded = hits.count()
    hits.delete()
    if selectors.most_read_ids() != before:
        cache.invalidate_most_read()
    return folded
