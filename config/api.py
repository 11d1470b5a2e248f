"""The JSON API under /api/v1/ (django-ninja), with its OpenAPI schema at /api/v1/openapi.json.

Each app exposes a `router` in its own `api.py`; they are mounted here. Errors are problem details
(RFC 9457, `phoihop.core.api.install_problem_handlers`); the personal tokens and the `Bearer` auth
are `phoihop.accounts.api`.
"""

from phoihop.accounts.api import router as accounts_router
from phoihop.core.api import PhoihopAPI, install_problem_handlers
from phoihop.exchange.api import router as exchange_router
from phoihop.exchange.ninjs import router as conferences_ninjs_router
from phoihop.factcheck.api import router as factcheck_router
from phoihop.portal.api import router as portal_router
from phoihop.programs.api import router as programs_router
from phoihop.reports.api import router as reports_router
from phoihop.search.api import router as search_router

api = PhoihopAPI(
    title="phoihop API",
    version="1",
    description=(
        "API phối hợp giữa cơ quan báo chí và các đơn vị. Xác thực bằng mã truy cập cá nhân "
        "(Authorization: Bearer <mã>), tạo ở trang Tài khoản → Mã truy cập API hoặc bằng lệnh "
        "`phoihop api-token create`. Lỗi trả về dạng application/problem+json (RFC 9457)."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_problem_handlers(api)

api.add_router("/search", search_router)
api.add_router("/me", accounts_router)
api.add_router("", exchange_router)
api.add_router("", conferences_ninjs_router)
api.add_router("", portal_router)
api.add_router("", programs_router)
api.add_router("", reports_router)
api.add_router("", factcheck_router)
