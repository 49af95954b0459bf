"""Every URL × every role answers what its declared capability and the user's scope imply.

pretix `tests/control/test_permissions.py` style: the expected status is computed from data
(the capability a view declares, the capabilities of the user's roles, whether the object in
the URL lies in the user's subtree), never listed per URL, so a new URL is covered the day it
is added, and a URL without a declared capability fails the walk.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.accounts.own_walk import member_actor, self_study_cases
from tests.activities.walk import campaign_cases, session_cases
from tests.conftest import Tree
from tests.core.indicators_walk import indicator_cases
from tests.emulation.walk import commitment_cases, model_cases, recognition_cases, registration_cases
from tests.evaluation.walk_ratings import evaluation_cases
from tests.evaluation.walk_reviews import review_cases, shortcoming_cases
from tests.factories import EPOCH, UserFactory, make_org
from tests.feedback.walk import briefing_cases, opinion_cases, recommendation_cases
from tests.inspection.walk_outcomes import decision_cases, inspection_recommendation_cases, outcome_inspection_cases
from tests.inspection.walk_plans import inspection_cases, plan_cases, team_cases
from tests.meetings.walk import meeting_cases
from tests.pressing.walk import issue_cases
from tests.training.walk import class_cases
from xaydungdang.accounts.capabilities import AUTHENTICATED, PUBLIC, Capability
from xaydungdang.accounts.domain import create_api_token
from xaydungdang.accounts.models import Grant
from xaydungdang.accounts.reference import ROLES
from xaydungdang.api import api
from xaydungdang.documents import attachments as documents_attachments
from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents import programmes
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Candidate, Member, Membership, Transfer
from xaydungdang.organisations import domain as org_domain
from xaydungdang.organisations.models import Organisation, OrgVersion

DECLARABLE = {c.value for c in Capability} | {PUBLIC, AUTHENTICATED}
ROLE_CAPABILITIES = {code: frozenset(caps) for code, _name, caps in ROLES}
EVERY_CAPABILITY = frozenset(c.value for c in Capability)
# What a view that only reads declares; every other capability writes.
READS = frozenset({Capability.VIEW, Capability.VIEW_AUDIT, Capability.VIEW_SENSITIVE, Capability.OWN_RECORDS,
                   AUTHENTICATED, PUBLIC})

# The fixture tree (tests/conftest.py) as parent links, with codes and names of its own (the `tree` fixture
# below) that no page prints by chance, so that finding one in an answer is a leak. The expected scope is
# computed from this, not from accounts/scope.py, so the walk checks the scope code instead of repeating it.
PARENTS: dict[str, str | None] = {
    "ZQP": None, "ZQD": "ZQP", "ZQDB1": "ZQD", "ZQCB1A": "ZQDB1", "ZQCB1B": "ZQDB1", "ZQDB2": "ZQD",
    "ZQCB2A": "ZQDB2", "ZQCBCS": "ZQD", "ZQK": "ZQP", "ZQDB3": "ZQK", "ZQCB3A": "ZQDB3", "ZQOP": None,
    "ZQODB": "ZQOP",
}
# A distinctive word of each organisation's name (every name it has had contains it).
WORDS = {"ZQP": "Alphanam", "ZQD": "Bravonam", "ZQDB1": "Charlienam", "ZQCB1A": "Deltanam", "ZQCB1B": "Echonam",
         "ZQDB2": "Foxtrotnam", "ZQCB2A": "Golfnam", "ZQCBCS": "Hotelnam", "ZQK": "Indianam", "ZQDB3": "Julietnam",
         "ZQCB3A": "Kilonam", "ZQOP": "Limanam", "ZQODB": "Mikenam"}
# Where a member transferred in from (see _transfer_to): the other side of a member's own record, named to
# those who read the member (the destination must know whom it receives and from where).
COUNTERPART = "ZQNGOAI"

# Namespaces walked elsewhere: the Django admin (its own staff check, see
# test_admin_sends_non_staff_to_the_admin_login) and the ninja API (test_every_api_operation_*).
SEPARATELY_TESTED_NAMESPACES = {"admin", "api"}

# Routes that exist today; new ones are walked too, without being added here.
KNOWN_ROUTES = {
    "home", "favicon", "audit_log", "accounts:login", "accounts:logout", "accounts:account", "accounts:create_token",
    "accounts:revoke_token", "organisations:tree", "organisations:search", "organisations:events",
    "organisations:detail", "organisations:children", "organisations:establish", "organisations:rename",
    "organisations:move", "organisations:merge", "organisations:split", "organisations:dissolve", "members:list",
    "members:register", "members:overdue", "members:detail", "members:recognise", "members:transfer_out",
    "members:exempt", "members:end_exemption", "members:end_temporary", "members:end_membership", "members:transfers",
    "members:receive_transfer", "members:cancel_transfer", "members:candidates", "members:add_candidate",
    "members:admit", "members:import_start", "members:import_template", "members:import_job",
    "members:import_progress", "members:import_commit", "members:export", "reportcheck:check",
}
# The document pages (documents/urls.py).
KNOWN_ROUTES |= {
    "documents:list", "documents:create", "documents:paste_import", "documents:download", "documents:detail",
    "documents:edit", "documents:status", "documents:link", "documents:unlink", "documents:add_attachment",
    "documents:programme", "documents:add_section", "documents:add_task", "documents:add_target",
}
KNOWN_OPERATIONS = {"/api/organisations", "/api/organisations/{code}", "/api/organisations/{code}/subtree",
                    "/api/organisations/{code}/children", "/api/tree", "/api/members", "/api/members/{member_id}",
                    "/api/organisations/{code}/member-counts", "/api/organisations/{code}/key-cadres",
                    "/api/candidates", "/api/transfers", "/api/admissions", "/api/members/{member_id}/recognise",
                    "/api/members/{member_id}/transfers", "/api/transfers/{transfer_id}/receive",
                    "/api/transfers/{transfer_id}/cancel", "/api/members/{member_id}/end-temporary",
                    "/api/members/{member_id}/exempt", "/api/members/{member_id}/end-exemption",
                    "/api/members/{member_id}/end", "/api/report-check"}
# The documents API (documents/api.py).
KNOWN_OPERATIONS |= {"/api/documents", "/api/documents/{document_id}", "/api/documents/{document_id}/programme",
                     "/api/document-types", "/api/issuers", "/api/indicators", "/api/documents/parse",
                     "/api/documents/import", "/api/documents/{document_id}/status",
                     "/api/documents/{document_id}/implements", "/api/documents/{document_id}/unlink",
                     "/api/documents/{document_id}/attachments"}

# What a successful GET answers when it is not a page. This is view behaviour, not
# permission: a new view that redirects fails the walk until it is declared here.
SUCCESS_REDIRECTS: dict[str, str] = {}
PERMANENT_REDIRECTS = {"favicon": "/static/xdd/favicon.svg"}


def ancestors_and_self(code: str) -> list[str]:
    chain: list[str] = []
    current: str | None = code
    while current is not None:
        chain.append(current)
        current = PARENTS[current]
    return chain


@dataclass(frozen=True)
class Actor:
    name: str
    user: Any  # None: anonymous
    capabilities: frozenset[str] = frozenset()
    root: str | None = None  # code of the granted organisation
    everywhere: bool = False  # superuser
    successors: frozenset[str] = frozenset()  # where the granted organisation went, if it has ended
    ended: bool = False  # the granted organisation has ended: it reads its past and writes nowhere

    def covers(self, code: str) -> bool:
        return self.everywhere or self.root in ancestors_and_self(code)

    def has(self, capability: str) -> bool:
        if capability == PUBLIC:
            return True
        if self.user is None:
            return False
        return capability == AUTHENTICATED or capability in self.capabilities

    def writes(self) -> bool:
        """Whether an organisation takes the actor's writes today (the superuser's, or a grant not ended)."""
        return self.everywhere or (self.root is not None and not self.ended)

    def sample_codes(self) -> list[str]:
        """Inside: the granted organisation and its last descendant; outside: its parent and OP."""
        if self.root is None:
            return ["ZQP", "ZQOP"]
        below = [code for code in PARENTS if code != self.root and self.root in ancestors_and_self(code)]
        return [self.root, *below[-1:], *filter(None, [PARENTS[self.root]]), "ZQOP"]

    def may_name(self, code: str) -> bool:
        """What an answer may name: the subtree, the committees above the root (documents flow down), and the
        successors of an ended root (the event that ended it is the root's own history)."""
        return self.covers(code) or (self.root is not None and code in ancestors_and_self(self.root)) or (
            code in self.successors)


def successors_of(code: str) -> frozenset[str]:
    """Where an ended organisation went, read from the event that ended it: the organisations that event
    established, and the superiors it moved the organisation's units under (a merger's existing target)."""
    organisation = Organisation.objects.get(code=code)
    if organisation.valid_to is None:
        return frozenset()
    ending = organisation.events.filter(effective_date=organisation.valid_to)
    established = Organisation.objects.filter(versions__event__in=ending, valid_from=organisation.valid_to)
    units = OrgVersion.objects.filter(parent=organisation, valid_to=organisation.valid_to).values("organisation")
    superiors = OrgVersion.objects.filter(event__in=ending, organisation__in=units).values("parent")
    return frozenset(established.values_list("code", flat=True)) | frozenset(
        Organisation.objects.filter(pk__in=superiors).values_list("code", flat=True))


def actor_for(name: str, user: Any) -> Actor:
    grants = list(Grant.objects.filter(user=user, is_active=True).select_related("role", "organisation"))
    assert len(grants) == 1, f"{name}: the walk models one grant per user"
    root = grants[0].organisation.code
    return Actor(name, user, ROLE_CAPABILITIES[grants[0].role.code], root, successors=successors_of(root),
                 ended=grants[0].organisation.valid_to is not None)


NAME_PREFIX = {"ZQP": "Tỉnh ủy", "ZQD": "Huyện ủy", "ZQK": "Đảng ủy Khối", "ZQOP": "Tỉnh ủy"}
TYPES = {"ZQP": "dang-bo-tinh", "ZQD": "dang-bo-huyen", "ZQDB1": "dang-bo-co-so", "ZQCB1A": "chi-bo-truc-thuoc",
         "ZQCB1B": "chi-bo-truc-thuoc", "ZQDB2": "dang-bo-co-so", "ZQCB2A": "chi-bo-truc-thuoc",
         "ZQCBCS": "chi-bo-co-so", "ZQK": "dang-bo-khoi", "ZQDB3": "dang-bo-co-so", "ZQCB3A": "chi-bo-truc-thuoc",
         "ZQOP": "dang-bo-tinh", "ZQODB": "dang-bo-co-so"}


@pytest.fixture
def tree(reference_data: None) -> Tree:
    """The tree of tests/conftest.py under the walk's codes and distinctive names (PARENTS, WORDS)."""
    made: dict[str, Organisation] = {}
    for code, parent in PARENTS.items():
        kind = "Chi bộ" if "CB" in code else NAME_PREFIX.get(code, "Đảng ủy")
        made[code] = make_org(TYPES[code], made[parent] if parent else None, code=code, name=f"{kind} {WORDS[code]}")
    make_org("dang-bo-co-so", made["ZQOP"], code=COUNTERPART, name="Đảng ủy nơi chuyển đến")
    fields = ["province", "district", "db1", "cb1a", "cb1b", "db2", "cb2a", "cbcs", "bloc", "db3", "cb3a",
              "other_province", "other_db"]
    return Tree(**dict(zip(fields, made.values(), strict=True)))


@pytest.fixture
def bait(tree: Tree) -> None:
    """Something outside each role's scope for every page to leak: a restructuring event naming units inside
    and outside it, a programme of the province with responsible units inside and outside it, documents,
    members and candidates of every organisation."""
    renames = [(getattr(tree, f), f"{getattr(tree, f).name} mới") for f in ("cb1a", "cb3a", "other_db")]
    org_domain.execute(org_domain.Plan(org_domain.Kind.RENAME, dt.date(2016, 1, 1), renames=renames), actor=None)
    plan = documents_domain.register_document(
        actor=None, owner=tree.province, doc_type=DocumentType.objects.get(code="KH"),
        issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number="82",
        issued_on=dt.date(2024, 1, 2), title="Kế hoạch thực hiện")
    programmes.create_programme(actor=None, document=plan, sections=[{"title": "Kết nạp", "tasks": [
        {"title": "Phát triển đảng viên", "targets": [
            {"description": "Giữ số đảng viên", "indicator_code": "members.count", "value": 1,
             "deadline": dt.date(2024, 12, 31), "responsible": [tree.cb1a, tree.cb3a, tree.other_db]}]}]}])
    for code in PARENTS:
        _document_kept_by(code)
        _member_at(code)
        members_domain.add_candidate(actor=None, person={"full_name": f"Quần chúng {WORDS[code]}", "sex": "nu"},
                                     organisation=_organisation(code), since=EPOCH)


TEXT_TYPES = ("text/", "application/json")


def leaks(actor: Actor, response: Any) -> list[str]:
    """The codes of the organisations outside the actor's reach that a 200 answer names (by code or name)."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return []
    body = response.content.decode()
    return [code for code in PARENTS if not actor.may_name(code) and (
        WORDS[code] in body or re.search(rf"(?<![A-Za-z0-9]){code}(?![A-Za-z0-9])", body))]


@pytest.fixture
def actors(users) -> list[Actor]:
    superuser = UserFactory(username="sieu", is_superuser=True, is_staff=True)
    return [
        *(actor_for(name, getattr(users, name)) for name in users.__dataclass_fields__),
        member_actor(),  # a member's own log-in (role dang-vien), linked to a member of ZQCB1A
        Actor("superuser", superuser, EVERY_CAPABILITY, everywhere=True),
        Actor("no_grant", UserFactory(username="khong-quyen")),
        Actor("anonymous", None),
    ]


# ---------------------------------------------------------------- web views

@dataclass(frozen=True)
class Route:
    path: str  # the route as written, with <converter:name> parts
    name: str
    callback: Callable[..., Any]

    @property
    def parameters(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.path)


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SEPARATELY_TESTED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield Route("/" + prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern.callback)


def view_chain(callback: Callable[..., Any]) -> Iterator[Any]:
    current: Any = callback
    while current is not None:
        yield current
        current = getattr(current, "__wrapped__", None)


def allowed_methods(callback: Callable[..., Any]) -> set[str]:
    """The HTTP methods a view declares: require_http_methods on a function, http_method_names on a class."""
    for layer in view_chain(callback):
        view_class = getattr(layer, "view_class", None)
        if view_class is not None:
            return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
        cells = dict(zip(layer.__code__.co_freevars, layer.__closure__ or (), strict=True))
        if "request_method_list" in cells:
            return set(cells["request_method_list"].cell_contents)
    return {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def redirects_logged_in_users(callback: Callable[..., Any]) -> bool:
    return any(getattr(layer, "view_initkwargs", {}).get("redirect_authenticated_user") for layer in
               view_chain(callback))


def code_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"code": code}, actor.covers(code)


def pk_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    """An API token of the user (theirs to revoke) and one of another user (404)."""
    other = UserFactory(username=f"chu-khac-{actor.name}")
    if actor.user is not None:
        own, _raw = create_api_token(actor=None, user=actor.user, name="own")
        yield {"pk": own.pk}, True
    theirs, _raw = create_api_token(actor=None, user=other, name="theirs")
    yield {"pk": theirs.pk}, False


def _organisation(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _member_at(code: str) -> Member:
    """A member who belongs to the organisation now (made once, then reused by the walk)."""
    found = Member.objects.filter(memberships__organisation__code=code, memberships__valid_to__isnull=True).first()
    return found or members_domain.register_member(actor=None, person={"full_name": f"Đảng viên {code}", "sex": "nam"},
                                                   organisation=_organisation(code), since=EPOCH)


def member_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    """A member of each sample organisation: in reach where the actor's subtree holds it."""
    for code in actor.sample_codes():
        yield {"member_id": _member_at(code).pk}, actor.covers(code)


def _transfer_to(code: str) -> Transfer:
    """A pending transfer from COUNTERPART (outside every grant) to the organisation."""
    found = Transfer.objects.filter(status=Transfer.Status.PENDING, to_organisation__code=code).first()
    if found is not None:
        return found
    member = members_domain.register_member(actor=None, person={"full_name": f"Chuyển đến {code}", "sex": "nu"},
                                            organisation=_organisation(COUNTERPART), since=EPOCH)
    return members_domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR,
                                        sent_on=dt.date(2020, 1, 1), to_organisation=_organisation(code))


