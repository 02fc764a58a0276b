"""The contributor's own pages: the profile with their contributions, and deleting the account.
Signing up, logging in and out and password resets are allauth's views (see `urls.py`)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import queries
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import ContributorProfile
from accounts.services import contributors


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
