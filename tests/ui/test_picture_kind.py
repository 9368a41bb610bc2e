"""How the gallery draws a picture, from ``[ui] images`` and what the environment says the terminal is."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from tui_reader.sites import vet_image
from tui_reader.ui.pictures import CellPixels, fit, picture_kind

XTERM = {"TERM": "xterm-256color"}


@pytest.mark.parametrize(
    ("setting", "env", "kind"),
    [
        ("off", {"TERM": "xterm-kitty"}, None),
        ("auto", {"TERM": "xterm-kitty"}, "kitty"),
        ("auto", {"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, "kitty"),
        ("auto", {"TERM": "foot"}, "sixel"),
        ("auto", {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "sixel"),
        ("auto", XTERM, "halfblocks"),
        # tmux passes neither protocol through: half-blocks, whatever the outer terminal is.
        ("auto", {"TERM": "tmux-256color", "TMUX": "/tmp/tmux", "KITTY_WINDOW_ID": "1"}, "halfblocks"),
        ("auto", {"TERM": "dumb"}, None),
        ("auto", {"TERM": "xterm-256color", "NO_COLOR": "1"}, None),
        ("on", {"TERM": "dumb"}, "halfblocks"),
        ("on", {}, "halfblocks"),
    ],
)
def test_picture_kind(setting: str, env: dict[str, str], kind: str | None) -> None:
    assert picture_kind(setting, env) == kind


@pytest.mark.parametrize("kind", ["halfblocks", "kitty"])
def test_a_photo_is_fitted_inside_the_cells_keeping_its_shape(kind: str) -> None:
    out = BytesIO()
    Image.new("RGB", (2000, 1000), (10, 120, 200)).save(out, "JPEG")
    photo = vet_image(out.getvalue(), declared_type="image/jpeg")
    cell = CellPixels(10, 20)
    fitted = fit(photo, 100, 40, kind, cell)  # type: ignore[arg-type]
    assert fitted.columns <= 100 and fitted.rows <= 40
    pixel_w, pixel_h = (1, 2) if kind == "halfblocks" else cell
    shape = (fitted.columns * pixel_w) / (fitted.rows * pixel_h)
    assert abs(shape - 2.0) < 0.1  # 2:1, as the photo
    assert fitted.picture.size == (fitted.columns * pixel_w, fitted.rows * pixel_h)