def transfer_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    """A pending transfer to each sample organisation: the destination's side may act on it."""
    for code in actor.sample_codes():
        yield {"transfer_id": _transfer_to(code).pk}, actor.covers(code)


def candidate_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        candidate = Candidate.objects.filter(organisation__code=code).first() or members_domain.add_candidate(
            actor=None, person={"full_name": f"Quần chúng {code}", "sex": "nu"}, organisation=_organisation(code),
            since=EPOCH)
        yield {"candidate_id": candidate.pk}, actor.covers(code)


def _document_kept_by(code: str | None) -> Document:
    """A document kept by the organisation, or a system-wide one for None (made once, then reused by the walk)."""
    found = Document.objects.filter(owner__code=code).first() if code else Document.objects.filter(
        owner__isnull=True).first()
    return found or documents_domain.register_document(
        actor=None, owner=_organisation(code) if code else None, doc_type=DocumentType.objects.get(code="CV"),
        issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number=code or "1",
        issued_on=dt.date(2024, 1, 2), title=f"Công văn lưu tại {code or 'hệ thống'}")


def document_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    """A document kept by each sample organisation, and a system-wide one. Documents flow down
    (documents/scoping.py): reading reaches the actor's subtree, the committees above its root and every
    system-wide document; writing reaches the subtree only, and system-wide documents with `administer`."""
    writes = getattr(route.callback, "capability", Capability.VIEW) != Capability.VIEW
    for code in actor.sample_codes():
        above = actor.root is not None and code in ancestors_and_self(actor.root)
        yield {"document_id": _document_kept_by(code).pk}, actor.covers(code) or (above and not writes)
    yield {"document_id": _document_kept_by(None).pk}, not writes or Capability.ADMINISTER in actor.capabilities


