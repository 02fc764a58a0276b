from initiatieven.models.collections import CollectionIndexPage, CollectionItem, CollectionPage
from initiatieven.models.editing import AutosavedRevision
from initiatieven.models.organisations import Organisation
from initiatieven.models.pages import (
    HomePage,
    HomePageFeaturedInitiative,
    InitiativeIndexPage,
    InitiativeKeyword,
    InitiativePage,
    StandardPage,
)
from initiatieven.models.taxonomy import (
    EducationLevel,
    Phase,
    Province,
    Sector,
    TargetGroup,
    Theme,
)

__all__ = [
    "AutosavedRevision",
    "CollectionIndexPage",
    "CollectionItem",
    "CollectionPage",
    "EducationLevel",
    "HomePage",
    "HomePageFeaturedInitiative",
    "InitiativeIndexPage",
    "InitiativeKeyword",
    "InitiativePage",
    "Organisation",
    "Phase",
    "Province",
    "Sector",
    "StandardPage",
    "TargetGroup",
    "Theme",
]
