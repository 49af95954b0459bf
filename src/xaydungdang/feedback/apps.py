from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "xaydungdang.feedback"
    label = "feedback"
    verbose_name = _("Briefings, opinions and recommendations")

    def ready(self) -> None:
        from xaydungdang.feedback.audit_labels import register_action_labels
        from xaydungdang.feedback.indicators import register_feedback_indicators

        register_action_labels()
        register_feedback_indicators()
