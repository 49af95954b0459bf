from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "xaydungdang.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from xaydungdang.training.audit_labels import register_action_labels
        from xaydungdang.training.indicators import register_training_indicators

        register_action_labels()
        register_training_indicators()
