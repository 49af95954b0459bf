"""Training pages: list (filters, query count), a class, enrolment by name without diacritics, results, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.helpers import logged_in, vi
from tests.training.factories import candidate_at, make_class, member_at
from xaydungdang.training import domain
from xaydungdang.training.models import Enrolment, TrainingClass

pytestmark = pytest.mark.django_db


def test_list_filters_by_type_year_and_organisation(tree, users):
    make_class(tree.db1, title="Lớp nhận thức DB1")
    make_class(tree.db2, title="Lớp sơ cấp DB2", type_code="so-cap-llct")
    make_class(tree.db1, title="Lớp 2022", start=dt.date(2022, 5, 2), end=dt.date(2022, 5, 6))
    make_class(tree.other_db, title="Lớp ngoài phạm vi")
    client = logged_in(users.district_office)
    page = client.get(reverse("training:list")).content.decode()
    assert ("Lớp nhận thức DB1" in page, "Lớp sơ cấp DB2" in page, "Lớp 2022" in page, "Lớp ngoài phạm vi" in page) == (
        True, True, True, False)
    page = client.get(reverse("training:list"), {"loai": "so-cap-llct"}).content.decode()
    assert ("Lớp nhận thức DB1" in page, "Lớp sơ cấp DB2" in page) == (False, True)
    page = client.get(reverse("training:list"), {"nam": "2022"}).content.decode()
    assert ("Lớp nhận thức DB1" in page, "Lớp 2022" in page) == (False, True)
    page = client.get(reverse("training:list"), {"to_chuc": "DB2"}).content.decode()
    assert ("Lớp nhận thức DB1" in page, "Lớp sơ cấp DB2" in page) == (False, True)


def test_list_states_the_figures_of_the_organisation_chosen(tree, users):
    make_class(tree.db1, type_code="hoi-nghi-tap-huan", others_count=6680)
    conference = make_class(tree.cb1a, type_code="hoi-nghi-tap-huan", others_count=3)
    domain.enrol(actor=None, training_class=conference, people=[member_at(tree.cb1a).person_id for _ in range(2)])
    make_class(tree.db1, type_code="hoi-nghi-tap-huan", others_count=50, start=dt.date(2022, 1, 3),
               end=dt.date(2022, 1, 3))
    page = logged_in(users.district_office).get(reverse("training:list"), {
        "to_chuc": "DB1", "nam": "2023", "loai": "hoi-nghi-tap-huan"}).content.decode()
    assert '<p class="card" id="figures"><b>2 hội nghị tập huấn cho 6.685 lượt</b></p>' in page


def test_list_query_count_does_not_grow_with_classes(tree, users, django_assert_max_num_queries):
    client = logged_in(users.district_office)
    make_class(tree.db1)
    client.get(reverse("training:list"))  # warm the session and caches
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("training:list"))
    for _ in range(5):
        training_class = make_class(tree.db1)
        domain.enrol(actor=None, training_class=training_class, people=[member_at(tree.cb1a).person_id])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("training:list"))
    assert response.content.decode().count('href="/boi-duong/') >= 6


def test_detail_query_count_does_not_grow_with_enrolments(tree, users, django_assert_max_num_queries):
    client = logged_in(users.district_office)
    training_class = make_class(tree.db1)
    domain.enrol(actor=None, training_class=training_class, people=[member_at(tree.cb1a).person_id])
    url = reverse("training:detail", kwargs={"class_id": training_class.pk})
    client.get(url)
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    domain.enrol(actor=None, training_class=training_class,
                 people=[member_at(tree.cb1b).person_id for _ in range(4)] + [candidate_at(tree.cb1a).person_id])
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_class_outside_the_scope_answers_404(tree, users):
    training_class = make_class(tree.db2)
    client = logged_in(users.grassroots_secretary)  # db1
    for name in ("detail", "edit", "enrol", "results", "cancel"):
        assert client.get(reverse(f"training:{name}", kwargs={"class_id": training_class.pk})).status_code == 404


def test_open_a_class_through_the_form(tree, users):
    client = logged_in(users.grassroots_secretary)
    response = client.post(reverse("training:create"), {
        "class_type": domain.ClassType.objects.get(code="nhan-thuc-ve-dang").pk, "title": "Lớp nhận thức khóa 3",
        "organiser": "DB1", "start": "6/3/2023", "end": "10/3/2023", "capacity": "60", "others_count": "0"})
    training_class = TrainingClass.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:detail", kwargs={"class_id": training_class.pk})
    assert (training_class.organiser_id, training_class.capacity, training_class.end) == (
        tree.db1.pk, 60, dt.date(2023, 3, 10))


def test_the_form_shows_the_refusal_and_writes_nothing(tree, users):
    client = logged_in(users.grassroots_secretary)
    response = client.post(reverse("training:create"), {
        "class_type": domain.ClassType.objects.get(code="nhan-thuc-ve-dang").pk, "title": "Lớp",
        "organiser": "DB1", "start": "10/3/2023", "end": "6/3/2023"})
    assert response.status_code == 200
    assert vi("To: the class cannot end (%(end)s) before it starts (%(start)s).", end="6/3/2023",
              start="10/3/2023") in response.content.decode()
    assert TrainingClass.objects.count() == 0


def test_enrol_page_finds_people_without_diacritics_and_enrols_them(tree, users):
    training_class = make_class(tree.db1)
    wanted = member_at(tree.cb1a, "Nguyễn Thị Đào")
    member_at(tree.cb1a, "Trần Văn Bình")
    member_at(tree.cb2a, "Nguyễn Thị Đào Ngoài")  # another đảng bộ
    client = logged_in(users.grassroots_secretary)
    url = reverse("training:enrol", kwargs={"class_id": training_class.pk})
    page = client.get(url, {"q": "nguyen thi dao"}).content.decode()
    assert (f'value="{wanted.person_id}"' in page, "Trần Văn Bình" in page, "Đào Ngoài" in page) == (
        True, False, False)
    response = client.post(url, {"person": [str(wanted.person_id)]})
    assert response.status_code == 302
    assert list(Enrolment.objects.values_list("person_id", flat=True)) == [wanted.person_id]


def test_enrol_page_shows_the_capacity_refusal(tree, users):
    training_class = make_class(tree.db1, title="Lớp nhỏ", capacity=1)
    people = [member_at(tree.cb1a).person_id for _ in range(2)]
    client = logged_in(users.grassroots_secretary)
    response = client.post(reverse("training:enrol", kwargs={"class_id": training_class.pk}),
                           {"person": [str(p) for p in people]})
    assert vi("Class %(class)s takes at most %(capacity)s learners; it already has %(taken)s, adding %(adding)s.",
              **{"class": "Lớp nhỏ", "capacity": "1", "taken": "0", "adding": "2"}) in response.content.decode()
    assert Enrolment.objects.count() == 0


def test_results_page_records_completion_and_grade(tree, users):
    training_class = make_class(tree.db1)
    a, b = member_at(tree.cb1a), candidate_at(tree.cb1b)
    domain.enrol(actor=None, training_class=training_class, people=[a.person_id, b.person_id])
    client = logged_in(users.grassroots_secretary)
    url = reverse("training:results", kwargs={"class_id": training_class.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {f"result-{a.person_id}": "completed", f"grade-{a.person_id}": "kha",
                                 f"result-{b.person_id}": "completed", f"grade-{b.person_id}": "",
                                 "completed_on": "10/3/2023"})
    assert response.status_code == 302
    assert sorted(Enrolment.objects.values_list("result", "grade", "completed_on")) == [
        ("completed", "", dt.date(2023, 3, 10)), ("completed", "kha", dt.date(2023, 3, 10))]


def test_withdraw_and_cancel(tree, users):
    training_class = make_class(tree.db1)
    a = member_at(tree.cb1a)
    domain.enrol(actor=None, training_class=training_class, people=[a.person_id])
    client = logged_in(users.grassroots_secretary)
    response = client.post(reverse("training:withdraw", kwargs={"class_id": training_class.pk}),
                           {"person": str(a.person_id)})
    assert response.status_code == 302
    assert Enrolment.objects.get().withdrawn_on is not None
    response = client.post(reverse("training:cancel", kwargs={"class_id": training_class.pk}), {"on": "1/3/2023"})
    assert response.status_code == 302
    assert TrainingClass.objects.get().cancelled_on == dt.date(2023, 3, 1)
