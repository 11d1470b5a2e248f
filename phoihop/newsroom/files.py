"""Partners' files in Wagtail: private until an editor publishes them with a live article.

"Giao việc" copies a submission's files into Wagtail (`services._copy_attachments`): its documents
and its photos go to the collection "Tệp từ đơn vị phối hợp › Chưa công bố (chỉ tòa soạn)". Two of
Wagtail's own mechanisms keep them there:

* **Collection privacy.** The collection has a `CollectionViewRestriction` of type GROUPS naming
  the five press groups (the groups `accounts` keeps in step with press memberships; partner users
  are never in one). Documents are stored in the private default storage and reach a browser only
  through Wagtail's serve view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), whose
  `before_serve_document` check applies the restriction. `refuse_outsiders` runs just before
  Wagtail's own check and answers 404 where Wagtail would send an outsider to the login page: the
  decision stays Wagtail's (`restriction.accept_request`), only the answer is the project's.
* **Private originals.** Wagtail's original images live in the private default storage too; the
  public store holds renditions only. A partner photo's original is stored under a random name, so
  the renditions of a draft (named after the original) cannot be guessed either.

A file becomes public only by an editor's deliberate choice, taken through the article's approval:
the draft's "Tài liệu kèm theo" block lists the documents with "Công khai cùng bài" unticked; when a
revision that ticks one goes live, `article_files_sync` (on Wagtail's `page_published`) records the
files the live article makes public (`ArticleFile`: the ticked documents, the partner photos it
shows) and moves them to "Đã công bố cùng bài", a collection without restriction. Whenever an
article stops offering a file — republished unticked, unpublished, taken down, expired, deleted —
the file goes back to the private collection unless another live article still offers it, and a
photo no live article shows loses its renditions.

The sending unit reads its own files where it sent them (the exchange's attachment view, with its
own access check); the copies in Wagtail are the newsroom's working files.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page
from wagtail.signals import page_published, page_unpublished

from phoihop.accounts.services import PRESS_ROLE_GROUPS
from phoihop.audit.services import audit_record
from phoihop.newsroom.models import ArticleFile, PartnerFile
from phoihop.portal.models import ArticlePage

# The collections are data (what editors see in the admin), so their names are not translated.
PARENT_COLLECTION = "Tệp từ đơn vị phối hợp"
PRIVATE_COLLECTION = "Chưa công bố (chỉ tòa soạn)"
PUBLIC_COLLECTION = "Đã công bố cùng bài"

VERB_PUBLISHED = "newsroom.file_published"
VERB_WITHDRAWN = "newsroom.file_withdrawn"


@dataclass(frozen=True)
class PartnerCollections:
    private: Collection
    public: Collection

    @property
    def ids(self) -> tuple[int, int]:
        return (self.private.pk, self.public.pk)


def _child(parent: Collection, name: str) -> Collection:
    found = parent.get_children().filter(name=name).first()
    return found if found is not None else parent.add_child(name=name)


@transaction.atomic
def collections_ensure() -> PartnerCollections:
    """The two collections of partners' files, created or repaired: the private one restricted to
    the press groups (GROUPS), the public one and their parent without any restriction.
    Idempotent; also a seeder. A restriction changed in the admin is put back."""
    parent = _child(Collection.get_first_root_node(), PARENT_COLLECTION)
    private, public = _child(parent, PRIVATE_COLLECTION), _child(parent, PUBLIC_COLLECTION)
    groups = [Group.objects.get_or_create(name=name)[0] for name in PRESS_ROLE_GROUPS.values()]
    restrictions = list(CollectionViewRestriction.objects.filter(collection=private).order_by("pk"))
    restriction = restrictions[0] if restrictions else CollectionViewRestriction(collection=private)
    if restriction.pk is None or restriction.restriction_type != BaseViewRestriction.GROUPS:
        restriction.restriction_type = BaseViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
    if {group.pk for group in restriction.groups.all()} != {group.pk for group in groups}:
        restriction.groups.set(groups)
    CollectionViewRestriction.objects.filter(
        Q(collection=private, pk__in=[r.pk for r in restrictions[1:]]) | Q(collection__in=[parent, public])
    ).delete()
    return PartnerCollections(private=private, public=public)


def stored_image_name(original_name: str) -> str:
    """The file name of a partner photo's original: random, with the original's extension. Wagtail
    names renditions after the original, so a draft's renditions cannot be found by guessing."""
    suffix = PurePosixPath(original_name).suffix.lower()
    return secrets.token_hex(10) + (suffix if suffix.isascii() and suffix[1:].isalnum() else "")


