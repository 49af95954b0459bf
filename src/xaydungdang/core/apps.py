from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xaydungdang.core"
    label = "core"
    verbose_name = _("System")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("home_panels")  # each app's panels of the home page (core/home.py)
