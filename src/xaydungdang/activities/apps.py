from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "xaydungdang.activities"
    label = "activities"
    verbose_name = _("Study campaigns and political activity")

    def ready(self) -> None:
        from xaydungdang.activities.audit_labels import register_action_labels
        from xaydungdang.activities.indicators import register_activity_indicators

        register_action_labels()
        register_activity_indicators()
