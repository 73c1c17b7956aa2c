"""The duty process as data: stages, steps, decisions; parsing, validation, edits and diff.

A definition is a plain document (stored as JSON in one version row). Steps run in list
order inside a stage; a task step flows to the next step unless it names one ``next``
edge; a decision step names two or more labelled edges. ``END`` ends the stage.

Cycles: the flow must be acyclic except for loops modelled explicitly. A loop is an edge
from a decision back to the same or an earlier step, marked ``"loop": true``; the
decision must also have a forward way out. Any other cycle (an unmarked back edge, or a
back edge from a task step) is rejected with the steps that form it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from dutydesk import schema
from dutydesk.errors import ValidationError
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, ROLE_LABELS

END = "END"
TASK, DECISION = "task", "decision"
KINDS = (TASK, DECISION)
# Roles that can be responsible for a step (auditors only read).
PROCESS_ROLES: tuple[str, ...] = (OFFICER, LEADER, ADMIN)

_TEXT: dict[str, Any] = {"type": "string"}
_TEXTS: dict[str, Any] = {"type": "array", "items": _TEXT}
_EDGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["to"],
    "additionalProperties": False,
    "properties": {"to": _TEXT, "label": _TEXT, "loop": {"type": "boolean"}},
}
_STEP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "key": _TEXT,
        "name": _TEXT,
        "kind": _TEXT,
        "role": _TEXT,
        "support_roles": _TEXTS,
        "description": _TEXT,
        "inputs": _TEXTS,
        "outputs": _TEXTS,
        "time_limit": _TEXT,
        "tools": _TEXTS,
        "next": {"type": "array", "items": _EDGE_SCHEMA},
    },
}
# The shape of an imported or edited definition document; the rules that need the whole
# flow (roles, edges, cycles) are checked afterwards by ``check``.
DEFINITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["stages"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "stages": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "key": _TEXT,
                    "name": _TEXT,
                    "purpose": _TEXT,
                    "steps": {"type": "array", "items": _STEP_SCHEMA},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Edge:
    """An outgoing edge: ``to`` a step key of the same stage or ``END``."""

    to: str
    label: str = ""
    loop: bool = False


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    role: str
    kind: str = TASK
    description: str = ""
    support_roles: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    time_limit: str = ""
    tools: tuple[str, ...] = ()
    next: tuple[Edge, ...] = ()

    @property
    def is_decision(self) -> bool:
        return self.kind == DECISION


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    purpose: str = ""
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class ProcessDefinition:
    title: str
    stages: tuple[Stage, ...] = field(default_factory=tuple)

    def steps(self) -> list[tuple[Stage, Step]]:
        return [(stage, step) for stage in self.stages for step in stage.steps]

    def step(self, key: str) -> Step:
        for _stage, step in self.steps():
            if step.key == key:
                return step
        raise KeyError(key)

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise KeyError(key)

    def roles_used(self) -> list[str]:
        used = {s.role for _st, s in self.steps()} | {
            r for _st, s in self.steps() for r in s.support_roles
        }
        return [r for r in PROCESS_ROLES if r in used]


@dataclass(frozen=True)
class DefinitionProblem:
    """One reason a definition is invalid; ``where`` is a path such as ``交接班 / H3``."""

    where: str
    message: str
    message_en: str


class ProcessInvalid(ValidationError):
    """A definition with problems; ``problems`` lists every one, the message the first few."""

    def __init__(self, problems: Sequence[DefinitionProblem]) -> None:
        self.problems = tuple(problems)
        head = self.problems[:5]
        more = len(self.problems) - len(head)
        zh = "；".join(f"{p.where}：{p.message}" for p in head)
        en = "; ".join(f"{p.where}: {p.message_en}" for p in head)
        if more:
            zh += f"；另有 {more} 个问题"
            en += f"; {more} more"
        super().__init__(
            head[0].where if head else "definition",
            f"流程定义有误：{zh}",
            en=f"The process definition is invalid: {en}",
        )


def role_label(role: str, lang: str = "zh_CN") -> str:
    zh, en = ROLE_LABELS.get(role, (role, role))
    return en if lang.startswith("en") else zh


# ---------------------------------------------------------------- parsing


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _edge(raw: Mapping[str, Any]) -> Edge:
    return Edge(
        to=_text(raw.get("to")), label=_text(raw.get("label")), loop=raw.get("loop") is True
    )


def _step(raw: Mapping[str, Any]) -> Step:
    return Step(
        key=_text(raw.get("key")),
        name=_text(raw.get("name")),
        role=_text(raw.get("role")),
        kind=_text(raw.get("kind")) or TASK,
        description=_text(raw.get("description")),
        support_roles=_texts(raw.get("support_roles")),
        inputs=_texts(raw.get("inputs")),
        outputs=_texts(raw.get("outputs")),
        time_limit=_text(raw.get("time_limit")),
        tools=_texts(raw.get("tools")),
        next=tuple(_edge(e) for e in _mappings(raw.get("next"))),
    )


def parse_definition(raw: Any) -> ProcessDefinition:
    """Build a definition from JSON-like data and validate it; raises ``ProcessInvalid``."""
    definition, problems = parse_unchecked(raw)
    problems += check(definition)
    if problems:
        raise ProcessInvalid(problems)
    return definition


def parse_json(text: str) -> ProcessDefinition:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            "definition",
            f"流程定义不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}",
            en=f"The process definition is not valid JSON: line {error.lineno}, "
            f"column {error.colno}: {error.msg}",
        ) from error
    return parse_definition(raw)


def parse_unchecked(raw: Any) -> tuple[ProcessDefinition, list[DefinitionProblem]]:
    """The definition as far as it can be read, and every place that does not fit the schema."""
    problems = [
        DefinitionProblem(p.where, p.message, p.message_en)
        for p in schema.problems(raw, DEFINITION_SCHEMA, root="流程")
    ]
    if not isinstance(raw, Mapping):
        return ProcessDefinition(""), problems
    stages = tuple(
        Stage(
            key=_text(stage.get("key")),
            name=_text(stage.get("name")),
            purpose=_text(stage.get("purpose")),
            steps=tuple(_step(s) for s in _mappings(stage.get("steps"))),
        )
        for stage in _mappings(raw.get("stages"))
    )
    return ProcessDefinition(title=_text(raw.get("title")), stages=stages), problems


def to_data(definition: ProcessDefinition) -> dict[str, Any]:
    """The JSON document of a definition (defaults left out, so files stay readable)."""

    def step_data(step: Step) -> dict[str, Any]:
        data: dict[str, Any] = {"key": step.key, "name": step.name}
        if step.kind != TASK:
            data["kind"] = step.kind
        data["role"] = step.role
        for f in fields(Step):
            if f.name in {"key", "name", "kind", "role", "next"}:
                continue
            value = getattr(step, f.name)
            if value:
                data[f.name] = list(value) if isinstance(value, tuple) else value
        if step.next:
            data["next"] = [
                {"to": e.to, "label": e.label, **({"loop": True} if e.loop else {})}
                for e in step.next
            ]
        return data

    return {
        "title": definition.title,
        "stages": [
            {
                "key": stage.key,
                "name": stage.name,
                "purpose": stage.purpose,
                "steps": [step_data(s) for s in stage.steps],
            }
            for stage in definition.stages
        ],
    }


def to_json(definition: ProcessDefinition) -> str:
    return json.dumps(to_data(definition), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- validation


def successors(stage: Stage, index: int) -> list[Edge]:
    """The outgoing edges of the step at ``index``: explicit ones, else the next step."""
    step = stage.steps[index]
    if step.next:
        return list(step.next)
    following = stage.steps[index + 1].key if index + 1 < len(stage.steps) else END
    return [Edge(to=following)]


def check(definition: ProcessDefinition) -> list[DefinitionProblem]:
    """Every problem of a definition, in reading order; an empty list means valid."""
    problems: list[DefinitionProblem] = []

    def add(where: str, zh: str, en: str) -> None:
        problems.append(DefinitionProblem(where, zh, en))

    if not definition.title:
        add("流程", "流程名称不能为空", "the process needs a title")
    if not definition.stages:
        add("流程", "流程至少需要一个阶段", "the process needs at least one stage")
    seen_stage_keys: set[str] = set()
    seen_stage_names: set[str] = set()
    seen_step_keys: dict[str, str] = {}
    for number, stage in enumerate(definition.stages, start=1):
        where = stage.name or f"第 {number} 个阶段"
        if not stage.key:
            add(where, "阶段缺少编号 key", "the stage has no key")
        elif stage.key in seen_stage_keys:
            add(where, f"阶段编号 {stage.key} 重复", f"stage key {stage.key} is used twice")
        seen_stage_keys.add(stage.key)
        if not stage.name:
            add(where, "阶段名称不能为空", "the stage has no name")
        elif stage.name in seen_stage_names:
            add(where, f"阶段名称 {stage.name} 重复", f"stage name {stage.name} is used twice")
        seen_stage_names.add(stage.name)
        if not stage.steps:
            add(where, "阶段中没有任何步骤", "the stage has no steps")
            continue
        for step in stage.steps:
            at = f"{where} / {step.key or step.name or '?'}"
            if not step.key:
                add(at, "步骤缺少编号 key", "the step has no key")
            elif step.key == END:
                add(at, f"{END} 是保留字，不能作为步骤编号", f"{END} is reserved")
            elif step.key in seen_step_keys:
                add(
                    at,
                    f"步骤编号 {step.key} 重复（已用于 {seen_step_keys[step.key]}）",
                    f"step key {step.key} is used twice",
                )
            else:
                seen_step_keys[step.key] = where
            if not step.name:
                add(at, "步骤名称不能为空", "the step has no name")
            if not step.role:
                add(at, "步骤没有指定责任角色", "the step has no responsible role")
            elif step.role not in PROCESS_ROLES:
                add(
                    at,
                    f"责任角色 {step.role} 无效，应为值班员、值班长或管理员",
                    f"invalid role {step.role}; use officer, leader or admin",
                )
            for extra in step.support_roles:
                if extra not in PROCESS_ROLES:
                    add(at, f"协助角色 {extra} 无效", f"invalid supporting role {extra}")
            if step.kind not in KINDS:
                add(at, f"步骤类型 {step.kind} 无效", f"invalid step kind {step.kind}")
        problems.extend(_check_flow(stage, where))
    return problems


def _check_flow(stage: Stage, where: str) -> list[DefinitionProblem]:
    problems: list[DefinitionProblem] = []
    order = {step.key: i for i, step in enumerate(stage.steps)}
    for index, step in enumerate(stage.steps):
        at = f"{where} / {step.key}"
        if step.is_decision:
            if len(step.next) < 2:
                problems.append(
                    DefinitionProblem(
                        at, "判断步骤至少需要两个去向", "a decision needs at least two edges"
                    )
                )
            labels = [e.label for e in step.next]
            if any(not label for label in labels):
                problems.append(
                    DefinitionProblem(
                        at, "判断步骤的每个去向都要有标注", "every decision edge needs a label"
                    )
                )
            elif len(set(labels)) != len(labels):
                problems.append(
                    DefinitionProblem(at, "判断去向的标注重复", "decision labels repeat")
                )
        elif len(step.next) > 1:
            problems.append(
                DefinitionProblem(
                    at,
                    "普通步骤只能有一个去向；分支请使用判断步骤",
                    "a task step has at most one edge; use a decision to branch",
                )
            )
        for edge in step.next:
            if edge.to != END and edge.to not in order:
                problems.append(
                    DefinitionProblem(
                        at,
                        f"流转指向不存在的步骤 {edge.to}（只能指向本阶段的步骤或 {END}）",
                        f"edge to a missing step {edge.to} (same stage or {END} only)",
                    )
                )
                continue
            if edge.loop:
                backward = edge.to != END and order[edge.to] <= index
                if not step.is_decision:
                    problems.append(
                        DefinitionProblem(
                            at,
                            "只有判断步骤可以设置返回（循环）",
                            "only a decision may loop back",
                        )
                    )
                elif not backward:
                    problems.append(
                        DefinitionProblem(
                            at,
                            f"标为返回的流转 {edge.to} 没有指向前面的步骤",
                            f"the loop edge to {edge.to} does not go back",
                        )
                    )
        if step.is_decision and step.next:
            forward = [e for e in step.next if not e.loop]
            if not forward:
                problems.append(
                    DefinitionProblem(
                        at,
                        "判断步骤只有返回去向，流程无法继续",
                        "the decision only loops back; the flow can never leave it",
                    )
                )
    if problems:
        return problems
    cycle = find_cycle(stage)
    if cycle:
        path = " → ".join(cycle)
        problems.append(
            DefinitionProblem(
                where,
                f"流程出现循环：{path}（只有判断步骤标为返回的流转可以回到前面的步骤）",
                f"the flow has a cycle: {path} (only decision edges marked as loops may go back)",
            )
        )
        return problems
    reachable = _reachable(stage)
    for step in stage.steps:
        if step.key not in reachable:
            problems.append(
                DefinitionProblem(
                    f"{where} / {step.key}",
                    "从阶段第一步无法到达该步骤",
                    "the step cannot be reached from the first step of the stage",
                )
            )
    if END not in reachable:
        problems.append(
            DefinitionProblem(where, "流程无法到达结束", "the flow never reaches the end")
        )
    return problems


def find_cycle(stage: Stage) -> list[str]:
    """A cycle among the non-loop edges, as step keys (first repeated at the end), or []."""
    index_of = {step.key: i for i, step in enumerate(stage.steps)}
    graph = {
        step.key: [e.to for e in successors(stage, i) if not e.loop and e.to in index_of]
        for i, step in enumerate(stage.steps)
    }
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for target in graph[node]:
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for key in graph:
        if key not in state:
            found = visit(key)
            if found:
                return found
    return []


def _reachable(stage: Stage) -> set[str]:
    index_of = {step.key: i for i, step in enumerate(stage.steps)}
    seen: set[str] = set()
    todo = [stage.steps[0].key]
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        if key == END:
            continue
        todo.extend(e.to for e in successors(stage, index_of[key]))
    return seen


def validate(definition: ProcessDefinition) -> ProcessDefinition:
    problems = check(definition)
    if problems:
        raise ProcessInvalid(problems)
    return definition


# ---------------------------------------------------------------- edits (pure)


def _locate(definition: ProcessDefinition, step_key: str) -> tuple[int, int]:
    for si, stage in enumerate(definition.stages):
        for pi, step in enumerate(stage.steps):
            if step.key == step_key:
                return si, pi
    raise ValidationError("step", f"步骤 {step_key} 不存在", en=f"Step {step_key} does not exist")


def _stage_index(definition: ProcessDefinition, stage_key: str) -> int:
    for si, stage in enumerate(definition.stages):
        if stage.key == stage_key:
            return si
    raise ValidationError(
        "stage", f"阶段 {stage_key} 不存在", en=f"Stage {stage_key} does not exist"
    )


def _with_stage(
    definition: ProcessDefinition, index: int, stage: Stage | None
) -> ProcessDefinition:
    stages = list(definition.stages)
    if stage is None:
        del stages[index]
    else:
        stages[index] = stage
    return replace(definition, stages=tuple(stages))


def replace_step(definition: ProcessDefinition, step_key: str, step: Step) -> ProcessDefinition:
    """Replace a step (its key may change: edges pointing at it follow)."""
    si, pi = _locate(definition, step_key)
    stage = definition.stages[si]
    steps = list(stage.steps)
    steps[pi] = step
    if step.key != step_key:
        steps = [
            replace(
                s,
                next=tuple(replace(e, to=step.key) if e.to == step_key else e for e in s.next),
            )
            for s in steps
        ]
    return _with_stage(definition, si, replace(stage, steps=tuple(steps)))


def insert_step(
    definition: ProcessDefinition, stage_key: str, step: Step, *, after: str | None = None
) -> ProcessDefinition:
    """Insert a step at the end of a stage, or after the step ``after``."""
    si = _stage_index(definition, stage_key)
    stage = definition.stages[si]
    steps = list(stage.steps)
    position = len(steps)
    if after is not None:
        keys = [s.key for s in steps]
        if after not in keys:
            raise ValidationError(
                "step", f"步骤 {after} 不在该阶段", en=f"Step {after} is not in this stage"
            )
        position = keys.index(after) + 1
    steps.insert(position, step)
    return _with_stage(definition, si, replace(stage, steps=tuple(steps)))


def remove_step(definition: ProcessDefinition, step_key: str) -> ProcessDefinition:
    """Remove a step; refused while another step's edge still points at it."""
    si, pi = _locate(definition, step_key)
    stage = definition.stages[si]
    users = [s.key for s in stage.steps if any(e.to == step_key for e in s.next)]
    users = [u for u in users if u != step_key]
    if users:
        raise ValidationError(
            "step",
            f"步骤 {step_key} 仍被 {'、'.join(users)} 的流转引用，请先修改这些流转",
            en=f"Step {step_key} is still the target of {', '.join(users)}",
        )
    steps = list(stage.steps)
    del steps[pi]
    return _with_stage(definition, si, replace(stage, steps=tuple(steps)))


