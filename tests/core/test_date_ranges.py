"""The rule for dates (core.dates): what is read as a date, the plausible ranges with their exact
boundaries, "today" taken when asked (not at start-up), the form field every form uses, and the dates
of query strings (the as-of control, the audit log's filter) that say what is wrong and keep the text.

The entry points of each app (forms, Excel import, pasted list, API) are tested in
tests/members/test_date_ranges.py and tests/documents/test_date_ranges.py.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.db import models
from django.utils.translation import override

import xaydungdang
from tests.helpers import logged_in
from xaydungdang.core import dates
from xaydungdang.core.fields import DateInput, VnDateField
from xaydungdang.organisations.models import OrgVersion

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return TODAY


def out_of_range(value: str, latest: str, rule: str) -> str:
    """The range message in Vietnamese, as every entry point shows it."""
    return (f"Ngày {value} nằm ngoài khoảng cho phép: từ 1/1/1900 đến {latest} ({rule}).")


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize(("text", "day"), [
    ("29/8/2022", dt.date(2022, 8, 29)), ("29/08/2022", dt.date(2022, 8, 29)), ("1/2/2022", dt.date(2022, 2, 1)),
    ("01/02/2022", dt.date(2022, 2, 1)), ("1-2-2022", dt.date(2022, 2, 1)), ("1.2.2022", dt.date(2022, 2, 1)),
    (" 2022-02-01 ", dt.date(2022, 2, 1)),
])
def test_dates_are_read_as_day_month_year_or_iso(text, day):
    assert dates.read_date(text) == day


@pytest.mark.parametrize(("text", "message"), [
    ("31/6/2025", "Ngày 31/6/2025 không tồn tại."),
    ("29/2/2023", "Ngày 29/2/2023 không tồn tại."),
    ("2025-06-31", "Ngày 2025-06-31 không tồn tại."),
    ("1/2/22", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 29/8/2022."),
    ("2022/02/01", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 29/8/2022."),
    ("hôm nay", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 29/8/2022."),
    ("31/12/99999", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 29/8/2022."),
])
def test_what_is_not_a_date_is_named(text, message):
    with pytest.raises(dates.DateInputError) as raised:
        dates.read_date(text)
    assert raised.value.message == message


# ---------------------------------------------------------------- ranges and their boundaries


@pytest.mark.parametrize(("span", "day", "accepted"), [
    (dates.EVENT, dt.date(1900, 1, 1), True),
    (dates.EVENT, dt.date(1899, 12, 31), False),
    (dates.EVENT, dt.date(2027, 3, 15), True),  # today + 1 year
    (dates.EVENT, dt.date(2027, 3, 16), False),
    (dates.BIRTH, dt.date(1900, 1, 1), True),
    (dates.BIRTH, dt.date(1899, 12, 31), False),
    (dates.BIRTH, dt.date(2026, 3, 15), True),  # today
    (dates.BIRTH, dt.date(2026, 3, 16), False),
    (dates.PLANNED, dt.date(2056, 3, 15), True),  # today + 30 years
    (dates.PLANNED, dt.date(2056, 3, 16), False),
])
def test_range_boundaries_are_exact(frozen_today, span, day, accepted):
    assert (span.error(day) is None) == accepted


@pytest.mark.parametrize(("span", "day", "message"), [
    (dates.EVENT, dt.date(9999, 12, 31), out_of_range("31/12/9999", "15/3/2027", "một năm sau hôm nay")),
    (dates.EVENT, dt.date(1899, 12, 31), out_of_range("31/12/1899", "15/3/2027", "một năm sau hôm nay")),
    (dates.BIRTH, dt.date(1, 1, 1), out_of_range("1/1/0001", "15/3/2026", "hôm nay")),
    (dates.PLANNED, dt.date(2057, 1, 1), out_of_range("1/1/2057", "15/3/2056", "ba mươi năm sau hôm nay")),
])
def test_the_message_states_the_rule(frozen_today, span, day, message):
    with override("vi"):
        assert span.error(day) == message


def test_today_is_read_when_a_date_is_checked_not_at_start_up(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 3, 15))
    assert dates.EVENT.error(dt.date(2027, 3, 20)) is not None
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 4, 1))
    assert dates.EVENT.error(dt.date(2027, 3, 20)) is None


def test_one_year_after_a_leap_day_is_the_last_day_of_february():
    assert (dates.years_after(dt.date(2028, 2, 29), 1), dates.years_after(dt.date(2028, 2, 29), 4)) == (
        dt.date(2029, 2, 28), dt.date(2032, 2, 29))


# ---------------------------------------------------------------- the form field


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of every app's forms modules (forms.py, and forms_<part>.py of the apps split in parts)."""
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(xaydungdang.__path__, "xaydungdang."):
        name = module_info.name.rsplit(".", 1)[-1]
        if name != "forms" and not name.startswith("forms_"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__):
                found[f"{value.__module__}.{value.__name__}"] = value
    return [found[name] for name in sorted(found)]


