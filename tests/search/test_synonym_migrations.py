"""The data migrations that add starter synonyms respect what editors changed, and go back."""

import importlib

import pytest
from django.apps import apps

from search.models import SynonymGroup

pytestmark = pytest.mark.django_db

intern_synonyms = importlib.import_module("search.migrations.0005_intern_synonyms")


def groups() -> list[str]:
    return sorted(group.terms for group in SynonymGroup.objects.all())


def stage_group() -> str:
    return SynonymGroup.objects.get(terms__istartswith="stage,").terms


class TestInternSynonyms:
    def test_the_words_join_the_group_of_stage(self):
        assert stage_group() == (
            "stage, bpv, beroepspraktijkvorming, internship, work placement, "
            "stagiair, stagiaire, trainee, traineeship"
        )

    def test_going_back_restores_the_list_and_forward_again_adds_nothing_twice(self):
        after = groups()
        intern_synonyms.remove_terms(apps, None)
        assert "stagiair" not in stage_group()
        intern_synonyms.add_terms(apps, None)
        intern_synonyms.add_terms(apps, None)
        assert groups() == after

    def test_a_group_an_editor_changed_keeps_their_words(self):
        intern_synonyms.remove_terms(apps, None)
        SynonymGroup.objects.filter(terms__istartswith="stage,").update(terms="Stage, snuffelstage")
        SynonymGroup.objects.create(terms="trainee, leerling")
        intern_synonyms.add_terms(apps, None)
        assert stage_group() == "Stage, snuffelstage, stagiair, stagiaire, traineeship"
        assert SynonymGroup.objects.filter(terms="trainee, leerling").exists()

    def test_without_a_group_for_stage_one_is_made_and_removed_again(self):
        intern_synonyms.remove_terms(apps, None)
        SynonymGroup.objects.filter(terms__istartswith="stage,").delete()
        before = groups()
        intern_synonyms.add_terms(apps, None)
        assert stage_group() == "stage, stagiair, stagiaire, trainee, traineeship"
        intern_synonyms.remove_terms(apps, None)
        assert groups() == before
