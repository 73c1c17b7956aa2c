"""The process manual (流程手册) and the role training handout, from the live definition."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from dutydesk.clock import format_site_time
from dutydesk.errors import NotFound
from dutydesk.handover.templates import Template
from dutydesk.kpi.definitions import BOUNDARY_RULES_ZH, KpiDefinition
from dutydesk.kpi.engine import format_value
from dutydesk.process.model import (
    END,
    PROCESS_ROLES,
    ProcessDiff,
    Stage,
    Step,
    diff,
    role_label,
    steps_for_role,
)
from dutydesk.process.service import ENTITY as PROCESS_ENTITY
from dutydesk.process.service import ProcessVersion, kpi_definitions
from dutydesk.store.signing import mismatch_warnings
from dutydesk.training.materials import MATERIAL_KINDS, Material
from reports.document import (
    MUTED,
    DocumentInfo,
    ProgressCallback,
    build_pdf,
    contents_heading,
    data_table,
    key_value_table,
    paragraph,
    styles,
    table_of_contents,
)
from reports.flowchart import stage_drawing
from reports.fonts import ink_markup
from reports.forms import FORMS, handover_form

if TYPE_CHECKING:
    from dutydesk.desk import Desk

FRAME_WIDTH = 174 * mm
FLOWCHART_MAX_HEIGHT = 600.0


@dataclass(frozen=True)
class ManualData:
    """Everything the manual prints; ``history`` is every version, newest first."""

    site_name: str
    timezone: str
    generated_at: str
    version: ProcessVersion
    history: tuple[ProcessVersion, ...]
    people: dict[int, str]
    kpis: tuple[KpiDefinition, ...]
    previous: ProcessVersion | None = None
    kpi_targets: tuple[tuple[str, float], ...] = ()
    checklist: Template | None = None  # the handover checklist in use (blank form)
    # Non-empty when the version no longer matches its approval signature.
    signature_warnings: tuple[str, ...] = ()
    # Training materials: of each process step (by step key), and of each course (by title).
    step_materials: dict[str, tuple[Material, ...]] = field(default_factory=dict)
    course_materials: tuple[tuple[str, Material], ...] = ()

    @property
    def changes(self) -> ProcessDiff | None:
        if self.previous is None:
            return None
        return diff(self.previous.definition, self.version.definition)


def manual_data(desk: Desk, *, version: int | None = None) -> ManualData:
    """Collect the manual's data through the core: by default the version in force."""
    if version is None:
        chosen = desk.process.latest_published()
        if chosen is None:
            raise NotFound(
                "还没有已发布的流程版本；请先发布，或用 --version 指定草稿版本",
                en="No published process version; publish one or name a draft with --version",
            )
    else:
        chosen = desk.process.get(version)
    history = tuple(desk.process.versions())
    previous_number = chosen.based_on
    previous = desk.process.get(previous_number) if previous_number else None
    return ManualData(
        site_name=desk.settings.get("site_name"),
        timezone=desk.settings.get("site_timezone"),
        generated_at=desk.now_iso(),
        version=chosen,
        history=history,
        people={p.id: p.name for p in desk.people.list()},
        kpis=tuple(kpi_definitions()),
        previous=previous,
        kpi_targets=tuple(sorted(desk.kpi.targets().items())),
        checklist=_checklist_in_use(desk),
        signature_warnings=mismatch_warnings(
            desk.db, PROCESS_ENTITY, chosen.id, f"值班流程 第 {chosen.number} 版"
        ),
        step_materials={k: tuple(v) for k, v in desk.training.materials.by_step().items()},
        course_materials=_course_materials(desk),
    )


def _course_materials(desk: Desk) -> tuple[tuple[str, Material], ...]:
    titles = {c.id: c.title for c in desk.training.courses()}
    return tuple(
        (titles.get(m.course_id, ""), m)
        for m in desk.training.materials.list()
        if m.course_id is not None
    )


def material_row(material: Material) -> list[str]:
    """Title, kind, file (linked or stored), size and the start of its sha256."""
    where = (
        f"链接：{material.linked_path}" if material.linked_path else f"内置：{material.filename}"
    )
    return [
        material.title,
        MATERIAL_KINDS[material.kind][0],
        where,
        material.size_text,
        material.sha256[:12],
    ]


MATERIAL_HEADER = ["资料", "类型", "文件", "大小", "SHA-256（前 12 位）"]


