"""Demo photos: realistic-looking JPEGs made with Pillow, with the EXIF a phone writes
(orientation, capture time with offset, GPS, camera model), and their import into the
demo workspace's inspections and samples.

`make_photo` is also what the tests and `bench/bench_photos.py` use, so every pipeline
measurement runs on the same kind of file.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from inspector_app.evidence.text import draw_text

CAMERAS = (("HUAWEI", "HUAWEI P40"), ("Xiaomi", "Redmi Note 12"), ("Apple", "iPhone 13"), ("OPPO", "OPPO Reno8"))
LABELS = ("电线电缆 BV-2.5", "电动自行车 头盔", "儿童 玩具", "燃气灶 JZT-2", "插座 10A 250V", "食品 包装", "化肥 复合肥 50kg")


@lru_cache(maxsize=4)
def _grain(size: tuple[int, int]) -> Image.Image:
    """One sensor-noise layer per size, shared by all photos (texture costs nothing per photo)."""
    half = (max(1, size[0] // 2), max(1, size[1] // 2))
    noise = Image.frombytes("L", half, random.Random(size[0] * 7919 + size[1]).randbytes(half[0] * half[1]))
    noise = noise.point(lambda v: 128 + (v - 128) * 40 // 128)  # deterministic grain around mid-grey
    return noise.resize(size, Image.Resampling.NEAREST).convert("RGB")


def _rational_dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 4)
    return (float(d), float(m), s)


def photo_exif(*, orientation: int = 1, taken_at: dt.datetime | None = None, gps: tuple[float, float] | None = None,
               camera: tuple[str, str] | None = None) -> Image.Exif:
    """The EXIF block a phone writes: orientation, DateTimeOriginal + OffsetTimeOriginal, GPS, make/model."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    if camera:
        exif[0x010F], exif[0x0110] = camera
    if taken_at is not None:
        local = taken_at.astimezone(dt.timezone(dt.timedelta(hours=8))) if taken_at.tzinfo else taken_at
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")
        if local.tzinfo:
            sub[0x9011] = local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]
    if gps is not None:
        g = exif.get_ifd(0x8825)
        g[1] = "N" if gps[0] >= 0 else "S"
        g[2] = _rational_dms(gps[0])
        g[3] = "E" if gps[1] >= 0 else "W"
        g[4] = _rational_dms(gps[1])
    return exif


def make_image(size: tuple[int, int], seed: int, label: str | None = None) -> Image.Image:
    """A plausible shop-floor picture: lit background, a product box with a printed label, grain."""
    rng = random.Random(seed)
    w, h = size
    base = Image.new("RGB", (6, 4))
    base.putdata([tuple(rng.randint(60, 220) for _ in range(3)) for _ in range(24)])
    image = base.resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 6)):  # shelves, boxes, cables
        x0, y0 = rng.randint(0, w * 3 // 4), rng.randint(0, h * 3 // 4)
        x1, y1 = x0 + rng.randint(w // 10, w // 3), y0 + rng.randint(h // 10, h // 3)
        draw.rectangle((x0, y0, x1, y1), fill=tuple(rng.randint(30, 240) for _ in range(3)), outline=(20, 20, 20), width=max(2, w // 500))
    bx, by = w // 4, h // 3
    draw.rectangle((bx, by, bx + w // 2, by + h // 3), fill=(235, 235, 225), outline=(40, 40, 40), width=max(3, w // 400))
    text = label or rng.choice(LABELS)
    draw_text(draw, (bx + w // 40, by + h // 20), text, max(12, h // 16), (180, 20, 20))
    draw_text(draw, (bx + w // 40, by + h // 6), f"批号 {rng.randint(20240000, 20259999)}", max(10, h // 24), (30, 30, 30))
    image = image.filter(ImageFilter.BoxBlur(1)) if w <= 1000 else image
    return ImageChops.overlay(image, _grain(size))


def make_photo(path: Path | str, *, size: tuple[int, int] = (4000, 3000), seed: int = 0, orientation: int = 1,
               taken_at: dt.datetime | None = None, gps: tuple[float, float] | None = None,
               camera: tuple[str, str] | None = ("HUAWEI", "HUAWEI P40"), label: str | None = None, quality: int = 90) -> Path:
    """Write one JPEG like a phone would (the pixels stored sideways when `orientation` says so)."""
    image = make_image(size, seed, label)
    inverse = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270, 3: Image.Transpose.ROTATE_180}
    if orientation in inverse:  # store the pixels as the sensor saw them; EXIF says how to turn them
        image = image.transpose(inverse[orientation])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality, exif=photo_exif(orientation=orientation, taken_at=taken_at, gps=gps, camera=camera).tobytes())
    return path


def make_photos(folder: Path | str, count: int, *, size: tuple[int, int] = (4000, 3000), start: dt.datetime | None = None,
                place: tuple[float, float] = (31.2304, 121.4737), seed: int = 0) -> list[Path]:
    """`count` phone photos of one visit: mixed orientation, a minute apart, GPS jitter around `place`."""
    rng = random.Random(seed)
    start = start or dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    out = []
    for i in range(count):
        orientation = (1, 6, 6, 8, 3)[i % 5]
        out.append(make_photo(Path(folder) / f"IMG_20261120_{i:04d}.jpg", size=size, seed=seed * 10007 + i,
                              orientation=orientation, taken_at=start + dt.timedelta(minutes=i),
                              gps=(place[0] + rng.uniform(-0.001, 0.001), place[1] + rng.uniform(-0.001, 0.001)),
                              camera=CAMERAS[i % len(CAMERAS)]))
    return out


def _owners(store: Any) -> list[tuple[str, str, str]]:
    db = store.read()
    out = []
    for kind in ("inspection", "sample"):
        sql = f"SELECT id, number FROM [{kind}] WHERE state = 'draft' ORDER BY id LIMIT 3"
        out.extend((kind, owner_id, number) for owner_id, number in db.execute(sql).fetchall())
    return out


def add_demo_photos(store: Any, rng: random.Random | None = None, options: Any = None, *, per_owner: int = 3,
                    size: tuple[int, int] = (1600, 1200)) -> dict[str, int]:
    """Demo step: stamped photos for the first draft inspections and samples, or loose photos
    when the demo has none yet. Deterministic: the same seed gives the same bytes."""
    import tempfile

    from inspector_app.evidence.importer import Owner
    from inspector_app.evidence.service import EvidenceService

    rng = rng or random.Random(7)
    service = EvidenceService(store)
    owners = _owners(store) + [("", "", "")]  # plus one card of loose photos for the gallery
    imported = 0
    with tempfile.TemporaryDirectory(dir=store.paths.tmp) as folder:
        for n, (kind, owner_id, number) in enumerate(owners):
            files = make_photos(Path(folder) / f"visit{n}", per_owner, size=size, seed=rng.randint(0, 10**6))
            owner = Owner(kind, owner_id) if kind else None
            stamp = {"time": "", "place": "现场", "number": number} if kind else None  # time: the capture time
            results = service.import_files([str(f) for f in files], owner=owner, caption="现场照片", stamp=stamp)
            imported += sum(r.ok for r in results)
    return {"photos": imported}
