"""Panel of the home page contributed by documents (core/home.py): documents whose implementing plans are
missing in the user's subtree.

A document is counted when its implementation has begun (at least one plan implements it), it is in force,
and a committee inside the reader's scope that should implement it has no plan: the rule of
`queries.chain` for its first level (committees under the issuer on the document's date, or the top
organisations for an outside body). The chain is built per document with queries per distinct date; here
the tree facts for every such document are fetched at once (four queries whatever their number), and
tests/core/test_home.py checks both give the same committees.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.core.text import word_sort_key
from xaydungdang.documents.models import Document, Implementation
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.organisations.models import OrgTypeRule, OrgVersion

NAMES_SHOWN = 3


def _on(row: Any, day: dt.date) -> bool:
    return bool(row.valid_from <= day and (row.valid_to is None or row.valid_to > day))


class _Tree:
    """The versions that may be expected to implement the documents, and the committee types by date."""

    def __init__(self, context: HomeContext, issuers: set[int]) -> None:
        below = Q(parent_id__in=issuers) | Q(parent__isnull=True)
        self.versions = list(OrgVersion.objects.filter(below, context.scope.path_q()).select_related(
            "organisation", "org_type"))
        self.rules = list(OrgTypeRule.objects.filter(parent_type__isnull=False))

    def expected(self, issuer: int | None, day: dt.date) -> list[OrgVersion]:
        """In-scope committees that should implement a document of `issuer` dated `day` (chain's rule)."""
        if issuer is None:
            return [v for v in self.versions if v.parent_id is None and _on(v, day)]
        committees = {r.parent_type_id for r in self.rules if _on(r, day)}
        return [v for v in self.versions if v.parent_id == issuer and _on(v, day)
                and (v.org_type_id in committees or v.org_type.is_grassroots)]


def missing_plans(context: HomeContext) -> list[tuple[Document, list[OrgVersion], list[OrgVersion]]]:
    """(document, expected committees, those without a plan) for every document missing plans, newest first."""
    scope = context.scope
    documents = list(visible_documents(scope).filter(
        status=Document.Status.IN_FORCE, pk__in=Implementation.objects.values("implemented_id"),
    ).select_related("doc_type", "issuer").order_by("-sort_date", "-id"))
    tree = _Tree(context, {d.issuer.organisation_id for d in documents if d.issuer.organisation_id is not None})
    speakers: dict[int, set[int]] = defaultdict(set)
    links = Implementation.objects.filter(implemented__in=[d.pk for d in documents],
                                          document__in=visible_documents(scope))
    for implemented, issuer_org, owner in links.values_list("implemented_id", "document__issuer__organisation_id",
                                                            "document__owner_id"):
        speakers[implemented].add(issuer_org or owner)
    out = []
    for document in documents:
        expected = tree.expected(document.issuer.organisation_id, document.issued_on or context.today)
        missing = [v for v in expected if v.organisation_id not in speakers[document.pk]]
        missing.sort(key=lambda v: (v.org_type.rank, word_sort_key(v.name)))  # as the chain lists them
        if missing:
            out.append((document, expected, missing))
    return out


def _line(document: Document, expected: list[OrgVersion], missing: list[OrgVersion]) -> Line:
    names = ", ".join(v.name for v in missing[:NAMES_SHOWN])
    if len(missing) > NAMES_SHOWN:
        rest = len(missing) - NAMES_SHOWN
        names += " " + ngettext("and %(n)s more", "and %(n)s more", rest) % {"n": rest}
    done = len(expected) - len(missing)
    note = ngettext("%(done)s/%(expected)s committee has issued a plan", "%(done)s/%(expected)s committees have "
                    "issued a plan", len(expected)) % {"done": done, "expected": len(expected)}
    return Line(text=str(document), url=reverse("documents:detail", kwargs={"document_id": document.pk}),
                note=f"{note}; {_('missing:')} {names}")


def plans_missing(context: HomeContext) -> PanelContent:
    found = missing_plans(context)
    if not found:
        return PanelContent(empty=_("No document is waiting for a plan in your organisations."))
    shown, more = context.shown(found)
    return PanelContent(
        figures=[Figure(_("Documents without every plan"), len(found), context.panel_url("documents.plans"))],
        lines=[_line(*row) for row in shown], more=more)


register_panel("documents.plans", gettext_lazy("Plans not yet issued"), Capability.VIEW, 40, plans_missing)
