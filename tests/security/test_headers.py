"""Every response carries the security headers: the Content-Security-Policy (strict, with the
request's nonce on the editor's own inline scripts), Referrer-Policy, Permissions-Policy,
X-Content-Type-Options and Cross-Origin-Opener-Policy; the open API keeps its CORS headers;
browsers' violation reports are logged, and anything else sent there is refused."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.urls import reverse

from kennisbank.security_headers import MAX_REPORT_BYTES
from tests.factories import edit_form

pytestmark = pytest.mark.django_db

STRICT_DIRECTIVES = {
    "default-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "report-uri": "/csp-rapport/",
}
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in parts}


def assert_security_headers(response) -> dict[str, str]:
    policy = directives(response)
    for name, value in STRICT_DIRECTIVES.items():
        assert policy[name] == value, (name, policy)
    sources = policy["script-src"].split()
    assert "'self'" in sources
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions
    return policy


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def test_public_pages_api_and_404_carry_the_headers(client, initiative):
    for url in (
        "/",
        initiative.url,
        reverse("search") + "?q=zorg",
        reverse("theme_list"),
        reverse("account_login"),
        reverse("api_docs"),
        "/bestaat-niet/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = assert_security_headers(response)
        assert "style-src-elem" not in policy, url


def test_the_open_api_keeps_cors_and_gets_the_headers(client, initiative):
    for url in ("/api/v2/initiatieven/", reverse("search_api") + "?q=zorg"):
        response = client.get(url, HTTP_ORIGIN="https://gemeente.example")
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*"
        assert_security_headers(response)


def test_the_editors_inline_scripts_carry_the_nonce_of_the_header(editor, initiative, index):
    """Wagtail writes inline scripts for the image chooser, the date pickers and inline
    panels; each has the response's nonce, so the policy needs no 'unsafe-inline'."""
    collections = index.get_parent().get_children().exclude(pk=index.pk).get()
    for url in (
        f"/beheer/pages/{initiative.pk}/edit/",
        f"/beheer/pages/add/initiatieven/collectionpage/{collections.pk}/",
        f"/beheer/pages/{index.pk}/",
    ):
        response = editor.get(url)
        assert response.status_code == 200, url
        policy = assert_security_headers(response)
        nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
        html = response.content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
        assert inline, url
        assert all(f'nonce="{nonce}"' in attributes for attributes in inline), (url, inline)
        # The editor's React widgets add <style> elements; style attributes stay refused.
        assert policy["style-src-elem"] == "'self' 'unsafe-inline'"


def test_only_the_editors_preview_may_be_framed_and_only_by_the_site(editor, initiative):
    edit_url = f"/beheer/pages/{initiative.pk}/edit/"
    assert directives(editor.get(edit_url))["frame-ancestors"] == "'none'"
    preview_url = f"/beheer/pages/{initiative.pk}/edit/preview/"
    # As the editor's preview panel does: the form's state first, then the framed page.
    assert editor.post(preview_url, edit_form(initiative)).json()["is_valid"]
    response = editor.get(preview_url)
    assert response.status_code == 200
    assert initiative.title in response.content.decode()
    assert directives(response)["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_violation_report_is_logged(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://kennisbank.example.org/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
            "script-sample": "x" * 5000,
        }
    }
    with caplog.at_level(logging.WARNING, logger="kennisbank.csp"):
        response = client.post(
            reverse("csp_report"), json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "kennisbank.csp"]
    assert "script-src-elem" in record.getMessage()
    assert len(record.csp_report["script-sample"]) == 300


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{not json", 400, "Geen Content-Security-Policy-rapport."),
        (b'{"csp-report": "x"}', 400, "Geen Content-Security-Policy-rapport."),
        (b"[1, 2]", 400, "Geen Content-Security-Policy-rapport."),
        (b"x" * (MAX_REPORT_BYTES + 1), 413, f"maximaal {MAX_REPORT_BYTES} bytes"),
    ],
)
def test_anything_else_sent_to_the_report_view_is_refused(client, caplog, body, status, message):
    with caplog.at_level(logging.WARNING, logger="kennisbank.csp"):
        response = client.post(reverse("csp_report"), body, content_type="application/json")
    assert response.status_code == status
    assert message in response.content.decode()
    assert [r for r in caplog.records if r.name == "kennisbank.csp"] == []
    assert client.get(reverse("csp_report")).status_code == 405
