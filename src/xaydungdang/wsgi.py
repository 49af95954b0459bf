from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from xaydungdang.i18n_build import ensure_compiled

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
ensure_compiled()
application = get_wsgi_application()
