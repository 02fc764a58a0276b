"""The initiative edit form: Promote fields only for Redacteuren, the slug following the title."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.fields import RichTextField

from initiatieven.admin.tampering import TamperProofForm
from initiatieven.permissions import may_see_private_contact
from initiatieven.roles import is_moderator

# Rich text that holds nothing but empty paragraphs, as the editor sends an empty field once
# it has been initialised ('<p data-block-key="x9b2c"></p>').
_EMPTY_RICH_TEXT = re.compile(r"(\s*<p\b[^>]*>\s*(<br\s*/?>\s*)*</p>)*\s*")

# The fields of the Promote tab. Contributors do not see them; the slug follows the title.
PROMOTE_FIELDS = ("slug", "seo_title", "search_description", "show_in_menus")

# Left out of the form for someone who may not see a contact address that is not public (the
# box too: ticking it would publish an address they cannot see). The stored values stay.
PRIVATE_CONTACT_FIELDS = ("contact_email", "contact_is_public")


def can_promote(user) -> bool:
    """Whether `user` sees and changes the Promote tab (slug, SEO texts): a Redacteur or an
    administrator. Remembered on the user object, as the editor asks several times a request."""
    if user is None:
        return False
    if not hasattr(user, "_kennisbank_can_promote"):
        user._kennisbank_can_promote = is_moderator(user)
    return user._kennisbank_can_promote


def title_slug(title: str) -> str:
    return slugify(title, allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))


def slug_follows_title(*, slug: str, title: str) -> bool:
    """Whether `slug` is the one Wagtail derives from `title` (with a number when taken), so
    nobody chose it on purpose."""
    base = title_slug(title)
    return not slug or (bool(base) and re.fullmatch(rf"{re.escape(base)}(-\d+)?", slug) is not None)


def blank_when_empty(to_python):
    """`to_python` of a rich text form field, with an empty paragraph read as no text."""

    def read(value):
        value = to_python(value)
        return "" if isinstance(value, str) and _EMPTY_RICH_TEXT.fullmatch(value) else value

    return read


def contact_hidden(page, *, user) -> bool:
    """Whether the page holds a contact address that is not public and `user` may not see."""
    return bool(
        user is not None
        and getattr(page, "contact_email", "")
        and not page.contact_is_public
        and not may_see_private_contact(user=user, page=page)
    )


def organisation_label(organisation) -> str:
    """An organisation as the picker lists it: one that is not published yet says so, so the
    Redacteur approving an initiative sees it needs review too (Dashboard, 'Awaiting your
    review')."""
    if organisation.live:
        return organisation.name
    return _("%(name)s (awaiting review)") % {"name": organisation.name}


class BlankRichTextForm(TamperProofForm, WagtailAdminPageForm):
    """Reads a rich text field that holds only empty paragraphs as empty. Otherwise a form
    opened and approved without any change still "changes" such a field, and the revision
    that approval saves is credited to the reviewer instead of the author. A tampered post
    gets form errors (TamperProofForm)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = self._meta.model._meta.get_fields()
        rich_text = {field.name for field in model_fields if isinstance(field, RichTextField)}
        for name in rich_text & set(self.fields):
            self.fields[name].to_python = blank_when_empty(self.fields[name].to_python)


class InitiativePageForm(BlankRichTextForm):
    """Leaves the Promote fields out for contributors. On a page that is not live their slug
    follows the title, as Wagtail's own title-to-slug sync does for those who see the slug."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not can_promote(for_user):
            for name in PROMOTE_FIELDS:
                self.fields.pop(name, None)
        self._slug_follows_title = (
            "slug" not in self.fields
            and not self.instance.live
            and slug_follows_title(slug=self.instance.slug, title=self.instance.title)
        )
        for name, label in (("province", _("No province")), ("phase", _("Not specified"))):
            if name in self.fields:
                self.fields[name].empty_label = label
        if "organisations" in self.fields:
            self.fields["organisations"].label_from_instance = organisation_label
        self.contact_hidden = contact_hidden(self.instance, user=for_user)
        if self.contact_hidden:
            for name in PRIVATE_CONTACT_FIELDS:
                self.fields.pop(name, None)

    def clean(self):
        cleaned_data = super().clean()
        title = cleaned_data.get("title")
        slug_from_title = "slug" not in self.fields and (
            self._slug_follows_title or not self.instance.slug
        )
        if slug_from_title and title and not title_slug(title):
            self.add_error(
                "title",
                _("Use a letter or digit in the title: the page's web address is made from it."),
            )
        return cleaned_data

    def _post_clean(self):
        # Page.full_clean derives an empty slug from the new title, unique among its siblings.
        if (
            self._slug_follows_title
            and self.instance.pk
            and title_slug(self.cleaned_data.get("title") or "")
        ):
            self.instance.slug = ""
        super()._post_clean()
