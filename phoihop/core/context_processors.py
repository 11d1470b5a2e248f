from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {"PUBLICATION_NAME": settings.PHOIHOP_PUBLICATION_NAME}
