from __future__ import annotations

import time

from django.test import SimpleTestCase

from phoihop.webhooks import signing


class SignatureTests(SimpleTestCase):
    def test_a_signature_verifies_with_its_secret_only_and_only_while_fresh(self):
        body = '{"event":"article.published","title":"Cầu dân sinh"}'.encode()
        now = int(time.time())
        value = signing.header("whsec_abc", body, now)
        self.assertRegex(value, r"^t=\d+,v1=[0-9a-f]{64}$")
        self.assertTrue(signing.verify("whsec_abc", body, value))
        self.assertFalse(signing.verify("whsec_other", body, value))
        self.assertFalse(signing.verify("whsec_abc", body + b" ", value))
        self.assertFalse(signing.verify("whsec_abc", body, value, now=now + 301))
        self.assertFalse(signing.verify("whsec_abc", body, "v1=deadbeef"))
        # The documented recipe: HMAC-SHA256 of "t.body".
        import hashlib
        import hmac

        expected = hmac.new(b"whsec_abc", f"{now}.".encode() + body, hashlib.sha256).hexdigest()
        self.assertEqual(value, f"t={now},v1={expected}")
