"""Draw the application icon: a clipboard with a check mark and a seal, on the bureau's blue.

    python installer/make_icon.py      # writes resources/icons/field-inspector.{svg,png,ico}

The SVG is the source of truth for designers; the PNG (window icon, Linux desktop file) and
the ICO (Windows executable and installer, 16–256 px) are drawn with Pillow at 4× and reduced,
so they need no SVG renderer. Deterministic: running it twice gives the same files.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
BLUE = (24, 78, 146, 255)
PAPER = (250, 250, 246, 255)
CLIP = (120, 132, 148, 255)
GREEN = (28, 150, 84, 255)
RED = (200, 36, 36, 255)
LINE = (176, 186, 200, 255)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256">
  <rect x="8" y="8" width="240" height="240" rx="48" fill="#184e92"/>
  <rect x="56" y="44" width="144" height="176" rx="12" fill="#fafaf6"/>
  <rect x="96" y="30" width="64" height="30" rx="8" fill="#788494"/>
  <g stroke="#b0bac8" stroke-width="8" stroke-linecap="round">
    <line x1="80" y1="96" x2="176" y2="96"/><line x1="80" y1="124" x2="150" y2="124"/>
  </g>
  <polyline points="80,160 104,184 150,136" fill="none" stroke="#1c9654" stroke-width="16"
            stroke-linecap="round" stroke-linejoin="round"/>
  <circle cx="176" cy="188" r="30" fill="none" stroke="#c82424" stroke-width="8"/>
  <polygon points="176,170 181,183 195,183 184,191 188,204 176,196 164,204 168,191 157,183 171,183" fill="#c82424"/>
</svg>
"""


def draw(size: int = 1024) -> Image.Image:
    """The icon at `size` px, drawn on a 256 grid (same geometry as the SVG)."""
    s = size / 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)

    def box(x0, y0, x1, y1):
        return [round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s)]

    d.rounded_rectangle(box(8, 8, 248, 248), radius=round(48 * s), fill=BLUE)
    d.rounded_rectangle(box(56, 44, 200, 220), radius=round(12 * s), fill=PAPER)
    d.rounded_rectangle(box(96, 30, 160, 60), radius=round(8 * s), fill=CLIP)
    for x0, y, x1 in ((80, 96, 176), (80, 124, 150)):
        d.line(box(x0, y, x1, y), fill=LINE, width=round(8 * s))
        for x in (x0, x1):
            d.ellipse(box(x - 4, y - 4, x + 4, y + 4), fill=LINE)
    check = [(80, 160), (104, 184), (150, 136)]
    d.line([(round(x * s), round(y * s)) for x, y in check], fill=GREEN, width=round(16 * s), joint="curve")
    for x, y in (check[0], check[-1]):
        d.ellipse(box(x - 8, y - 8, x + 8, y + 8), fill=GREEN)
    d.ellipse(box(146, 158, 206, 218), outline=RED, width=round(8 * s))
    star = [(176, 170), (181, 183), (195, 183), (184, 191), (188, 204), (176, 196), (164, 204), (168, 191), (157, 183), (171, 183)]
    d.polygon([(round(x * s), round(y * s)) for x, y in star], fill=RED)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "field-inspector.svg").write_text(SVG, encoding="utf-8")
    big = draw(1024)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "field-inspector.png", optimize=True)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(
        OUT / "field-inspector.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    for path in sorted(OUT.glob("field-inspector.*")):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
