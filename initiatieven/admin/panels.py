"""Panels of the initiative editor."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList, TitleFieldPanel
from wagtail.admin.panels import PageChooserPanel as WagtailPageChooserPanel

from initiatieven.admin.forms import can_promote
from initiatieven.admin.widgets import PageChooser
from initiatieven.permissions import may_see_private_contact


class PromoteTab(ObjectList):
    """The Promote tab, shown to Redacteuren and administrators only. InitiativePageForm leaves
    its fields out for everyone else, so a contributor can neither see nor post them."""

    class BoundPanel(ObjectList.BoundPanel):
        def is_shown(self):
            return can_promote(self.request.user if self.request else None) and super().is_shown()


class TitlePanel(TitleFieldPanel):
    """The title, synced to the slug only when the slug is in the form: without it (a
    contributor's form) Wagtail's sync controller would get an empty selector and fail on every
    keystroke. The slug then follows the title on the server (InitiativePageForm)."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_attrs(self):
            if any(target in self.form.fields for target in self.panel.targets):
                return super().get_attrs()
            placeholder = self.get_placeholder()
            if placeholder and "placeholder" not in self.bound_field.field.widget.attrs:
                return {"placeholder": placeholder}
            return {}


class PageChooserPanel(WagtailPageChooserPanel):
    """Wagtail's page chooser panel, with the chooser's inline script under the CSP nonce
    (initiatieven.admin.widgets.NonceChooserMixin)."""

    def get_form_options(self):
        options = super().get_form_options()
        target = self.page_type or self.db_field.remote_field.model
        options.setdefault("widgets", {})[self.field_name] = PageChooser(
            target_models=target, can_choose_root=self.can_choose_root
        )
        return options


class PrivateContactPanel(FieldPanel):
    """A contact field that InitiativePageForm leaves out for someone who may not see a
    non-public address. Wagtail's revision comparison (form=None) shows it only to those who may
    (Redacteuren, administrators, the initiative's own contributors)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            if not super().is_shown():
                return False
            if self.form is not None:
                return True
            user = self.request.user if self.request else None
            return may_see_private_contact(user=user, page=self.instance)


class HiddenContactNote(HelpPanel):
    """Says that a contact address is stored but hidden, where the address field would be."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "content",
            _(
                "An e-mail address of the contact person is stored but not shown on the site. "
                "Only the editors and this initiative's contributors see it; saving keeps it."
            ),
        )
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return bool(getattr(self.form, "contact_hidden", False))
