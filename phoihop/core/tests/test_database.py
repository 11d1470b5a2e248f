import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import TransactionTestCase

from phoihop.accounts.models import Organization


@pytest.mark.skipif(connection.vendor != "sqlite", reason="checks the SQLite settings (WAL, immediate transactions)")
class SQLiteConcurrencyTests(TransactionTestCase):
    def test_wal_mode_and_busy_timeout_are_on(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            self.assertEqual(cursor.fetchone()[0], "wal")
            cursor.execute("PRAGMA busy_timeout")
            self.assertGreaterEqual(cursor.fetchone()[0], 5000)

    def test_concurrent_writers_wait_instead_of_failing(self):
        errors: list[BaseException] = []
        holding = threading.Event()

        def writer(name: str, hold: float) -> None:
            try:
                with transaction.atomic():
                    # A read first, then a write: with deferred transactions this is the pattern
                    # that fails with "database is locked" instead of waiting.
                    Organization.objects.filter(name=name).exists()
                    if hold:
                        holding.set()
                        time.sleep(hold)
                    Organization.objects.create(name=name, kind=Organization.Kind.PARTNER)
            except BaseException as exc:  # noqa: BLE001 — collected and asserted below
                errors.append(exc)
            finally:
                connections.close_all()

        first = threading.Thread(target=writer, args=("Đơn vị A", 0.5))
        first.start()
        holding.wait(5)
        second = threading.Thread(target=writer, args=("Đơn vị B", 0))
        second.start()
        first.join()
        second.join()
        self.assertEqual(errors, [])
        self.assertEqual(Organization.objects.filter(name__in=["Đơn vị A", "Đơn vị B"]).count(), 2)
