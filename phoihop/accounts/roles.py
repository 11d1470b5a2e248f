"""The roles a membership gives, and which of them may do what: the one statement of role policy.

Every app asks these sets (usually through `phoihop.accounts.access.UserScope`) instead of listing
roles of its own, so a change of who triages, manages or reports is made here once.

* The press: the Tổng Biên tập and the Phó Tổng Biên tập lead (configure, approve verdicts, manage
  programmes); with the Trưởng ban and the Biên tập viên they are the editors, who triage
  submissions and tips, send information requests, plan the newsroom's work and read programme
  figures. Reporters write and discuss.
* A partner unit: its leader (Lãnh đạo) manages its people and signs its reports; the leader, the
  spokesperson and the focal officer act for the unit (send, answer, change); staff read and discuss.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Press roles
    EDITOR_IN_CHIEF = "tong_bien_tap", _("Tổng Biên tập")
    DEPUTY_EDITOR = "pho_tong_bien_tap", _("Phó Tổng Biên tập")
    SECTION_HEAD = "truong_ban", _("Trưởng ban")
    EDITOR = "bien_tap_vien", _("Biên tập viên")
    REPORTER = "phong_vien", _("Phóng viên")
    # Partner roles
    LEADER = "lanh_dao", _("Lãnh đạo")
    SPOKESPERSON = "nguoi_phat_ngon", _("Người phát ngôn")
    LIAISON = "can_bo_dau_moi", _("Cán bộ đầu mối")
    STAFF = "can_bo", _("Cán bộ")


PRESS_ROLES = frozenset({Role.EDITOR_IN_CHIEF, Role.DEPUTY_EDITOR, Role.SECTION_HEAD, Role.EDITOR, Role.REPORTER})
PARTNER_ROLES = frozenset({Role.LEADER, Role.SPOKESPERSON, Role.LIAISON, Role.STAFF})
# The press's leaders: they configure the newsroom, approve verdicts and manage programmes.
PRESS_LEADER_ROLES = frozenset({Role.EDITOR_IN_CHIEF, Role.DEPUTY_EDITOR})
# The press's editors and leaders (everyone but reporters): they triage submissions and tips, send
# information requests, manage the newsroom's assignments and read programme figures.
PRESS_EDITOR_ROLES = frozenset(PRESS_ROLES - {Role.REPORTER})
# Roles that act for their unit (send, answer, change); the others read and discuss.
PARTNER_WRITE_ROLES = frozenset({Role.LEADER, Role.SPOKESPERSON, Role.LIAISON})
# A partner unit's leaders: they manage its people, are told of overdue requests and sign its reports.
PARTNER_LEADER_ROLES = frozenset({Role.LEADER})
# Roles whose sign-in needs a second factor when PHOIHOP_REQUIRE_2FA is on (besides superusers and
# whoever may administer users or organizations: phoihop.accounts.two_factor).
TWO_FACTOR_REQUIRED_ROLES = PRESS_LEADER_ROLES