def move_step(definition: ProcessDefinition, step_key: str, delta: int) -> ProcessDefinition:
    si, pi = _locate(definition, step_key)
    stage = definition.stages[si]
    steps = list(stage.steps)
    target = max(0, min(len(steps) - 1, pi + delta))
    steps.insert(target, steps.pop(pi))
    return _with_stage(definition, si, replace(stage, steps=tuple(steps)))


def replace_stage(definition: ProcessDefinition, stage_key: str, stage: Stage) -> ProcessDefinition:
    return _with_stage(definition, _stage_index(definition, stage_key), stage)


def add_stage(definition: ProcessDefinition, stage: Stage) -> ProcessDefinition:
    return replace(definition, stages=(*definition.stages, stage))


def remove_stage(definition: ProcessDefinition, stage_key: str) -> ProcessDefinition:
    return _with_stage(definition, _stage_index(definition, stage_key), None)


def next_step_key(definition: ProcessDefinition, prefix: str = "X") -> str:
    used = {s.key for _st, s in definition.steps()}
    number = 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


# ---------------------------------------------------------------- diff

FIELD_LABELS: dict[str, str] = {
    "name": "名称",
    "role": "责任角色",
    "kind": "类型",
    "description": "说明",
    "support_roles": "协助角色",
    "inputs": "输入",
    "outputs": "输出",
    "time_limit": "时限",
    "tools": "模板/工具",
    "next": "流转",
    "purpose": "目的",
    "position": "顺序",
    "stage": "所属阶段",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True)
