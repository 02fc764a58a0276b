"""Wagtail hooks of the initiative editor form, imported by initiatieven.wagtail_hooks."""

from django.urls import include, path
from wagtail import hooks

from initiatieven.admin import dashboard, urls


@hooks.register("register_admin_urls")
def editor_form_urls():
    return [path("", include(urls))]


hooks.register("construct_homepage_panels", dashboard.add_new_initiative_panel)
