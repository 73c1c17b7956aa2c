"""The needs-analysis report (现状评估报告): questionnaire results with charts, figures
derived from the records, the identified needs and the author's signature."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dutydesk.clock import format_site_time
from dutydesk.store.signing import MEANINGS
from dutydesk.training.assessments import (
    NEED_CATEGORIES,
    PRIORITIES,
    UNCLASSIFIED,
    AssessmentReportData,
)
from dutydesk.training.questionnaires import KINDS, PURPOSES
from reports.charts import bar_chart
from reports.document import (
    DocumentInfo,
    ProgressCallback,
    contents_heading,
    data_table,
    key_value_table,
    paragraph,
    styles,
    table_or_note,
    titled_pdf,
)

if TYPE_CHECKING:
    from dutydesk.desk import Desk

TITLE = "现状评估报告"


def _number(value: float, unit: str) -> str:
    text = f"{value:.1f}" if abs(value - round(value)) > 1e-9 else f"{round(value)}"
    return f"{text} {unit}".strip() if unit != "%" else f"{text}%"


def assessment_story(data: AssessmentReportData, zone: ZoneInfo | str) -> list[Flowable]:
    s = styles()
    a = data.assessment
    results = data.results
    story: list[Flowable] = []
    state = (
        "已签署（" + "、".join(MEANINGS[x.meaning][0] for x in a.signatures) + "）"
        if a.signatures
        else "草稿，尚未签署"
    )
    pairs = [
        ("评估", a.title),
        ("统计期间", f"{a.period_start} 至 {a.period_end}"),
        ("作者", a.author_name),
        ("状态", state),
    ]
    if results is not None:
        q = results.questionnaire
        pairs += [
            ("问卷", f"{q.title}（{PURPOSES[q.purpose][0]}，{'匿名' if q.anonymous else '实名'}）"),
            ("答卷数", str(results.responses)),
        ]
    else:
        pairs.append(("问卷", "未引用问卷"))
    story.append(key_value_table(pairs, key_width=28 * mm))

    story.append(contents_heading("一、评估结论"))
    story.append(paragraph(a.summary or "（作者尚未填写结论）", s.body))

    story.append(contents_heading("二、问卷结果"))
    if results is None:
        story.append(paragraph("本评估未引用问卷。", s.body))
    elif results.responses == 0:
        story.append(paragraph("问卷尚无答卷。", s.body))
    else:
        for result in results.questions:
            question = result.question
            block: list[Flowable] = [
                paragraph(
                    f"{question.position}. {question.text}（{KINDS[question.kind][0]}，"
                    f"回答 {result.answered} 人）",
                    s.subheading,
                )
            ]
            if question.kind == "text":
                texts = result.texts or ("（无文本答案）",)
                block += [paragraph(f"· {t}", s.cell) for t in texts]
            else:
                labels = (
                    [f"{p} 分" for p in result.labels]
                    if question.kind == "scale"
                    else list(result.labels)
                )
                block.append(
                    bar_chart(labels, result.counts, total=result.answered, width=170 * mm)
                )
                if result.average is not None:
                    block.append(paragraph(f"平均分 {result.average:.2f}（满分 5）", s.small))
                if question.kind == "multiple":
                    block.append(
                        paragraph("多选题：占比按回答人数计算，合计可超过 100%。", s.small)
                    )
            story.append(KeepTogether(block))

    heading = contents_heading("三、访谈")
    if data.interviews:
        for number, interview in enumerate(data.interviews, 1):
            # The heading travels with the first interview: never alone at a page foot.
            part: list[Flowable] = [heading] if number == 1 else []
            part += [
                paragraph(
                    f"访谈 {number}：{interview.interviewee_label}　{interview.held_on}"
                    f"　访谈人 {interview.interviewer_name}",
                    s.subheading,
                )
            ]
            pairs = [
                ("访谈问题", "\n".join(f"{i}. {q}" for i, q in enumerate(interview.questions, 1))),
                ("访谈记录", interview.notes or "—"),
                (
                    "发现",
                    "\n".join(f"{f.position}. {f.text}" for f in interview.findings) or "—",
                ),
            ]
            part.append(key_value_table([(k, v or "—") for k, v in pairs], key_width=24 * mm))
            story.append(KeepTogether(part))
    else:
        story += [heading, paragraph("本评估未记录访谈。", s.body)]

    story.append(contents_heading("四、记录数据"))
    available = [f for f in data.figures if f.value is not None]
    missing = [f for f in data.figures if f.value is None]
    if available:
        story.append(
            data_table(
                ["指标", "数值"],
                [[f.label_zh, _number(f.value or 0.0, f.unit)] for f in available],
                col_widths=[80 * mm, 40 * mm],
            )
        )
    if missing:
        story.append(Spacer(1, 2 * mm))
        story.append(
            paragraph(
                "以下指标暂无数据（相应记录功能尚未提供数据，或统计期间内没有记录），本报告不作估计："
                + "、".join(f.label_zh for f in missing)
                + "。",
                s.body,
            )
        )

    story.append(contents_heading("五、已识别的需求"))
    sources = data.need_sources or {}
    if a.needs:
        groups: list[tuple[str | None, str]] = [(k, v[0]) for k, v in NEED_CATEGORIES.items()]
        groups.append((None, UNCLASSIFIED[0]))
        for code, label in groups:
            needs = [n for n in a.needs if n.category == code]
            if not needs:
                continue
            story.append(paragraph(f"{label}类需求（{len(needs)} 项）", s.subheading))
            story.append(
                data_table(
                    ["序号", "需求", "优先级", "来源", "拟采取的措施"],
                    [
                        [
                            n.position,
                            n.need,
                            PRIORITIES[n.priority][0],
                            sources.get(n.id, "—"),
                            n.action,
                        ]
                        for n in needs
                    ],
                    col_widths=[12 * mm, 56 * mm, 14 * mm, 44 * mm, 48 * mm],
                )
            )
    else:
        story.append(paragraph("（尚未列出需求）", s.body))

    story.append(contents_heading("六、签署"))
    story.append(
        table_or_note(
            ["签署人", "含义", "时间", "内容哈希 SHA-256"],
            [
                [
                    x.name,
                    MEANINGS[x.meaning][0],
                    format_site_time(x.signed_at, zone),
                    x.content_hash,
                ]
                for x in a.signatures
            ],
            "本报告为草稿，作者尚未签署。",
            col_widths=[24 * mm, 16 * mm, 40 * mm, 94 * mm],
        )
    )
    return story


def render_assessment(
    data: AssessmentReportData,
    *,
    generated_at: datetime | str,
    zone: ZoneInfo | str,
    out: Path | str | None = None,
    progress: ProgressCallback | None = None,
) -> bytes:
    """The report of one assessment; times are printed in the site time ``zone``."""
    info = DocumentInfo(
        title=TITLE,
        document_id=f"ASMT-{data.assessment.id:04d}",
        site_name=data.site_name,
        generated_at=format_site_time(generated_at, zone),
        record_hash=data.record_hash,
        warnings=data.signature_warnings,
        subject=data.assessment.title,
    )
    story = assessment_story(data, zone)
    return titled_pdf(info, story, out, progress=progress)


def build_assessment_report(
    desk: Desk,
    assessment_id: int,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    data = desk.training.assessments.report_data(assessment_id)
    return render_assessment(
        data,
        generated_at=desk.clock(),
        zone=desk.settings.site_zone(),
        out=out,
        progress=progress,
    )
