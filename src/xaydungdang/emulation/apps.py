from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "xaydungdang.emulation"
    label = "emulation"
    verbose_name = _("Học tập và làm theo")

    def ready(self) -> None:
        from xaydungdang.emulation.audit_labels import register_action_labels
        from xaydungdang.emulation.indicators import register_emulation_indicators

        register_action_labels()
        register_emulation_indicators()
