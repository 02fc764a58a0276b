"""Page types: the home page, the initiatives index, initiatives and plain content pages."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from initiatieven.admin.forms import InitiativePageForm
from initiatieven.admin.panels import (
    HiddenContactNote,
    PageChooserPanel,
    PrivateContactPanel,
    PromoteTab,
    TitlePanel,
)
from initiatieven.admin.widgets import ChoiceList, ImageChooser, OrganisationPicker
from initiatieven.api_fields import (
    KeywordsField,
    OrganisationsField,
    PublicContactField,
    TermField,
    TermsField,
)
from initiatieven.blocks import MediaAndVoicesBlock
from initiatieven.breadcrumbs import breadcrumbs
from initiatieven.history import views as history_views
from initiatieven.limits import (
    SEARCH_DESCRIPTION_LIMIT,
    SECTION_HTML_LIMIT,
    SECTION_TEXT_LIMIT,
    StoredLengthValidator,
)
from initiatieven.page_hooks import ContextFromHooks
from initiatieven.permissions import InitiativeIndexPermissionTester, InitiativePermissionTester

SECTION_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


def validate_start_year(value: int) -> None:
    latest = datetime.date.today().year + 5
    if not 1900 <= value <= latest:
        raise ValidationError(
            _("Enter a year between 1900 and %(latest)s."), params={"latest": latest}
        )


class HomePage(ContextFromHooks, Page):
    """The site root: an introduction, featured initiatives and the ways into the collection.

    Its featured initiatives and collections, themes and provinces come from the hooks."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences on what this knowledge base offers."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "initiatieven.InitiativeIndexPage",
        "initiatieven.CollectionIndexPage",
        "initiatieven.StandardPage",
    ]
    max_count = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_initiatives",
            label=_("Featured initiatives"),
            help_text=_("Shown on the home page; without any, the newest initiatives appear."),
            max_num=6,
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")


