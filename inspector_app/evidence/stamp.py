"""The evidence stamp: time, place and inspection number drawn on the display copy only.

The original stays byte-for-byte as the camera wrote it; the stamp is what a printed or
on-screen copy shows so a reader knows where a picture belongs.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from inspector_app.evidence.text import draw_text, text_length


def stamp_lines(stamp: dict[str, str]) -> list[str]:
    """The lines drawn, in a fixed order; empty fields are left out."""
    labels = (("time", "时间"), ("place", "地点"), ("number", "编号"))
    return [f"{label}：{stamp[key]}" for key, label in labels if stamp.get(key)]


def draw_stamp(image: Image.Image, stamp: dict[str, str]) -> Image.Image:
    """Return an RGB copy of `image` with the stamp in a dark band at the bottom left."""
    lines = stamp_lines(stamp)
    out = image.convert("RGB") if image.mode != "RGB" else image.copy()
    if not lines:
        return out
    width, height = out.size
    size = max(12, min(width, height) // 28)
    pad = size // 2
    line_h = int(size * 1.3)
    text_w = max(int(text_length(line, size)) for line in lines)
    box = (0, height - line_h * len(lines) - 2 * pad, min(width, text_w + 2 * pad), height)
    band = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]), (0, 0, 0, 140))
    draw = ImageDraw.Draw(band)
    y = pad
    for line in lines:
        draw_text(draw, (pad, y), line, size, (255, 230, 80, 255))
        y += line_h
    out.paste(band, box[:2], band)
    return out