def attachment_cases(actor: Actor, route: Route) -> Iterator[tuple[dict[str, Any], bool]]:
    """A stored PDF of each document of document_cases: downloaded wherever the document may be read."""
    for kwargs, in_scope in document_cases(actor, route):
        document = Document.objects.get(pk=kwargs["document_id"])
        attachment = document.attachments.first() or documents_attachments.add_attachment(
            actor=None, document=document, name="van-ban.pdf", content=io.BytesIO(b"%PDF-1.4\n%%EOF\n"))
        yield {"attachment_id": attachment.pk}, in_scope


@pytest.fixture(autouse=True)
def _attachment_storage(settings: Any, tmp_path: Any) -> None:
    """Attachments made by the walk are stored under the test's temporary folder."""
    settings.XDD_ATTACHMENT_DIR = tmp_path / "attachments"


# URL parameter name -> values inside and outside the actor's reach. A route with a new
# parameter name fails the walk until a row is added here.
PARAMETER_VALUES: dict[str, Callable[[Actor, Route], Iterator[tuple[dict[str, Any], bool]]]] = {
    "code": code_cases,
    "pk": pk_cases,
    "member_id": member_cases,
    "transfer_id": transfer_cases,
    "candidate_id": candidate_cases,
    "document_id": document_cases,
    "attachment_id": attachment_cases,
    "class_id": class_cases,
    "self_study_id": self_study_cases,
    "indicator_code": indicator_cases,
    "campaign_id": campaign_cases, "session_id": session_cases,
    "meeting_id": meeting_cases,
    "briefing_id": briefing_cases, "opinion_id": opinion_cases,
    "recommendation_id": recommendation_cases,
    "registration_id": registration_cases, "commitment_id": commitment_cases,
    "model_id": model_cases, "recognition_id": recognition_cases,
    "issue_id": issue_cases,
    "evaluation_id": evaluation_cases,
    "review_id": review_cases, "shortcoming_id": shortcoming_cases,
    "plan_id": plan_cases, "team_id": team_cases, "inspection_id": inspection_cases,
    "inspection_recommendation_id": inspection_recommendation_cases, "outcome_inspection_id": outcome_inspection_cases,
    "decision_id": decision_cases,
}


