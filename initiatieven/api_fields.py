"""How initiatives appear in the read API (Wagtail's API v2, `/api/v2/`): vocabularies as slug
and label, organisations and keywords by name, and a contact only when it is marked public."""

from __future__ import annotations

from rest_framework import serializers


class TermField(serializers.Field):
    """One vocabulary value as {"slug", "label"}, or null."""

    def to_representation(self, value) -> dict | None:
        return {"slug": value.slug, "label": value.label} if value else None


class TermsField(serializers.Field):
    """Several vocabulary values, in their display order, each as {"slug", "label"}."""

    def to_representation(self, value) -> list[dict]:
        terms = sorted(value.all(), key=lambda term: (term.sort_order, term.label))
        return [{"slug": term.slug, "label": term.label} for term in terms]


class OrganisationsField(serializers.Field):
    def to_representation(self, value) -> list[dict]:
        return [
            {
                "name": organisation.name,
                "kind": organisation.kind,
                "place": organisation.place,
                "website": organisation.website,
            }
            for organisation in sorted(value.all(), key=lambda org: org.name.casefold())
            if organisation.live
        ]


class KeywordsField(serializers.Field):
    def to_representation(self, value) -> list[str]:
        return sorted((tag.name for tag in value.all()), key=str.casefold)


class PublicContactField(serializers.Field):
    """The contact person, only when the initiative marks it public; else null. Never the
    address of a contact that is not public (the page does not show it either)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> dict | None:
        if not page.contact_is_public or not (page.contact_name or page.contact_email):
            return None
        return {
            "name": page.contact_name,
            "role": page.contact_role,
            "email": page.contact_email,
        }
