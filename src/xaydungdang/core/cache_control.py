"""No copy of a signed-in user's pages, files or API answers is kept by a browser or a proxy.

Member lists and details, exports, import results, the account page and API answers all carry personal
data, and a shared office computer's cache or back button must not show them to the next person.
The rule is the simplest that covers every one of them: any response to an authenticated request
(session or API token) is `no-store, private`. Static assets never reach this middleware (WhiteNoise
answers them first) and keep their long-lived caching; anonymous pages (log-in) hold no personal data.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

NO_STORE = "no-store, private"


class NoStoreForAuthenticatedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: an API token authenticates inside the view, not in a middleware.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = NO_STORE
        return response
