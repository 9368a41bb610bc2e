"""One answer of the demo portal, before faults and HTTP framing are applied."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

__all__ = ["Reply"]


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    text: str
    content_type: str = "text/html"
    last_modified: datetime | None = None
    """None for answers that are not cacheable (404, redirects)."""
    location: str | None = None
    kind: str = ""
    """"listing" or "article" for the pages network faults apply to; "photo" for pictures; "" otherwise."""
    data: bytes | None = None
    """The body as bytes (a picture), sent as is in place of ``text``."""

    def repriced(self, prices: Mapping[str, str]) -> Reply:
        """This answer with every old price text (a key of ``prices``) written as its new one."""
        if self.data is not None:
            return self
        text = self.text
        for old, new in prices.items():
            text = text.replace(old, new)
        return replace(self, text=text)
