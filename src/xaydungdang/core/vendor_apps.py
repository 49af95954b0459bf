"""Third-party apps under Vietnamese names, with their admin pages in Vietnamese.

django-axes has no verbose name (the admin printed "Axes") and django-tasks-db a fixed English one;
their admin classes label some columns with English literals or method names, which no catalogue can
translate. INSTALLED_APPS names these configs instead of the apps' own. Their model and field names are
gettext msgids, translated in the project catalogue (core/locale, LOCALE_PATHS, which Django reads before
any app's catalogue). The admin classes are swapped in ready(): the admin app, listed earlier, has
registered the apps' own by then.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Log-in lock-out")

    def ready(self) -> None:
        super().ready()
        from xaydungdang.core.vendor_admin import register_axes_admin

        register_axes_admin()


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")  # type: ignore[assignment]

    def ready(self) -> None:
        super().ready()
        from xaydungdang.core.vendor_admin import register_tasks_admin

        register_tasks_admin()
