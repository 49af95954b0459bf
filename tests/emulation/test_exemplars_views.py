"""Good model and recognition pages: lists with filters, search and fixed query counts, the export, forms whose
refusals name the field and write nothing, 404 outside the scope, ending and cancelling."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from tests.emulation.factories_exemplars import decision, good_model, recognition
from tests.helpers import logged_in, vi
from xaydungdang.emulation.models import GoodModel, Holder, Recognition


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


def _detail(model):
    return reverse("emulation:model_detail", kwargs={"model_id": model.pk})


def test_the_model_list_costs_the_same_queries_for_2_and_8_models(tree, office, django_assert_max_num_queries):
    url = reverse("emulation:model_list") + "?to_chuc=D"
    good_model(tree.cb1a)
    good_model(tree.cb2a, holder=Holder.INDIVIDUAL)
    office.get(url)
    with django_assert_max_num_queries(30) as few:
        office.get(url)
    for unit in (tree.cb1a, tree.cb1b, tree.cbcs):
        good_model(unit, holder=Holder.INDIVIDUAL)
        good_model(unit)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office.get(url)
    page = response.content.decode()
    assert len(re.findall(r'href="/lam-theo/mo-hinh/\d+/"', page)) == 8
    assert vi("%(n)s good models kept up on %(day)s: %(c)s of collectives, %(i)s of individuals.",
              n="8", day=dt.date.today().strftime("%-d/%-m/%Y"), c="4", i="4") in page


def test_the_search_ignores_diacritics_and_the_filters_apply(tree, office):
    good_model(tree.cb1a, name="Dân vận khéo")
    good_model(tree.cb1a, name="Đường hoa nông thôn mới", holder=Holder.INDIVIDUAL)
    good_model(tree.other_db, name="Dân vận khéo ở tỉnh khác")
    page = office.get(reverse("emulation:model_list"), {"to_chuc": "D", "q": "DAN VAN"}).content.decode()
    assert "Dân vận khéo" in page and "tỉnh khác" not in page and "Đường hoa" not in page
    page = office.get(reverse("emulation:model_list"), {"to_chuc": "D", "q": "duong"}).content.decode()
    assert "Đường hoa" in page and "Dân vận" not in page
    page = office.get(reverse("emulation:model_list"), {"to_chuc": "D", "loai": "collective"}).content.decode()
    assert "Dân vận khéo" in page and "Đường hoa" not in page


def test_the_export_lists_the_filtered_models(tree, office):
    good_model(tree.cb1a, name="Dân vận khéo", copied_by=[tree.cb2a])
    good_model(tree.cb2a, name="Khác", holder=Holder.INDIVIDUAL)
    response = office.get(reverse("emulation:model_export"), {"to_chuc": "D", "loai": "collective"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "Dân vận khéo"
    assert rows[1][8] == "Tổ chức CB2A"


def test_a_model_outside_the_scope_answers_404(tree, secretary):
    outside = good_model(tree.cb2a)
    assert secretary.get(_detail(outside)).status_code == 404
    assert secretary.get(reverse("emulation:model_edit", kwargs={"model_id": outside.pk})).status_code == 404
    assert secretary.post(reverse("emulation:model_end", kwargs={"model_id": outside.pk})).status_code == 404
    assert GoodModel.objects.get().ended_on is None


def test_recording_a_model_through_the_form(tree, secretary):
    response = secretary.post(reverse("emulation:model_create"), {
        "name": "Chi bộ bốn tốt", "holder": "individual", "field": "1", "organisation": "CB1A",
        "started_year": "2022", "recognised_on": "5/1/2024", "member": "", "person_name": ""})
    assert response.status_code == 200
    assert vi("Member or person's name: an individual is a member of the registry or a person named as published; "
              "give one.").replace("'", "&#x27;") in response.content.decode()
    assert not GoodModel.objects.exists()
    response = secretary.post(reverse("emulation:model_create"), {
        "name": "Chi bộ bốn tốt", "holder": "individual", "field": "1", "organisation": "CB1A",
        "started_year": "2022", "recognised_on": "5/1/2024", "person_name": "Bà Nguyễn Thị Mẫu"})
    model = GoodModel.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(model)
    page = secretary.get(_detail(model)).content.decode()
    assert "Bà Nguyễn Thị Mẫu" in page and 'id="end-model"' in page


def test_copies_outside_the_readers_scope_are_counted_not_named(tree, users):
    model = good_model(tree.cb1a, copied_by=[tree.cb1b, tree.cb2a])
    page = logged_in(users.grassroots_secretary).get(_detail(model)).content.decode()
    assert "Tổ chức CB1B" in page and "Tổ chức CB2A" not in page
    assert vi("(and %(n)s units outside your scope)", n="1") in page


def test_ending_a_model_from_its_page(tree, office):
    model = good_model(tree.cb1a)
    response = office.post(reverse("emulation:model_end", kwargs={"model_id": model.pk}), {"ngay": "1/2/2024"})
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.ended_on == dt.date(2024, 2, 1)
    page = office.get(_detail(model)).content.decode()
    assert 'id="end-model"' not in page and 'id="ended"' in page


def test_a_recognition_without_a_decision_names_the_field_and_writes_nothing(tree, secretary):
    values = {"form": "recorded", "level": "district", "date": "20/5/2024", "holder": "collective",
              "organisation": "CB1A"}
    response = secretary.post(reverse("emulation:recognition_create"), values)
    assert response.status_code == 200
    assert vi("Decision: a recognition rests on a decision of the document registry; give its number and "
              "symbol.") in response.content.decode()
    foreign = decision(tree.other_db, dt.date(2024, 1, 2), number="77")
    response = secretary.post(reverse("emulation:recognition_create"), values | {"decision": "77-QĐ/TW"})
    assert vi("Decision: no document of the registry open to you is %(name)s (or several are: add its date).",
              name="77-QĐ/TW") in response.content.decode()
    assert foreign.pk and not Recognition.objects.exists()
    decision(None, dt.date(2024, 5, 2), number="78")
    response = secretary.post(reverse("emulation:recognition_create"), values | {"decision": "78-QĐ/TW"})
    found = Recognition.objects.get()
    assert response["Location"] == reverse("emulation:recognition_detail", kwargs={"recognition_id": found.pk})


def test_the_recognition_list_counts_and_costs_the_same_queries(tree, office, django_assert_max_num_queries):
    url = reverse("emulation:recognition_list") + "?to_chuc=D&tu_ngay=1/1/2023&den_ngay=31/12/2023"
    recognition(tree.cb1a, dt.date(2023, 3, 1))
    office.get(url)
    with django_assert_max_num_queries(30) as few:
        office.get(url)
    for i in range(5):
        recognition(tree.cb2a, dt.date(2023, 4, i + 1), holder=Holder.INDIVIDUAL,
                    form=Recognition.Form.COMMENDED, good_model=good_model(tree.cb2a))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(url).content.decode()
    assert vi("%(n)s collectives and individuals recognised (%(c)s collectives, %(i)s individuals): %(r)s "
              "recorded, %(m)s commended, %(w)s rewarded.", n="6", c="1", i="5", r="1", m="5", w="0") in page


def test_cancelling_a_recognition_outside_the_scope_answers_404(tree, secretary):
    inside, outside = recognition(tree.cb1a, dt.date(2023, 3, 1)), recognition(tree.cb2a, dt.date(2023, 3, 1))
    url = reverse("emulation:recognition_cancel", kwargs={"recognition_id": outside.pk})
    assert secretary.post(url).status_code == 404
    assert secretary.get(reverse("emulation:recognition_detail",
                                 kwargs={"recognition_id": outside.pk})).status_code == 404
    secretary.post(reverse("emulation:recognition_cancel", kwargs={"recognition_id": inside.pk}))
    assert list(Recognition.objects.filter(cancelled_on__isnull=False)) == [inside]


def test_the_lists_open_without_parameters_at_the_users_organisation(tree, secretary):
    good_model(tree.cb1a, name="Mô hình của chi bộ")
    good_model(tree.cb2a, name="Mô hình chi bộ bên cạnh")
    page = secretary.get(reverse("emulation:model_list")).content.decode()
    assert "Mô hình của chi bộ" in page and "bên cạnh" not in page
    assert secretary.get(reverse("emulation:recognition_list")).status_code == 200


def test_a_reader_sees_no_button_to_write(tree, users):
    model = good_model(tree.cb1a)
    leader = logged_in(users.leader)
    page = leader.get(_detail(model)).content.decode()
    assert 'id="end-model"' not in page and 'id="edit-model"' not in page
    assert 'id="record-model"' not in leader.get(reverse("emulation:model_list")).content.decode()


def test_editing_a_model_keeps_the_copies_the_editor_does_not_read(tree, users, secretary):
    model = good_model(tree.cb1a, name="Tên cũ", copied_by=[tree.cb2a])
    url = reverse("emulation:model_edit", kwargs={"model_id": model.pk})
    page = secretary.get(url).content.decode()
    assert "CB2A" not in page  # outside the chi bộ secretary's scope: not shown in the form
    values = {"name": "Tên mới", "holder": "collective", "field": str(model.field_id), "started_year": "2021",
              "recognised_on": "1/3/2022", "copied_by": "", "seen": model.updated_at.isoformat()}
    response = secretary.post(url, values)
    assert response.status_code == 302, re.findall(r'<li>(.*?)</li>', response.content.decode())
    model.refresh_from_db()
    assert (model.name, model.search_name, list(model.copied_by.values_list("code", flat=True))) == (
        "Tên mới", "ten moi", ["CB2A"])
    # The same form sent again over the newer change: refused, nothing written.
    response = secretary.post(url, values | {"name": "Tên thứ ba"})
    assert response.status_code == 200
    assert vi("Someone else changed this model meanwhile: read it again before changing it.") in \
        response.content.decode()
    model.refresh_from_db()
    assert model.name == "Tên mới"


def test_the_rows_behind_an_indicator_link_to_the_models_and_recognitions(tree, office):
    model = good_model(tree.cb1a, name="Dân vận khéo")
    found = recognition(tree.cb1a, dt.date(2023, 3, 1))
    page = office.get("/chi-tieu/emulation.models.total/", {"to_chuc": "D", "tu": "1/1/2023",
                                                            "den": "31/12/2023"}).content.decode()
    assert f'href="{_detail(model)}"' in page and "Dân vận khéo" in page
    page = office.get("/chi-tieu/emulation.recognitions.recorded/", {"to_chuc": "D", "tu": "1/1/2023",
                                                                     "den": "31/12/2023"}).content.decode()
    assert f'href="{reverse("emulation:recognition_detail", kwargs={"recognition_id": found.pk})}"' in page
