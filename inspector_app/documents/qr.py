"""The verification QR code: document number + content hash of the rendered record.

Payload (ECI-tagged UTF-8, or Shift_JIS where that covers it as segno picks, so any reader
decodes the Chinese number correctly):

    FIDOC/1
    N=<文书编号>
    H=<sha256 of the record's canonical JSON>
    [S=<seal number>]            (seal labels only)

Drawn as vector rectangles (one per horizontal run of dark modules): crisp at any print
resolution, deterministic, and a few hundred bytes.

Every document has its own code, so it is encoded for every render. segno (pure Python)
took ~6 ms per code, mostly trying the eight mask patterns module by module. `matrix()`
makes the same symbol as `segno.make(text, error="m", micro=False, eci=True)` (byte mode,
version and error level chosen the same way, the same mask by the same penalty rules,
module for module identical: see tests) but works on whole rows packed into integers, and
keeps everything that depends only on the version (function patterns, module placement
order, mask patterns) once per process. Texts segno would encode in another mode (digits or
upper-case only, never our payloads) are left to segno.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

import segno
from segno import consts

MAGIC = "FIDOC/1"


def payload(number: str, record_hash: str, **extra: str) -> str:
    lines = [MAGIC, f"N={number}", f"H={record_hash}"]
    lines += [f"{key}={value}" for key, value in extra.items() if value]
    return "\n".join(lines)


def parse_payload(text: str) -> dict[str, str]:
    """Inverse of `payload`; ValueError if the text is not one of our codes."""
    lines = text.strip().splitlines()
    if not lines or lines[0].strip() != MAGIC:
        raise ValueError("not a Field Inspector document code")
    out: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition("=")
        out[key.strip()] = value.strip()
    return out


# -- the symbol --------------------------------------------------------------------------
_LEVELS = (consts.ERROR_LEVEL_L, consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)
_FORMAT_OFFSET = {consts.ERROR_LEVEL_M: 0, consts.ERROR_LEVEL_L: 8, consts.ERROR_LEVEL_H: 16, consts.ERROR_LEVEL_Q: 24}
_MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)
_GUARD = "0000"   # light modules packed before each row or column (see _penalty)
_FINDER = ("0000000000", "0111111100", "0100000100", "0101110100", "0101110100", "0101110100", "0100000100",
           "0111111100", "0000000000")


def matrix(text: str) -> tuple[str, ...]:
    """The QR code of `text` as rows of "0"/"1" (dark = "1"), without quiet zone."""
    if not text.startswith(MAGIC + "\n"):
        # not one of our payloads: segno might choose another mode than bytes
        return tuple("".join(map(str, row)) for row in segno.make(text, error="m", micro=False, eci=True).matrix)
    data, eci = _encode(text)
    overhead = (12 if eci else 0) + 4
    for version in range(1, 41):
        bits = overhead + (8 if version < 10 else 16) + 8 * len(data)
        if consts.SYMBOL_CAPACITY[version][consts.ERROR_LEVEL_M] >= bits:
            break
    else:
        raise ValueError("data too large for a QR code")
    error = consts.ERROR_LEVEL_M        # the highest level that still fits this version
    for level in (consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H):
        if consts.SYMBOL_CAPACITY[version][level] < bits:
            break
        error = level
    layout = _layout(version)
    n = layout.size
    rows = _rows(layout, message=_message(data, eci, version, error))
    # all rows (and all columns) packed into one integer each, row 0 first, four light guard
    # modules around every row: run, block and pattern tests become a few integer operations
    text = "".join(_GUARD + row for row in rows)
    columns = "".join(layout.col_getter(text))
    packed = int(text + _GUARD, 2)
    packed_cols = int("".join(_GUARD + columns[k:k + n] for k in range(0, n * n, n)) + _GUARD, 2)
    best, best_score = 0, None
    for mask in range(8):
        score = _penalty(layout, packed ^ layout.row_masks[mask], packed_cols ^ layout.col_masks[mask])
        if best_score is None or score < best_score:
            best, best_score = mask, score
    clear, dark = _overlay(version, error, best)
    return tuple(format(((int(r, 2) ^ m) & c) | d, f"0{n}b") for r, m, c, d in zip(rows, layout.mask_rows[best], clear, dark))


def _encode(text: str) -> tuple[bytes, int]:
    """The bytes of `text` and their ECI designator, as segno picks them: ISO-8859-1 (no ECI),
    else Shift_JIS (20), else UTF-8 (26)."""
    for encoding, eci in (("iso-8859-1", 0), ("shift_jis", 20), ("utf-8", 26)):
        try:
            return text.encode(encoding), eci
        except UnicodeError:
            continue
    raise ValueError("text cannot be encoded")


def _message(data: bytes, eci: int, version: int, error: int) -> str:
    """The final message as a bit string: data and error-correction codewords, interleaved."""
    value, length = 0, 0
    if eci:
        value, length = (consts.MODE_ECI << 8) | eci, 12
    count_bits = 8 if version < 10 else 16
    value = (((value << 4 | consts.MODE_BYTE) << count_bits | len(data)) << (8 * len(data))) | int.from_bytes(data, "big")
    length += 4 + count_bits + 8 * len(data)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    terminator = min(capacity - length, 4)
    value, length = value << terminator, length + terminator
    pad = 8 - length % 8                 # as segno: a whole zero byte when already on a byte boundary
    value, length = value << pad, length + pad
    codewords = value.to_bytes(length // 8, "big") + b"\xec\x11" * (capacity // 16 + 1)
    blocks, ecc = [], []
    pos = 0
    for info in consts.ECC[version][error]:
        table = _rs_table(info.num_total - info.num_data)
        for _ in range(info.num_blocks):
            block = codewords[pos:pos + info.num_data]
            pos += info.num_data
            blocks.append(block)
            ecc.append(_rs_remainder(block, table, info.num_total - info.num_data))
    out = []
    for group in (blocks, ecc):
        for k in range(max(map(len, group))):
            out.extend(b[k] for b in group if k < len(b))
    bits = "".join(map(_BYTE_BITS.__getitem__, out))
    return bits + "0" * _remainder_bits(version)


_BYTE_BITS = tuple(format(b, "08b") for b in range(256))


def _remainder_bits(version: int) -> int:
    if 2 <= version <= 6:
        return 7
    if 14 <= version <= 20 or 28 <= version <= 34:
        return 3
    if 21 <= version <= 27:
        return 4
    return 0


@lru_cache(maxsize=None)
def _rs_table(degree: int) -> tuple[int, ...]:
    """For each value of the leading term, the generator polynomial times it (as an integer of
    `degree` bytes): Reed-Solomon division then takes one XOR per data codeword."""
    exp, log, gen = consts.GALIOS_EXP, consts.GALIOS_LOG, consts.GEN_POLY[degree]
    table = [0]
    for coef in range(1, 256):
        table.append(int.from_bytes(bytes(exp[log[coef] + g] for g in gen), "big"))
    return tuple(table)


def _rs_remainder(block: bytes, table: tuple[int, ...], degree: int) -> bytes:
    rem, top, mask = 0, 8 * (degree - 1), (1 << (8 * degree)) - 1
    for byte in block:
        rem = ((rem << 8) & mask) ^ table[byte ^ (rem >> top)]
    return rem.to_bytes(degree, "big")


class _Layout:
    """Everything about a version that does not depend on the data."""

    __slots__ = ("size", "getters", "mask_rows", "row_masks", "col_masks", "stride", "pair", "valid7", "col_getter",
                 "finder_hits", "line_masks")


@lru_cache(maxsize=None)
def _layout(version: int) -> _Layout:
    n = version * 4 + 17
    # function patterns; "2": data modules (format / version areas stay light while masks are evaluated)
    grid = [["2"] * n for _ in range(n)]
    for i in range(9):
        grid[i][8] = grid[8][i] = "0"
        grid[n - i if i else 0][8] = "0"      # bottom left (segno's matrix[-i][8], so row 0 for i = 0)
        grid[8][n - i if i else 0] = "0"
    grid[n - 8][8] = "0"
    if version >= 7:
        for i in range(6):
            for k in (9, 10, 11):
                grid[i][n - k] = grid[n - k][i] = "0"
    for i in range(8, n - 8):
        grid[i][6] = grid[6][i] = "1" if i % 2 == 0 else "0"
    for top, left in ((0, 0), (0, n - 8), (n - 8, 0)):
        offset = 1 if top == 0 else 0
        sep = 1 if left == 0 else 0
        for r in range(8):
            grid[top + r][left:left + 8] = list(_FINDER[offset + r][sep:sep + 8])
    if version >= 2:
        positions = consts.ALIGNMENT_POS[version - 2]
        corners = {(positions[0], positions[0]), (positions[0], positions[-1]), (positions[-1], positions[0])}
        for x in positions:
            for y in positions:
                if (x, y) in corners:
                    continue
                for r in range(5):
                    grid[x - 2 + r][y - 2:y + 3] = list(("11111", "10001", "10101", "10001", "11111")[r])
    # module placement: two-module columns, right to left, alternately upwards and downwards
    order = []
    for right in range(n - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(n):
            for z in (0, 1):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = n - 1 - vertical if upwards else vertical
                if grid[i][j] == "2":
                    order.append((i, j))
    index = {ij: k for k, ij in enumerate(order)}
    zero, one = len(order), len(order) + 1        # extra indices: "0" and "1" appended to the message
    layout = _Layout()
    layout.size = n
    layout.getters = tuple(itemgetter(*[index.get((i, j), one if grid[i][j] == "1" else zero) for j in range(n)]) for i in range(n))
    layout.mask_rows = tuple(tuple(int("".join("1" if grid[i][j] == "2" and fn(i, j) else "0" for j in range(n)), 2) for i in range(n))
                             for fn in _MASKS)
    s = layout.stride = n + len(_GUARD)
    g = len(_GUARD)   # the trailing guard: line k's last module is bit (n - 1 - k) * s + g
    layout.pair = sum(((1 << (n - 1)) - 1) << (r * s + g) for r in range(n))     # bit and next bit in one line
    layout.valid7 = sum(((1 << (n - 6)) - 1) << (r * s + g) for r in range(n))   # seven bits in one line
    layout.col_getter = itemgetter(*[r * s + g + j for j in range(n) for r in range(n)])
    # the finder patterns are 1:1:3:1:1 lines at the edge in rows (and columns) 2-4 and n-5..n-3:
    # segno counts them (the same 40 points each) for every mask; leaving them out changes every
    # mask's score by the same amount, so the same mask wins
    finder_at = {k: (0, n - 7) for k in (2, 3, 4)} | {k: (0,) for k in (n - 5, n - 4, n - 3)}
    layout.finder_hits = sum(1 << ((n - 1 - k) * s + g + n - 7 - i) for k, starts in finder_at.items() for i in starts)
    layout.line_masks = tuple(((1 << n) - 1) << ((n - 1 - k) * s + g) for k in range(n))
    layout.row_masks = tuple(int("".join(_GUARD + format(m, f"0{n}b") for m in rows) + _GUARD, 2) for rows in layout.mask_rows)
    layout.col_masks = tuple(int("".join(_GUARD + "".join(format(rows[i], f"0{n}b")[j] for i in range(n)) for j in range(n)) + _GUARD, 2)
                             for rows in layout.mask_rows)
    return layout


def _rows(layout: _Layout, message: str) -> list[str]:
    bits = message + "01"
    return ["".join(g(bits)) for g in layout.getters]


def _penalty(layout: _Layout, rows: int, cols: int) -> int:
    """The mask penalty as segno scores it (ISO/IEC 18004 7.8.3: N1 + N2 + N3 + N4) of the
    packed rows and columns (the four light guard modules around each line stand for segno's
    "edge of the symbol" in the 1:1:3:1:1 test)."""
    n, s = layout.size, layout.stride
    score = 0
    for x in (rows, cols):
        e = ~(x ^ (x >> 1)) & layout.pair                 # a module equal to its neighbour
        runs = e & (e >> 1) & (e >> 2) & (e >> 3)         # five or more in a row: 3 + (length - 5)
        score += runs.bit_count() + 2 * (runs & ~(runs << 1)).bit_count()
        # 1:1:3:1:1 (1011101, lowest bit of the pattern at b) with 4 light modules before or after
        found = x & ~(x >> 1) & (x >> 2) & (x >> 3) & (x >> 4) & ~(x >> 5) & (x >> 6) & layout.valid7
        if not found & ~layout.finder_hits:
            continue
        overlaps = found & ((found >> 4) | (found >> 6))
        if overlaps:
            # patterns overlapping in a line: segno skips one found right after a counted one;
            # score those lines its way and leave them out of the count below
            lines = set()
            while overlaps:
                low = overlaps & -overlaps
                lines.add(n - 1 - (low.bit_length() - 1 - len(_GUARD)) // s)
                overlaps ^= low
            for k in lines:
                score += _line_n3(x, k, layout)
                found &= ~layout.line_masks[k]
        found &= ~layout.finder_hits
        light = ~x
        before = (light >> 7) & (light >> 8) & (light >> 9) & (light >> 10)
        after = (light << 1) & (light << 2) & (light << 3) & (light << 4)
        score += 40 * (found & (before | after)).bit_count()
    h = ~(rows ^ (rows >> 1)) & layout.pair
    score += 3 * (h & (h >> s) & ~(rows ^ (rows >> s))).bit_count()   # 2x2 blocks of one colour
    percent = float(rows.bit_count()) / (n ** 2)
    return score + 10 * int(abs(percent * 100 - 50) / 5)


def _line_n3(x: int, k: int, layout: _Layout) -> int:
    """N3 of line k of packed lines, scanned the way segno scans it, less the finder patterns'
    own 40 points each (as `_penalty` leaves them out)."""
    n, s, g = layout.size, layout.stride, len(_GUARD)
    low = (n - 1 - k) * s + g                 # the line's last module
    own = sum((layout.finder_hits >> (low + n - 7 - i)) & 1 for i in (0, n - 7))
    return _finder_like(format((x >> low) & ((1 << n) - 1), f"0{n}b"), n) - 40 * own


def _finder_like(seq: str, n: int) -> int:
    """segno's count of finder-like patterns (1:1:3:1:1 with four light modules on a side) in one line."""
    count = 0
    idx = seq.find("1011101")
    while idx != -1:
        offset = idx + 7
        if idx in (0, n - 7) or "1" not in seq[max(idx - 4, 0):idx] or "1" not in seq[offset:offset + 4]:
            count += 40
        else:
            offset = idx + 4
        idx = seq.find("1011101", offset)
    return count


