"""The year's scheme, each scheme's levels per subject kind, and the 100-point bands (evaluation/rules.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.evaluation.factories_rules import scheme
from xaydungdang.evaluation import rules
from xaydungdang.evaluation.models import EvaluationScheme

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.parametrize(("year", "code"), [
    (2000, "truoc-2018"), (2017, "truoc-2018"), (2018, "qd-132"), (2022, "qd-132"), (2023, "qd-124"),
    (2024, "qd-124"), (2025, "qd-366"), (2030, "qd-366")])
def test_scheme_for_year_at_the_boundaries(year, code):
    found = rules.scheme_for(year)
    assert found is not None
    assert found.code == code


def test_scheme_for_a_year_before_every_scheme_is_none():
    assert rules.scheme_for(1999) is None


def test_scheme_for_a_closed_last_scheme_ends_with_its_last_year():
    EvaluationScheme.objects.filter(code="qd-366").update(last_year=2029)
    assert rules.scheme_for(2029).code == "qd-366"
    assert rules.scheme_for(2030) is None


def _codes(code: str, kind: str) -> list[str]:
    return [level.code for level in rules.levels_of(scheme(code), kind)]


def test_levels_before_2018_trong_sach_vung_manh_for_organisations_only():
    assert _codes("truoc-2018", "organisation") == ["tsvm", "httnv", "htnv", "yeu-kem"]
    assert _codes("truoc-2018", "member") == ["dv-htxsnv", "dv-httnv", "dv-htnv", "dv-vi-pham"]


@pytest.mark.parametrize("code", ["qd-132", "qd-124", "qd-366"])
@pytest.mark.parametrize("kind", ["organisation", "member"])
def test_levels_from_2018_the_same_four_for_both_kinds(code, kind):
    assert _codes(code, kind) == ["htxsnv", "httnv", "htnv", "khtnv"]


@pytest.mark.parametrize(("score", "code"), [
    ("0", "khtnv"), ("49.99", "khtnv"), ("50", "htnv"), ("50.00", "htnv"), ("69.99", "htnv"), ("70", "httnv"),
    ("89.99", "httnv"), ("90", "htxsnv"), ("100", "htxsnv")])
def test_level_for_score_bands_of_quy_dinh_366(score, code):
    level = rules.level_for_score(scheme("qd-366"), Decimal(score))
    assert level is not None
    assert level.code == code


def test_level_for_score_below_every_band_and_on_a_levels_scheme_is_none():
    assert rules.level_for_score(scheme("qd-366"), Decimal("-1")) is None
    assert rules.level_for_score(scheme("qd-124"), Decimal("95")) is None


def test_engine_chosen_by_the_scheme():
    assert type(rules.engine_for(scheme("qd-124"))) is rules.LevelsEngine
    assert type(rules.engine_for(scheme("qd-366"))) is rules.PointsEngine
    assert sorted(rules.ENGINES) == ["levels", "points"]


def test_engine_unknown_is_a_configuration_error():
    unknown = scheme("qd-124")
    unknown.engine = "stars"
    with pytest.raises(ImproperlyConfigured):
        rules.engine_for(unknown)
