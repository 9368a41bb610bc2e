"""``p`` and the palette's "Photos": the gallery of the article on screen.

The gallery is given its photos' source: the client's ``photo`` (its photo
cache, else the network, vetted in a thread), bound to the article the photos
belong to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.models import Article, Photo
    from tui_reader.sites import VettedImage
    from tui_reader.ui.screens.gallery import PhotoLoader

__all__ = ["client_loader", "open_gallery"]


def client_loader(client: Client, article: Article) -> PhotoLoader:
    """The client's photos of ``article``: its photo cache, else the network."""

    async def load(photo: Photo) -> VettedImage:
        result = await client.photo(photo.url, article_url=article.url)
        vetted: VettedImage = result.value
        return vetted

    return load


def open_gallery(node: Widget, article: Article | None) -> None:
    """The gallery of ``article``'s photos over the screen, or one sentence why not.

    The photos come from the app's ``photo_source`` (article → loader), the client's
    ``photo`` unless the app was given another source."""
    if article is None:
        node.notify("No article on screen to show the photos of.", severity="information")
        return
    if not article.photos:
        node.notify("This article has no photos.", severity="information")
        return
    source = getattr(node.app, "photo_source", None)
    loader = source(article) if source is not None else None
    if loader is None:  # an app made without photos (none of ours)
        node.notify("Photos cannot be shown here.", severity="warning")
        return
    from tui_reader.ui.screens.gallery import GalleryScreen

    images = str(getattr(node.app, "images", "auto"))
    node.app.push_screen(GalleryScreen(article.photos, loader, title=article.title, images=images))
