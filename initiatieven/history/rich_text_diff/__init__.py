"""Rich text compared by what a reader sees, not by how it happens to be stored: what the editor
only re-serialised is no change; other words, links, styles or blocks are, shown per paragraph."""

from initiatieven.history.rich_text_diff.content import (
    Block,
    rich_text_as_plain_text,
    rich_text_blocks,
    same_rich_text,
)
from initiatieven.history.rich_text_diff.rendering import DiffStyle, rich_text_diff

__all__ = [
    "Block",
    "DiffStyle",
    "rich_text_as_plain_text",
    "rich_text_blocks",
    "rich_text_diff",
    "same_rich_text",
]
