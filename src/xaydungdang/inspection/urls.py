"""The inspection area's URLs: urls_plans.py (plans, teams, inspections, visits, findings, conclusions) and
urls_outcomes.py (recommendations and their follow-up, disciplinary decisions, figures) under one namespace."""

from __future__ import annotations

from xaydungdang.inspection import urls_outcomes, urls_plans

app_name = "inspection"
urlpatterns = [*urls_plans.urlpatterns, *urls_outcomes.urlpatterns]
