from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.accounts.models import Organization
from phoihop.core.http import MAX_PAGE
from phoihop.portal.models import CategoryPage
from phoihop.portal.services import home_page
from phoihop.search import kinds, selectors
from phoihop.search.forms import SearchForm, WorkspaceSearchForm

RESULTS_PER_PAGE = 20


def search(request: HttpRequest) -> HttpResponse:
    """/tim-kiem/: published articles, best match first, 20 a page (?trang=)."""
    categories = {
        page.slug: page
        for page in CategoryPage.objects.live().child_of(home_page()).order_by("path").only("slug", "title")
    }
    form = SearchForm(request.GET or None, categories=[(slug, page.title) for slug, page in categories.items()])
    results, page_obj = None, None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        category = categories.get(data["chuyen-muc"])

        def fetch(number: int) -> selectors.Results[selectors.ArticleHit]:
            return selectors.search_articles(
                data["q"],
                category_id=category.pk if category else None,
                date_from=data["tu"],
                date_to=data["den"],
                offset=(number - 1) * RESULTS_PER_PAGE,
                limit=RESULTS_PER_PAGE,
                request=request,
                recover=not data["chinh-xac"],
            )

        requested = request.GET.get("trang")
        number = int(requested) if requested and requested.isdigit() and int(requested) > 0 else 1
        if number > MAX_PAGE:
            raise Http404
        results = fetch(number)
        # The paginator only validates the number against the total; the rows come from the index.
        page_obj = Paginator(range(results.total), RESULTS_PER_PAGE).get_page(number)
        if page_obj.number != number:
            results = fetch(page_obj.number)
    links = {}
    if results is not None:
        # The reader's filters are kept; "chinh-xac" only on the "as typed" link.
        base = {key: request.GET.get(key, "") for key in ("chuyen-muc", "tu", "den") if request.GET.get(key)}
        if results.typed:
            links["typed"] = "?" + urlencode({**base, "q": results.typed, "chinh-xac": "1"})
        if results.suggestion:
            links["suggestion"] = "?" + urlencode({**base, "q": results.suggestion})
    context = {"form": form, "results": results, "page_obj": page_obj, "links": links}
    return render(request, "search/results.html", context)


SUGGEST_MAX_AGE = 60


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    """/tim-kiem/goi-y/?q=: headlines and tags for the search box as the reader types (JSON, for
    static/search/suggest.js). Public data only; cached by browsers and proxies for a minute."""
    text = request.GET.get("q", "")[:MAX_SUGGEST_CHARS]
    found = selectors.suggest(text, request=request)
    response = JsonResponse(
        {"q": text, "suggestions": [{"kind": item.kind, "label": item.label, "url": item.url} for item in found]}
    )
    response["Cache-Control"] = f"public, max-age={SUGGEST_MAX_AGE}"
    return response


MAX_SUGGEST_CHARS = 100


WORKSPACE_PER_PAGE = 20


def _page_number(value: str | None) -> int:
    """?trang=: absent or empty is page 1; anything but a plain positive number is a 404."""
    if not value:
        return 1
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_PAGE)) or not 1 <= int(value) <= MAX_PAGE:
        raise Http404
    return int(value)


@login_required
def workspace(request: AuthenticatedHttpRequest) -> HttpResponse:
    """/tim-kiem/phoi-hop/: the workspace items the user may see — exactly what their inbox lists
    (`selectors.workspace_search` filters by the same organization scope) — best match first,
    with highlighted passages, filtered by kind, 20 a page. A page past the last is a 404."""
    registered = kinds.all_kinds()
    form = WorkspaceSearchForm(request.GET or None, kinds=[(kind.param, kind.label) for kind in registered])
    number = _page_number(request.GET.get("trang"))
    results, page_obj, organizations = None, None, {}
    kind = None
    if form.is_valid() and form.cleaned_data["q"]:
        kind = kinds.by_param(form.cleaned_data["loai"]) if form.cleaned_data["loai"] else None
        results = selectors.workspace_search(
            request.user,
            form.cleaned_data["q"],
            kind=kind.code if kind else None,
            offset=(number - 1) * WORKSPACE_PER_PAGE,
            limit=WORKSPACE_PER_PAGE,
        )
        paginator = Paginator(range(results.total), WORKSPACE_PER_PAGE)
        if number > paginator.num_pages:
            raise Http404
        page_obj = paginator.page(number)
        organizations = dict(
            Organization.objects.filter(pk__in={hit.organization_id for hit in results.hits}).values_list("pk", "name")
        )
    elif number != 1:
        raise Http404
    hits = [
        {"hit": hit, "kind": kinds.label(hit.kind), "organization": organizations.get(hit.organization_id, "")}
        for hit in (results.hits if results else [])
    ]
    context = {
        "form": form,
        "results": results,
        "hits": hits,
        "page_obj": page_obj,
        "kinds": registered,
        "current_kind": kind.param if kind else "",
    }
    return render(request, "search/workspace_results.html", context)
