"""A listing's title with a phone in it (portals allow that) is masked in the row under ``M``."""

from __future__ import annotations

from tui_reader.models import Listing
from tui_reader.ui.widgets.listing_rows import row_text


def test_a_phone_in_a_listing_title_is_masked_only_when_asked() -> None:
    listing = Listing(title="急租 两室一厅 电话13812345678", url="http://127.0.0.1:9/1.html", price="2800元/月")
    plain = row_text(listing, 100, read=False, new=False).plain
    masked = row_text(listing, 100, read=False, new=False, mask=True).plain
    assert "13812345678" in plain
    assert "13812345678" not in masked and "急租 两室一厅" in masked
    assert len(masked) == len(plain)  # the columns stay where they were
