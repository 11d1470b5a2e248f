"""Who may delete an image or a document in the Wagtail admin, and when nobody may.

Wagtail's own policy for images and documents (`CollectionOwnershipPermissionPolicy`) treats
"delete" as "change": whoever may edit an image may delete it, and nothing stops the deletion of a
published article's lead image. The newsroom's rule is narrower:

* deleting is for the press's leaders (Tổng Biên tập, Phó Tổng Biên tập) and superusers
  (`may_delete_media`); editors fix captions, reporters upload, choose and edit their own;
* nobody deletes an image or a document that a live page uses (`used_by_live_page`): as its lead
  image, in its body or in any other field Wagtail's reference index knows; it is taken out of the
  page first.

`install()` (from `AccountsConfig.ready`) gives Wagtail's image and document policy objects this
class. Wagtail's views, choosers, bulk actions and multiple-upload views all hold those two objects
(imported once at start-up), so changing their class — rather than making new ones — is what reaches
every delete button and every delete request. The admin's delete pages answer a refusal with
`deletion_refusal`'s Vietnamese reason (`wagtail_hooks.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Organization
from phoihop.accounts.roles import PRESS_LEADER_ROLES


def may_delete_media(user: Any) -> bool:
    """Superusers and the press's leaders delete images and documents; nobody else."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or scope_for(user).is_press_leader


def used_by_live_page(instance: models.Model) -> bool:
    """Whether a live page uses `instance`: a foreign key of the page's row (a live page's row holds
    its published content, e.g. `lead_image`) or a reference Wagtail's index found in it (body blocks,
    rich-text links)."""
    for relation in instance._meta.related_objects:
        related = relation.related_model
        if (
            isinstance(related, type)
            and issubclass(related, Page)
            and relation.field.many_to_one
            and related._default_manager.filter(**{relation.field.name: instance}, live=True).exists()
        ):
            return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        if object_id.isdigit()
    ]
    return bool(page_ids) and Page.objects.filter(pk__in=page_ids, live=True).exists()


def deletion_refusal(user: Any, instance: models.Model) -> str | None:
    """Why `user` may not delete `instance` (an image or a document), in Vietnamese; None if they may."""
    if not may_delete_media(user):
        return _("Chỉ Tổng Biên tập, Phó Tổng Biên tập và quản trị viên được xóa ảnh và tài liệu.")
    if used_by_live_page(instance):
        return _("«%(title)s» đang được dùng trong bài đã xuất bản; hãy gỡ khỏi bài trước khi xóa.") % {
            "title": getattr(instance, "title", str(instance))
        }
    return None


def _without_delete(actions: Iterable[str]) -> list[str]:
    return [action for action in actions if action != "delete"]


class NewsroomMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's ownership policy, with "delete" kept for `may_delete_media` and never for media a
    live page uses (see the module's docstring)."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == "delete" and not may_delete_media(user):
            return False
        return bool(super().user_has_permission(user, action))

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        actions = list(actions)
        if "delete" in actions and not may_delete_media(user):
            actions = _without_delete(actions)
        return bool(actions) and bool(super().user_has_any_permission(user, actions))

    def user_has_any_permission_for_instance(self, user: Any, actions: Iterable[str], instance: Any) -> bool:
        actions = list(actions)
        if "delete" in actions and deletion_refusal(user, instance) is not None:
            actions = _without_delete(actions)
        return bool(actions) and bool(super().user_has_any_permission_for_instance(user, actions, instance))

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> Any:
        actions = list(actions)
        if "delete" in actions and not may_delete_media(user):
            actions = _without_delete(actions)
        if not actions:
            return self.model._default_manager.none()
        return super().instances_user_has_any_permission_for(user, actions)

    def users_with_any_permission(self, actions: Iterable[str]) -> Any:
        actions = list(actions)
        if actions == ["delete"]:
            return super().users_with_any_permission(actions).filter(_media_deleters()).distinct()
        return super().users_with_any_permission(actions)

    def users_with_any_permission_for_instance(self, actions: Iterable[str], instance: Any) -> Any:
        actions = list(actions)
        if actions == ["delete"]:
            if used_by_live_page(instance):
                return get_user_model()._default_manager.none()
            return (
                super().users_with_any_permission_for_instance(actions, instance).filter(_media_deleters()).distinct()
            )
        return super().users_with_any_permission_for_instance(actions, instance)


def _media_deleters() -> Q:
    return Q(is_superuser=True) | Q(
        memberships__is_active=True,
        memberships__role__in=PRESS_LEADER_ROLES,
        memberships__organization__kind=Organization.Kind.PRESS,
    )


def install() -> None:
    """Give Wagtail's image and document policies the newsroom's rule (see the module's docstring)."""
    from wagtail.documents import permissions as document_permissions
    from wagtail.images import permissions as image_permissions

    for policy in (image_permissions.permission_policy, document_permissions.permission_policy):
        if isinstance(policy, CollectionOwnershipPermissionPolicy) and not isinstance(
            policy, NewsroomMediaPermissionPolicy
        ):
            policy.__class__ = NewsroomMediaPermissionPolicy
