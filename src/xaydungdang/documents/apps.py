from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "xaydungdang.documents"
    label = "documents"
    verbose_name = _("Party documents")

    def ready(self) -> None:
        from xaydungdang.documents.audit_labels import register_action_labels

        register_action_labels()
