"""Plausible handwritten signatures for demo records, from the seed (same seed, same strokes).

Each name gets a few pen strokes shaped like quick cursive characters (loops and hooks drawn
left to right with pressure and time), rendered by the evidence pipeline into a transparent
PNG, so documents and screens show real embedded signature images.
"""

from __future__ import annotations

import math
import random
from typing import Any

from inspector_app.evidence.signatures import SignatureRecord, render_png

WIDTH, HEIGHT = 600, 200


def _stroke(rng: random.Random, x0: float, width: float, t0: int) -> tuple[dict[str, Any], int]:
    """One stroke across `width` pixels: a wavy baseline with a loop or two, pressure swelling mid-stroke."""
    points: list[list[float]] = []
    steps = rng.randrange(28, 48)
    loops = rng.choice((1, 1.5, 2, 2.5))
    amp = rng.uniform(18, 42)
    tilt = rng.uniform(-0.25, 0.1)
    mid = HEIGHT / 2 + rng.uniform(-15, 15)
    t = t0
    for i in range(steps):
        f = i / (steps - 1)
        angle = f * loops * 2 * math.pi
        x = x0 + f * width + math.cos(angle) * amp * 0.35
        y = mid - math.sin(angle) * amp + (x - x0) * tilt + rng.uniform(-1.5, 1.5)
        pressure = 0.35 + 0.5 * math.sin(math.pi * f) + rng.uniform(-0.05, 0.05)
        t += rng.randrange(8, 16)
        points.append([round(min(max(x, 4), WIDTH - 4), 1), round(min(max(y, 4), HEIGHT - 4), 1), round(pressure, 2), t])
    return {"device": "pen", "points": points}, t + rng.randrange(120, 260)


def demo_strokes(rng: random.Random, characters: int = 3) -> dict[str, Any]:
    """Stroke data for a signature of about `characters` characters (evidence's stroke format)."""
    strokes, t = [], 0
    x = rng.uniform(30, 70)
    span = (WIDTH - 2 * x) / max(1, characters)
    for _ in range(characters):
        for _part in range(rng.choice((1, 2, 2, 3))):
            stroke, t = _stroke(rng, x + rng.uniform(-8, 8), span * rng.uniform(0.55, 0.9), t)
            strokes.append(stroke)
        x += span
    return {"width": WIDTH, "height": HEIGHT, "strokes": strokes}


def with_signature(rng: random.Random, record: SignatureRecord) -> SignatureRecord:
    """The record with a drawn signature image (refusals stay without one)."""
    if record.refused:
        return record
    strokes = demo_strokes(rng, characters=max(2, min(4, len(record.name.strip()))))
    record.strokes, record.png = strokes, render_png(strokes)
    return record
