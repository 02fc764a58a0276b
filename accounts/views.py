"""The contributor's own pages: the profile with their contributions, and deleting the account;
the public site's ways into the editor (add an initiative, edit this initiative); and allauth's
e-mail confirmation, which asks to log in when confirming did not. Signing up, logging in and
out and password resets are allauth's views (see `urls.py`)."""

from urllib.parse import urlencode

from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import queries
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import ContributorProfile
from accounts.services import contributors
from initiatieven.models import InitiativePage


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    organisation = (
        ContributorProfile.objects.filter(user=user).values_list("organisation", flat=True).first()
    )
    initial = {"name": contributors.full_name(user), "organisation": organisation or ""}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        contributors.update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    return TemplateResponse(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "contributions": queries.contributions(user, request=request),
            "can_use_editor": user.has_perm("wagtailadmin.access_admin"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contributors.delete_account(user=request.user, password=form.cleaned_data["password"])
        except contributors.ContributorError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(
                request,
                _("Your account has been deleted. Your published contributions remain."),
            )
            return redirect("/")
    return TemplateResponse(
        request,
        "accounts/delete_account.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def add_initiative(request: HttpRequest) -> HttpResponse:
    """The public "Add an initiative": the editor's form for a new initiative under the index,
    after logging in (or signing up) first; this address is where they come back to."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = queries.add_initiative_access(request.user)
    if access.reason == "no_index":
        raise Http404
    if access.url:
        return redirect(access.url)
    return _no_editor_access(request, access, page=None)


@require_GET
def edit_initiative(request: HttpRequest, page_id: int) -> HttpResponse:
    """The public "Edit this initiative": the editor's form for a published initiative."""
    page = get_object_or_404(InitiativePage.objects.live(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = queries.edit_initiative_access(request.user, page)
    if access.url:
        return redirect(access.url)
    return _no_editor_access(request, access, page=page)


def _no_editor_access(request: HttpRequest, access: queries.EditorAccess, *, page) -> HttpResponse:
    return TemplateResponse(
        request,
        "accounts/no_editor_access.html",
        {"reason": access.reason, "initiative": page, "retry_url": request.get_full_path()},
        status=403,
    )


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's confirmation; confirming logs in only in the browser that signed up. Anywhere
    else (another device, an expired session) the person is asked to log in and then goes on
    to where they were headed when they signed up (the link in the e-mail carries it)."""

    def respond(self, success: bool) -> HttpResponse:
        if not success or self.request.user.is_authenticated:
            return super().respond(success)
        # The login page then says what to do; allauth's message says the address is confirmed.
        params = {"next": self.get_next_url(), "bevestigd": "1"}
        query = urlencode({key: value for key, value in params.items() if value}, safe="/")
        return redirect(reverse("account_login") + "?" + query)


confirm_email = ConfirmEmailView.as_view()


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once a login failed too often from one address (AXES_LOCKOUT_CALLABLE):
    a 429 in Dutch that says for how long, and how to go on (a password reset still works)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(
        request,
        "accounts/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
