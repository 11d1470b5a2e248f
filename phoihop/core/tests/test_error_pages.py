"""403, 404, a refused form (CSRF) and 500 answer in Vietnamese, and `make demo` shows them (#15).

`make demo` used to run with DEBUG on (config.settings.dev's default), so a newcomer met Django's
debug 404 listing every URL pattern. It now exports DEBUG=0 (PHOIHOP_DEMO_DEBUG); the dev settings
then still serve the public media themselves (PHOIHOP_SERVE_MEDIA), and WhiteNoise the static files
from the finders. The demo-port test runs the demo's own commands with that environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory, SimpleTestCase
from django.views.defaults import permission_denied

from phoihop.core.tests.test_vietnamese_ui import english_on
from phoihop.portal.views import server_error
from phoihop.testing import PersonaTestCase

ROOT = Path(settings.BASE_DIR)


class ErrorPagesTests(PersonaTestCase):
    def test_a_missing_page_is_the_sites_vietnamese_404(self):
        for user in (None, self.liaison_a):
            if user:
                self.login(user)
            answer = self.client.get("/khong-co-trang-nay/")
            self.assertEqual(answer.status_code, 404)
            self.assertContains(answer, "Không tìm thấy trang", status_code=404)
            self.assertEqual(english_on(answer.content.decode()), [])
            self.assertNotContains(answer, "URLconf", status_code=404)

    def test_a_refusal_is_the_vietnamese_403_with_its_reason(self):
        # What Django's handler403 renders for a `require_…` refusal: templates/403.html with the reason.
        request = RequestFactory().get("/phoi-hop/")
        request.user = self.liaison_a
        answer = permission_denied(request, PermissionDenied("Chỉ lãnh đạo đơn vị được gửi báo cáo."))
        html = answer.content.decode()
        self.assertEqual(answer.status_code, 403)
        self.assertIn("Bạn không có quyền thực hiện thao tác này", html)
        self.assertIn("Chỉ lãnh đạo đơn vị được gửi báo cáo.", html)
        self.assertNotIn("403 Forbidden", html)
        self.assertEqual(english_on(html), [])

    def test_a_stale_form_is_the_vietnamese_csrf_page(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.liaison_a)
        answer = client.post("/phoi-hop/gui-thong-tin/", {"title": "x"})
        self.assertEqual(answer.status_code, 403)
        self.assertContains(answer, "Không gửi được biểu mẫu", status_code=403)
        self.assertNotContains(answer, "Forbidden", status_code=403)
        self.assertEqual(english_on(answer.content.decode()), [])

    def test_a_server_error_is_the_vietnamese_500(self):
        answer = server_error(RequestFactory().get("/"))
        self.assertEqual(answer.status_code, 500)
        self.assertIn("Hệ thống đang gặp sự cố", answer.content.decode())
        self.assertEqual(english_on(answer.content.decode()), [])


class DemoSettingsTests(SimpleTestCase):
    def test_make_demo_runs_with_debug_off(self):
        makefile = (ROOT / "Makefile").read_text()
        self.assertRegex(makefile, r"(?m)^PHOIHOP_DEMO_DEBUG \?= 0$")
        self.assertRegex(makefile, r"(?m)^demo: export DEBUG := \$\(PHOIHOP_DEMO_DEBUG\)$")

    def test_the_dev_settings_with_debug_off_still_serve_media_and_static(self):
        # What `make demo` starts: config.settings.dev with DEBUG=0, in a fresh interpreter.
        script = (
            "import django; django.setup(); from django.conf import settings; from django.urls import resolve;"
            "print(settings.DEBUG, settings.PHOIHOP_SERVE_MEDIA, settings.WHITENOISE_USE_FINDERS,"
            " resolve(settings.MEDIA_URL + 'images/a.jpg').func.__name__)"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
        env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0")
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        self.assertEqual(done.stdout.split(), ["False", "True", "True", "serve"])