@lru_cache(maxsize=None)
def _overlay(version: int, error: int, mask: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Per row: which modules format/version information and the dark module replace, and their dark bits."""
    n = version * 4 + 17
    cells: dict[tuple[int, int], int] = {}
    info = consts.FORMAT_INFO[mask + _FORMAT_OFFSET[error]]
    voffset = hoffset = 0
    for i in range(8):
        vbit, hbit = (info >> i) & 1, (info >> (14 - i)) & 1
        if i == 6:
            voffset, hoffset = voffset + 1, 1
        cells[(i + voffset, 8)] = vbit
        cells[(8, i + hoffset)] = hbit
        cells[(8, n - 1 - i)] = vbit
        cells[(n - 1 - i, 8)] = hbit
    cells[(n - 8, 8)] = 1
    if version >= 7:
        vinfo = consts.VERSION_INFO[version - 7]
        for i in range(6):
            for k, col in enumerate((n - 11, n - 10, n - 9)):
                bit = (vinfo >> (i * 3 + k)) & 1
                cells[(col, i)] = cells[(i, col)] = bit
    clear, dark = [], []
    for i in range(n):
        c, d = (1 << n) - 1, 0
        for (r, j), bit in cells.items():
            if r == i:
                c &= ~(1 << (n - 1 - j))
                d |= bit << (n - 1 - j)
        clear.append(c)
        dark.append(d)
    return tuple(clear), tuple(dark)


# -- drawing ---------------------------------------------------------------------------------
_DARK_RUN = re.compile("1+")


@lru_cache(maxsize=16)
def _coordinates(n: int, size: float, quiet: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    """Formatted x (per column), y (per row), width (per run length) and " h re" of a code of
    n modules drawn `size` points square."""
    m = size / (n + 2 * quiet)
    xs = tuple(f"{(quiet + c) * m:.3f}" for c in range(n))
    ys = tuple(f"{size - (quiet + r + 1) * m:.3f}" for r in range(n))
    widths = tuple(f"{k * m:.3f}" for k in range(n + 1))
    return xs, ys, widths, f" {m:.3f} re"


def _operators(text: str, size: float, quiet: int) -> str:
    """PDF path operators of the code at the origin: one rectangle per run of dark modules."""
    rows = matrix(text)
    xs, ys, widths, tail = _coordinates(len(rows), size, quiet)
    out = [f"1 g 0 0 {size:.3f} {size:.3f} re f 0 g"]
    for r, row in enumerate(rows):
        y = ys[r]
        for run in _DARK_RUN.finditer(row):
            a, b = run.span()
            out.append(f"{xs[a]} {y} {widths[b - a]}{tail}")
    out.append("f")
    return "\n".join(out)


def operator_bytes(text: str, size: float, quiet: int = 2) -> bytes:
    """`_operators` as bytes, for a form XObject's stream (skips reportlab's slow text encoding)."""
    return _operators(text, size, quiet).encode("ascii")


def add_qr_form(canvas, name: str, text: str, size: float, quiet: int = 2) -> None:
    """Define form XObject `name` holding the code of `text` (`size` points square, origin at its lower left)."""
    from reportlab.pdfbase.pdfdoc import xObjectName

    canvas.beginForm(name)
    canvas.endForm()
    form = canvas._doc.idToObject[xObjectName(name)]
    form.stream += b"\n" + operator_bytes(text, round(size, 3), quiet)


def draw_qr(canvas, text: str, x: float, y: float, size: float, quiet: int = 2) -> None:
    """Draw the QR code of `text` with its lower-left corner at (x, y), `size` points square."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas._code.append(_operators(text, round(size, 3), quiet))  # raw operators: thousands of rects, fast
    canvas.restoreState()
