"""``p`` and the palette's "Photos": the gallery of the article on screen.

The gallery is given its photos' source: the client's ``photo`` (its photo
cache, else the network, vetted in a thread), bound to the article the photos
belong to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

if TYPE_CHECKING:
    from tui_reader.models import Article, Photo
    from tui_reader.sites import VettedImage
    from tui_reader.ui.screens.gallery import PhotoLoader

__all__ = ["client_loader", "open_gallery"]


def client_loader(client: Any, article: Article) -> PhotoLoader | None:
    """The client's photos of ``article``; None for a client that cannot fetch photos."""
    fetch = getattr(client, "photo", None)
    if fetch is None:
        return None

    async def load(photo: Photo) -> VettedImage:
        result = await fetch(photo.url, article_url=article.url)
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
    loader = source(article) if source is not None else client_loader(getattr(node.app, "client", None), article)
    if loader is None:
        node.notify("This version of the reader cannot fetch photos.", severity="warning")
        return
    from tui_reader.ui.screens.gallery import GalleryScreen

    images = str(getattr(node.app, "images", "auto"))
    node.app.push_screen(GalleryScreen(article.photos, loader, title=article.title, images=images))
