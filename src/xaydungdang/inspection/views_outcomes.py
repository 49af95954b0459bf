"""Pages of the outcomes of an inspection: recommendations and their follow-up, disciplinary decisions, figures (I2).

`section_context(request, inspection)` gives what the inspection's page (views_plans.inspection_detail, I1) shows
in its outcomes section (template inspection/outcomes_section.html)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xaydungdang.inspection.models import Inspection


def section_context(request: HttpRequest, inspection: Inspection) -> dict[str, Any]:
    return {}
