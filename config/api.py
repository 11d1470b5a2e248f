"""The JSON API under /api/v1/ (django-ninja), with its OpenAPI schema at /api/v1/openapi.json.

Each app exposes a `router` in its own `api.py`; they are mounted here.
"""

from ninja import NinjaAPI

from phoihop.search.api import router as search_router

api = NinjaAPI(
    title="phoihop API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

api.add_router("/search", search_router)