def _step_materials_table(steps: tuple[Step, ...], data: ManualData) -> list[Flowable]:
    rows = [
        [step.key, *material_row(m)]
        for step in steps
        for m in data.step_materials.get(step.key, ())
    ]
    if not rows:
        return []
    widths = [11 * mm, 40 * mm, 14 * mm, 64 * mm, 16 * mm, 29 * mm]
    return [
        Spacer(1, 3 * mm),
        paragraph("培训资料（在值班台“流程”页打开）", styles().heading),
        data_table(["编号", *MATERIAL_HEADER], rows, col_widths=widths),
    ]


def _checklist_in_use(desk: Desk) -> Template | None:
    """The site-wide handover checklist, else the first shift's own (read only)."""
    templates = desk.handover.templates
    return templates.current(None) or next(iter(templates.list()), None)


def _status(version: ProcessVersion) -> str:
    return "草稿（未批准）" if version.is_draft else "已发布"


def _info(data: ManualData, title: str, prefix: str) -> DocumentInfo:
    version = data.version
    suffix = "-DRAFT" if version.is_draft else ""
    return DocumentInfo(
        title=title,
        document_id=f"{prefix}-V{version.number}{suffix}",
        site_name=data.site_name,
        generated_at=format_site_time(data.generated_at, data.timezone),
        record_hash=version.approval.content_hash if version.approval else None,
        warnings=data.signature_warnings,
        subject=f"{version.title} 第 {version.number} 版",
    )


# ---------------------------------------------------------------- manual


def build_manual(
    data: ManualData, out: Path | str | None = None, *, progress: ProgressCallback | None = None
) -> bytes:
    """The 流程手册: cover, version page, contents, stages, matrix, KPIs, blank forms."""
    info = _info(data, "值班流程手册", "PM")
    story: list[Flowable] = []
    story += _cover(data, info)
    story.append(PageBreak())
    story += _version_page(data)
    story.append(PageBreak())
    s = styles()
    story.append(paragraph("目录", s.title))
    story.append(table_of_contents())
    story.append(PageBreak())
    story += _overview(data)
    for number, stage in enumerate(data.version.definition.stages, start=1):
        story.append(PageBreak())
        story += _stage_section(stage, number + 1)
        story += _step_materials_table(stage.steps, data)
    story.append(PageBreak())
    story += _matrix(data, len(data.version.definition.stages) + 2)
    story.append(CondPageBreak(120 * mm))
    story += _kpi_section(data, len(data.version.definition.stages) + 3)
    story += _materials_section(data, len(data.version.definition.stages) + 4)
    story += _forms_appendix(data)
    return build_pdf(info, story, out, progress=progress)


def _cover(data: ManualData, info: DocumentInfo) -> list[Flowable]:
    s = styles()
    version = data.version
    big = Paragraph(
        "值班流程手册",
        s.title.clone("cover", fontSize=30, leading=40, spaceAfter=10 * mm),
    )
    lines: list[Flowable] = [
        Spacer(1, 55 * mm),
        big,
        paragraph(version.title, s.title.clone("cover2", fontSize=16, leading=24)),
        Spacer(1, 20 * mm),
        paragraph(data.site_name, s.title.clone("cover3", fontSize=13, leading=20)),
        paragraph(
            f"第 {version.number} 版　·　{_status(version)}",
            s.title.clone("cover4", fontSize=12, leading=20, textColor=MUTED),
        ),
    ]
    if version.published_at:
        lines.append(
            paragraph(
                f"生效时间 {format_site_time(version.published_at, data.timezone)}",
                s.title.clone("cover5", fontSize=11, leading=18, textColor=MUTED),
            )
        )
    else:
        lines.append(
            paragraph(
                "本稿尚未经管理员批准，不得作为正式流程执行",
                s.title.clone("cover6", fontSize=12, leading=20),
            )
        )
    lines.append(Spacer(1, 40 * mm))
    lines.append(
        paragraph(
            f"文件编号 {info.document_id}　　本手册由值班台根据流程定义自动生成",
            s.title.clone("cover7", fontSize=9, leading=14, textColor=MUTED),
        )
    )
    return lines