class ItemChange:
    """A stage or step that was added, removed or changed between two versions."""

    kind: str  # "stage" or "step"
    key: str
    name: str
    change: str  # "added", "removed", "changed"
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ProcessDiff:
    old_title: str
    new_title: str
    items: tuple[ItemChange, ...]

    @property
    def empty(self) -> bool:
        return not self.items and self.old_title == self.new_title

    def lines(self) -> list[str]:
        """A readable Chinese summary, one line per change."""
        words = {"added": "新增", "removed": "删除", "changed": "修改"}
        kinds = {"stage": "阶段", "step": "步骤"}
        out = []
        if self.old_title != self.new_title:
            out.append(f"流程名称：{self.old_title} → {self.new_title}")
        for item in self.items:
            text = f"{words[item.change]}{kinds[item.kind]} {item.key} {item.name}"
            if item.fields:
                text += "：" + "；".join(
                    f"{c.label} {c.old or '（空）'} → {c.new or '（空）'}" for c in item.fields
                )
            out.append(text)
        return out


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        if value and isinstance(value[0], Edge):
            return "，".join(
                f"{e.label + '→' if e.label else '→'}{e.to}{'（返回）' if e.loop else ''}"
                for e in value
            )
        return "、".join(str(v) for v in value)
    return str(value)


