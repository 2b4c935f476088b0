"""Loading the template folder: good templates are kept, broken ones are reported, never fatal.

The application starts with whatever loaded; `Catalog.errors` lists what was refused (file,
item, problem) so the GUI can show it and an administrator can fix the file.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app.checklists.template import Template, TemplateError, TemplateInvalid, parse_template, version_key
from inspector_app.domain.errors import ValidationError
from inspector_app.i18n import tr

# Which shipped template serves which task type when a task names none (domain.states.TaskType values).
DEFAULT_TEMPLATE_FOR_TASK_TYPE = {
    "spot_check": "spot_check_sampling",
    "post_licence": "post_licence_check",
    "post_ccc": "ccc_post_certification",
    "responsibility": "quality_safety_responsibility",
    "routine": "routine_inspection",
    "special": "routine_inspection",
    "recheck": "routine_inspection",
}


@dataclass
class LoadResult:
    templates: list[Template] = field(default_factory=list)
    errors: list[TemplateError] = field(default_factory=list)


def load_file(path: Path) -> Template:
    """One template file; TemplateInvalid names the file and every problem."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateInvalid([TemplateError(name, None, tr("无法读取文件：{e}", "Cannot read the file: {e}", e=exc))]) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateInvalid([TemplateError(name, None, tr("JSON 格式错误，第 {l} 行第 {c} 列：{m}",
                                                            "Invalid JSON at line {l}, column {c}: {m}",
                                                            l=exc.lineno, c=exc.colno, m=exc.msg))]) from exc
    return parse_template(data, name)


def load_templates(folder: Path | str | None = None) -> LoadResult:
    """Every `*.json` in `folder` (default: the shipped `forms/`), sorted by file name."""
    from inspector_app.store.paths import forms_dir

    folder = Path(folder) if folder is not None else forms_dir()
    result = LoadResult()
    if not folder.is_dir():
        result.errors.append(TemplateError(str(folder), None, tr("模板文件夹不存在。", "The template folder does not exist.")))
        return result
    seen: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            template = load_file(path)
        except TemplateInvalid as exc:
            result.errors.extend(exc.errors)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others loading
            result.errors.append(TemplateError(path.name, None, tr("无法加载：{e}", "Cannot be loaded: {e}", e=repr(exc))))
            continue
        if template.key in seen:
            result.errors.append(TemplateError(path.name, None, tr(
                "模板 {id} 版本 {v} 已由 {other} 定义；修改模板时请提高版本号。",
                "Template {id} version {v} is already defined by {other}; raise the version when you change a template.",
                id=template.id, v=template.version, other=seen[template.key])))
            continue
        seen[template.key] = path.name
        result.templates.append(template)
    return result


class Catalog:
    """The loaded templates by (id, version), with the latest version of each id."""

    def __init__(self, result: LoadResult):
        self.errors = list(result.errors)
        self._by_key = {t.key: t for t in result.templates}
        self._latest: dict[str, Template] = {}
        for template in result.templates:
            best = self._latest.get(template.id)
            if best is None or version_key(template.version) > version_key(best.version):
                self._latest[template.id] = template

    def __iter__(self):
        return iter(sorted(self._latest.values(), key=lambda t: t.id))

    def get(self, template_id: str, version: str | None = None) -> Template | None:
        if version is None:
            return self._latest.get(template_id)
        return self._by_key.get((template_id, str(version)))

    def for_task_type(self, task_type: str) -> Template:
        template_id = DEFAULT_TEMPLATE_FOR_TASK_TYPE.get(str(task_type))
        template = self.get(template_id) if template_id else None
        if template is None:
            for candidate in self:
                if str(task_type) in candidate.task_types:
                    return candidate
            raise ValidationError("no_template", tr(
                "没有适用于任务类型“{t}”的检查表模板。请检查 forms/ 文件夹（模板错误：{n} 个）。",
                "No checklist template for task type '{t}'. Check the forms/ folder ({n} template error(s)).",
                t=task_type, n=len(self.errors)))
        return template

    def for_task(self, task: dict[str, Any]) -> Template:
        """The task's own template (`task.template_id`, optionally `id@version`), else its type's."""
        wanted = (task.get("template_id") or "").strip()
        if wanted:
            template_id, _, version = wanted.partition("@")
            template = self.get(template_id, version or None)
            if template is None:
                raise ValidationError("no_template", tr(
                    "任务指定的检查表模板“{t}”不存在或未能加载。",
                    "The task's checklist template '{t}' does not exist or failed to load.", t=wanted))
            return template
        return self.for_task_type(task.get("type", ""))


_catalog: Catalog | None = None
_catalog_lock = threading.Lock()


def catalog(reload: bool = False) -> Catalog:
    """The shipped templates, loaded once per process."""
    global _catalog
    with _catalog_lock:
        if _catalog is None or reload:
            _catalog = Catalog(load_templates())
        return _catalog
