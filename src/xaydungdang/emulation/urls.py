"""The emulation area's URLs: each part keeps its own module
(urls_registrations.py, urls_exemplars.py) under one namespace."""

from __future__ import annotations

from xaydungdang.emulation import urls_exemplars, urls_registrations

app_name = "emulation"
urlpatterns = [*urls_registrations.urlpatterns, *urls_exemplars.urlpatterns]
