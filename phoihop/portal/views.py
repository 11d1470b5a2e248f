from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.defaults import page_not_found as django_page_not_found


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return django_page_not_found(request, exception, template_name="404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no database: the 500 page must render when everything else fails.
    return HttpResponseServerError(loader.get_template("500.html").render())