def record_copy(*, submission: Any, attachment: Any, document: Any = None, image: Any = None) -> PartnerFile:
    """Remember where a Wagtail copy came from (called by `services._copy_attachments`)."""
    return PartnerFile.objects.create(submission=submission, attachment=attachment, document=document, image=image)


def partner_collections() -> PartnerCollections | None:
    """The two collections of partners' files, found without creating anything (None before the
    first copy): for reads."""
    parent = Collection.get_first_root_node().get_children().filter(name=PARENT_COLLECTION).first()
    children = {c.name: c for c in parent.get_children()} if parent is not None else {}
    if PRIVATE_COLLECTION not in children or PUBLIC_COLLECTION not in children:
        return None
    return PartnerCollections(private=children[PRIVATE_COLLECTION], public=children[PUBLIC_COLLECTION])


def partner_files(submission: Any) -> list[PartnerFile]:
    """The Wagtail copies of a submission's files, each with `is_public`: whether it is in the
    public collection now (for the newsroom's assignment page; press only)."""
    rows = list(PartnerFile.objects.filter(submission=submission).select_related("document", "image", "attachment"))
    collections = partner_collections() if rows else None
    for row in rows:
        item = row.document or row.image
        row.is_public = (  # type: ignore[attr-defined]
            collections is not None and item is not None and item.collection_id == collections.public.pk
        )
    return rows


# ----------------------------------------------------------------------------------------------
# What a live article makes public


