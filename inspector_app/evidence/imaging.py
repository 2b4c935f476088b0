"""Turning one photo file into what the workspace keeps: the original bytes (hashed while
read, once), a display copy and a thumbnail, and the EXIF facts.

`prepare()` is a plain function over plain data so it runs in worker threads or processes.
It only writes into `tmp/`; installing the files and writing rows is the importer's job, so
a failure at any point leaves nothing half-written in the workspace.

Speed comes from decoding no more than needed: a JPEG is decoded with `draft()` at the
smallest DCT scale still ≥ the display size (a 12 MP photo decodes at 1/2 or 1/4 size),
orientation is applied to that small image, and the thumbnail is made from the display copy.
"""

from __future__ import annotations

import errno
import io
import math
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from inspector_app.evidence import errors
from inspector_app.evidence.blobstore import DISPLAY_SUFFIX, THUMB_SUFFIX, is_disk_full, sha256_bytes, write_tmp
from inspector_app.evidence.exif import TRANSPOSE, extract, local_text
from inspector_app.evidence.stamp import draw_stamp

try:  # HEIC/HEIF from phones
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - declared dependency, kept optional for odd platforms
    HEIF_AVAILABLE = False

DISPLAY_MAX = 2000
THUMB_MAX = 256
DISPLAY_QUALITY = 85
THUMB_QUALITY = 80
# Deliberate limit against decompression bombs: no camera or phone writes more than 250 MP
# (the largest phone sensors are 200 MP). Pillow refuses twice this at open; we refuse
# anything above it before decoding a single pixel.
PIXEL_LIMIT = 250_000_000
Image.MAX_IMAGE_PIXELS = PIXEL_LIMIT
MAX_FILE_BYTES = 1 << 30  # 1 GiB: larger files are not photos an inspector takes

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "HEIF": "image/heic"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".heic", ".heif", ".hif"}
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"mif2"}


