"""Text typed in the Wagtail admin enters NFC and with new-style tones, like every other path in.

The chokepoint is the form field. Almost every form the admin builds for a model — page editors,
ModelViewSets and snippets built from panels, the inline lists inside them — asks Wagtail's
field-override registry (`register_form_field_override`, `formfield_for_dbfield`) which form field
to use for each model field. `register()` answers with form fields that normalize in `to_python` /
`clean`, so:

* validation (required, max_length, uniqueness) already sees the normalized text;
* the page instance, and therefore the revision Wagtail serializes from it, holds the normalized
  text — a `pre_save` receiver would come too late for revisions, which are written before the page
  row (and a draft's content lives only in its revision);
* a new model or viewset needs nothing: plain `CharField`, `TextField`, `StreamField` and tag
  fields are covered wherever the admin edits them.

Two kinds of admin forms are built past the registry, so they get the same fields another way:
a ModelViewSet declared with `form_fields` (no panels) uses the viewset's own
`formfield_for_dbfield` — our viewsets subclass `ModelViewSet` below instead of Wagtail's — and
the image and document forms use their own callback, so the settings point their base forms at
`ImageForm` and `DocumentForm` below. `phoihop/core/tests/test_admin_text.py` checks every admin
form of ours, so a viewset that forgets is caught.

One-line fields use `clean_text` and multi-line fields `clean_multiline`, the functions the
workspace's services use. In StreamField values every CharBlock, TextBlock, RichTextBlock and
table cell is normalized; rich text only between tags (`phoihop.core.text.normalize_html`). Fields
whose values are not prose keep their own form fields: choices, slugs, URLs, e-mail addresses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db import models
from taggit.managers import TaggableManager
from wagtail import blocks
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.tags import TagField
from wagtail.admin.viewsets.model import ModelViewSet as WagtailModelViewSet
from wagtail.blocks.base import BlockField
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.forms import BaseDocumentForm
from wagtail.fields import StreamField
from wagtail.images.forms import BaseImageForm
from wagtail.rich_text import RichText

from phoihop.core.text import clean_multiline, clean_text, normalize_html


class NormalizedCharField(forms.CharField):
    """A one-line text field: NFC, new-style tones, whitespace collapsed (`clean_text`)."""

    normalize = staticmethod(clean_text)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str) and value:
            return self.normalize(value) or self.empty_value
        return value


class NormalizedTextField(NormalizedCharField):
    """A multi-line text field: NFC, new-style tones, line breaks kept (`clean_multiline`)."""

    normalize = staticmethod(clean_multiline)


class NormalizedTagField(TagField):
    """Tag names normalized before they are parsed and looked up, so "Thuỷ lợi" and "Thủy lợi" are
    one tag."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value)
        names = super().clean(value)
        return list(dict.fromkeys(clean_text(name) for name in names if clean_text(name)))


class NormalizedBlockField(BlockField):
    """A StreamField's form field whose cleaned value has every text block normalized."""

    def clean(self, value: Any) -> Any:
        return normalize_block_value(self.block, super().clean(value))


