from __future__ import annotations

from typing import cast

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaydungdang.accounts import domain
from xaydungdang.accounts.capabilities import AUTHENTICATED, PUBLIC
from xaydungdang.accounts.client_address import client_address
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
    domain.revoke_api_token(actor=request.user, token=token, address=client_address(request))
    return redirect("accounts:account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password: the old one is checked, the new one passes AUTH_PASSWORD_VALIDATORS.

    A wrong old password counts as a failed log-in of this user from this address (django-axes), so a
    stolen session cannot guess the password at leisure; once locked, the form answers with the lock-out
    page like the log-in does. The change goes through the audited domain function."""

    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def _credentials(self) -> dict[str, str]:
        return {"username": _user(self.request).get_username()}

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if AxesProxyHandler.is_locked(request, self._credentials()):
            return get_lockout_response(request, credentials=self._credentials())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user = _user(self.request)
        domain.change_password(actor=user, user=user, new_password=form.cleaned_data["new_password1"],
                               address=client_address(self.request))
        update_session_auth_hash(self.request, user)  # this session stays logged in, the others end
        messages.success(self.request, _("Your password has been changed."))
        return redirect(self.get_success_url())

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        if "old_password" in form.errors:
            user_login_failed.send(sender=type(self), credentials=self._credentials(), request=self.request)
        return super().form_invalid(form)


password_change = requires(AUTHENTICATED)(PasswordChangeView.as_view())
