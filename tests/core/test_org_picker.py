"""The organisation picker (issue 10.3): core.fields.OrganisationField and its suggestions, served by the
organisation search (organisations:search with ?chon=).

A name is found typed without diacritics, within the user's scope, with its superior; an exact code is accepted
(any case, or as the picker writes it, "Name (CODE)"); an unknown code and a code outside the scope get the same
message; an "edit" field offers and accepts only the organisations the user may edit.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import UserFactory, grant, make_org
from tests.helpers import logged_in, vi
from xaydungdang.core.fields import OrganisationField
from xaydungdang.members.models import Candidate
from xaydungdang.organisations.models import Organisation

SEARCH = "/to-chuc/tim/"


def options(client: Client, text: str, capability: str = "view") -> list[tuple[str, str, str]]:
    """(code, name, superior) of every option the picker is offered."""
    response = client.get(SEARCH, {"chon": text, "quyen": capability}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    found = re.findall(r'<li role="option" aria-selected="false" data-code="([^"]+)"[^>]*>'
                       r'<span class="org-option-name">(.*?)</span> <small class="org-option-meta">(.*?)</small>',
                       response.content.decode())
    return [(code, html.unescape(name), html.unescape(meta).partition(" · ")[2]) for code, name, meta in found]


@pytest.fixture
def schools(tree: Any) -> dict[str, Organisation]:
    """Two chi bộ with Vietnamese names: one in the district, one in the bloc (outside the district office's
    scope), and a third in the other province (outside every test scope)."""
    return {
        "binh": make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", name="Chi bộ Trường Tiểu học Hòa Bình"),
        "son": make_org("chi-bo-truc-thuoc", tree.db3, code="CB3B", name="Chi bộ Trường Tiểu học Hòa Sơn"),
        "lac": make_org("chi-bo-co-so", tree.other_province, code="OCB", name="Chi bộ Trường Tiểu học Hòa Lạc"),
        "khoi": make_org("chi-bo-truc-thuoc", tree.db1, code="CBK", name="Chi bộ khối K cũ"),
    }


# ---------------------------------------------------------------- suggestions


def test_picker_finds_a_name_typed_without_diacritics_with_its_superior(schools, users):
    assert options(logged_in(users.district_office), "hoa binh") == [
        ("CB1C", "Chi bộ Trường Tiểu học Hòa Bình", "Tổ chức DB1")]
    assert options(logged_in(users.district_office), "TRUONG tieu HOC") == [
        ("CB1C", "Chi bộ Trường Tiểu học Hòa Bình", "Tổ chức DB1")]  # CB3B and OCB lie outside the district


def test_picker_offers_the_whole_scope_in_tree_order_and_nothing_outside_it(schools, users):
    assert [code for code, _name, _parent in options(logged_in(users.province_office), "truong tieu hoc")] == [
        "CB1C", "CB3B"]  # not OCB, of the other province
    assert options(logged_in(users.cell_secretary), "hoa") == []


def test_picker_puts_the_organisation_whose_code_was_typed_first(schools, users):
    # CBK ("Chi bộ khối K cũ") lies under the district, before K in tree order.
    assert [code for code, _name, _parent in options(logged_in(users.province_office), "k")] == ["K", "CBK"]
    assert [code for code, _name, _parent in options(logged_in(users.province_office), "cbk")] == ["CBK"]


def test_picker_of_an_edit_field_offers_only_editable_organisations(tree, schools):
    reader_and_secretary = UserFactory()
    grant(reader_and_secretary, "lanh-dao", tree.province)  # reads the province
    grant(reader_and_secretary, "bi-thu", tree.cb1a)  # edits one chi bộ
    client = logged_in(reader_and_secretary)
    assert [code for code, _n, _p in options(client, "to chuc cb1")] == ["CB1A", "CB1B"]
    assert options(client, "to chuc cb1", "records.edit") == [("CB1A", "Tổ chức CB1A", "Tổ chức DB1")]
    assert options(client, "chi bo", "organisations.manage") == []


def test_picker_says_when_nothing_matches_and_how_many_more_there_are(tree, users):
    for i in range(17):
        make_org("chi-bo-truc-thuoc", tree.db2, code=f"CBX{i:02d}", name=f"Chi bộ Xóm {i}")
    response = logged_in(users.district_office).get(SEARCH, {"chon": "xom"})
    content = response.content.decode()
    assert len(re.findall(r'data-code="', content)) == 15
    assert re.findall(r'<li role="presentation" class="org-option-more">(.*?)</li>', content) == [
        vi("%(shown)s more: type more of the name.", shown="2")]
    none = logged_in(users.district_office).get(SEARCH, {"chon": "khong co"}).content.decode()
    assert re.findall(r'class="org-option-none">(.*?)</li>', none) == [vi("No organisation in your scope matches.")]


# ---------------------------------------------------------------- the field


def field(queryset: Any) -> OrganisationField:
    return OrganisationField(queryset=queryset)


def test_field_takes_a_name_without_diacritics_a_code_in_any_case_or_the_pickers_label(schools, tree):
    district = Organisation.objects.filter(code__in=["D", "DB1", "CB1A", "CB1B", "CB1C", "CBK"])
    assert field(district).clean("hoa binh") == schools["binh"]
    assert field(district).clean("cb1a") == tree.cb1a
    assert field(district).clean("Chi bộ Trường Tiểu học Hòa Bình (CB1C)") == schools["binh"]
    assert OrganisationField(queryset=district, required=False).clean("  ") is None


def test_field_answers_an_unknown_code_and_one_outside_the_scope_alike(schools):
    district = Organisation.objects.filter(code__in=["D", "DB1", "CB1A", "CB1B", "CB1C"])
    messages = []
    for code in ("CB3B", "NOPE"):
        with pytest.raises(ValidationError) as refused:
            field(district).clean(code)
        messages.append(refused.value.messages[0].replace(code, "<code>"))
    assert messages == [vi("No organisation with the code %(code)s is open to you.", code="<code>")] * 2


def test_field_asks_to_choose_when_words_name_several(schools):
    with pytest.raises(ValidationError) as refused:
        field(Organisation.objects.all()).clean("truong tieu hoc")
    assert refused.value.messages == [vi("Several organisations match “%(text)s”: choose one in the list.",
                                         text="truong tieu hoc")]


def test_widget_names_only_an_organisation_of_the_scope(schools, tree):
    district = OrganisationField(queryset=Organisation.objects.filter(code__in=["DB1", "CB1C"]))
    shown = district.widget.render("to_chuc", "CB1C", {"id": "f"})
    assert re.findall(r'<input type="text" value="([^"]*)"', shown) == ["Chi bộ Trường Tiểu học Hòa Bình (CB1C)"]
    assert re.findall(r'<input type="hidden" name="to_chuc" value="([^"]*)"', shown) == ["CB1C"]
    outside = district.widget.render("to_chuc", "OCB", {"id": "f"})
    assert re.findall(r'<input type="text" value="([^"]*)"', outside) == ["OCB"]


def test_edit_form_accepts_only_editable_organisations(tree, schools):
    reader_and_secretary = UserFactory()
    grant(reader_and_secretary, "lanh-dao", tree.province)
    grant(reader_and_secretary, "bi-thu", tree.cb1a)
    client = logged_in(reader_and_secretary)
    data = {"full_name": "Hà Thị Mai", "sex": "nu", "since": "1/3/2023"}
    refused = client.post("/dang-vien/quan-chung-uu-tu/them/", data | {"organisation": "CB1B"})
    assert refused.context["form"].errors["organisation"] == [
        vi("No organisation with the code %(code)s is open to you.", code="CB1B")]
    picked = client.post("/dang-vien/quan-chung-uu-tu/them/", data | {"organisation": "Tổ chức CB1A (CB1A)"})
    assert picked.status_code == 302
    assert list(Candidate.objects.values_list("person__full_name", "organisation__code")) == [("Hà Thị Mai", "CB1A")]


# ---------------------------------------------------------------- the merge's siblings


def test_picker_suggestions_narrowed_to_one_organisations_children_less_one(tree, users):
    client = logged_in(users.district_office)
    response = client.get(SEARCH, {"chon": "to chuc", "quyen": "organisations.manage", "duoi": "D", "bo": "DB1"},
                          headers={"HX-Request": "true"})
    assert re.findall(r'data-code="([^"]+)"', response.content.decode()) == ["DB2", "CBCS"]
    outside = client.get(SEARCH, {"chon": "to chuc", "duoi": "OP"}, headers={"HX-Request": "true"})
    assert re.findall(r'data-code="([^"]+)"', outside.content.decode()) == []  # narrowing never widens the scope


def test_merge_pickers_offer_the_siblings_and_accept_only_them(tree, users):
    client = logged_in(users.district_office)
    page = client.get("/to-chuc/DB1/hop-nhat/").content.decode()
    assert re.findall(r'data-within="([^"]+)" data-excluded="([^"]+)"[^>]*id="id_(\w+)"', page) == [
        ("D", "DB1", "partners"), ("D", "DB1", "into_existing")]
    refused = client.post("/to-chuc/DB1/hop-nhat/", {"into_existing": "CB1A", "partners": "CB2A, NOPE",
                                                     "effective": "1/3/2024", "action": "preview"})
    assert refused.context["form"].errors == {
        "into_existing": [vi("No organisation with the code %(code)s is open to you.", code="CB1A")],
        "partners": [vi("No organisation in your scope has the code %(codes)s.", codes="CB2A, NOPE")]}
    picked = client.post("/to-chuc/DB1/hop-nhat/", {"into_existing": "to chuc db2", "effective": "1/3/2024",
                                                    "action": "preview"})
    assert picked.context["form"].cleaned_data["into_existing"] == tree.db2