def _version_page(data: ManualData) -> list[Flowable]:
    s = styles()
    version = data.version
    approval = version.approval
    pairs: list[tuple[str, str]] = [
        ("流程名称", version.title),
        ("版本号", f"第 {version.number} 版"),
        ("状态", _status(version)),
        ("修订说明", version.change_note or "—"),
        ("起草时间", format_site_time(version.created_at, data.timezone)),
        ("起草人", data.people.get(version.created_by or 0, "—")),
    ]
    if approval is not None:
        pairs += [
            ("批准人", data.people.get(approval.person_id, str(approval.person_id))),
            ("签名含义", "批准"),
            ("批准时间", format_site_time(approval.signed_at, data.timezone)),
            ("生效时间", format_site_time(version.published_at, data.timezone)),
            ("内容哈希 SHA-256", approval.content_hash),
        ]
    else:
        pairs.append(("批准", "尚未批准：发布需管理员输入密码进行电子签名（批准）"))
    story: list[Flowable] = [
        contents_heading("版本与审批", 0),
        key_value_table(pairs, key_width=36 * mm),
        Spacer(1, 4 * mm),
        paragraph("修订历史", s.subheading),
    ]
    rows = []
    for item in data.history:
        approver = ""
        if item.approval is not None:
            approver = data.people.get(item.approval.person_id, "")
        rows.append(
            [
                f"第 {item.number} 版",
                _status(item),
                format_site_time(item.published_at, data.timezone) or "—",
                approver or "—",
                item.change_note or "—",
            ]
        )
    story.append(
        data_table(
            ["版本", "状态", "生效时间", "批准人", "修订说明"],
            rows,
            col_widths=[18 * mm, 28 * mm, 32 * mm, 22 * mm, 74 * mm],
        )
    )
    changes = data.changes
    if changes is not None and data.previous is not None:
        story.append(paragraph(f"相对第 {data.previous.number} 版的变更", s.subheading))
        lines = changes.lines() or ["无内容变更"]
        for line in lines:
            story.append(paragraph(f"· {line}", s.body))
    story.append(Spacer(1, 4 * mm))
    story.append(
        paragraph(
            "发布的版本经管理员电子签名批准后锁定，不可修改；修订须新建草稿并重新批准。"
            "每条交接班记录和事件记录都记下当时生效的流程版本。页脚的哈希值可用"
            "“dutydesk verify”核对。",
            s.small,
        )
    )
    return story


def _overview(data: ManualData) -> list[Flowable]:
    s = styles()
    definition = data.version.definition
    story: list[Flowable] = [
        contents_heading("1 流程总览", 0),
        paragraph(
            f"{definition.title}由 {len(definition.stages)} 个阶段组成。每个阶段的步骤按顺序执行，"
            "判断步骤（菱形）按条件分支，标为“返回”的分支回到前面的步骤重新执行。"
            "每个步骤都有唯一的责任角色。",
            s.body,
        ),
        Spacer(1, 3 * mm),
    ]
    rows = []
    for number, stage in enumerate(definition.stages, start=1):
        roles = [r for r in PROCESS_ROLES if any(st.role == r for st in stage.steps)]
        rows.append(
            [
                f"{number}",
                stage.name,
                stage.purpose,
                str(len(stage.steps)),
                "、".join(role_label(r) for r in roles),
            ]
        )
    story.append(
        data_table(
            ["序号", "阶段", "目的", "步骤数", "责任角色"],
            rows,
            col_widths=[12 * mm, 24 * mm, 90 * mm, 16 * mm, 32 * mm],
        )
    )
    story.append(Spacer(1, 4 * mm))
    story.append(paragraph("图例", s.subheading))
    story.append(
        paragraph(
            "圆角框：开始/结束；矩形：由责任角色执行的步骤（下方注明时限）；菱形：判断；"
            "橙色箭头：返回重做的分支；每一列（泳道）对应一个角色。",
            s.body,
        )
    )
    return story


def _edges_text(step: Step, stage: Stage) -> str:
    names = {st.key: st.name for st in stage.steps}
    if not step.next:
        return ""
    parts = []
    for edge in step.next:
        target = "结束" if edge.to == END else f"{edge.to} {names.get(edge.to, '')}"
        label = f"{edge.label}：" if edge.label else ""
        parts.append(f"{label}转 {target}{'（返回）' if edge.loop else ''}")
    return "；".join(parts)


def _step_cell(step: Step, stage: Stage) -> Paragraph:
    s = styles()
    kind = "【判断】" if step.is_decision else ""
    text = f"<b>{_esc(step.name)}</b>{kind}"
    if step.description:
        text += f"<br/><font size=7.5 color='#616e7c'>{_esc(step.description)}</font>"
    routes = _edges_text(step, stage)
    if routes:
        text += f"<br/><font size=7.5 color='#8a4b08'>{_esc(routes)}</font>"
    return Paragraph(ink_markup(text), s.cell)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _roles_text(step: Step) -> str:
    text = role_label(step.role)
    if step.support_roles:
        text += "（协助：" + "、".join(role_label(r) for r in step.support_roles) + "）"
    return text


