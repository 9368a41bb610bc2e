"""Human wording for ages ("3 min ago", "2 h ago"), shared by the UI and the CLI."""

from __future__ import annotations

from datetime import datetime

from tui_reader.models import utcnow


def ago(moment: datetime, now: datetime | None = None) -> str:
    seconds = max(0.0, ((now or utcnow()) - moment).total_seconds())
    if seconds < 60:
        return "just now"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{int(seconds // size)} {unit} ago"
    return "just now"  # unreachable; keeps the type checker calm
