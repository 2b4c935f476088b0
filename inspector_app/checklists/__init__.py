"""Checklist templates (`forms/*.json`) and the headless inspection workflow.

Public API — the GUI, the CLI and tests use only these names. Writes are functions of a
`Txn` so they run through the one writer: `store.write(set_answer, inspection_id, item_id,
result="符合")` returns a Future (GUI), `store.write_sync(...)` waits (CLI, tests).
Reads take a read connection (`store.read()`), on any thread.

Templates (see docs/TEMPLATES.md for the format)
- `load_templates(folder=None) -> LoadResult`: every `*.json` in `folder` (default: the shipped
  `forms/`); `.templates` good ones, `.errors` a list of `TemplateError(file, item_id, problem)`.
- `catalog() -> Catalog`: the shipped templates, loaded once per process (cached).
  `Catalog.get(id, version=None)`, `Catalog.for_task(task_row) -> Template`,
  `Catalog.for_task_type(TaskType) -> Template`, `Catalog.errors`.
- `Template`: `.id .version .title() .sections .items (ordered) .item(id) .sha256`.
  `Item`: `.id .type .label() .basis() .hint() .unit .options .required .weight .key`.
- `parse_expression(text) -> Expr` (safe condition language; never `eval`), `ExpressionError`.

Inspections (write side; each `fn(txn, ...)`, one small transaction per call)
- `start_inspection(txn, task_id, *, inspector_ids=None, place="", started_at=None,
  template=None) -> str`: new draft (or the task's existing draft) pinned to the template's
  (id, version); returns the inspection id.
- `set_answer(txn, inspection_id, item_id, *, result=UNSET, value=UNSET, note=UNSET) -> dict`:
  store one item's answer (only the fields given); refuses finalized inspections and bad values.
- `update_header(txn, inspection_id, **fields) -> dict`: place, findings, party_statement,
  inspector_ids, recorder_id, gps, ended_at, hazard, data (merged into `inspection.data`).
- `finalize(txn, inspection_id, *, ended_at=None) -> dict`: validate, score, content hash,
  state → finalized (immutable). Raises `FinalizeBlocked(issues)` when something is missing.
- `amend(txn, inspection_id, *, reason) -> str`: a new draft amendment (`amends_id`) with the
  answers and photo links copied; returns its id.

Inspections (read side)
- `open_inspection(db, inspection_id) -> InspectionSession`: header, pinned template,
  answers, evidence counts and a live `Evaluator`. Cheap (template parse is cached).
  `session.apply(item_id, result=…, value=…, note=…) -> set[str]` updates the in-memory
  state and returns the ids of items whose state changed (relevance, required, validity);
  `session.set_evidence(item_id, photos)` after a photo is added/removed;
  `session.state(item_id) -> ItemState` (`relevant, required, answered, issues`);
  `session.progress() -> Progress` (`answered, total, sections{id: (answered,total)}`);
  `session.score() -> Score` (`earned, possible, percent, nonconforming, key_failures`);
  `session.validate() -> list[Issue]` (`item_id, section_id, field, code, message`, in
  template order, header issues first).
- `list_drafts(db) -> list[dict]`: open drafts to offer again on start (id, task_id,
  enterprise name, template title, answered/total, started_at, updated_at).
- `inspection_record(db, inspection_id) -> dict`: the canonical record that is hashed.
- `verify_inspection(db, inspection_id) -> bool`: recompute the content hash of a finalized one.
- `pinned_template(db, template_id, version) -> Template`: the exact version an inspection used.

Constants: `RESULT_CONFORM = "符合"`, `RESULT_NONCONFORM = "不符合"`, `RESULT_NA = "不适用"`.
"""

from __future__ import annotations

from inspector_app.checklists.constants import RESULT_CONFORM, RESULT_NA, RESULT_NONCONFORM, RESULTS

from inspector_app.checklists.constants import UNSET  # noqa: E402
from inspector_app.checklists.engine import Answer, Evaluator, Issue, ItemState, Progress, Score, SectionProgress  # noqa: E402
from inspector_app.checklists.expr import ExpressionError, parse_expression  # noqa: E402
from inspector_app.checklists.loader import (  # noqa: E402
    DEFAULT_TEMPLATE_FOR_TASK_TYPE, Catalog, LoadResult, catalog, load_file, load_templates,
)
from inspector_app.checklists.template import Item, Section, Template, TemplateError, TemplateInvalid, parse_template  # noqa: E402
from inspector_app.checklists.workflow import (  # noqa: E402
    FinalizeBlocked, InspectionSession, amend, check_value, finalize, inspection_record, list_drafts, open_inspection,
    pin_template, pinned_template, set_answer, start_inspection, update_header, verify_inspection,
)

__all__ = [
    "RESULT_CONFORM", "RESULT_NONCONFORM", "RESULT_NA", "RESULTS", "UNSET",
    "Answer", "Evaluator", "Issue", "ItemState", "Progress", "Score", "SectionProgress",
    "ExpressionError", "parse_expression",
    "DEFAULT_TEMPLATE_FOR_TASK_TYPE", "Catalog", "LoadResult", "catalog", "load_file", "load_templates",
    "Item", "Section", "Template", "TemplateError", "TemplateInvalid", "parse_template",
    "FinalizeBlocked", "InspectionSession", "amend", "check_value", "finalize", "inspection_record", "list_drafts",
    "open_inspection", "pin_template", "pinned_template", "set_answer", "start_inspection", "update_header",
    "verify_inspection",
]
