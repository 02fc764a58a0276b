from allauth.account.signals import email_confirmed

from accounts.services import contributors


def _on_email_confirmed(sender, request, email_address, **kwargs):
    contributors.make_contributor(user=email_address.user)


def register_signal_handlers() -> None:
    email_confirmed.connect(_on_email_confirmed, dispatch_uid="accounts_make_contributor")
