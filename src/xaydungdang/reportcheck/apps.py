from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportCheckConfig(AppConfig):
    name = "xaydungdang.reportcheck"
    label = "reportcheck"
    verbose_name = _("Report checker")
