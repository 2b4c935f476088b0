"""The built-in demo workspace: realistic, generated, deterministic by seed.

`build_demo` runs the `STEPS` in order; each area appends its own step (samples, photos,
documents …) so a newcomer sees every screen with real-looking data. A step is
`fn(store, rng, options) -> dict` returning counts for the summary.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from inspector_app.demo.photos import add_demo_photos
from inspector_app.demo.reference import add_identity, add_enterprises, add_number_blocks, add_tasks
from inspector_app.demo.checklists import add_inspection_drafts
from inspector_app.demo.samples import add_samples
from inspector_app.demo.documents import add_documents_demo
from inspector_app.store.db import Store


@dataclass
class DemoOptions:
    seed: int = 20261121
    enterprises: int = 300
    tasks: int = 80


Step = Callable[[Store, random.Random, DemoOptions], dict]

STEPS: list[Step] = [
    add_identity,
    add_enterprises,
    add_tasks,
    add_number_blocks,
    add_inspection_drafts,
    add_samples,
    add_demo_photos,  # after the records it attaches photos to
    add_documents_demo,  # keep last: fills only what the other areas' steps did not create
]


def build_demo(store: Store, seed: int = 20261121, enterprises: int = 300, tasks: int = 80) -> dict:
    """Fill `store` with demo data; the same seed gives the same records."""
    options = DemoOptions(seed=seed, enterprises=enterprises, tasks=tasks)
    summary: dict = {}
    for step in STEPS:
        rng = random.Random(f"{seed}:{step.__module__}.{step.__name__}")
        summary.update(step(store, rng, options) or {})
    return summary


def has_demo(store: Store) -> bool:
    return bool(store.setting("demo.seed"))