def _items(raw: Any) -> list[Any]:
    """The values of a ListBlock's stored data, in its current form ({"type": "item", "value": …})
    or the older plain list."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" and "value" in item else item
        for item in raw or []
    ]


def _offered(article: ArticlePage) -> tuple[set[int], set[int]]:
    """The ids of the documents the live article offers (ticked "Công khai cùng bài") and of the
    photos it shows (lead image, photos and galleries of the body), read from the stored body
    without loading any of them: this runs on every publish, archive imports included."""
    documents: set[int] = set()
    images: set[int] = {article.lead_image_id} if article.lead_image_id else set()
    for block in article.body.raw_data:
        value = block.get("value") or {}
        if block.get("type") == "documents":
            documents.update(
                int(item["document"])
                for item in _items(value.get("documents"))
                if isinstance(item, dict) and item.get("public") and item.get("document")
            )
        elif block.get("type") == "image" and value.get("image"):
            images.add(int(value["image"]))
        elif block.get("type") == "gallery":
            photos = _items(value.get("images"))
            images.update(int(item["image"]) for item in photos if isinstance(item, dict) and item.get("image"))
    return documents, images


@dataclass
class FilesChange:
    published: list[str]
    withdrawn: list[str]


@transaction.atomic
def article_files_sync(*, article: Page) -> FilesChange:
    """Make the partners' files public exactly as the article's live state says, and private again
    what it no longer offers.

    Reads the article afresh: when it is live, its page row holds the live content (Wagtail writes
    drafts of a live page to revisions only). Rebuilds the article's `ArticleFile` rows, then
    settles every file whose rows changed. Called on every publish and unpublish of an article (the
    signal handlers below); idempotent. Files outside the partners' collections are left alone.
    """
    page = ArticlePage.objects.filter(pk=article.pk).first()
    documents, images = _offered(page) if page is not None and page.live else (set(), set())
    rows = ArticleFile.objects.filter(article_id=article.pk)
    had = list(rows.values_list("document_id", "image_id"))
    collections = partner_collections() if documents or images or had else None
    if collections is None:  # most articles: no partner's file, now or before
        return FilesChange(published=[], withdrawn=[])
    documents = set(
        get_document_model()
        .objects.filter(pk__in=documents, collection_id__in=collections.ids)
        .values_list("pk", flat=True)
    )
    images = set(
        get_image_model().objects.filter(pk__in=images, collection_id__in=collections.ids).values_list("pk", flat=True)
    )
    had_documents = {document for document, _image in had if document is not None}
    had_images = {image for _document, image in had if image is not None}
    rows.filter(Q(document_id__in=had_documents - documents) | Q(image_id__in=had_images - images)).delete()
    ArticleFile.objects.bulk_create(
        [ArticleFile(article_id=article.pk, document_id=pk) for pk in sorted(documents - had_documents)]
        + [ArticleFile(article_id=article.pk, image_id=pk) for pk in sorted(images - had_images)]
    )
    return files_settle(document_ids=documents ^ had_documents, image_ids=images ^ had_images, article=page or article)


@transaction.atomic
def files_settle(*, document_ids: Iterable[int], image_ids: Iterable[int], article: Any = None) -> FilesChange:
    """Put each of these partners' files in the collection its `ArticleFile` rows call for: public
    while a live article offers it, private otherwise; a photo going private loses its renditions.
    Each move is recorded on the submission the file came from (the partner sees it in its history)."""
    change = FilesChange(published=[], withdrawn=[])
    document_ids, image_ids = set(document_ids), set(image_ids)
    if not (document_ids or image_ids):
        return change
    collections = collections_ensure()
    offered_documents = set(
        ArticleFile.objects.filter(document_id__in=document_ids).values_list("document_id", flat=True)
    )
    offered_images = set(ArticleFile.objects.filter(image_id__in=image_ids).values_list("image_id", flat=True))
    moves: list[tuple[Any, bool]] = [
        (item, item.pk in offered_documents)
        for item in get_document_model()
        .objects.select_for_update()
        .filter(pk__in=document_ids, collection_id__in=collections.ids)
    ] + [
        (item, item.pk in offered_images)
        for item in get_image_model()
        .objects.select_for_update()
        .filter(pk__in=image_ids, collection_id__in=collections.ids)
    ]
    for item, public in moves:
        target = collections.public if public else collections.private
        if item.collection_id == target.pk:
            continue
        item.collection = target
        item.save(update_fields=["collection"])
        if not public and hasattr(item, "renditions"):
            # Every size of the photo a live page showed; Wagtail deletes their files after the commit.
            item.renditions.all().delete()
        (change.published if public else change.withdrawn).append(item.title)
        _record(item, public=public, article=article)
    return change


def _record(item: Any, *, public: bool, article: Any) -> None:
    field = "document_id" if _is_document(item) else "image_id"
    copy = PartnerFile.objects.filter(**{field: item.pk}).select_related("submission").first()
    audit_record(
        actor=None,
        verb=VERB_PUBLISHED if public else VERB_WITHDRAWN,
        target=copy.submission if copy is not None else item,
        organization=copy.submission.organization if copy is not None else None,
        data={"file": item.title, "article": getattr(article, "title", ""), "article_id": getattr(article, "pk", None)},
    )


def _is_document(item: Any) -> bool:
    return isinstance(item, get_document_model())


# ----------------------------------------------------------------------------------------------
# Wagtail's events and serve view


def refuse_outsiders(document: Any, request: HttpRequest) -> None:
    """`before_serve_document`, ordered before Wagtail's own check: a document whose collection a
    login or group restriction closes to this request is a 404, as every other thing an outsider
    may not see (Wagtail would send them to the login page). Password restrictions, which this
    project does not use, are left to Wagtail's form."""
    for restriction in document.collection.get_view_restrictions():
        if restriction.restriction_type in {BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS} and not (
            restriction.accept_request(request)
        ):
            raise Http404


def on_article_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    article_files_sync(article=instance)


def on_article_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    article_files_sync(article=instance)


def on_article_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted article's rows go with it (cascade); its files are settled after the commit."""
    rows = list(ArticleFile.objects.filter(article_id=instance.pk).values_list("document_id", "image_id"))
    if not rows:
        return
    documents = [document for document, _image in rows if document is not None]
    images = [image for _document, image in rows if image is not None]
    transaction.on_commit(lambda: files_settle(document_ids=documents, image_ids=images), robust=True)


_connected = False


def ready() -> None:
    """Connect the receivers and the serve hook, register the seeder and the history labels
    (from `NewsroomConfig.ready`; safe to call twice)."""
    global _connected
    from phoihop.audit import history
    from phoihop.core import seeds

    if _connected:
        return
    _connected = True
    hooks.register("before_serve_document", refuse_outsiders, order=-1)
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="newsroom-files-published")
    page_unpublished.connect(on_article_unpublished, sender=ArticlePage, dispatch_uid="newsroom-files-unpublished")
    pre_delete.connect(on_article_deleted, sender=ArticlePage, dispatch_uid="newsroom-files-deleted")
    seeds.register("newsroom.partner_collections", collections_ensure)
    history.register_verbs(
        {
            VERB_PUBLISHED: _("công khai tệp cùng bài"),
            VERB_WITHDRAWN: _("đưa tệp về riêng tư"),
        }
    )
