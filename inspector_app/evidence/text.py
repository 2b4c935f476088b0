"""Drawing mixed Chinese/Latin text with Pillow.

The bundled CJK font (Droid Sans Fallback) has no Latin letters or digits, so runs of
characters below U+2000 are drawn with the Latin font Pillow ships (Aileron, via
`ImageFont.load_default`) and the rest with the bundled CJK font — neither comes from the
machine, so the result looks the same everywhere.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from PIL import ImageDraw, ImageFont

from inspector_app.store.paths import resource_path

CJK_FONT = "DroidSansFallbackFull.ttf"


@lru_cache(maxsize=16)
def _fonts(px: int) -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont]:
    return ImageFont.truetype(str(resource_path("fonts", CJK_FONT)), px), ImageFont.load_default(px)


def _runs(text: str) -> list[tuple[bool, str]]:
    return [(latin, "".join(chars)) for latin, chars in groupby(text, key=lambda c: ord(c) < 0x2000)]


def text_length(text: str, px: int) -> float:
    cjk, latin = _fonts(px)
    return sum((latin if is_latin else cjk).getlength(run) for is_latin, run in _runs(text))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, px: int, fill: tuple[int, ...]) -> float:
    """Draw `text` at `xy` (top left); returns the x after the last character."""
    cjk, latin = _fonts(px)
    x, y = xy
    for is_latin, run in _runs(text):
        font = latin if is_latin else cjk
        draw.text((x, y), run, font=font, fill=fill)
        x += font.getlength(run)
    return x
