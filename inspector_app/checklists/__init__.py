"""Checklist templates (`forms/*.json`) and the headless inspection workflow.

Public API — the GUI, the CLI and tests use only these names (format: docs/TEMPLATES.md).
Writes are functions of a `Txn`, run through the one writer:
`store.write(set_answer, inspection_id, item_id, result="符合")` returns a Future (GUI),
`store.write_sync(...)` waits (CLI, tests). Reads take a read connection (`store.read()`).

Templates
- `load_templates(folder=None) -> LoadResult`: every `*.json` in `folder` (default: shipped
  `forms/`); `.templates` the good ones, `.errors` a list of `TemplateError(file, item_id, problem)`.
- `catalog(reload=False) -> Catalog`: the shipped templates, loaded once per process.
  `Catalog.get(id, version=None)`, `.for_task(task_row)`, `.for_task_type(type)`, `.errors`, iterable.
- `Template`: `.id .version .title() .sections .items (ordered) .item(id) .has_item(id) .sha256`.
  `Section`: `.id .title() .items`. `Item`: `.id .type .section_id .label() .basis() .hint() .unit
  .options .option_label(v) .required .weight .key .allow_na .min_photos .signer_role`.
- `parse_expression(text) -> Expr` (the safe condition language), `ExpressionError`.

Inspections — write side (each `fn(txn, ...)`, one small transaction per call)
- `start_inspection(txn, task_id, *, inspector_ids=None, place="", started_at=None, template=None,
  templates=None) -> str`: new draft pinned to the template's (id, version) — or the task's open
  draft, so a double start is harmless. Task goes assigned → in_progress.
- `set_answer(txn, inspection_id, item_id, *, result=UNSET, value=UNSET, note=UNSET) -> dict`:
  store one item's answer, only the fields given (None clears); no write when nothing changed.
  Raises ValidationError for a value that does not fit the item, StateError once finalized.
- `update_header(txn, inspection_id, **fields) -> dict`: place, findings, party_statement,
  inspector_ids, recorder_id, gps, started_at, ended_at, hazard, number, data (merged by key).
- `finalize(txn, inspection_id, *, ended_at=None) -> dict`: validate, score, content hash,
  state → finalized (immutable; DB triggers too). Raises `FinalizeBlocked` (`.issues`).
- `amend(txn, inspection_id, *, reason) -> str`: draft amendment (`amends_id`) of a finalized
  inspection, answers and photo links copied (signatures are given again); returns its id.

Inspections — read side
- `open_inspection(db, inspection_id) -> InspectionSession` (a few ms for 200 items):
  `.id .row .template .editable .evaluator`, `.answer(item_id) -> Answer(result, value, note)`,
  `.apply(item_id, *, result=UNSET, value=UNSET, note=UNSET) -> set[str]` (in-memory change, returns
  ids whose state changed — call it alongside `store.write(set_answer, ...)`),
  `.set_evidence(item_id, photos) -> set[str]`, `.set_signatures(role, count) -> set[str]`,
  `.visible_items() -> list[Item]` (shown items in order: what a printed record lists),
  `.state(item_id) -> ItemState` (`relevant, required, answered, issues, status`),
  `.progress() -> Progress` (`answered, total, text "n/m", sections{id: SectionProgress}`),
  `.score() -> Score` (`earned, possible, percent, nonconforming, key_failures, …`),
  `.validate() -> list[Issue]` (`code, item_id, section_id, field, message`; header first,
  then items in template order — jump to `item_id`),
  `.findings_text() -> str` (numbered 不符合 items with basis and facts: a first draft of the findings).
- `list_drafts(db) -> list[dict]`: open drafts, latest change first (id, task_id, enterprise_name,
  task_number, task_type, template_title, answered, total, started_at, updated_at, amends_id).
- `inspection_record(db, id) -> dict`: the canonical record the content hash covers.
- `verify_inspection(db, id) -> bool`: recompute a finalized inspection's hash.
- `pinned_template(db, template_id, version) -> Template`: the exact version an inspection used.

Constants: `RESULT_CONFORM = "符合"`, `RESULT_NONCONFORM = "不符合"`, `RESULT_NA = "不适用"`, `UNSET`.
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