def diff(old: ProcessDefinition, new: ProcessDefinition) -> ProcessDiff:
    """What changed from ``old`` to ``new``: stages and steps added, removed or changed."""
    items: list[ItemChange] = []
    old_stages = {s.key: (i, s) for i, s in enumerate(old.stages)}
    new_stages = {s.key: (i, s) for i, s in enumerate(new.stages)}
    for key, (_i, stage) in old_stages.items():
        if key not in new_stages:
            items.append(ItemChange("stage", key, stage.name, "removed"))
    for key, (index, stage) in new_stages.items():
        if key not in old_stages:
            items.append(ItemChange("stage", key, stage.name, "added"))
            continue
        old_index, before = old_stages[key]
        changes = [
            FieldChange(name, getattr(before, name), getattr(stage, name))
            for name in ("name", "purpose")
            if getattr(before, name) != getattr(stage, name)
        ]
        if old_index != index:
            changes.append(FieldChange("position", str(old_index + 1), str(index + 1)))
        if changes:
            items.append(ItemChange("stage", key, stage.name, "changed", tuple(changes)))
    old_steps = _step_places(old)
    new_steps = _step_places(new)
    for key, (_stage, _pos, step) in old_steps.items():
        if key not in new_steps:
            items.append(ItemChange("step", key, step.name, "removed"))
    for key, (stage_key, position, step) in new_steps.items():
        if key not in old_steps:
            items.append(ItemChange("step", key, step.name, "added"))
            continue
        old_stage, old_position, previous = old_steps[key]
        changes = []
        for f in fields(Step):
            if f.name == "key":
                continue
            a, b = getattr(previous, f.name), getattr(step, f.name)
            if a != b:
                changes.append(FieldChange(f.name, _show(a), _show(b)))
        if old_stage != stage_key:
            changes.append(FieldChange("stage", old_stage, stage_key))
        elif old_position != position:
            changes.append(FieldChange("position", str(old_position + 1), str(position + 1)))
        if changes:
            items.append(ItemChange("step", key, step.name, "changed", tuple(changes)))
    return ProcessDiff(old.title, new.title, tuple(items))


def _step_places(definition: ProcessDefinition) -> dict[str, tuple[str, int, Step]]:
    return {
        step.key: (stage.key, position, step)
        for stage in definition.stages
        for position, step in enumerate(stage.steps)
    }


def steps_for_role(definition: ProcessDefinition, role: str) -> list[tuple[Stage, Step, bool]]:
    """Steps a role is responsible for (True) or supports (False), in process order."""
    found = []
    for stage, step in definition.steps():
        if step.role == role:
            found.append((stage, step, True))
        elif role in step.support_roles:
            found.append((stage, step, False))
    return found


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
