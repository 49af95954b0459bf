from __future__ import annotations

from typing import cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaydungdang.accounts import domain
from xaydungdang.accounts.capabilities import AUTHENTICATED, PUBLIC
from xaydungdang.accounts.models import ApiToken, User
from xaydungdang.core.permissions import requires


class LoginForm(AuthenticationForm):
    # Django fills %(username)s into its own message, so the template's test against
    # error_messages.invalid_login never matched and this wording was never shown.
    error_messages = {**AuthenticationForm.error_messages,
                      "invalid_login": gettext_lazy("Wrong user name or password. Note that both are case-sensitive.")}


login = requires(PUBLIC)(auth_views.LoginView.as_view(template_name="registration/login.html",
                                                      authentication_form=LoginForm,
                                                      redirect_authenticated_user=True))
logout = requires(AUTHENTICATED)(auth_views.LogoutView.as_view())


def _user(request: HttpRequest) -> User:
    """The logged-in user (the views below require authentication)."""
    return cast(User, request.user)


@requires(AUTHENTICATED)
def account(request: HttpRequest) -> HttpResponse:
    grants = request.user.grants.filter(is_active=True).select_related("role", "organisation")  # type: ignore[union-attr]
    tokens = ApiToken.objects.filter(user=_user(request), revoked_at__isnull=True).order_by("-created_at")
    return render(request, "accounts/account.html", {"grants": grants, "tokens": tokens,
                                                     "new_token": request.session.pop("new_api_token", None)})


@requires(AUTHENTICATED)
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "").strip()[:100] or _("API token")
    _token, raw = domain.create_api_token(actor=request.user, user=request.user, name=name)  # type: ignore[arg-type]
    request.session["new_api_token"] = raw
    return redirect("accounts:account")


@requires(AUTHENTICATED)
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=_user(request), revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    domain.revoke_api_token(actor=request.user, token=token)
    return redirect("accounts:account")
