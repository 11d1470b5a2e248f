"""`notify` and the preference service (mail to the in-memory outbox)."""

from __future__ import annotations

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from phoihop.accounts.models import User
from phoihop.audit.models import AuditEvent
from phoihop.notifications import services
from phoihop.notifications.models import Delivery, Notification, NotificationPreference
from phoihop.testing import PersonaTestCase


def submission_receive_that_fails(*, actor, recipients):
    """Stands in for another app's service that notifies and then fails validation."""
    with transaction.atomic():
        services.notify(recipients=recipients, actor=actor, verb="submission.received", title="Sẽ bị hủy")
        raise ValidationError("Tệp đính kèm không hợp lệ.")


class NotifyTests(PersonaTestCase):
    def test_recipients_are_deduplicated_and_inactive_users_skipped(self):
        User.objects.filter(pk=self.staff_a.pk).update(is_active=False)
        self.staff_a.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            notifications = services.notify(
                recipients=[self.reporter, self.reporter, self.staff_a, self.chief, self.chief],
                verb="submission.received",
                title="Có  thông tin mới",
            )
        self.assertEqual([n.recipient for n in notifications], [self.reporter, self.chief])
        self.assertEqual(notifications[0].title, "Có thông tin mới")
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["pv@example.vn", "tbt@example.vn"])
        self.assertFalse(Notification.objects.filter(recipient=self.staff_a).exists())

    def test_every_channel_is_logged(self):
        services.preference_update(actor=self.chief, user=self.chief, email_mode="digest", digest_hour=7)
        services.preference_update(actor=self.leader_a, user=self.leader_a, email_mode="off", digest_hour=7)
        User.objects.filter(pk=self.staff_a.pk).update(email="")
        self.staff_a.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            services.notify(
                recipients=[self.reporter, self.chief, self.leader_a, self.staff_a],
                verb="submission.received",
                title="Có thông tin mới",
                target=self.unit_a,
            )
        log = {(d.recipient.username, d.channel, d.status) for d in Delivery.objects.select_related("recipient")}
        self.assertEqual(
            log,
            {
                ("pv", "in_app", "sent"),
                ("pv", "email", "sent"),
                ("tbt", "in_app", "sent"),
                ("tbt", "digest", "queued"),
                ("ld_a", "in_app", "sent"),
                ("ld_a", "email", "skipped"),
                ("cb_a", "in_app", "sent"),
                ("cb_a", "email", "skipped"),
            },
        )
        self.assertEqual([m.to for m in mail.outbox], [["pv@example.vn"]])
        notification = Notification.objects.get(recipient=self.reporter)
        self.assertEqual(notification.target_repr, "UBND xã An Khánh")
        self.assertEqual(notification.url, self.unit_a.get_absolute_url())

    def test_email_false_tells_in_app_only(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.notify(recipients=[self.reporter], verb="x.y", title="Chỉ trên hệ thống", email=False)
        self.assertEqual(mail.outbox, [])
        self.assertEqual(list(Delivery.objects.values_list("channel", flat=True)), ["in_app"])

    def test_nothing_is_sent_for_a_transaction_that_rolls_back(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks, self.assertRaises(ValidationError):
            submission_receive_that_fails(actor=self.liaison_a, recipients=[self.chief, self.reporter])
        self.assertEqual(callbacks, [])
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Notification.objects.exists())
        self.assertFalse(Delivery.objects.exists())

    def test_mail_waits_for_the_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            services.notify(recipients=[self.reporter], verb="x.y", title="Sau khi lưu")
            self.assertEqual(mail.outbox, [])
        self.assertEqual(len(callbacks), 1)
        callbacks[0]()
        self.assertEqual(len(mail.outbox), 1)


class PreferenceServiceTests(PersonaTestCase):
    def test_only_the_user_changes_their_preference(self):
        with self.assertRaises(PermissionDenied):
            services.preference_update(actor=self.liaison_b, user=self.liaison_a, email_mode="off", digest_hour=7)
        self.assertFalse(NotificationPreference.objects.exists())

    def test_change_is_audited_and_validated(self):
        services.preference_update(actor=self.liaison_a, user=self.liaison_a, email_mode="digest", digest_hour=18)
        pref = NotificationPreference.objects.get(user=self.liaison_a)
        self.assertEqual((pref.email_mode, pref.digest_hour), ("digest", 18))
        self.assertIsNotNone(pref.last_digest_at)
        event = AuditEvent.objects.get(verb="notification_preference.updated")
        self.assertEqual(event.data, {"email_mode": "digest", "digest_hour": 18})
        with self.assertRaises(ValidationError):
            services.preference_update(actor=self.liaison_a, user=self.liaison_a, email_mode="fax", digest_hour=7)
        with self.assertRaises(ValidationError):
            services.preference_update(actor=self.liaison_a, user=self.liaison_a, email_mode="digest", digest_hour=24)
