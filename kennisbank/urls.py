from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from initiatieven import feeds as initiatieven_feeds
from initiatieven import views as initiatieven_views
from initiatieven.seo import views as seo_views
from kennisbank import api, openapi, security_headers, unavailable
from kennisbank.media import serve_public_media
from kennisbank.throttling import SuggestionsRateThrottle, throttled
from search import export_views as search_export_views
from search import feeds as search_feeds
from search import term_views as search_term_views
from search import views as search_views

urlpatterns = [
    path(settings.SECURITY_REPORT_PATH.lstrip("/"), security_headers.csp_report, name="csp_report"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap"),
    path(".well-known/security.txt", seo_views.security_txt, name="security_txt"),
    path("sitemap-<slug:section>.xml", seo_views.sitemap_section, name="sitemap_section"),
    # One login for site and editor: the editor's own login page sends people to ours.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="beheer_login",
    ),
    # The editor's password reset (switched off: WAGTAIL_PASSWORD_RESET_ENABLED) and Wagtail's
    # login for private pages lead to the site's own rate-limited, verified flow.
    re_path(
        r"^beheer/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="beheer_password_reset",
    ),
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtail_private_page_login",
    ),
    path("beheer/", include(wagtailadmin_urls)),
    path("account/", include("accounts.urls")),
    path("documenten/", include(wagtaildocs_urls)),
    # The public site's ways into the editor: log in (or sign up) first, then the editor's form.
    path("initiatief-toevoegen/", accounts_views.add_initiative, name="add_initiative"),
    path(
        "initiatief-bewerken/<int:page_id>/",
        accounts_views.edit_initiative,
        name="edit_initiative",
    ),
    path("zoeken/", search_views.search, name="search"),
    path("zoeken/export.csv", search_export_views.export_csv, name="search_export_csv"),
    path("zoeken/export.xlsx", search_export_views.export_xlsx, name="search_export_xlsx"),
    path("zoeken/feed/", search_feeds.SearchFeed(), name="search_feed"),
    re_path(
        r"^collecties/(?P<slug>[-\w]+)/export\.(?P<file_format>csv|xlsx)$",
        search_export_views.export_collection,
        name="collection_export",
    ),
    path("feeds/initiatieven/", initiatieven_feeds.AllInitiativesFeed(), name="initiatives_feed"),
    path("api/", openapi.api_docs, name="api_docs"),
    path("api/schema/", openapi.schema_view, name="api_schema"),
    path("api/zoeken/", throttled(search_views.search_api), name="search_api"),
    path(
        "api/zoeken/suggesties/",
        throttled(search_views.suggestions_api, SuggestionsRateThrottle),
        name="search_suggestions_api",
    ),
    path("in-cijfers/", search_views.overview_page, name="overview"),
    path("api/in-cijfers/", throttled(search_views.overview_api), name="overview_api"),
    path("api/v2/", api.api_root, name="api_root"),
    path("api/v2/", api.router.urls),
    # Only addresses ending in a slash: CommonMiddleware still adds a missing one (APPEND_SLASH).
    re_path(r"^api/(?P<rest>.+/)$", api.not_found),
    path("themas/", initiatieven_views.theme_list, name="theme_list"),
    path("themas/<slug:slug>/", search_term_views.theme_detail, name="theme_detail"),
    path("themas/<slug:slug>/feed/", initiatieven_feeds.ThemeFeed(), name="theme_feed"),
    path("provincies/", initiatieven_views.province_list, name="province_list"),
    path("provincies/<slug:slug>/", search_term_views.province_detail, name="province_detail"),
    path("provincies/<slug:slug>/feed/", initiatieven_feeds.ProvinceFeed(), name="province_feed"),
]

if settings.SERVE_MEDIA:
    # Small deployments serve uploads themselves; larger ones let the web server do it. Either
    # way only image renditions are public (kennisbank/media.py); documents go through
    # /documenten/.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_public_media)]

urlpatterns += [path("", include(wagtail_urls))]

# The database down or locked: a 503 with Retry-After, never a 500 (kennisbank/unavailable.py).
handler500 = unavailable.server_error
