from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "xaydungdang.inspection"
    label = "inspection"
    verbose_name = _("Inspection and supervision")

    def ready(self) -> None:
        from xaydungdang.inspection.audit_labels import register_action_labels
        from xaydungdang.inspection.indicators import register_inspection_indicators

        register_action_labels()
        register_inspection_indicators()
