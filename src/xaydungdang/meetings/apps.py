from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "xaydungdang.meetings"
    label = "meetings"
    verbose_name = _("Chi bộ meetings")

    def ready(self) -> None:
        from xaydungdang.meetings.audit_labels import register_action_labels
        from xaydungdang.meetings.indicators import register_meeting_indicators

        register_action_labels()
        register_meeting_indicators()
