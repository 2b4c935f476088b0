"""Photo import: originals kept byte-for-byte, orientation, EXIF, dedup, stamp, formats, bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading

import pytest
from PIL import Image

from inspector_app.demo.photos import make_photo
from inspector_app.evidence.importer import Owner
from inspector_app.evidence.imaging import PIXEL_LIMIT
from inspector_app.i18n import set_language
from tests.conftest_evidence import (  # noqa: F401  (fixtures)
    assert_no_orphans, bomb_jpeg, bomb_png, cmyk_jpeg, owners, png16_alpha, service, sideways_jpeg, small_jpeg,
    truncated_jpeg,
)


def by_name(results):
    return {r.path.rsplit("/", 1)[-1]: r for r in results}


def test_original_is_stored_byte_for_byte_and_named_by_its_hash(service, store, tmp_path):
    src = make_photo(tmp_path / "card" / "IMG_0001.jpg", size=(3000, 2000), seed=1, orientation=6,
                     taken_at=dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                     gps=(36.0671, 120.3826), camera=("HUAWEI", "HUAWEI P40"))
    [result] = service.import_files([str(src)])
    assert result.ok, result.error
    data = src.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    stored = service.blobs.path(result.sha256)
    assert stored == store.paths.blobs / result.sha256[:2] / result.sha256
    assert stored.read_bytes() == data
    assert service.blobs.verify(result.sha256)
    row = service.photo(result.sha256)
    assert row["size"] == len(data) and row["mime"] == "image/jpeg" and row["original_name"] == "IMG_0001.jpg"
    assert (row["width"], row["height"]) == (3000, 2000)  # as seen (stored sideways, orientation 6)
    assert row["meta"]["pixels"] == [2000, 3000]
    assert row["taken_at"] == "2026-11-20T01:30:00.000Z"
    assert row["gps_lat"] == pytest.approx(36.0671, abs=1e-4) and row["gps_lon"] == pytest.approx(120.3826, abs=1e-4)
    assert row["camera"] == "HUAWEI P40"
    assert row["meta"]["orientation"] == 6 and row["meta"]["exif_offset"] == "+08:00"
    assert row["has_display"] == 1 and row["has_thumb"] == 1
    assert_no_orphans(store)


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
@pytest.mark.parametrize("size", [(400, 300), (4400, 3300)], ids=["small", "draft-decoded"])
def test_display_and_thumbnail_are_upright(service, tmp_path, orientation, size):
    src = sideways_jpeg(tmp_path / f"o{orientation}.jpg", orientation, size)
    [result] = service.import_files([str(src)])
    assert result.ok, result.error
    for path, limit in ((service.blobs.display_path(result.sha256), 2000), (service.blobs.thumb_path(result.sha256), 256)):
        with Image.open(path) as im:
            assert im.width > im.height  # landscape again
            assert max(im.size) == min(limit, max(size))
            w, h = im.size
            r, g, b = im.convert("RGB").getpixel((w // 8, h // 8))
            assert r > 200 and b < 60, (orientation, path.name, (r, g, b))  # red quadrant is top left
            r, g, b = im.convert("RGB").getpixel((w * 7 // 8, h * 7 // 8))
            assert b > 200 and r < 60
    assert service.blobs.path(result.sha256).read_bytes() == src.read_bytes()  # original untouched


def test_duplicate_is_linked_not_stored_twice(service, store, owners, tmp_path):
    src = small_jpeg(tmp_path / "a.jpg", seed=3)
    copy = tmp_path / "other-name.jpg"
    copy.write_bytes(src.read_bytes())
    first = service.import_files([str(src)], owner=Owner("inspection", owners["inspection"]))[0]
    again = service.import_files([str(copy)], owner=Owner("sample", owners["sample"]))[0]
    same_owner = service.import_files([str(copy)], owner=Owner("inspection", owners["inspection"]))[0]
    assert first.ok and again.ok and same_owner.ok
    assert not first.duplicate and again.duplicate and same_owner.duplicate
    assert first.sha256 == again.sha256
    db = store.read()
    assert db.execute("SELECT count(*) FROM blob").fetchone()[0] == 1
    assert len([p for p in store.paths.blobs.rglob("*") if p.is_file()]) == 1
    links = db.execute("SELECT owner_kind FROM attachment WHERE blob_sha256 = ? ORDER BY owner_kind", [first.sha256]).fetchall()
    assert [k for (k,) in links] == ["inspection", "sample"]  # same photo, same owner: one link
    assert same_owner.attachment_id == first.attachment_id


def test_stamp_is_drawn_on_the_display_copy_only(service, store, tmp_path):
    src = sideways_jpeg(tmp_path / "s.jpg", 1, (1200, 900))
    plain = tmp_path / "plain.jpg"
    sideways_jpeg(plain, 1, (1200, 900))
    plain_bytes = plain.read_bytes()
    stamp = {"time": "2026-11-20 09:30", "place": "青岛市黄岛区", "number": "鲁青市监检〔2026〕7号"}
    [result] = service.import_files([str(src)], stamp=stamp)
    assert result.ok
    assert service.blobs.path(result.sha256).read_bytes() == plain_bytes  # original: no stamp
    with Image.open(service.blobs.display_path(result.sha256)) as im:
        # bottom-left band is darkened with yellow text; the pure-blue image has no yellow anywhere
        band = im.convert("RGB").crop((0, im.height - 120, 500, im.height))
        raw = band.tobytes()
        yellow = sum(1 for i in range(0, len(raw), 3) if raw[i] > 180 and raw[i + 1] > 160 and raw[i + 2] < 120)
        assert yellow > 100
    assert service.photo(result.sha256)["meta"]["stamp"] == stamp


def test_png_tiff_heic_import(service, store, tmp_path):
    import pillow_heif  # noqa: F401 - registered by the pipeline

    base = Image.new("RGB", (640, 480), (10, 200, 30))
    base.save(tmp_path / "a.png")
    base.save(tmp_path / "b.tif", compression="tiff_lzw")
    base.save(tmp_path / "c.heic", quality=80)
    results = by_name(service.import_files([str(tmp_path)]))
    assert {n: r.ok for n, r in results.items()} == {"a.png": True, "b.tif": True, "c.heic": True}
    mimes = {service.photo(r.sha256)["mime"] for r in results.values()}
    assert mimes == {"image/png", "image/tiff", "image/heic"}
    for r in results.values():
        with Image.open(service.blobs.display_path(r.sha256)) as im:
            assert im.size == (640, 480)
            assert im.convert("RGB").getpixel((5, 5))[1] > 150
    assert_no_orphans(store)


def test_bad_inputs_each_get_a_message_and_the_rest_import(service, store, tmp_path):
    card = tmp_path / "card"
    card.mkdir()
    good = [small_jpeg(card / f"good{i}.jpg", seed=i) for i in range(3)]
    truncated_jpeg(card / "truncated.jpg")
    (card / "empty.jpg").write_bytes(b"")
    (card / "notes.jpg").write_text("这不是照片 just text\n", encoding="utf-8")
    bomb_png(card / "bomb.png")
    bomb_jpeg(card / "bomb2.jpg")
    cmyk_jpeg(card / "cmyk.jpg")
    png16_alpha(card / "deep.png")
    set_language("en")
    try:
        results = by_name(service.import_files([str(card)]))
    finally:
        set_language("zh_CN")
    for g in good:
        assert results[g.name].ok
    assert results["cmyk.jpg"].ok and results["deep.png"].ok  # unusual but valid: imported, display is RGB
    expected = {"truncated.jpg": ("truncated", "incomplete"), "empty.jpg": ("empty_file", "empty"),
                "notes.jpg": ("not_an_image", "not a photo"), "bomb.png": ("too_large", "decompression bomb"),
                "bomb2.jpg": ("too_large", "megapixels")}
    for name, (code, words) in expected.items():
        r = results[name]
        assert not r.ok and r.code == code, (name, r)
        assert words in r.error and name in r.error
    assert str(PIXEL_LIMIT // 1_000_000) in results["bomb.png"].error
    for name in ("cmyk.jpg", "deep.png"):
        with Image.open(service.blobs.display_path(results[name].sha256)) as im:
            assert im.mode == "RGB"
    with Image.open(service.blobs.display_path(results["deep.png"].sha256)) as im:
        assert im.getpixel((2, 2)) == (255, 255, 255)  # transparent part over white
        assert im.getpixel((im.width * 3 // 8, 2))[0] > 240  # opaque red part
    with Image.open(service.blobs.display_path(results["cmyk.jpg"].sha256)) as im:
        r, g, b = im.getpixel((10, 10))
        assert r > 200 and b < 80  # colours survive the CMYK conversion
    assert store.read().execute("SELECT count(*) FROM blob").fetchone()[0] == 5
    assert_no_orphans(store)


def test_messages_are_chinese_by_default(service, tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    [r] = service.import_files([str(tmp_path / "empty.jpg")])
    assert "空的" in r.error


def test_file_that_disappears_mid_import(service, store, tmp_path):
    files = [small_jpeg(tmp_path / f"p{i}.jpg", seed=i, size=(600, 400)) for i in range(8)]
    victim = files[-1]

    def on_result(done, total, result):
        if done == 1:
            victim.unlink()  # the card is pulled while the import runs

    results = service.import_files([str(tmp_path)], on_result=on_result)
    assert [r.ok for r in results] == [True] * 7 + [False]
    assert results[-1].code == "missing" and victim.name in results[-1].error
    assert_no_orphans(store)


def test_cancel_keeps_finished_files_and_leaves_nothing_half_written(service, store, tmp_path):
    for i in range(10):
        small_jpeg(tmp_path / f"p{i:02d}.jpg", seed=i, size=(900, 600))
    cancel = threading.Event()
    results = service.import_files([str(tmp_path)], cancel=cancel, on_result=lambda d, t, r: d == 2 and cancel.set())
    assert len(results) == 10
    done = [r for r in results if r.ok]
    assert len(done) == 2 and all(r.code == "cancelled" for r in results[2:])
    assert store.read().execute("SELECT count(*) FROM blob").fetchone()[0] == 2
    assert_no_orphans(store)


def test_attach_to_a_checklist_item_with_caption(service, store, owners, tmp_path):
    src = small_jpeg(tmp_path / "item.jpg")
    owner = Owner("inspection", owners["inspection"], item_id="3.2")
    [r] = service.import_files([str(src)], owner=owner, caption="灭火器过期")
    photos = service.photos(owner)
    assert [(p["sha256"], p["caption"], p["item_id"]) for p in photos] == [(r.sha256, "灭火器过期", "3.2")]
    assert service.photos(Owner("inspection", owners["inspection"], item_id="1.1")) == []
    outbox = store.read().execute("SELECT blobs FROM outbox WHERE entity = 'attachment'").fetchone()[0]
    assert json.loads(outbox) == [r.sha256]  # the record's manifest names its photo


def test_remove_before_finalization_only(service, store, owners, tmp_path):
    from inspector_app.domain.errors import StateError
    from tests.conftest_evidence import finalize

    a, b = small_jpeg(tmp_path / "a.jpg", seed=1), small_jpeg(tmp_path / "b.jpg", seed=2)
    owner = Owner("inspection", owners["inspection"])
    ra, rb = service.import_files([str(a), str(b)], owner=owner)
    service.remove(ra.attachment_id, "拍错了")
    assert [p["sha256"] for p in service.photos(owner)] == [rb.sha256]
    removed = [p for p in service.photos(owner, include_removed=True) if p["removed_at"]]
    assert removed[0]["removed_reason"] == "拍错了"
    assert service.blobs.verify(ra.sha256)  # the bytes stay
    audit = store.read().execute("SELECT action FROM audit_log WHERE entity = 'attachment' AND entity_id = ?", [ra.attachment_id]).fetchall()
    assert ("remove",) in audit
    with pytest.raises(StateError, match="已被移除|already removed"):
        service.remove(ra.attachment_id)

    finalize(store, "inspection", owners["inspection"])
    with pytest.raises(StateError) as info:
        service.remove(rb.attachment_id, "不要了")
    assert info.value.code == "finalized" and "定稿" in info.value.message
    assert [p["sha256"] for p in service.photos(owner)] == [rb.sha256]
    late = service.import_files([str(small_jpeg(tmp_path / "c.jpg", seed=5))], owner=owner)[0]
    assert not late.ok and late.code == "finalized"
    assert_no_orphans(store)


def test_attach_to_unknown_or_wrong_owner_is_refused(service, tmp_path):
    src = small_jpeg(tmp_path / "x.jpg")
    [r] = service.import_files([str(src)], owner=Owner("inspection", "nope"))
    assert not r.ok and r.code == "owner_missing"
    [r] = service.import_files([str(src)], owner=Owner("enterprise", "x"))
    assert not r.ok and r.code == "bad_owner_kind"


def test_orphan_files_without_a_row_are_adopted_on_reimport(service, store, tmp_path):
    """A crash after the files were installed but before the row: the next import writes the row."""
    src = small_jpeg(tmp_path / "a.jpg", seed=8)
    [r] = service.import_files([str(src)])
    store.write_sync(lambda txn: txn.db.execute("DELETE FROM blob WHERE sha256 = ?", [r.sha256]))
    [again] = service.import_files([str(src)])
    assert again.ok and not again.duplicate
    assert service.photo(r.sha256)["width"] == 800
    assert_no_orphans(store)


@pytest.mark.parametrize("processes", [True, False], ids=["processes", "threads"])
def test_worker_processes_and_threads_give_the_same_results(store, tmp_path, processes):
    from inspector_app.evidence.importer import Importer

    card = tmp_path / "card"
    card.mkdir()
    good = [small_jpeg(card / f"g{i}.jpg", seed=i, size=(1000, 750)) for i in range(3)]
    (card / "h_bad.jpg").write_text("text")
    results = Importer(store, workers=2, processes=processes).run([str(card)])
    assert [(r.path.rsplit("/", 1)[-1], r.ok, r.code) for r in results] == [
        ("g0.jpg", True, None), ("g1.jpg", True, None), ("g2.jpg", True, None), ("h_bad.jpg", False, "not_an_image")]
    assert [r.sha256 for r in results[:3]] == [hashlib.sha256(g.read_bytes()).hexdigest() for g in good]
    assert_no_orphans(store)


def test_photos_recorded_inside_another_areas_transaction(store, owners, tmp_path):
    """The seam for custody: photos of an event linked in the transaction that appends it."""
    from inspector_app.evidence.importer import add_photo_in_txn, prepare_file, record_photo

    seal = small_jpeg(tmp_path / "seal.jpg", seed=4)
    receipt = small_jpeg(tmp_path / "receipt.jpg", seed=5)
    prepared = prepare_file(store, seal)  # off the UI thread, before the transaction

    def write(txn):
        a = record_photo(txn, prepared, "custody_event", "event-not-yet-appended", role="seal", caption="封条")
        b = add_photo_in_txn(txn, receipt, "sample", owners["sample"], role="receipt")
        return a, b

    a, b = store.write_sync(write)
    assert a["blob_sha256"] == hashlib.sha256(seal.read_bytes()).hexdigest() and a["role"] == "seal"
    assert b["owner_kind"] == "sample" and b["role"] == "receipt"
    assert store.read().execute("SELECT count(*) FROM blob").fetchone()[0] == 2
    assert_no_orphans(store)
    from inspector_app.evidence.errors import EvidenceError
    bad = tmp_path / "bad.jpg"
    bad.write_text("x")
    with pytest.raises(EvidenceError):
        prepare_file(store, bad)
    assert_no_orphans(store)


def test_missing_derived_files_are_remade_from_the_original(service, store, tmp_path):
    src = sideways_jpeg(tmp_path / "o.jpg", 6, (800, 600))
    [r] = service.import_files([str(src)])
    service.blobs.display_path(r.sha256).unlink()
    service.blobs.thumb_path(r.sha256).unlink()
    thumb = service.thumb_for(r.sha256)
    assert thumb.exists() and service.blobs.display_path(r.sha256).exists()
    with Image.open(thumb) as im:
        assert im.size == (256, 192)  # upright again
    assert service.blobs.verify(r.sha256)
    assert_no_orphans(store)


def test_stamp_time_defaults_to_the_capture_time(service, tmp_path):
    from inspector_app.evidence.exif import local_text

    src = make_photo(tmp_path / "t.jpg", size=(900, 600), seed=2,
                     taken_at=dt.datetime(2026, 11, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    [r] = service.import_files([str(src)], stamp={"place": "济南", "number": "X-1"})
    stamp = service.photo(r.sha256)["meta"]["stamp"]
    assert stamp["time"] == local_text("2026-11-20T06:05:00.000Z") and stamp["place"] == "济南"
