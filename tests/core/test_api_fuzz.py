"""Fuzz of the API from its own OpenAPI document: every operation gets query parameters, path values
and bodies drawn from the declared schemas, mixed with values of any other JSON type and sizes
past the declared limits. No input answers 500, and every error is JSON with a `detail`.

Deterministic (derandomized, no example database) and small: about 300 requests in all.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import EPOCH, UserFactory
from xaydungdang.api import api
from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents.models import DocumentType, Issuer
from xaydungdang.members import domain as members_domain

EXAMPLES_PER_OPERATION = 8
CODES = ["P", "D", "CB1A", "K", "OP", "KHONG-CO"]

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
ANY_JSON = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                     st.floats(allow_nan=False, allow_infinity=False), TEXT,
                     st.lists(st.integers(min_value=-2**70, max_value=2**70), max_size=3),
                     st.dictionaries(TEXT, st.integers(), max_size=2))


def mostly(common: st.SearchStrategy[Any], rare: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`common` seven times in eight: a request with one bad part is refused before the code under it runs."""
    return st.integers(min_value=0, max_value=7).flatmap(lambda roll: rare if roll == 0 else common)


# Text with what has broken servers before: NUL (PostgreSQL refuses it), quotes, a percent sign.
STRINGS = mostly(TEXT, st.sampled_from(["\x00", "a\x00b", "'; --", "%", "\\", " "]))
INTEGERS = mostly(st.integers(min_value=-3, max_value=50), st.integers(min_value=-2**70, max_value=2**70))
DATES = mostly(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2025, 12, 31)).map(dt.date.isoformat),
               st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
                         st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-30", "31/6/2025", "2024-13-01"])))
# Strings a field of this name holds when it is meaningful: codes of the fixture tree and the reference data.
NAMED = {name: st.sampled_from(CODES) for name in ("org", "organisation", "owner", "to_organisation", "code")} | {
    "issuer": st.sampled_from(["TW", "TU", "HU", "XX"]), "type": st.sampled_from(["CV", "KH", "NQ", "KL", "XX"]),
    "responsible": st.lists(st.sampled_from(CODES), max_size=2)}


@functools.cache
def document() -> dict[str, Any]:
    return api.get_openapi_schema()


def operations() -> list[tuple[str, str]]:
    return [(method, path) for path, item in document()["paths"].items() for method in item]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def declared(schema: dict[str, Any], depth: int = 0, name: str = "") -> st.SearchStrategy[Any]:
    """Values of the declared type, inside and past its limits."""
    schema = resolve(schema)
    if name in NAMED:
        return mostly(NAMED[name], STRINGS)
    if depth > 4:
        return ANY_JSON
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([declared(option, depth + 1, name) for option in schema[key]])
    if "allOf" in schema:
        return declared(schema["allOf"][0], depth + 1, name)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string" and schema.get("format") == "date":
        return DATES
    if kind == "string":
        longest = schema.get("maxLength")
        if longest is None:
            return STRINGS
        return mostly(STRINGS, st.integers(min_value=longest, max_value=longest + 1).map(lambda n: "ữ" * n))
    if kind == "integer":
        return INTEGERS
    if kind == "number":
        return mostly(st.integers(min_value=0, max_value=100), st.floats(allow_nan=False, allow_infinity=False))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(value(schema.get("items", {}), depth + 1), max_size=3)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {key: value(spec, depth + 1, key) for key, spec in properties.items() if key in required},
            optional={key: value(spec, depth + 1, key) for key, spec in properties.items() if key not in required})
    if kind == "null":
        return st.none()
    return ANY_JSON


def value(schema: dict[str, Any], depth: int = 0, name: str = "") -> st.SearchStrategy[Any]:
    """Mostly a value of the declared type, sometimes a value of any type."""
    return mostly(declared(schema, depth, name), ANY_JSON)


def as_text(item: Any) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    return "" if item is None else str(item)


def path_value(name: str, schema: dict[str, Any]) -> st.SearchStrategy[str]:
    if name == "code":
        return mostly(st.sampled_from(CODES), STRINGS.filter(bool)).map(lambda code: quote(code, safe=""))
    return mostly(st.integers(min_value=1, max_value=12), value(schema)).map(
        lambda item: quote(as_text(item), safe="") or "0")


@st.composite
def requests(draw: st.DrawFn, method: str, path: str) -> tuple[str, Any, str | None]:
    """(url, body, content type) for one call of the operation."""
    spec = document()["paths"][path][method]
    url, query = path, {}
    for parameter in spec.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            url = url.replace("{" + name + "}", draw(path_value(name, parameter["schema"])))
        elif parameter.get("required") or draw(st.booleans()):
            query[name] = as_text(draw(value(parameter["schema"], name=name)))
    url += f"?{urlencode(query)}" if query else ""
    content = spec.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        return url, json.dumps(draw(value(content["application/json"]["schema"]))), "application/json"
    if "multipart/form-data" in content:
        data = draw(st.binary(max_size=200))
        return url, {"file": SimpleUploadedFile(draw(TEXT.filter(bool)), data)} if data else {}, None
    return url, None, None


@pytest.fixture
def records(tree: Any) -> None:
    """Something for each kind of id to find: members, a pending transfer, a candidate, documents."""
    for organisation in (tree.cb1a, tree.cb3a):
        member = members_domain.register_member(actor=None, person={"full_name": f"Đảng viên {organisation.code}",
                                                                    "sex": "nam"},
                                                organisation=organisation, since=EPOCH)
    members_domain.send_transfer(actor=None, member=member, kind="regular", sent_on=dt.date(2020, 1, 1),
                                 to_organisation=tree.cb1a)
    members_domain.add_candidate(actor=None, person={"full_name": "Quần chúng", "sex": "nu"},
                                 organisation=tree.cb1a, since=EPOCH)
    for number, owner in (("1", tree.district), ("2", None)):
        documents_domain.register_document(
            actor=None, owner=owner, doc_type=DocumentType.objects.get(code="CV"),
            issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number=number,
            issued_on=dt.date(2024, 1, 2), title=f"Công văn {number}")


def send(client: Client, method: str, url: str, body: Any, content_type: str | None) -> Any:
    if content_type is not None:
        return client.generic(method.upper(), url, body, content_type=content_type)
    if body is not None:
        return client.post(url, body)
    return client.generic(method.upper(), url)


def test_the_fuzz_covers_every_operation():
    assert len(operations()) >= 36
    assert {method for method, _path in operations()} == {"get", "post", "patch", "put"}


@pytest.mark.parametrize(("method", "path"), operations(), ids=[f"{m} {p}" for m, p in operations()])
def test_no_input_answers_500_and_every_error_is_json_with_a_detail(records, settings_xdd_attachments, method,
                                                                   path):
    client = Client()
    client.force_login(UserFactory(username="fuzz", is_superuser=True))

    @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.filter_too_much])
    @given(request=requests(method, path))
    def check(request: tuple[str, Any, str | None]) -> None:
        url, body, content_type = request
        response = send(client, method, url, body, content_type)
        assert response.status_code < 500, (url, body)
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), (url, body, response.content[:200])
            assert "detail" in response.json(), (url, body)

    check()


@pytest.fixture
def settings_xdd_attachments(settings: Any, tmp_path: Any) -> None:
    """Attachments the fuzz stores go under the test's temporary folder."""
    settings.XDD_ATTACHMENT_DIR = tmp_path / "attachments"
