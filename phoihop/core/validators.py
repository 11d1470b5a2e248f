"""Links typed by people are http or https, nothing else.

A `javascript:`, `data:` or `vbscript:` link stored in a URL field becomes a live script the moment
a page shows it as `<a href>` (the "published" link the partner sees, a unit's website, an
article's source). Every URL field of ours uses the pieces below:

* `validate_http_url` — the validator (Django's `URLValidator` limited to http/https, with a
  Vietnamese message);
* `HttpURLFormField` — a form field (assumes https:// when the scheme is missing, like people paste
  links);
* `HttpURLField` — the model field: Django's `URLField` whose validator and form field are the two
  above, so model forms (the Wagtail admin included) and `full_clean` refuse other schemes.

`HttpURLField` deconstructs as Django's own `URLField`: validators that come with a field class are
not part of a migration (like `URLField`'s own), so switching a field to it changes no schema and
needs no migration.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

HTTP_SCHEMES = ("http", "https")
INVALID_URL = _("Đường dẫn không hợp lệ: chỉ nhận địa chỉ http:// hoặc https://, ví dụ https://baochi.vn/bai-viet.")


@deconstructible
class HttpURLValidator(URLValidator):
    message = INVALID_URL

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("schemes", list(HTTP_SCHEMES))
        super().__init__(**kwargs)


validate_http_url = HttpURLValidator()


class HttpURLFormField(forms.URLField):
    default_validators = [validate_http_url]
    default_error_messages = {"invalid": INVALID_URL}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class HttpURLField(models.URLField):
    default_validators = [validate_http_url]

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": HttpURLFormField, **kwargs})

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