def cases(actor: Actor, route: Route) -> Iterator[tuple[str, bool]]:
    if not route.parameters:
        yield reverse(route.name), True
        return
    assert len(route.parameters) == 1, f"{route.path}: give the walk values for several parameters"
    (parameter,) = route.parameters
    assert parameter in PARAMETER_VALUES, f"{route.path}: add values for <{parameter}> to PARAMETER_VALUES"
    for kwargs, in_scope in PARAMETER_VALUES[parameter](actor, route):
        yield reverse(route.name, kwargs=kwargs), in_scope


def login_redirect(path: str) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': path}, safe='/')}"


ANY_PLACE_BUT_LOGIN = "anywhere but the login page asking to log in for this URL"


def expected(route: Route, actor: Actor, method: str, url: str, in_scope: bool) -> tuple[int, str | None]:
    """(status, Location) implied by the capability, the actor's roles and the scope."""
    capability = route.callback.capability  # type: ignore[attr-defined]
    if capability != PUBLIC and actor.user is None:
        return 302, login_redirect(url)
    if not actor.has(capability):
        return 403, None
    if capability not in READS and not actor.writes():  # a write view refuses an ended grant at the start
        return 403, None
    if method not in allowed_methods(route.callback):
        return 405, None
    if not in_scope:
        return 404, None
    if method == "POST":  # a POST-only view answers success with a redirect (POST/redirect/GET)
        return 302, ANY_PLACE_BUT_LOGIN
    if actor.user is not None and redirects_logged_in_users(route.callback):
        return 302, resolve_url(settings.LOGIN_REDIRECT_URL)
    if route.name in SUCCESS_REDIRECTS:
        return 302, reverse(SUCCESS_REDIRECTS[route.name])
    if route.name in PERMANENT_REDIRECTS:
        return 301, PERMANENT_REDIRECTS[route.name]
    return 200, None