class HomePageFeaturedInitiative(Orderable):
    home_page = ParentalKey(HomePage, related_name="featured_initiatives", on_delete=models.CASCADE)
    initiative = models.ForeignKey(
        "initiatieven.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("initiative", "initiatieven.InitiativePage")]


class InitiativeIndexPage(ContextFromHooks, Page):
    """Lists every published initiative, newest first (the search's listing, through the
    hooks). New initiatives are created under it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["initiatieven.HomePage"]
    subpage_types = ["initiatieven.InitiativePage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("initiatives index")

    def permissions_for_user(self, user):
        return InitiativeIndexPermissionTester(user, self)


class InitiativeKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "initiatieven.InitiativePage", related_name="tagged_keywords", on_delete=models.CASCADE
    )


class InitiativePage(ContextFromHooks, RoutablePageMixin, Page):
    """A practice example. The four sections keep examples comparable: describe why it started,
    what happens (required), what it yields and what others can learn from it.

    Its published versions are public at `geschiedenis/`, with a comparison of any two."""

    key = models.CharField(
        _("import key"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Stable key that links this page to rows in imported spreadsheets."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("At most 300 characters, plain text. Shown in lists and search results."),
    )
    background = RichTextField(
        _("background"),
        blank=True,
        features=SECTION_FEATURES,
        max_length=SECTION_TEXT_LIMIT,
        validators=[StoredLengthValidator(SECTION_HTML_LIMIT)],
        help_text=_("Why did it start? Which question or problem was the reason?"),
    )
    approach = RichTextField(
        _("approach"),
        features=SECTION_FEATURES,
        max_length=SECTION_TEXT_LIMIT,
        validators=[StoredLengthValidator(SECTION_HTML_LIMIT)],
        help_text=_("What happens, who takes part and how is it organised?"),
    )
    results = RichTextField(
        _("results"),
        blank=True,
        features=SECTION_FEATURES,
        max_length=SECTION_TEXT_LIMIT,
        validators=[StoredLengthValidator(SECTION_HTML_LIMIT)],
        help_text=_("What does it yield, for clients, students, staff or the organisation?"),
    )
    lessons = RichTextField(
        _("what works and tips"),
        blank=True,
        features=SECTION_FEATURES,
        max_length=SECTION_TEXT_LIMIT,
        validators=[StoredLengthValidator(SECTION_HTML_LIMIT)],
        help_text=_("The active ingredients, and advice for others who want to start."),
    )
    body = StreamField(
        MediaAndVoicesBlock(),
        blank=True,
        verbose_name=_("media and voices"),
        help_text=_("Quotes, images, documents and links."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required with a hero image: describe what it shows."),
    )
    province = models.ForeignKey(
        "initiatieven.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    organisations = ParentalManyToManyField(
        "initiatieven.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="initiatives",
    )
    sectors = ParentalManyToManyField(
        "initiatieven.Sector", verbose_name=_("sectors"), blank=True, related_name="initiatives"
    )
    education_levels = ParentalManyToManyField(
        "initiatieven.EducationLevel",
        verbose_name=_("education levels"),
        blank=True,
        related_name="initiatives",
    )
    target_groups = ParentalManyToManyField(
        "initiatieven.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="initiatives",
    )
    themes = ParentalManyToManyField(
        "initiatieven.Theme", verbose_name=_("themes"), blank=True, related_name="initiatives"
    )
    keywords = ClusterTaggableManager(
        verbose_name=_("keywords"),
        through=InitiativeKeyword,
        blank=True,
        help_text=_("Free keywords; existing ones are suggested while you type."),
    )
    phase = models.ForeignKey(
        "initiatieven.Phase",
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[validate_start_year]
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_is_public = models.BooleanField(
        _("show contact publicly"),
        default=False,
        help_text=_("Only tick this when the contact person agreed to be shown on the site."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When someone last checked that this information is still correct."),
    )
    change_summary = models.CharField(
        _("change summary"),
        max_length=200,
        blank=True,
        help_text=_("What did you change? Shown in the public history."),
    )

    parent_page_types = ["initiatieven.InitiativeIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["key", "change_summary"]

    # Fields whose values come from a controlled vocabulary (one value, then several).
    SINGLE_VOCABULARY_FIELDS = ("province", "phase")
    MULTI_VOCABULARY_FIELDS = ("sectors", "education_levels", "target_groups", "themes")

    # The editor's form. Help texts (with a short example) sit on the panels, for the people
    # who write initiatives; the model's help texts describe the fields for developers.
    content_panels = [
        TitlePanel(
            "title",
            help_text=_("A short, recognisable name. Example: ‘Students cook with residents’."),
        ),
        FieldPanel(
            "summary",
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            help_text=_(
                "What is it, in one or two sentences (at most 300 characters)? Shown in lists and "
                "search results. Example: ‘Nursing students spend a year in a district team and "
                "learn in practice.’"
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "background",
                    help_text=_(
                        "Why did it start? Which question or problem was the reason? Example: "
                        "‘Residents felt lonely and there were too few hands at the bedside.’"
                    ),
                ),
                FieldPanel(
                    "approach",
                    help_text=_(
                        "What happens, who takes part and how is it organised? Example: ‘Twice "
                        "a week volunteers cook with residents; a team leader plans the shifts.’"
                    ),
                ),
                FieldPanel(
                    "results",
                    help_text=_(
                        "What does it yield, for clients, students, staff or the organisation? "
                        "Example: ‘Residents eat better and sick leave in the team fell from 8 to "
                        "5 percent.’"
                    ),
                ),
                FieldPanel(
                    "lessons",
                    help_text=_(
                        "What makes it work, and what do you advise others who want to start? "
                        "Example: ‘Start small, on one ward, and involve residents from day one.’"
                    ),
                ),
            ],
            heading=_("Description"),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "Quotes, images, documents and links. Example: a quote from a student about "
                "what she learned."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image", widget=ImageChooser), FieldPanel("hero_image_alt")],
            heading=_("Hero image"),
        ),
        FieldPanel(
            "change_summary",
            help_text=_(
                "What did you change? Shown in the public history. Example: ‘Added the results "
                "of 2024.’"
            ),
        ),
    ]
    classification_panels = [
        FieldPanel(
            "themes",
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The themes this initiative is mainly about, usually one to three."),
        ),
        FieldPanel(
            "keywords",
            help_text=_(
                "Free keywords, separated by commas; existing ones are suggested while you "
                "type. Example: dementia, learning workplace."
            ),
        ),
        FieldPanel(
            "province",
            widget=ChoiceList,
            help_text=_(
                "Where does it take place? Choose ‘Nationwide’ when it runs across the country."
            ),
        ),
        FieldPanel("place", help_text=_("Example: Tilburg.")),
        FieldPanel(
            "organisations",
            widget=OrganisationPicker,
            help_text=_(
                "Type a few letters to find an organisation, for example ‘zorg’. Not in the "
                "list? Add it right here."
            ),
        ),
        FieldPanel(
            "sectors",
            widget=forms.CheckboxSelectMultiple,
            help_text=_("In which parts of care? Example: elderly care."),
        ),
        FieldPanel(
            "education_levels",
            widget=forms.CheckboxSelectMultiple,
            help_text=_("For which levels of education? Example: mbo."),
        ),
        FieldPanel(
            "target_groups",
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Who is it for? Example: students and care staff."),
        ),
        FieldPanel(
            "phase",
            widget=ChoiceList,
            help_text=_(
                "How far along is it? Example: ‘Pilot’ while you try it out for the first time."
            ),
        ),
        FieldPanel("start_year", help_text=_("Example: 2022.")),
        FieldPanel("website", help_text=_("Example: https://www.example.nl/project")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                PrivateContactPanel("contact_email"),
                PrivateContactPanel("contact_is_public"),
                HiddenContactNote(),
            ],
            heading=_("Contact"),
            help_text=_(
                "Whom can readers ask for more? Example: Anna de Vries, team leader. The contact "
                "details are only shown on the site when you tick the box."
            ),
        ),
        FieldPanel("last_reviewed"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("key", read_only=True)]

    base_form_class = InitiativePageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            PromoteTab(promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=3),
        index.SearchField("background"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.SearchField("place", boost=2),
        # Dutch-analysed terms of every text, names and labels (see search.documents).
        index.SearchField("search_terms"),
        index.AutocompleteField("summary"),
        index.FilterField("province"),
        index.FilterField("phase"),
        index.FilterField("start_year"),
        index.FilterField("first_published_at"),
    ]
    # Wagtail's own index follows an initiative's saves through the search app
    # (search.signal_handlers), which leaves out the saves inside a batch write: its end indexes
    # the batch, and no task per save is queued for the worker to index the same pages again.
    search_auto_update = False

    # The read API (/api/v2/): what every visitor may see, never a contact that is not public.
    api_fields = [
        APIField("summary"),
        APIField("province", serializer=TermField()),
        APIField("place"),
        APIField("themes", serializer=TermsField()),
        APIField("sectors", serializer=TermsField()),
        APIField("education_levels", serializer=TermsField()),
        APIField("target_groups", serializer=TermsField()),
        APIField("phase", serializer=TermField()),
        APIField("start_year"),
        APIField("organisations", serializer=OrganisationsField()),
        APIField("keywords", serializer=KeywordsField()),
        APIField("background"),
        APIField("approach"),
        APIField("results"),
        APIField("lessons"),
        APIField("website"),
        APIField("contact", serializer=PublicContactField()),
        APIField("last_published_at"),
        APIField("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            # 'H01' and 'h01' are one key: a sheet's row finds its page whatever the case.
            models.UniqueConstraint(
                Lower("key"),
                name="initiative_key_unique_without_case",
                violation_error_message=_("Another initiative has this import key in other case."),
            ),
        ]

    @classmethod
    def vocabulary_models(cls) -> dict:
        """Vocabulary field name -> its vocabulary model, single-valued fields first."""
        return {
            name: cls._meta.get_field(name).related_model
            for name in (*cls.SINGLE_VOCABULARY_FIELDS, *cls.MULTI_VOCABULARY_FIELDS)
        }

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": _("Describe the hero image for people who cannot see it.")}
            )
        # Wagtail's own field, a text field without a limit.
        if len(self.search_description or "") > SEARCH_DESCRIPTION_LIMIT:
            raise ValidationError(
                {
                    "search_description": _(
                        "At most %(limit)s characters (now %(length)s); search engines show "
                        "about 160."
                    )
                    % {"limit": SEARCH_DESCRIPTION_LIMIT, "length": len(self.search_description)}
                }
            )

    def save(self, *args, **kwargs):
        # A new alias arrives with its original's key (Wagtail copies every field into it).
        if not self.key or (self.pk is None and self.alias_of_id):
            self.key = self._available_key(slugify(self.title)[:90] or "initiatief")
        return super().save(*args, **kwargs)

    def _available_key(self, base: str) -> str:
        taken = {
            key.casefold()
            for key in InitiativePage.objects.filter(key__istartswith=base)
            .exclude(pk=self.pk)
            .values_list("key", flat=True)
        }
        candidate, suffix = base, 2
        while candidate.casefold() in taken:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        return candidate

    def permissions_for_user(self, user):
        return InitiativePermissionTester(user, self)

    def with_content_json(self, content):
        # The import key identifies the page, not a version of it: reverting keeps it.
        obj = super().with_content_json(content)
        obj.key = self.key
        return obj

    def search_terms(self) -> str:
        # The search app registers what to index here (initiatieven.signals).
        from initiatieven.signals import search_text

        return search_text(self)

    def get_context(self, request, *args, **kwargs):
        # The hooks add its vocabularies, organisations, keywords, contributors, related
        # initiatives and the collections that hold it.
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        return context

    @path("geschiedenis/", name="history")
    def history_view(self, request):
        return history_views.initiative_history(request, self)

    @path("geschiedenis/vergelijk/", name="compare_choice")
    def compare_choice_view(self, request):
        return history_views.initiative_compare_choice(request, self)

    # At most nine digits: larger numbers are no revision and would overflow some databases.
    @re_path(r"^geschiedenis/vergelijk/([0-9]{1,9})/([0-9]{1,9})/$", name="compare")
    def compare_view(self, request, old_id: str, new_id: str):
        return history_views.initiative_compare(
            request, self, old_id=int(old_id), new_id=int(new_id)
        )


class StandardPage(Page):
    """A plain content page, such as 'Over de Kennisbank' or the privacy statement."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    parent_page_types = ["initiatieven.HomePage", "initiatieven.StandardPage"]
    subpage_types = ["initiatieven.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        return context
