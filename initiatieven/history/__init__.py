"""The history of an initiative: its published versions (`versions`), what changed between
two (`comparison`, rich text by content in `rich_text_diff`, also in the editor's own comparison:
`admin_compare`), and the public pages that show them (`views`, templates in
templates/initiatieven/history/)."""

from initiatieven.history.versions import PublishedVersion, contributor_names, published_versions

__all__ = ["PublishedVersion", "contributor_names", "published_versions"]