@dataclass
class Prepared:
    """The outcome for one file: either ok with staged temp files, or an error."""

    source: str
    name: str
    ok: bool = False
    sha256: str = ""
    size: int = 0
    mime: str = ""
    width: int | None = None
    height: int | None = None
    taken_at: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    camera: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    original_tmp: str | None = None
    display_tmp: str | None = None
    thumb_tmp: str | None = None
    skipped_decode: bool = False  # original and derived files were already present
    error_code: str = ""
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sniff(head: bytes) -> str | None:
    """The container format from the first bytes, or None (a text file named .jpg …)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[4:8] == b"ftyp" and (head[8:12] in HEIF_BRANDS or any(b in head[16:48] for b in HEIF_BRANDS)):
        return "HEIF" if HEIF_AVAILABLE else None
    return None


def read_original(path: Path) -> bytes:
    """Read the whole file once; a file that vanishes or shrinks meanwhile is reported."""
    name = path.name
    try:
        with open(path, "rb") as f:
            expected = os.fstat(f.fileno()).st_size
            if expected > MAX_FILE_BYTES:
                raise errors.file_too_big(name)
            data = f.read()
    except FileNotFoundError as exc:
        raise errors.missing(name) from exc
    except IsADirectoryError as exc:
        raise errors.not_an_image(name) from exc
    except OSError as exc:
        if isinstance(exc, PermissionError):
            raise errors.unreadable(name, exc.strerror or str(exc)) from exc
        vanished = exc.errno in (errno.ENOENT, errno.EIO, errno.ENXIO, errno.ENODEV)  # card pulled out
        raise (errors.missing(name) if vanished else errors.unreadable(name, exc.strerror or str(exc))) from exc
    if not data:
        raise errors.empty_file(name)
    if len(data) != expected:
        raise errors.missing(name)  # the file changed under us (card pulled, copy still running)
    return data


def _draft_size(width: int, height: int, limit: int) -> tuple[int, int]:
    scale = limit / max(width, height)
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def _to_display_mode(image: Image.Image) -> Image.Image:
    """RGB or L for JPEG output: alpha over white, 16-bit scaled to 8-bit, CMYK converted."""
    mode = image.mode
    if mode in ("RGB", "L"):
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        top = 65535 if mode.startswith("I;16") or (image.getextrema()[1] or 0) > 255 else 255
        return image.convert("I").point(lambda v: v * (255.0 / top)).convert("L")
    if mode == "F":
        return image.point(lambda v: v * 255.0).convert("L")
    if mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if mode in ("LA", "La", "PA") :
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "RGBa"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode_jpeg(image: Image.Image, quality: int, icc: bytes | None) -> bytes:
    buf = io.BytesIO()
    params: dict[str, Any] = {"quality": quality}
    if icc and image.mode == "RGB":
        params["icc_profile"] = icc
    image.save(buf, "JPEG", **params)
    return buf.getvalue()


def make_derived(image: Image.Image, fmt: str, orientation: int, stamp: dict[str, str] | None) -> tuple[bytes, bytes, dict[str, Any]]:
    """Display copy and thumbnail (JPEG bytes) from an opened image, decoding as little as possible."""
    width, height = image.size
    info: dict[str, Any] = {}
    if fmt == "JPEG" and max(width, height) > DISPLAY_MAX:
        image.draft(image.mode if image.mode in ("RGB", "L", "CMYK") else "RGB", _draft_size(width, height, DISPLAY_MAX))
        info["decoded_size"] = list(image.size)
    image.load()
    icc = image.info.get("icc_profile") if image.mode == "RGB" else None
    if max(image.size) > DISPLAY_MAX:
        image.thumbnail((DISPLAY_MAX, DISPLAY_MAX), Image.Resampling.BICUBIC, reducing_gap=2.0)
    display = _to_display_mode(image)
    if orientation in TRANSPOSE:
        display = display.transpose(TRANSPOSE[orientation])
    if stamp:
        display = draw_stamp(display, stamp)
    display_bytes = _encode_jpeg(display, DISPLAY_QUALITY, icc)
    thumb = display.copy()
    thumb.thumbnail((THUMB_MAX, THUMB_MAX), Image.Resampling.BICUBIC, reducing_gap=2.0)
    info["display_size"] = list(display.size)
    return display_bytes, _encode_jpeg(thumb, THUMB_QUALITY, icc), info


_BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")


def _open(data: bytes, fmt: str, name: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=[fmt])
    except Image.DecompressionBombError as exc:
        match = _BOMB_PIXELS.search(str(exc))
        raise errors.too_large(name, int(match.group(1)) if match else 0, PIXEL_LIMIT) from exc
    except (UnidentifiedImageError, SyntaxError, ValueError, EOFError) as exc:
        raise errors.not_an_image(name) from exc
    except OSError as exc:
        raise errors.truncated(name) from exc
    width, height = image.size
    if width * height > PIXEL_LIMIT:
        raise errors.too_large(name, width * height, PIXEL_LIMIT)
    if width <= 0 or height <= 0:
        raise errors.not_an_image(name)
    return image


def prepare(
    source: str,
    tmp_dir: str,
    blobs_dir: str,
    derived_dir: str,
    *,
    stamp: dict[str, str] | None = None,
    force: bool = False,
    language: str | None = None,
) -> Prepared:
    """Hash, inspect and derive one file; never raises for bad input (see `Prepared.error`)."""
    if language:
        from inspector_app.i18n import set_language

        set_language(language)
    path = Path(source)
    result = Prepared(source=str(source), name=path.name)
    staged: list[Path] = []
    try:
        data = read_original(path)
        result.size = len(data)
        result.sha256 = sha = sha256_bytes(data)
        fmt = sniff(data[:64])
        if fmt is None:
            raise errors.not_an_image(path.name)
        result.mime = FORMATS[fmt]
        final = Path(blobs_dir) / sha[:2] / sha
        derived = Path(derived_dir) / sha[:2]
        have_all = final.is_file() and (derived / f"{sha}{DISPLAY_SUFFIX}").is_file() and (derived / f"{sha}{THUMB_SUFFIX}").is_file()
        if have_all and not force and not stamp:
            result.ok = result.skipped_decode = True  # a duplicate: nothing to decode or write
            return result
        image = _open(data, fmt, path.name)
        facts = extract(image)
        orientation = facts["orientation"]
        width, height = image.size
        result.width, result.height = (height, width) if orientation >= 5 else (width, height)
        result.taken_at, result.gps_lat, result.gps_lon, result.camera = facts["taken_at"], facts["gps_lat"], facts["gps_lon"], facts["camera"]
        meta = dict(facts["meta"])
        meta.update({"format": fmt, "mode": image.mode, "orientation": orientation, "pixels": [width, height]})
        if stamp is not None and not stamp.get("time"):  # the capture time, else the import time
            from inspector_app.domain.ids import utc_now

            stamp = {**stamp, "time": local_text(result.taken_at) or local_text(utc_now())}
        if fmt == "HEIF":
            meta["orientation_applied_by_decoder"] = True
        try:
            display_bytes, thumb_bytes, info = make_derived(image, fmt, orientation if fmt != "HEIF" else 1, stamp)
        except Image.DecompressionBombError as exc:
            raise errors.too_large(path.name, width * height, PIXEL_LIMIT) from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            if is_disk_full(exc):
                raise
            raise errors.truncated(path.name) from exc
        meta.update(info)
        if stamp:
            meta["stamp"] = stamp
        result.meta = meta
        tmp = Path(tmp_dir)
        if not final.is_file():
            staged.append(write_tmp(tmp, data, suffix=".blob", fsync=True))
            result.original_tmp = str(staged[-1])
        staged.append(write_tmp(tmp, display_bytes, suffix=DISPLAY_SUFFIX, fsync=False))
        result.display_tmp = str(staged[-1])
        staged.append(write_tmp(tmp, thumb_bytes, suffix=THUMB_SUFFIX, fsync=False))
        result.thumb_tmp = str(staged[-1])
        result.ok = True
    except errors.EvidenceError as exc:
        result.error_code, result.error = exc.code, exc.message
    except MemoryError:
        err = errors.too_large(path.name, 0, PIXEL_LIMIT)
        result.error_code, result.error = err.code, err.message
    except OSError as exc:
        err = errors.disk_full(path.name) if is_disk_full(exc) else errors.write_failed(path.name, exc.strerror or str(exc))
        result.error_code, result.error = err.code, err.message
    if not result.ok:
        for p in staged:
            p.unlink(missing_ok=True)
        result.original_tmp = result.display_tmp = result.thumb_tmp = None
    return result
