from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "xaydungdang.members"
    label = "members"
    verbose_name = _("Members and candidates")

    def ready(self) -> None:
        from xaydungdang.members.restructuring import hand_members_to_successor, members_block_dissolving
        from xaydungdang.organisations import hooks

        hooks.register_dissolve_check(members_block_dissolving)
        hooks.register_successor_handler(hand_members_to_successor)
        from xaydungdang.members.indicators import register_member_indicators

        register_member_indicators()
