"""Signing in, out and up with Django's auth: a signed-in student's clusters follow them to any browser.

Django's own views and forms do the work (CSRF, password checks, session key cycling); these only
give them templates, send the student back to where they were, and add sign-up. Signing in hands
the anonymous session's clusters to the user (``services.owners.carry_over_on_login``, run by
Django's ``user_logged_in`` signal, whatever view signs in).

Sign-up is open unless the setting ``PLAYGROUND_SIGNUP`` is False (a class whose accounts the
instructor makes in the admin).

Repeated wrong passwords are counted by django-axes (settings ``AXES_*``); the two functions at the
end are its hooks: which address a sign-in comes from, and the page a paused sign-in gets.
"""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .services import owners  # noqa: F401 - connects the sign-in receiver that carries clusters over


def signup_open() -> bool:
    return bool(getattr(settings, "PLAYGROUND_SIGNUP", True))


class SignInView(auth_views.LoginView):
    """``/accounts/login/``: back to ``?next=`` (a path on this site) or home."""

    template_name = "registration/login.html"
    next_page = "home"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        return {**super().get_context_data(**kwargs), "signup_open": signup_open()}


class SignOutView(auth_views.LogoutView):
    """``/accounts/logout/`` (POST only, with the CSRF token): home, as a new anonymous visitor."""

    next_page = "home"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url("home")


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """``/accounts/signup/``: a username and a password; signed in at once (clusters carried over)."""
    if not signup_open():
        raise Http404("sign-up is closed")
    if request.user.is_authenticated:
        return HttpResponseRedirect(_safe_next(request))
    form = UserCreationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return HttpResponseRedirect(_safe_next(request))
    return render(request, "registration/signup.html", {"form": form, "next": _safe_next(request)})


def client_ip(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the address failures are counted by is ``REMOTE_ADDR``, nothing else.

    Behind nginx, Daphne's ``--proxy-headers`` has already put the client's address there from
    ``X-Forwarded-For``; reading that header again (as django-ipware would, if installed) would let a
    browser name its own address and dodge the count.
    """
    return request.META.get("REMOTE_ADDR")


def locked_out(request: HttpRequest, original_response: Any = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the paused sign-in's page, 429, in the site's layout, with the minutes left.

    Axes' async middleware passes the credentials where the response belongs, so they are taken
    from the request, where axes also leaves them.
    """
    credentials = getattr(request, "axes_credentials", None) or credentials
    username = get_client_username(request, credentials) or ""
    seconds = _seconds_left(request, username)
    response = render(request, "registration/locked_out.html", {
        "username": username,
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(seconds / 60) if seconds else None,
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
    if seconds:
        response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def _seconds_left(request: HttpRequest, username: str) -> int | None:
    """Until this username may sign in from this address again: the last counted failure plus the cool-off.

    None without a cool-off (``AXES_COOLOFF_TIME = None``: locked until an admin deletes the attempt).
    """
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    ip_address = getattr(request, "axes_ip_address", None) or client_ip(request)
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time"))["last"]
    left = (last + cool_off - timezone.now()) if last else cool_off
    return max(1, math.ceil(left.total_seconds()))
