"""Plain and rich text as import and export store and compare them. (Folding for matching,
`fold`, is the text library's: `search.dutch.folding`.)"""

import html
import re

_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def normalise_plain_text(value: str) -> str:
    """Trim lines and collapse blank-line runs: the form plain text is stored and compared in."""
    lines = [
        line.strip() for line in (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    text = "\n".join(lines).strip()
    return _PARAGRAPH_SPLIT.sub("\n\n", text)


def plain_text_to_rich_text(value: str) -> str:
    """Blank-line separated paragraphs become <p>; single newlines become <br/>."""
    text = normalise_plain_text(value)
    if not text:
        return ""
    paragraphs = text.split("\n\n")
    return "".join(
        "<p>"
        + "<br/>".join(html.escape(line, quote=False) for line in paragraph.split("\n"))
        + "</p>"
        for paragraph in paragraphs
    )


def rich_text_to_plain_text(value: str) -> str:
    """Inverse of `plain_text_to_rich_text`; other markup (lists, links, bold) is flattened."""
    if not value:
        return ""
    text = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    text = _BLOCK_END.sub(lambda match: "\n\n", text)
    text = _TAG.sub("", text)
    return normalise_plain_text(html.unescape(text))