def _stage_section(stage: Stage, number: int) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        contents_heading(f"{number} {stage.name}", 0),
        paragraph(stage.purpose, s.body),
        Spacer(1, 2 * mm),
        paragraph(f"图 {number}　{stage.name}流程图", s.small),
        stage_drawing(stage, width=FRAME_WIDTH, max_height=FLOWCHART_MAX_HEIGHT),
        CondPageBreak(60 * mm),
        contents_heading(f"{number}.1 {stage.name}步骤与责任", 1),
    ]
    rows = [
        [
            step.key,
            _step_cell(step, stage),
            _roles_text(step),
            "、".join(step.inputs),
            "、".join(step.outputs),
            step.time_limit or "—",
            "、".join(step.tools),
        ]
        for step in stage.steps
    ]
    story.append(
        data_table(
            ["编号", "步骤", "责任角色", "输入", "输出", "时限", "模板/工具"],
            rows,
            col_widths=[11 * mm, 52 * mm, 21 * mm, 25 * mm, 25 * mm, 19 * mm, 21 * mm],
        )
    )
    return story


def _matrix(data: ManualData, number: int) -> list[Flowable]:
    s = styles()
    definition = data.version.definition
    roles = list(PROCESS_ROLES)
    rows = []
    for stage, step in definition.steps():
        cells = []
        for role in roles:
            if step.role == role:
                cells.append("● 负责")
            elif role in step.support_roles:
                cells.append("○ 协助")
            else:
                cells.append("")
        rows.append([stage.name, step.key, step.name, *cells])
    totals = [f"{sum(1 for _st, st in definition.steps() if st.role == r)} 项负责" for r in roles]
    rows.append(["合计", "", "", *totals])
    return [
        contents_heading(f"{number} 角色与步骤矩阵", 0),
        paragraph("●：该角色对该步骤负责；○：该角色协助执行。", s.small),
        Spacer(1, 2 * mm),
        data_table(
            ["阶段", "编号", "步骤", *[role_label(r) for r in roles]],
            rows,
            col_widths=[22 * mm, 13 * mm, 67 * mm, 24 * mm, 24 * mm, 24 * mm],
        ),
    ]


KPI_AREAS = {
    "incidents": "事件记录",
    "handover": "交接班记录",
    "roster": "值班表",
    "feedback": "意见反馈",
    "improvement": "改进措施",
    "training": "培训记录",
}


def _kpi_section(data: ManualData, number: int) -> list[Flowable]:
    s = styles()
    targets = dict(data.kpi_targets)
    rows = [
        [
            k.name_zh,
            k.formula_zh,
            "越高越好" if k.higher_is_better else "越低越好",
            format_value(k, targets[k.code]) if k.code in targets else "—",
            KPI_AREAS.get(k.area, k.area),
        ]
        for k in data.kpis
    ]
    return [
        contents_heading(f"{number} 关键绩效指标定义", 0),
        paragraph(
            "下列指标用于监测流程执行情况，由值班台按统计周期自动计算，并在周期报告中呈现。"
            "目标值为本站点当前设定的全站目标。",
            s.body,
        ),
        Spacer(1, 2 * mm),
        data_table(
            ["指标", "计算方法", "方向", "目标", "数据来源"],
            rows,
            col_widths=[32 * mm, 80 * mm, 18 * mm, 18 * mm, 26 * mm],
        ),
        Spacer(1, 2 * mm),
        paragraph(BOUNDARY_RULES_ZH, s.small),
    ]


def _materials_section(data: ManualData, number: int) -> list[Flowable]:
    """Every course's materials; the steps' own are listed in their stage sections."""
    if not data.course_materials:
        return []
    rows = [[course, *material_row(m)] for course, m in data.course_materials]
    widths = [28 * mm, 36 * mm, 14 * mm, 51 * mm, 16 * mm, 29 * mm]
    return [
        CondPageBreak(80 * mm),
        contents_heading(f"{number} 课程培训资料", 0),
        paragraph(
            "下列资料保存在值班台数据库中（“内置”）或按路径登记（“链接”，打开时核对 SHA-256），"
            "在“培训”页的课程中打开。",
            styles().body,
        ),
        Spacer(1, 2 * mm),
        data_table(["课程", *MATERIAL_HEADER], rows, col_widths=widths),
    ]


def _forms_appendix(data: ManualData) -> list[Flowable]:
    story: list[Flowable] = []
    for number, (name, make) in enumerate(FORMS, start=1):
        story.append(PageBreak())
        heading = contents_heading(f"附录 {number}　{name}（空白表单）", 0)
        story.append(heading)
        # The blank handover form prints the checklist template in use.
        story += handover_form(data.checklist) if make is handover_form else make()
    return story


