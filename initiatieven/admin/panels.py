"""Panels of the initiative editor."""

from __future__ import annotations

from wagtail.admin.panels import ObjectList, TitleFieldPanel
from wagtail.admin.panels import PageChooserPanel as WagtailPageChooserPanel

from initiatieven.admin.forms import can_promote
from initiatieven.admin.widgets import PageChooser


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
