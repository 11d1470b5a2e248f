from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "phoihop.programs"
    label = "programs"
    verbose_name = _("Chương trình phối hợp")

    def ready(self) -> None:
        from phoihop.accounts import succession
        from phoihop.audit import history
        from phoihop.programs import access, services
        from phoihop.programs.models import Program

        history.register(Program, access.get_program_for_user)
        history.register_verbs(
            {
                "program.created": _("tạo chương trình phối hợp"),
                "program.party_succeeded": _("đơn vị kế thừa tham gia chương trình"),
            }
        )
        succession.register(services.transfer_memberships)
