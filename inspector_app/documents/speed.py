"""Process-wide caches that keep rendering fast (see bench/bench_documents.py).

reportlab compresses every image stream again in every document. A signature or seal image
appears in many documents and every re-print, so large inputs to its `zlib.compress` are
memoised (same bytes in → same bytes out, so output stays deterministic).
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict

from reportlab.pdfbase import pdfdoc

_MIN_SIZE = 16 * 1024
_MAX_ENTRIES = 64


class _MemoZlib:
    """Stands in for the `zlib` module inside reportlab's pdfdoc; only `compress` is cached."""

    def __init__(self) -> None:
        self._cache: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def compress(self, data, *args, **kwargs):
        if len(data) < _MIN_SIZE or args or kwargs:
            return zlib.compress(data, *args, **kwargs)
        key = hashlib.blake2b(data, digest_size=20).digest() + len(data).to_bytes(8, "big")
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        out = zlib.compress(data)
        with self._lock:
            self._cache[key] = out
            while len(self._cache) > _MAX_ENTRIES:
                self._cache.popitem(last=False)
        return out

    def __getattr__(self, name):
        return getattr(zlib, name)


def install() -> None:
    if not isinstance(pdfdoc.zlib, _MemoZlib):
        pdfdoc.zlib = _MemoZlib()
