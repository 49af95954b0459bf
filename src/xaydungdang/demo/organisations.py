"""The fictional demo province's tree and log-ins (sample data only; no real people or units).

Shapes follow the published reports: DEMO-HUYEN like seed 000 (22 chi bộ cơ sở, 24 đảng
bộ cơ sở holding 221 chi bộ trực thuộc), DEMO-KHOI like seed 001 (43 đảng bộ cơ sở, 30
chi bộ cơ sở). On 1/7/2025 DEMO-HUYEN is split into new commune-level đảng bộ and
dissolved, as the 2025 restructuring did to every district. Building is idempotent.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib.auth.hashers import make_password

from xaydungdang.accounts.domain import grant_role
from xaydungdang.accounts.models import Role, User
from xaydungdang.core.formatting import format_date
from xaydungdang.organisations import domain, queries
from xaydungdang.organisations.domain import NewOrganisation
from xaydungdang.organisations.models import Organisation, OrgType
from xaydungdang.organisations.reference import RESTRUCTURING_2025

FOUNDED = dt.date(2010, 1, 1)
PASSWORD = "Demo@2026-xdd"
PROVINCE, DISTRICT, BLOC = "DEMO-TINH", "DEMO-HUYEN", "DEMO-KHOI"
# Generic place words, combined so that no unit is a real one; every name says "(mẫu)".
PLACES = ["An Bình", "Bình Minh", "Cẩm Thạch", "Đông Hưng", "Gia Phúc", "Hòa Lạc", "Hưng Đạo", "Kim Sơn",
          "Lạc Thủy", "Minh Tân", "Ngọc Lâm", "Phú Mỹ", "Quảng Tiến", "Sơn Trà", "Tân Lập", "Thanh Vân",
          "Trung Nghĩa", "Vạn Xuân", "Xuân Phong", "Yên Thái", "Hồng Phong", "Đại Đồng", "Long Khánh", "Phước Hậu"]
AGENCIES = ["Sở Giáo dục", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp", "Sở Công Thương",
            "Sở Nội vụ", "Sở Tư pháp", "Sở Văn hóa", "Sở Khoa học", "Bệnh viện Đa khoa", "Trường Cao đẳng",
            "Kho bạc", "Thanh tra", "Ban Quản lý dự án", "Đài Phát thanh", "Liên minh Hợp tác xã", "Văn phòng UBND"]
# The commune that took over DEMO-HUYEN-DB01 on 1/7/2025 (see _restructure_2025): its office and the two
# secretaries below work on the same units.
COMMUNE = "DEMO-XA-02"
DEMO_USERS = [
    # username, position (distinct for every user: it is the label printed by `make demo`), role, organisation
    ("tinh.vanphong", "Văn phòng Tỉnh ủy", "van-phong", PROVINCE),
    ("huyen.vanphong", "Văn phòng Huyện ủy", "van-phong", DISTRICT),
    ("khoi.vanphong", "Văn phòng Đảng ủy Khối", "van-phong", BLOC),
    ("xa.vanphong", "Văn phòng Đảng ủy xã", "van-phong", COMMUNE),
    ("dangbo.bithu", "Bí thư Đảng ủy cơ sở", "bi-thu", "DEMO-HUYEN-DB01"),
    ("chibo.bithu", "Bí thư Chi bộ", "bi-thu", "DEMO-HUYEN-DB01-CB01"),
    # The inspection committee of the province (active, above DEMO-HUYEN): reads the findings about members of the
    # district's 2021 inspections and may record today.
    ("tinh.ubkt", "Ủy ban Kiểm tra Tỉnh ủy", "uy-ban-kiem-tra", PROVINCE),
]
ADMIN_LABEL = "Quản trị hệ thống (toàn bộ)"
# The organisations the README and the CLI name by code, printed with their names by `make demo`.
NAMED_CODES = [PROVINCE, DISTRICT, BLOC, *(f"DEMO-XA-{k:02d}" for k in range(1, 7))]


@functools.cache
def password_hash() -> str:
    """The demo password hashed once for every demo user (each hash costs about a second by design)."""
    return make_password(PASSWORD)


def _types() -> dict[str, OrgType]:
    return {t.code: t for t in OrgType.objects.all()}


def _place(i: int) -> str:
    return f"{PLACES[i % len(PLACES)]}{'' if i < len(PLACES) else f' {i // len(PLACES) + 1}'}"


def _district(types: dict[str, OrgType], province: NewOrganisation) -> list[NewOrganisation]:
    district = NewOrganisation(DISTRICT, "Đảng bộ thị xã Minh Sơn (mẫu)", types["dang-bo-huyen"], province)
    out = [district]
    for i in range(24):
        kind = "xã" if i < 16 else ("phường" if i < 20 else "cơ quan")
        name = f"Đảng bộ {kind} {_place(i)} (mẫu)" if kind != "cơ quan" else f"Đảng bộ {AGENCIES[i - 20]} thị xã (mẫu)"
        base = NewOrganisation(f"{DISTRICT}-DB{i + 1:02d}", name, types["dang-bo-co-so"], district)
        out.append(base)
        # 221 chi bộ trực thuộc: five đảng bộ hold 10, the other nineteen 9.
        for j in range(10 if i < 5 else 9):
            out.append(NewOrganisation(f"{base.code}-CB{j + 1:02d}", f"Chi bộ thôn {_place(i * 10 + j + 3)} (mẫu)",
                                       types["chi-bo-truc-thuoc"], base))
    for i in range(22):
        name = f"Chi bộ {AGENCIES[i % len(AGENCIES)]} số {i + 1} (mẫu)"
        out.append(NewOrganisation(f"{DISTRICT}-CB{i + 1:02d}", name, types["chi-bo-co-so"], district))
    return out


def _bloc(types: dict[str, OrgType], province: NewOrganisation) -> list[NewOrganisation]:
    bloc = NewOrganisation(BLOC, "Đảng bộ Khối Các cơ quan tỉnh (mẫu)", types["dang-bo-khoi"], province)
    out = [bloc]
    for i in range(43):
        base = NewOrganisation(f"{BLOC}-DB{i + 1:02d}", f"Đảng bộ {AGENCIES[i % len(AGENCIES)]} {i // 18 + 1} (mẫu)",
                               types["dang-bo-co-so"], bloc)
        out.append(base)
        for j in range(3 + i % 3):
            out.append(NewOrganisation(f"{base.code}-CB{j + 1:02d}", f"Chi bộ phòng {j + 1} (mẫu)",
                                       types["chi-bo-truc-thuoc"], base))
    for i in range(30):
        out.append(NewOrganisation(f"{BLOC}-CB{i + 1:02d}", f"Chi bộ {AGENCIES[(i + 5) % len(AGENCIES)]} {i + 1} (mẫu)",
                                   types["chi-bo-co-so"], bloc))
    return out


def _restructure_2025(actor: User, types: dict[str, OrgType]) -> None:
    """DEMO-HUYEN split into six commune-level đảng bộ under the province, then dissolved."""
    district = Organisation.objects.get(code=DISTRICT)
    province = Organisation.objects.get(code=PROVINCE)
    names = [f"Đảng bộ {'phường' if k == 0 else 'xã'} {PLACES[k * 4]} mới (mẫu)" for k in range(6)]
    commune = types["dang-bo-xa"]
    parts = [NewOrganisation(f"DEMO-XA-{k + 1:02d}", name, commune, province) for k, name in enumerate(names)]
    children = queries.children_on(district.pk, RESTRUCTURING_2025)
    assignment = {child.organisation_id: index * 6 // len(children) for index, child in enumerate(children)}
    plan = domain.plan_split(source=district, parts=parts, assignment=assignment, effective=RESTRUCTURING_2025,
                             decision="Quyết định số 999-QĐ/TU ngày 20/6/2025 (mẫu)",
                             note="Sắp xếp tổ chức bộ máy năm 2025: kết thúc hoạt động cấp huyện (dữ liệu mẫu).")
    domain.execute(plan, actor=actor)


def demo_users(actor: User) -> list[tuple[str, str, str]]:
    roles = {r.code: r for r in Role.objects.all()}
    printed = []
    for username, position, role_code, org_code in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name = f"{position} (mẫu)"
        user.password = password_hash()
        user.save(update_fields=["first_name", "password"])
        organisation = Organisation.objects.get(code=org_code)
        if not user.grants.filter(role=roles[role_code], organisation=organisation).exists():
            grant_role(actor=actor, user=user, role=roles[role_code], organisation=organisation)
        printed.append((username, PASSWORD, f"{position} – {organisation.name} ({organisation.code})"))
    return printed


def named_organisations() -> list[tuple[str, str]]:
    """(code, name) of the organisations the README uses; an ended one says since when."""
    found = {o.code: o for o in Organisation.objects.filter(code__in=NAMED_CODES)}
    out = []
    for code in NAMED_CODES:
        organisation = found[code]
        ended = f" (kết thúc hoạt động từ {format_date(organisation.valid_to)})" if organisation.valid_to else ""
        out.append((code, f"{organisation.name}{ended}"))
    return out


def admin_user() -> User:
    admin, _created = User.objects.get_or_create(username="quantri", defaults={"is_staff": True, "is_superuser": True,
                                                                              "first_name": "Quản trị (mẫu)"})
    admin.password = password_hash()
    admin.save(update_fields=["password"])
    return admin


def build_tree(admin: User) -> bool:
    """Create the demo tree and its 2025 restructuring unless the demo province exists; True when created."""
    if Organisation.objects.filter(code=PROVINCE).exists():
        return False
    types = _types()
    province = NewOrganisation(PROVINCE, "Đảng bộ tỉnh Thử Nghiệm (mẫu)", types["dang-bo-tinh"], None)
    plan = domain.Plan(domain.Kind.CREATE, FOUNDED, decision="Dữ liệu mẫu",
                       note="Khởi tạo cây tổ chức mẫu.",
                       creates=[province, *_district(types, province), *_bloc(types, province)])
    domain.execute(plan, actor=admin)
    _restructure_2025(admin, types)
    return True


MEMBER_USERNAME, MEMBER_UNIT = "dangvien", "DEMO-HUYEN-DB01-CB01"


def member_login(actor: User) -> tuple[str, str, str] | None:
    """A member's own log-in (role "dang-vien": their own records only) for the longest-standing active member of
    the secretary's chi bộ, so that the member pages can be tried; None while that role does not exist."""
    from xaydungdang.accounts import domain as accounts_domain
    from xaydungdang.accounts.models import Grant
    from xaydungdang.members.models import Member, Membership

    role = Role.objects.filter(code="dang-vien").first()
    if role is None:
        return None
    user = User.objects.filter(username=MEMBER_USERNAME).first()
    member = Member.objects.filter(user__username=MEMBER_USERNAME).select_related("person").first()
    if member is None:
        unit = Organisation.objects.get(code=MEMBER_UNIT)
        member = Member.objects.filter(state=Member.State.ACTIVE, memberships__organisation=unit,
                                       memberships__kind=Membership.Kind.REGULAR,
                                       memberships__valid_to__isnull=True).select_related("person").order_by(
            "memberships__valid_from", "pk").first()
        if member is None or user is not None:
            return None
        create = getattr(accounts_domain, "create_member_login", None)
        if create is not None:
            user, _password = create(actor=actor, member=member, username=MEMBER_USERNAME)
        else:  # the accounts helper has not landed: the same records, written here
            user = User.objects.create_user(username=MEMBER_USERNAME, first_name=member.person.full_name[:150])
            grant_role(actor=actor, user=user, role=role, organisation=unit)
            member.user = user
            member.save(update_fields=["user"])
    assert user is not None
    user.password = password_hash()
    user.save(update_fields=["password"])
    grant = Grant.objects.filter(user=user, role=role).select_related("organisation").first()
    where = f"{grant.organisation.name} ({grant.organisation.code})" if grant else MEMBER_UNIT
    return MEMBER_USERNAME, PASSWORD, f"Đảng viên {member.person.full_name} – {where}"
