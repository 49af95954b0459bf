from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressingConfig(AppConfig):
    name = "xaydungdang.pressing"
    label = "pressing"
    verbose_name = _("Pressing local issues")

    def ready(self) -> None:
        from xaydungdang.pressing.audit_labels import register_action_labels
        from xaydungdang.pressing.indicators import register_pressing_indicators

        register_action_labels()
        register_pressing_indicators()
