"""The pasted-list import: identifiers pasted one per line, a preview of every line, then all or nothing.

The preview says for each line whether it is new, already in the registry (linked) or not recognised
(line number and reason, from the parser: it never guesses). Recording re-reads the text, so a list
changed after its preview is checked again; with any error nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import requires
from xaydungdang.documents import forms, importing, scoping

COMMIT = "commit"


@requires(Capability.EDIT_RECORDS)
@require_http_methods(["GET", "POST"])
def paste_import(request: HttpRequest) -> HttpResponse:
    scope = scoping.request_scope(request)
    form = forms.PasteForm(request.POST or None, owners=scoping.owners_for(scope),
                           system_wide=scoping.may_administer(scope))
    result = None
    if request.method == "POST" and form.is_valid():
        commit = request.POST.get("action") == COMMIT
        result = importing.import_pasted_list(form.cleaned_data["text"], owner=form.cleaned_data["owner"],
                                              actor=request.user, dry_run=not commit)
        if result.committed:
            created = sum(1 for line in result.lines if line.status == "created")
            messages.success(request, ngettext("%(n)s document was registered.", "%(n)s documents were registered.",
                                               created) % {"n": created})
    return render(request, "documents/paste.html", {
        "form": form, "result": result,
        "may_commit": result is not None and not result.committed and not result.errors and bool(result.new)})