# ---------------------------------------------------------------- handout


def build_handout(
    data: ManualData,
    role: str,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """Training handout for one role: its steps, responsibilities and the flowcharts."""
    label = role_label(role)
    info = _info(data, f"{label}岗位培训手册", f"TH-{role.upper()}")
    s = styles()
    definition = data.version.definition
    mine = steps_for_role(definition, role)
    story: list[Flowable] = [
        paragraph(f"{label}岗位培训手册", s.title),
        paragraph(
            f"{data.site_name}　·　依据《{definition.title}》第 {data.version.number} 版"
            f"（{_status(data.version)}）",
            s.small,
        ),
        Spacer(1, 4 * mm),
        paragraph(
            f"本手册列出{label}在各阶段负责和协助的步骤、每一步的输入输出、时限和使用的表单。"
            "流程图中浅蓝色的方框是你负责的步骤。学完后请完成最后一页的自查并签字。",
            s.body,
        ),
        Spacer(1, 3 * mm),
        paragraph("职责一览", s.heading),
    ]
    rows = [
        [
            stage.name,
            step.key,
            step.name,
            "负责" if responsible else "协助",
            step.time_limit or "—",
        ]
        for stage, step, responsible in mine
    ]
    story.append(
        data_table(
            ["阶段", "编号", "步骤", "职责", "时限"],
            rows,
            col_widths=[24 * mm, 14 * mm, 80 * mm, 18 * mm, 38 * mm],
        )
    )
    for stage in definition.stages:
        relevant = [(st, r) for stg, st, r in mine if stg.key == stage.key]
        if not relevant:
            continue
        story.append(PageBreak())
        story.append(paragraph(stage.name, s.heading))
        story.append(paragraph(stage.purpose, s.body))
        story.append(stage_drawing(stage, width=FRAME_WIDTH, max_height=380.0, highlight_role=role))
        for step, responsible in relevant:
            duty = "负责" if responsible else f"协助（{role_label(step.role)}负责）"
            pairs = [
                ("步骤", f"{step.key} {step.name}"),
                ("你的职责", duty),
                ("做什么", step.description or "—"),
                ("输入", "、".join(step.inputs) or "—"),
                ("输出", "、".join(step.outputs) or "—"),
                ("时限", step.time_limit or "—"),
                ("表单/工具", "、".join(step.tools) or "—"),
            ]
            routes = _edges_text(step, stage)
            if routes:
                pairs.append(("判断与去向", routes))
            materials = data.step_materials.get(step.key, ())
            if materials:
                pairs.append(
                    ("培训资料", "；".join(f"{m.title}（{m.filename}）" for m in materials))
                )
            story.append(CondPageBreak(45 * mm))
            story.append(Spacer(1, 2 * mm))
            story.append(key_value_table(pairs, key_width=26 * mm))
    story += _handout_materials(data, mine)
    story.append(PageBreak())
    story.append(paragraph("学习自查", s.heading))
    checks = [
        f"我能说出 {step.key}“{step.name}”的时限和要用的表单"
        for _stage, step, responsible in mine
        if responsible
    ]
    checks += ["我知道遇到不能确定的情况时向值班长报告", "我会使用值班台完成电子签名"]
    story.append(
        data_table(["", "自查内容"], [["□", c] for c in checks], col_widths=[10 * mm, 164 * mm])
    )
    story.append(Spacer(1, 8 * mm))
    story.append(
        key_value_table([("学员签字", ""), ("带教人签字", ""), ("日期", "")], key_width=30 * mm)
    )
    return build_pdf(info, story, out, progress=progress)


def _handout_materials(data: ManualData, mine: list[tuple[Stage, Step, bool]]) -> list[Flowable]:
    """The materials to study: those of the role's steps, then every course's."""
    rows = [
        [f"{step.key} {step.name}", *material_row(m)]
        for _stage, step, _responsible in mine
        for m in data.step_materials.get(step.key, ())
    ]
    rows += [[f"课程：{course}", *material_row(m)] for course, m in data.course_materials]
    if not rows:
        return []
    widths = [30 * mm, 34 * mm, 14 * mm, 51 * mm, 16 * mm, 29 * mm]
    return [
        PageBreak(),
        paragraph("培训资料", styles().heading),
        paragraph(
            "以下资料可在值班台的“流程”页（步骤资料）和“培训”页（课程资料）打开。", styles().body
        ),
        Spacer(1, 2 * mm),
        data_table(["步骤/课程", *MATERIAL_HEADER], rows, col_widths=widths),
    ]


def handout_roles() -> tuple[str, ...]:
    return PROCESS_ROLES
