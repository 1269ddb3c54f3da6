"""Directory text as families read it: real feeds send descriptions as HTML fragments.

"<h4>Drug &amp; Alcohol support&nbsp;</h4><ul><li>Drop-in</li><li>Advice</li></ul>" becomes
"Drug & Alcohol support – Drop-in; Advice". Cards show one paragraph of plain text, so
blocks run together: a block with no stop of its own is set off with a dash, list items
with semicolons, a block that starts in lower case carries on the sentence before (feeds
split sentences across headings), and scripts and styles go with their contents.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOOKS_LIKE_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*)[^<>]*>|&#?\w+;")
_BLOCKS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul",
}  # fmt: skip
_HIDDEN = {"script", "style", "template", "noscript"}
_ENDS_A_PHRASE = (".", "!", "?", ":", ";", ",")


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, is a list item)
        self._current: list[str] = []
        self._in_item = False
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._end_block()
            self._in_item = tag == "li" or (self._in_item and tag not in ("ul", "ol"))

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._end_block()
            if tag == "li":
                self._in_item = False

    def handle_data(self, data):
        if not self._hidden:
            self._current.append(data)

    def _end_block(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append((text, self._in_item))
        self._current = []

    def close(self) -> None:
        super().close()
        self._end_block()


def _joiner(before: str, text: str, between_items: bool) -> str:
    """What goes between two blocks: a heading or list item ends with no stop of its own."""
    if before.endswith(_ENDS_A_PHRASE) or text[:1].islower():
        return " "  # a sentence already ended, or this block carries it on
    return "; " if between_items else " – "


def plain_text(html: str) -> str:
    """One line of readable text from an HTML fragment (plain text passes through)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    out = ""
    previous_was_item = False
    for text, is_item in collector.blocks:
        if out:
            out += _joiner(out, text, is_item and previous_was_item)
        out += text
        previous_was_item = is_item
    return out
