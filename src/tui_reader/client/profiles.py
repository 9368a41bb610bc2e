"""Pages fetched for the profile commands: one page with its charset decision
(``profile check``), and a walk down a portal to learn a profile from
(``profile infer``). The learning itself is ``sites``'; the fetching is here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader import errors
from tui_reader.limits import FetchLimits
from tui_reader.models import Decoded

if TYPE_CHECKING:
    from tui_reader.config import Config
    from tui_reader.sites import InferredProfile

__all__ = ["download_explained", "learn_from_site"]

_WALK = 4
"""Pages fetched after the first: a city, a category, a list page's article …"""


async def download_explained(url: str, config: Config) -> tuple[Decoded, str]:
    """The page at ``url`` decoded, with how its charset was chosen (``profile check``)."""
    from tui_reader.fetch import Fetcher, decode_html_explained

    class ExplainingFetcher(Fetcher):
        """Keeps the explained decoding of the page it fetched, which a plain Response does not carry."""

        decoded = Decoded("", "utf-8")

        def _decode(self, body: bytes, content_type: str | None) -> tuple[str, str]:
            self.decoded = decode_html_explained(body, content_type)
            return self.decoded.text, self.decoded.encoding

    limits = FetchLimits(read_timeout=config.timeout, total_deadline=config.deadline, max_bytes=config.max_page_bytes)
    fetcher = ExplainingFetcher(limits, allowed_hosts=(url,))
    async with fetcher:
        response = await fetcher.get(url)
    return fetcher.decoded, response.url


async def learn_from_site(profile: InferredProfile, start: str, config: Config) -> None:
    """Learn from ``start`` and then from one page of each kind below it: the city
    chooser, a city, a category, an article. A page that fails is noted and passed over."""
    from tui_reader.fetch import Fetcher
    from tui_reader.sites import learn_from_page, next_pages

    limits = FetchLimits(
        read_timeout=config.timeout,
        total_deadline=config.deadline,
        max_bytes=config.max_page_bytes,
        per_host_concurrency=1,
        per_host_delay=config.sync_delay,
    )
    queue = [start]
    seen: set[str] = set()
    async with Fetcher(limits, allowed_hosts=(start,)) as fetcher:
        while queue and len(seen) <= _WALK:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            try:
                response = await fetcher.get(url)
                html, url = response.text or "", response.url
                kind = learn_from_page(profile, html, url)
            except errors.ReaderError as exc:
                if url == start:
                    raise
                profile.notes.append(f"passed over {url}: {exc}")
                continue
            for following in next_pages(html, url, kind, profile):
                fetcher.allow(following)
                queue.append(following)
