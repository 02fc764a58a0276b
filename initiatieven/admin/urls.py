from django.urls import path

from initiatieven.admin import views

urlpatterns = [
    path("organisaties/zoeken/", views.organisation_search, name="kennisbank_organisation_search"),
    path(
        "organisaties/toevoegen/", views.organisation_create, name="kennisbank_organisation_create"
    ),
]
