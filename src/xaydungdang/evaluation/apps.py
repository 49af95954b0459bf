from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "xaydungdang.evaluation"
    label = "evaluation"
    verbose_name = _("Quality evaluation")

    def ready(self) -> None:
        from xaydungdang.evaluation.audit_labels import register_action_labels
        from xaydungdang.evaluation.indicators import register_evaluation_indicators

        register_action_labels()
        register_evaluation_indicators()