def normalize_block_value(block: blocks.Block, value: Any) -> Any:
    """`value` of `block` with the text of every CharBlock, TextBlock, RichTextBlock and table cell
    in it normalized; other blocks (images, pages, embeds, URLs, choices) are left as they are.

    Takes the blocks' own values (StreamValue, StructValue, ListValue, RichText) — bound values
    are updated in place and returned — or the plain Python data a service passes (lists of
    `(type, value)` pairs, dicts, lists, HTML strings), for which new containers are returned.
    """
    if value is None:
        return None
    if isinstance(block, blocks.StreamBlock):
        if isinstance(value, blocks.StreamValue):
            for child in value:
                child.value = normalize_block_value(child.block, child.value)
            return value
        return [(name, normalize_block_value(block.child_blocks[name], item)) for name, item in value]
    if isinstance(block, blocks.ListBlock):
        if isinstance(value, blocks.list_block.ListValue):
            for list_child in value.bound_blocks:
                list_child.value = normalize_block_value(block.child_block, list_child.value)
            return value
        return [normalize_block_value(block.child_block, item) for item in value]
    if isinstance(block, blocks.StructBlock):
        if isinstance(value, blocks.StructValue):
            for name, child_block in block.child_blocks.items():
                if name in value:
                    value[name] = normalize_block_value(child_block, value[name])
            return value
        return {
            name: normalize_block_value(block.child_blocks[name], item) if name in block.child_blocks else item
            for name, item in value.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(value, RichText):
            return RichText(normalize_html(value.source))
        return normalize_html(value) if isinstance(value, str) else value
    if isinstance(block, blocks.TextBlock):
        return clean_multiline(value) if isinstance(value, str) else value
    if isinstance(block, blocks.CharBlock):
        return clean_text(value) if isinstance(value, str) else value
    if isinstance(block, TableBlock) and isinstance(value, Mapping):
        return _normalize_table(value)
    return value


def _normalize_table(value: Mapping[str, Any]) -> dict[str, Any]:
    """A TableBlock value: each cell is one line of text, the caption too."""
    table = dict(value)
    if isinstance(table.get("data"), list):
        table["data"] = [
            [clean_text(cell) if isinstance(cell, str) else cell for cell in row] if isinstance(row, list) else row
            for row in table["data"]
        ]
    if isinstance(table.get("table_caption"), str):
        table["table_caption"] = clean_text(table["table_caption"])
    return table


# The model fields whose admin form fields normalize: exactly these classes, so that subclasses
# (SlugField, EmailField, URLField, RichTextField) keep the form fields Django and Wagtail give them.
TEXT_FORM_FIELDS: dict[type[models.Field[Any, Any]], type[forms.CharField]] = {
    models.CharField: NormalizedCharField,
    models.TextField: NormalizedTextField,
}


def formfield_for_dbfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Django's own form field for `db_field`, normalizing if it is a text field."""
    form_class = TEXT_FORM_FIELDS.get(type(db_field))
    if form_class is not None:
        kwargs.setdefault("form_class", form_class)
    return db_field.formfield(**kwargs)


class ModelViewSet(WagtailModelViewSet):
    """Wagtail's ModelViewSet, whose `form_fields` forms normalize text like the panel-built ones."""

    def formfield_for_dbfield(self, db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
        return formfield_for_dbfield(db_field, **kwargs)


class _NormalizedMediaFormMixin:
    """Wagtail builds the image and document forms with its own field callback, past the registry;
    these base forms (settings `WAGTAILIMAGES_IMAGE_FORM_BASE`, `WAGTAILDOCS_DOCUMENT_FORM_BASE`)
    normalize their text instead. A title made from a file name matters most: macOS sends file
    names decomposed (NFD)."""

    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name in ("title", "description"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = clean_text(cleaned[name])
        if isinstance(cleaned.get("tags"), list):
            cleaned["tags"] = list(dict.fromkeys(clean_text(tag) for tag in cleaned["tags"] if clean_text(tag)))
        return cleaned


class ImageForm(_NormalizedMediaFormMixin, BaseImageForm):
    pass


class DocumentForm(_NormalizedMediaFormMixin, BaseDocumentForm):
    pass


def _tag_field_override(db_field: Any) -> dict[str, Any]:
    # Wagtail's own override for tags, with our field class.
    return {"form_class": NormalizedTagField, "tag_model": db_field.related_model}


def register() -> None:
    """Install the overrides (called once from `CoreConfig.ready`, before any admin form is built).

    The TextField entry replaces Wagtail's own, so it repeats its auto-height widget; the tag entry
    likewise replaces Wagtail's.
    """
    register_form_field_override(
        models.CharField, override={"form_class": TEXT_FORM_FIELDS[models.CharField]}, exact_class=True
    )
    register_form_field_override(
        models.TextField,
        override={"form_class": TEXT_FORM_FIELDS[models.TextField], "widget": widgets.AdminAutoHeightTextInput},
        exact_class=True,
    )
    register_form_field_override(StreamField, override={"form_class": NormalizedBlockField})
    register_form_field_override(TaggableManager, override=_tag_field_override)