class Session:
    """One client per actor: a new client loads the middleware again (WhiteNoise rescans every static file)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.client = Client()
        self.log_in()

    def log_in(self) -> None:
        if self.actor.user is not None:
            self.client.force_login(self.actor.user)

    def fetch(self, method: str, url: str) -> Any:
        if method == "GET":
            return self.client.get(url)
        response = self.client.post(url)
        self.log_in()  # the POST may have been the log-out
        return response


def test_every_url_declares_a_capability_and_answers_by_role_and_scope(tree, bait, actors):
    routes = list(walk(get_resolver().url_patterns))
    undeclared = [r.path for r in routes if getattr(r.callback, "capability", None) not in DECLARABLE]
    assert undeclared == []
    assert {r.name for r in routes} >= KNOWN_ROUTES  # the walk does see the routes (it cannot pass empty)

    sessions = {actor.name: Session(actor) for actor in actors}
    mismatches, leaked = [], []
    checked = 0
    for route in routes:
        # GET always; POST too for views that take only POST, where the object lookup happens.
        methods = ["GET"] + (["POST"] if "GET" not in allowed_methods(route.callback) else [])
        for actor in actors:
            for method in methods:
                for url, in_scope in cases(actor, route):
                    want_status, want_location = expected(route, actor, method, url, in_scope)
                    response = sessions[actor.name].fetch(method, url)
                    location = response.get("Location")
                    if want_location == ANY_PLACE_BUT_LOGIN and location not in (None, login_redirect(url)):
                        location = ANY_PLACE_BUT_LOGIN
                    if (response.status_code, location) != (want_status, want_location):
                        mismatches.append((route.name, actor.name, method, url, response.status_code, location,
                                           want_status, want_location))
                    if found := leaks(actor, response):
                        leaked.append((route.name, actor.name, url, found))
                    checked += 1
    assert mismatches == []
    assert leaked == []  # no answer names an organisation outside the actor's reach
    assert checked > len(routes) * len(actors)


def test_admin_sends_non_staff_to_the_admin_login(actors):
    for actor in actors:
        response = Session(actor).fetch("GET", "/quan-tri/")
        if actor.user is not None and actor.user.is_staff:
            assert (actor.name, response.status_code) == (actor.name, 200)
        else:
            assert (actor.name, response.status_code, response["Location"]) == (
                actor.name, 302, "/quan-tri/login/?next=/quan-tri/")


# ---------------------------------------------------------------- API operations

# Required query parameters, by name (read from the OpenAPI document of each operation).
QUERY_VALUES = {"as_of": "2024-01-01"}
API_DOCUMENTATION_URLS = {"", "openapi.json", "docs"}  # ninja's own: home (404), schema, docs page


@functools.cache
def openapi_paths() -> dict[str, Any]:
    return api.get_openapi_schema()["paths"]


@dataclass(frozen=True)
class ApiOperation:
    path: str  # under /api/, with {name} parameters, as in the OpenAPI document
    method: str
    operation: Any

    @property
    def capability(self) -> Any:
        return getattr(self.operation.view_func, "capability", None)

    def url(self, **kwargs: str) -> str:
        path = self.path
        for name, value in kwargs.items():
            path = path.replace("{" + name + "}", value)
        query = self.required_query()
        return path + (f"?{urlencode(query)}" if query else "")

    def required_query(self) -> dict[str, str]:
        document = openapi_paths()[self.path][self.method.lower()]
        names = [p["name"] for p in document.get("parameters", []) if p["in"] == "query" and p.get("required")]
        return {name: QUERY_VALUES[name] for name in names}


def api_operations() -> Iterator[ApiOperation]:
    """Every operation of every router of the API, with its path under /api/."""
    base = reverse("api:api-root")
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            relative = "/".join(part.strip("/") for part in (prefix, path) if part.strip("/"))
            for operation in path_view.operations:
                for method in operation.methods:
                    yield ApiOperation(base + relative, method, operation)


def api_expected(actor: Actor, capability: str, in_scope: bool) -> int:
    if actor.user is None:
        return 401
    if not actor.has(capability):
        return 403
    return 200 if in_scope else 404


# API path parameter name -> values inside and outside the actor's reach (the web walk's).
API_PARAMETER_VALUES = {"code": code_cases, "member_id": member_cases, "document_id": document_cases}
API_PARAMETER_VALUES |= {"campaign_id": campaign_cases, "session_id": session_cases}
API_PARAMETER_VALUES |= {"class_id": class_cases}
API_PARAMETER_VALUES |= {"meeting_id": meeting_cases}
API_PARAMETER_VALUES |= {"briefing_id": briefing_cases, "opinion_id": opinion_cases}
API_PARAMETER_VALUES |= {"recommendation_id": recommendation_cases}
API_PARAMETER_VALUES |= {"issue_id": issue_cases}
API_PARAMETER_VALUES |= {"evaluation_id": evaluation_cases}
API_PARAMETER_VALUES |= {"review_id": review_cases, "shortcoming_id": shortcoming_cases}
API_PARAMETER_VALUES |= {"registration_id": registration_cases}
API_PARAMETER_VALUES |= {"model_id": model_cases, "recognition_id": recognition_cases}
API_PARAMETER_VALUES |= {"plan_id": plan_cases, "team_id": team_cases, "inspection_id": inspection_cases}
API_PARAMETER_VALUES |= {"inspection_recommendation_id": inspection_recommendation_cases, "decision_id": decision_cases}


def api_cases(actor: Actor, operation: ApiOperation) -> Iterator[tuple[str, bool]]:
    parameters = re.findall(r"{(\w+)}", operation.path)
    if not parameters:
        yield operation.url(), True
        return
    assert len(parameters) == 1 and parameters[0] in API_PARAMETER_VALUES, (
        f"{operation.path}: add values for {parameters} to API_PARAMETER_VALUES")
    route = Route(operation.path, operation.path, operation.operation.view_func)
    for kwargs, in_scope in API_PARAMETER_VALUES[parameters[0]](actor, route):
        yield operation.url(**{name: str(value) for name, value in kwargs.items()}), in_scope


def test_every_api_url_is_an_operation_or_the_documentation():
    base = reverse("api:api-root")
    routes = {base + str(p.pattern) for p in api.urls[0]}
    operations = {re.sub(r"{(\w+)}", r"<\1>", op.path) for op in api_operations()}
    assert routes == operations | {base + url for url in API_DOCUMENTATION_URLS}
    assert set(openapi_paths()) == {op.path for op in api_operations()}


@pytest.mark.parametrize("auth", ["session", "token"])
def test_every_api_operation_declares_a_capability_and_answers_by_role_and_scope(tree, bait, actors, auth):
    operations = list(api_operations())
    assert [op.path for op in operations if op.capability not in DECLARABLE] == []
    assert {op.path for op in operations} >= KNOWN_OPERATIONS

    # Reads only: a write without its body answers 422 before any permission check, so the writes
    # are walked with valid bodies where they are defined (tests/members/test_api.py WRITES).
    operations = [op for op in operations if op.method == "GET"]

    mismatches, leaked = [], []
    for actor in actors:
        client = Client()
        headers = {}
        if actor.user is not None and auth == "session":
            client.force_login(actor.user)
        elif actor.user is not None:
            _token, raw = create_api_token(actor=None, user=actor.user, name="walk")
            headers = {"Authorization": f"Bearer {raw}"}
        for operation in operations:
            for url, in_scope in api_cases(actor, operation):
                want = api_expected(actor, operation.capability, in_scope)
                response = client.get(url, headers=headers)
                if response.status_code != want:
                    mismatches.append((operation.path, actor.name, url, response.status_code, want))
                if found := leaks(actor, response):
                    leaked.append((operation.path, actor.name, url, found))
    assert mismatches == []
    assert leaked == []  # no answer names an organisation outside the actor's reach
