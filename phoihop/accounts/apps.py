from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "phoihop.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và đơn vị")

    def ready(self) -> None:
        from phoihop.accounts import access, media, services
        from phoihop.accounts.models import Organization
        from phoihop.audit import history
        from phoihop.core import seeds

        seeds.register("accounts.levels", services.levels_ensure)
        # Deleting images and documents in the admin: leaders only, never what a live page uses.
        media.install()

        history.register(Organization, access.get_organization_for_user)
        history.register_verbs(
            {
                "organization.created": _("tạo đơn vị"),
                "organization.updated": _("sửa thông tin đơn vị"),
                "organization.merged": _("sáp nhập vào đơn vị kế thừa"),
                "organization.dissolved": _("giải thể"),
                "organization.deleted": _("xóa đơn vị nhập nhầm"),
                "organization.succession_corrected": _("sửa thông tin sáp nhập"),
                "membership.created": _("thêm thành viên"),
                "membership.ended": _("kết thúc tư cách thành viên"),
                "membership.updated": _("sửa vai trò thành viên"),
                "membership.deleted": _("xóa thành viên"),
            }
        )
