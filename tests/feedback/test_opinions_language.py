"""Every briefing and opinion page, as the district office reads it, is in Vietnamese: no English label left (the
opinion kinds, the app's name on /chi-tieu/), and the answer form's error summary names the field."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from tests.feedback.factories_opinions import briefing, opinion
from tests.helpers import logged_in, vi

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 3, 12)
# English words that would betray an untranslated label on these pages.
ENGLISH = re.compile(r"\b(Opinion|Petition|Briefings?|opinions?|petitions?|Answer(ed)?|Assign(ed)?|Raised|Topic|"
                     r"Source|Status|Kind|Record|Cancel(led)?|Overdue|Figures|Organisation|From|To|Show|None|All|"
                     r"Export|Previous|Next|recommendations|Waiting)\b")


def text_of(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_every_feedback_page_reads_in_vietnamese(tree, users):
    office = logged_in(users.district_office)
    held = briefing(tree.district, DAY)
    found = opinion(tree.district, DAY, briefing=held)
    urls = [reverse("feedback:index"), reverse("feedback:briefing_list"), reverse("feedback:briefing_create"),
            reverse("feedback:briefing_detail", args=[held.pk]), reverse("feedback:briefing_edit", args=[held.pk]),
            reverse("feedback:opinion_list") + "?tu_ngay=1/1/2024", reverse("feedback:opinion_create"),
            reverse("feedback:opinion_overdue"), reverse("feedback:opinion_figures") + "?tu_ngay=1/1/2024",
            reverse("feedback:opinion_detail", args=[found.pk]), reverse("feedback:opinion_edit", args=[found.pk]),
            reverse("feedback:opinion_assign", args=[found.pk]), reverse("feedback:opinion_answer", args=[found.pk]),
            "/chi-tieu/?to_chuc=D&tu=1/1/2024&den=31/12/2024"]
    for url in urls:
        response = office.get(url)
        assert response.status_code == 200, url
        text = re.sub(r"\b[a-z_]+(\.[\w-]+)+", " ", text_of(response))  # indicator codes are identifiers
        assert ENGLISH.findall(text) == [], (url, text)
    detail = text_of(office.get(reverse("feedback:opinion_detail", args=[found.pk])))
    assert "Opinion (ý kiến phản ánh)" not in detail and vi("Opinion (ý kiến phản ánh)") == "Ý kiến phản ánh"
    assert "Ý kiến phản ánh" in detail
    form = text_of(office.get(reverse("feedback:opinion_create")))
    assert "Ý kiến phản ánh" in form and "Kiến nghị" in form
    chi_tieu = office.get("/chi-tieu/?to_chuc=D&tu=1/1/2024&den=31/12/2024").content.decode()
    assert '<th colspan="3" scope="rowgroup">Giao ban, ý kiến và kiến nghị</th>' in chi_tieu


def test_the_answer_forms_summary_names_the_field(tree, users):
    office = logged_in(users.district_office)
    found = opinion(tree.district, DAY)
    response = office.post(reverse("feedback:opinion_answer", args=[found.pk]), {"answer": "", "answered_on": ""})
    assert response.status_code == 200
    summary = response.content.decode().partition('id="error-summary"')[2].partition("</div>")[0]
    assert f'<a href="#id_answer">{vi("Answer")}</a>: {vi("This field is required.")}' in summary
    found.refresh_from_db()
    assert found.answered_on is None
