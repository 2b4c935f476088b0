"""Fixtures and real-file makers for the evidence tests (imported explicitly by those modules)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from inspector_app.demo.photos import make_photo, photo_exif


@pytest.fixture
def service(store):
    from inspector_app.evidence.service import EvidenceService

    return EvidenceService(store, workers=2)


@pytest.fixture
def owners(store):
    """A draft inspection and a draft sample (with the enterprise and task they need)."""
    from inspector_app.store.reference import add_enterprise, bulk_upsert_tasks

    def build(txn):
        ent = add_enterprise(txn, {"name": "青岛示例电器有限公司"})
        bulk_upsert_tasks(txn, [{"id": "task-1", "type": "spot_check", "enterprise_id": ent["id"]}], source="test")
        insp = txn.insert("inspection", {"task_id": "task-1", "enterprise_id": ent["id"], "template_id": "t", "template_version": "1", "number": "鲁青市监检〔2026〕7号"})
        smp = txn.insert("sample", {"task_id": "task-1", "enterprise_id": ent["id"], "number": "S-2026-001"})
        return {"inspection": insp["id"], "sample": smp["id"], "enterprise": ent["id"]}

    return store.write_sync(build)


def finalize(store, kind: str, record_id: str) -> None:
    store.write_sync(lambda txn: txn.update(kind, record_id, {"state": "finalized", "content_hash": "x" * 64}, op="finalize"))


def quadrant_image(size=(400, 300)) -> Image.Image:
    """Red top-left quadrant on blue: shows at a glance which way up an image is."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1] // 2))
    return image


def sideways_jpeg(path: Path, orientation: int, size=(400, 300)) -> Path:
    """A JPEG whose stored pixels need `orientation` to look like `quadrant_image(size)`."""
    upright = quadrant_image(size)
    inverse = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270,
               2: Image.Transpose.FLIP_LEFT_RIGHT}
    stored = upright.transpose(inverse[orientation]) if inverse[orientation] is not None else upright
    stored.save(path, "JPEG", quality=92, exif=photo_exif(orientation=orientation).tobytes())
    return path


def small_jpeg(path: Path, seed: int = 0, size=(800, 600)) -> Path:
    return make_photo(path, size=size, seed=seed, orientation=1)


def truncated_jpeg(path: Path) -> Path:
    data = make_photo(path, size=(1200, 900), seed=99).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def cmyk_jpeg(path: Path) -> Path:
    quadrant_image().convert("CMYK").save(path, "JPEG", quality=90)
    return path


def png16_alpha(path: Path, size=(64, 48)) -> Path:
    """A real 16-bit-per-channel RGBA PNG (Pillow cannot write one, so the chunks are built here)."""
    w, h = size
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            alpha = 0 if x < w // 4 else 65535
            raw += struct.pack(">HHHH", 65535 if x < w // 2 else 0, 0, 65535 if y > h // 2 else 0, alpha)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def bomb_png(path: Path, side: int = 30_000) -> Path:
    """A valid 1-bit PNG of side × side white pixels: tiny on disk, 900 megapixels decoded."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


def bomb_jpeg(path: Path, side: int = 30_000) -> Path:
    """A small JPEG whose frame header claims side × side pixels."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    i = data.index(b"\xff\xc0")
    data[i + 5:i + 9] = struct.pack(">HH", side, side)
    path.write_bytes(bytes(data))
    return path


def assert_no_orphans(store) -> None:
    """Every file in blobs/ and derived/ belongs to a blob row; nothing is left in tmp/."""
    paths = store.paths
    shas = {r[0] for r in store.read().execute("SELECT sha256 FROM blob").fetchall()}
    blob_files = {p.name for p in paths.blobs.rglob("*") if p.is_file()}
    derived = {p.name.split(".")[0] for p in paths.derived.rglob("*") if p.is_file()}
    staged = [p.name for p in paths.tmp.rglob("*") if p.is_file()]
    assert blob_files == shas
    assert derived <= shas
    assert staged == []
