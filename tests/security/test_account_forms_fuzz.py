"""Issue 12: whatever arrives in the sign-up, login and password-reset forms (any text, control
characters, lengths, missing fields), the answer is never a server error, and a refused form
says what is wrong in Dutch, next to the form."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FORMS = {
    "/account/aanmelden/": ["name", "email", "organisation", "password1", "password2", "privacy"],
    "/account/inloggen/": ["login", "password", "remember"],
    "/account/wachtwoord-vergeten/": ["email"],
}

# Plausible input and hostile input: addresses, very long text, NUL and other control
# characters, right-to-left marks, surrogate-free unicode of every plane.
values = st.one_of(
    st.text(max_size=40),
    st.emails().map(str),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000),
    st.sampled_from(["\x00", "a\x00b@example.org", "\u202e@example.org", "on", "", " " * 300]),
)
form_data = st.fixed_dictionaries(
    {}, optional={field: values for fields in FORMS.values() for field in fields}
)

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_clear_answer(response, url):
    assert response.status_code < 500, (url, response.status_code)
    if response.status_code == 200:
        html = response.content.decode()
        # Refused: the reason is shown, tied to the form (field errors or a form-wide alert).
        assert 'aria-invalid="true"' in html or 'class="form-errors" role="alert"' in html, url
        assert not re.search(r"This field is required|Enter a valid", html), url


@pytest.mark.parametrize("url", FORMS)
@HYPOTHESIS
@given(data=form_data)
def test_account_forms_never_fail_and_always_explain(client, index, settings, url, data):
    settings.ACCOUNT_RATE_LIMITS = False  # hundreds of attempts from one test client
    settings.AXES_ENABLED = False
    response = client.post(url, {key: value for key, value in data.items() if key in FORMS[url]})
    assert_clear_answer(response, url)
    client.logout()