def _date_fields() -> list[tuple[str, forms.Field]]:
    return [(f"{form.__name__}.{name}", field) for form in _form_classes()
            for name, field in form.base_fields.items() if isinstance(field, forms.DateField | forms.DateTimeField)]


def test_every_date_field_of_every_form_is_a_ranged_date_field():
    fields = _date_fields()
    assert len(fields) >= 25  # the walk found the forms: members, documents, organisations, reportcheck
    assert [name for name, field in fields if not isinstance(field, VnDateField)] == []
    assert [name for name, field in fields if not isinstance(field.widget, DateInput)] == []


def test_birth_dates_and_deadlines_have_their_own_ranges():
    spans = {name: field.span for name, field in _date_fields()}  # type: ignore[attr-defined]
    assert {name for name, span in spans.items() if span is dates.BIRTH} == {
        "PersonForm.birth_date", "CandidateForm.birth_date", "RegisterForm.birth_date"}
    # Targets and campaigns are planned ahead: a programme's deadline or a campaign's period may lie years away; so
    # may the deadline of a pressing issue, of an opinion's answer and of a recommendation's answer (issue 13), and
    # the remedy date of a shortcoming raised at a self-criticism meeting, new or carried over (issue 14).
    assert {name for name, span in spans.items() if span is dates.PLANNED} == {
        "TargetForm.period_start", "TargetForm.deadline", "CampaignForm.start", "CampaignForm.end",
        "IssueForm.deadline", "AssignForm.due_on", "RecommendationForm.due_on", "ShortcomingForm.due_on",
        "FollowUpForm.due_on"}


def test_every_date_typed_in_the_admin_is_a_ranged_date_field():
    from django.contrib import admin

    from xaydungdang.core.admin import AuditedAdmin

    found = {f"{model.__name__}.{field.name}": model_admin.formfield_for_dbfield(field, request=None)
             for model, model_admin in admin.site._registry.items() if isinstance(model_admin, AuditedAdmin)
             for field in model._meta.get_fields()
             if type(field) is models.DateField and field.editable}
    assert {"OrgType.valid_from", "ClosedPeriod.start", "DocumentType.valid_from"} <= set(found)
    assert [name for name, field in found.items() if not isinstance(field, VnDateField)] == []


class _EventForm(forms.Form):
    on = VnDateField(label="Ngày")


class _BirthForm(forms.Form):
    on = VnDateField(label="Ngày sinh", span=dates.BIRTH)


@pytest.mark.parametrize(("form_class", "typed", "errors"), [
    (_EventForm, "1/1/1900", {}),
    (_EventForm, "31/12/1899", {"on": [out_of_range("31/12/1899", "15/3/2027", "một năm sau hôm nay")]}),
    (_EventForm, "15/3/2027", {}),
    (_EventForm, "16/03/2027", {"on": [out_of_range("16/3/2027", "15/3/2027", "một năm sau hôm nay")]}),
    (_EventForm, "31/12/9999", {"on": [out_of_range("31/12/9999", "15/3/2027", "một năm sau hôm nay")]}),
    (_EventForm, "31/6/2025", {"on": ["Ngày 31/6/2025 không tồn tại."]}),
    (_BirthForm, "15/3/2026", {}),
    (_BirthForm, "16/3/2026", {"on": [out_of_range("16/3/2026", "15/3/2026", "hôm nay")]}),
    (_BirthForm, "1/1/0001", {"on": [out_of_range("1/1/0001", "15/3/2026", "hôm nay")]}),
])
def test_the_form_field_applies_the_range_at_its_boundaries(frozen_today, form_class, typed, errors):
    with override("vi"):
        form = form_class({"on": typed})
        assert form.errors == errors


def test_a_refused_date_keeps_its_text_and_a_valid_one_is_written_day_month_year(frozen_today):
    with override("vi"):
        refused = str(_EventForm({"on": "31/6/2025"})["on"])
        shown = str(_EventForm(initial={"on": dt.date(2025, 6, 30)})["on"])
    assert re.findall(r'<input type="text" name="on" value="([^"]*)"', refused) == ["31/6/2025"]
    assert 'aria-invalid="true"' in refused
    assert re.findall(r'<input type="text" name="on" value="([^"]*)"', shown) == ["30/6/2025"]


