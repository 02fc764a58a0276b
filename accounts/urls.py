"""Public account pages under /account/.

allauth's own pages keep its paths (e-mail confirmation, password change and reset by key,
...); the pages people see in the header and in e-mails get Dutch paths. Those are listed
after allauth's, because `reverse()` returns the last pattern with a name.
"""

from allauth.account import views as allauth_views
from django.urls import include, path

from accounts import views

urlpatterns = [
    # Ahead of allauth's own: confirming in another browser asks to log in and then goes on.
    path("confirm-email/<str:key>/", views.confirm_email, name="account_confirm_email"),
    path("", include("allauth.account.urls")),
    path("aanmelden/", allauth_views.signup, name="account_signup"),
    path("inloggen/", allauth_views.login, name="account_login"),
    path("uitloggen/", allauth_views.logout, name="account_logout"),
    path("wachtwoord-vergeten/", allauth_views.password_reset, name="account_reset_password"),
    path("profiel/", views.profile, name="accounts_profile"),
    path("profiel/verwijderen/", views.delete_account, name="accounts_delete"),
]
