"""The feedback area's URLs: each part keeps its own module
(urls_opinions.py, urls_recommendations.py) under one namespace."""

from __future__ import annotations

from xaydungdang.feedback import urls_opinions, urls_recommendations

app_name = "feedback"
urlpatterns = [*urls_opinions.urlpatterns, *urls_recommendations.urlpatterns]
