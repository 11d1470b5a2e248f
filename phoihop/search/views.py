from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from phoihop.core.http import MAX_PAGE
from phoihop.portal.models import CategoryPage
from phoihop.portal.services import home_page
from phoihop.search import selectors
from phoihop.search.forms import SearchForm

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
    return render(request, "search/results.html", {"form": form, "results": results, "page_obj": page_obj})
