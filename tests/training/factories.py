"""Classes, members and candidates for the training tests, built through the domain functions."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from tests.factories import EPOCH
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Candidate, Member
from xaydungdang.organisations.models import Organisation
from xaydungdang.training import domain
from xaydungdang.training.models import ClassType, TrainingClass
from xaydungdang.training.reference import load_class_types

_numbers = itertools.count(1)
START = dt.date(2023, 3, 6)


def class_type(code: str = "nhan-thuc-ve-dang") -> ClassType:
    load_class_types(ClassType)  # a transactional test flushed the migration's rows
    return ClassType.objects.get(code=code)


def make_class(organiser: Organisation, *, type_code: str = "nhan-thuc-ve-dang", actor: Any = None,
               **values: Any) -> TrainingClass:
    fields = {"class_type": class_type(type_code), "title": f"Lớp {next(_numbers)}", "organiser": organiser,
              "start": START, "end": START + dt.timedelta(days=4), "place": "", "capacity": None,
              "others_count": 0, "note": "", **values}
    return domain.create_class(actor=actor, values=fields)


def member_at(organisation: Organisation, name: str | None = None, since: dt.date = EPOCH) -> Member:
    return members_domain.register_member(actor=None, person={"full_name": name or f"Đảng viên {next(_numbers)}",
                                                              "sex": "nam"}, organisation=organisation, since=since)


def candidate_at(organisation: Organisation, name: str | None = None, since: dt.date = EPOCH) -> Candidate:
    return members_domain.add_candidate(actor=None, person={"full_name": name or f"Quần chúng {next(_numbers)}",
                                                            "sex": "nu"}, organisation=organisation, since=since)