def test_the_calendar_is_limited_to_the_range_of_the_day_it_is_shown(frozen_today):
    birth = str(_BirthForm()["on"])
    event = str(_EventForm()["on"])
    assert re.findall(r'<input type="date" [^>]*min="([^"]*)" max="([^"]*)"', birth) == [("1900-01-01", "2026-03-15")]
    assert re.findall(r'<input type="date" [^>]*min="([^"]*)" max="([^"]*)"', event) == [("1900-01-01", "2027-03-15")]


# ---------------------------------------------------------------- dates in query strings


def _asof_control(response: Any) -> tuple[list[str], list[str]]:
    """The as-of box's value and its message (text only)."""
    page = response.content.decode()
    values = re.findall(r'<input type="text" name="ngay" value="([^"]*)"[^>]*id="asof-date"', page)
    messages = [html.unescape(m) for m in re.findall(r'<p class="errorlist" id="asof-date-error"[^>]*>(.*?)</p>', page)]
    return values, messages


@pytest.mark.parametrize("url", ["/to-chuc/", "/to-chuc/D/", "/dang-vien/", "/dang-vien/qua-han-cong-nhan/"])
def test_a_date_that_does_not_exist_is_named_kept_and_not_silently_today(users, url):
    today = dates.today()
    response = logged_in(users.province_office).get(url, {"ngay": "31/6/2025"})
    assert response.status_code == 200
    assert _asof_control(response) == (["31/6/2025"], [
        f"Ngày 31/6/2025 không tồn tại. Trang đang hiển thị ngày {today.day}/{today.month}/{today.year}."])


def test_an_as_of_date_out_of_range_is_refused_with_the_rule(users, frozen_today):
    """An age filter on 1/1/0001 answered 500; the page now shows today's list and says why."""
    response = logged_in(users.province_office).get("/dang-vien/", {"ngay": "1/1/0001", "do_tuoi": "<30"})
    assert (response.status_code, response.context["day"]) == (200, TODAY)
    assert _asof_control(response) == (["1/1/0001"], [
        out_of_range("1/1/0001", "15/3/2027", "một năm sau hôm nay") + " Trang đang hiển thị ngày 15/3/2026."])


def test_a_valid_as_of_date_shows_no_message_and_is_written_day_month_year(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/", {"ngay": "01/07/2025"})
    assert _asof_control(response) == (["1/7/2025"], [])
    assert response.context["day"] == dt.date(2025, 7, 1)
    assert OrgVersion.objects.exists()


def test_the_audit_log_filter_names_a_wrong_date_and_keeps_it(users):
    response = logged_in(users.province_office).get("/nhat-ky/", {"tu": "31/6/2025", "den": "1/7/2025"})
    page = response.content.decode()
    assert re.findall(r'<input type="text" name="tu" value="([^"]*)"', page) == ["31/6/2025"]
    assert re.findall(r'<input type="text" name="den" value="([^"]*)"', page) == ["1/7/2025"]
    assert re.findall(r'<p class="errorlist" id="f-from-error">(.*?)</p>', page) == ["Ngày 31/6/2025 không tồn tại."]
    assert re.findall(r'id="f-to-error"', page) == []
    assert (response.context["filters"].date_from, response.context["filters"].date_to) == (None, dt.date(2025, 7, 1))


# ---------------------------------------------------------------- the organisation and report check forms


def test_a_restructuring_date_out_of_range_is_refused_and_nothing_is_written(tree, users, frozen_today):
    before = OrgVersion.objects.count()
    response = logged_in(users.province_office).post("/to-chuc/D/doi-ten/", {
        "name": "Tên mới", "effective": "31/12/1899", "action": "confirm"})
    assert response.context["form"].errors == {"effective": [
        out_of_range("31/12/1899", "15/3/2027", "một năm sau hôm nay")]}
    assert re.findall(r'name="effective" value="([^"]*)"', response.content.decode()) == ["31/12/1899"]
    assert OrgVersion.objects.count() == before


def test_the_report_check_date_has_the_range_of_events(tree, users, frozen_today):
    response = logged_in(users.district_office).post("/kiem-tra-bao-cao/", {
        "text": "Có 27 hội nghị.", "organisation": "D", "date": "31/12/9999"})
    assert response.context["form"].errors == {"date": [
        out_of_range("31/12/9999", "15/3/2027", "một năm sau hôm nay")]}
