"""A Wagtail search backend: page searches find published articles through phoihop's index, everything
else goes to Wagtail's database backend.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]`` so the admin's page search, page chooser and
explorer search use it. For a search over pages (``Page`` or ``ArticlePage`` querysets) it answers

1. the live articles that phoihop's index finds (accent-, đ- and abbreviation-aware, ranked as on
   the site; at most `INDEX_LIMIT`), restricted to the admin's queryset (permissions, filters);
2. then whatever Wagtail's own backend finds among the other pages of that queryset: drafts, pages
   that are not articles, and edits not yet published.

Indexing (``add``, ``delete``, ``update_index``) and searches over other models (images, documents,
users, snippets) are the database backend's, unchanged. Searches that name specific fields or use
Wagtail's query objects (other than plain text) are also passed through unchanged.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from modelsearch.backends.base import BaseSearchBackend, BaseSearchResults
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import PlainText
from wagtail.models import Page

from phoihop.portal.models import ArticlePage
from phoihop.search import engine
from phoihop.search.selectors import ARTICLES, article_page_ids

INDEX_LIMIT = 500


class MergedResults(BaseSearchResults):
    """Index hits first (in rank order), then the database backend's results; sliced lazily."""

    def __init__(
        self, backend: BaseSearchBackend, queryset: QuerySet[Any], index_ids: list[int], rest: Any, ordered: bool
    ) -> None:
        super().__init__(backend, None)
        self.model = queryset.model
        self.queryset = queryset
        self.index_ids = index_ids
        self.rest = rest
        self.ordered = ordered

    def _clone(self) -> MergedResults:
        clone = MergedResults(self.backend, self.queryset, self.index_ids, self.rest, self.ordered)
        clone.start, clone.stop, clone._score_field = self.start, self.stop, self._score_field
        return clone

    def _do_search(self) -> list[Model]:
        if not self.ordered:
            # The admin asked for its own ordering (title, date…): one queryset over both sources.
            rest_ids = [obj.pk for obj in self.rest]
            merged = self.queryset.filter(pk__in=[*self.index_ids, *rest_ids])
            return list(merged[self.start : self.stop])
        known = len(self.index_ids)
        found: list[Model] = []
        if self.start < known:
            wanted = self.index_ids[self.start : known if self.stop is None else min(self.stop, known)]
            objects = {obj.pk: obj for obj in self.queryset.filter(pk__in=wanted)}
            found.extend(objects[pk] for pk in wanted if pk in objects)
        rest_start = max(0, self.start - known)
        rest_stop = None if self.stop is None else max(0, self.stop - known)
        if rest_stop is None or rest_stop > rest_start:
            found.extend(self.rest[rest_start:rest_stop])
        return found

    def _do_count(self) -> int:
        count = len(self.index_ids) + self.rest.count() - self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)


class PhoihopSearchBackend(BaseSearchBackend):
    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.database = database_backend(params)
        self.rebuilder_class = self.database.rebuilder_class
        self.catch_indexing_errors = self.database.catch_indexing_errors

    # Indexing: the database backend's own index, unchanged.
    def get_index_for_model(self, model: type[Model]) -> Any:
        return self.database.get_index_for_model(model)

    def all_indexes(self) -> Any:
        return self.database.all_indexes()

    def refresh_indexes(self) -> None:
        self.database.refresh_indexes()

    def reset_indexes(self) -> None:
        self.database.reset_indexes()

    def add(self, obj: Model) -> None:
        self.database.add(obj)

    def add_bulk(self, model: type[Model], obj_list: Any) -> None:
        self.database.add_bulk(model, obj_list)

    def delete(self, obj: Model) -> None:
        self.database.delete(obj)

    # Searching.
    def search(self, query: Any, model_or_queryset: Any, **kwargs: Any) -> Any:
        merged = self._merged(query, model_or_queryset, prefix=False, kwargs=kwargs)
        return self.database.search(query, model_or_queryset, **kwargs) if merged is None else merged

    def autocomplete(self, query: Any, model_or_queryset: Any, **kwargs: Any) -> Any:
        merged = self._merged(query, model_or_queryset, prefix=True, kwargs=kwargs)
        return self.database.autocomplete(query, model_or_queryset, **kwargs) if merged is None else merged

    def _merged(self, query: Any, model_or_queryset: Any, *, prefix: bool, kwargs: dict[str, Any]) -> Any:
        queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
        if not (issubclass(queryset.model, Page) and issubclass(ArticlePage, queryset.model)):
            return None
        if kwargs.get("fields"):
            return None
        if isinstance(query, PlainText):
            text = query.query_string
        elif isinstance(query, str):
            text = query
        else:
            return None
        parsed = engine.parse_query(text, prefix=prefix)
        if parsed is None:
            return None
        ranked = article_page_ids(engine.rank(parsed, ARTICLES, limit=INDEX_LIMIT, count=False).keys)
        allowed = set(queryset.filter(pk__in=ranked).values_list("pk", flat=True))
        index_ids = [pk for pk in ranked if pk in allowed]
        search = self.database.autocomplete if prefix else self.database.search
        rest = search(query, queryset.exclude(pk__in=index_ids), **kwargs)
        return MergedResults(self, queryset, index_ids, rest, ordered=kwargs.get("order_by_relevance", True))


SearchBackend = PhoihopSearchBackend
