"""The one list of KPI definitions: used by the engine, the dashboard, reports and manual."""

from __future__ import annotations

from dataclasses import dataclass

INCIDENTS, HANDOVER, ROSTER, FEEDBACK, IMPROVEMENT, TRAINING = (
    "incidents",
    "handover",
    "roster",
    "feedback",
    "improvement",
    "training",
)


@dataclass(frozen=True)
class KpiDefinition:
    """``higher_is_better`` gives the direction; ``unit`` is one of min, h, %, count, ratio."""

    code: str
    name_zh: str
    name_en: str
    formula_zh: str
    formula_en: str
    unit: str
    higher_is_better: bool
    area: str

    def name(self, lang: str = "zh_CN") -> str:
        return self.name_en if lang.startswith("en") else self.name_zh

    def formula(self, lang: str = "zh_CN") -> str:
        return self.formula_en if lang.startswith("en") else self.formula_zh


DEFINITIONS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        "response_median",
        "响应时间中位数",
        "Median response time",
        "本期报告且期末前已响应的事件：响应时间 − 报告时间，取中位数",
        "Incidents reported in the period and acknowledged by its end: acknowledged − reported,"
        " median",
        "min",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "response_p90",
        "响应时间第 90 百分位",
        "Response time, 90th percentile",
        "同上，按最近秩法取第 90 百分位",
        "As above, 90th percentile by the nearest-rank method",
        "min",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "response_mean",
        "响应时间平均值",
        "Mean response time",
        "本期报告且已响应的事件：响应时间 − 报告时间，取平均值",
        "Incidents reported in the period and acknowledged by its end: acknowledged − reported,"
        " mean",
        "min",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "resolution_mean",
        "解决时间平均值",
        "Mean resolution time",
        "本期报告且期末前已解决的事件：解决时间 − 报告时间，取平均值",
        "Incidents reported in the period and resolved by its end: resolved − reported, mean",
        "min",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "resolution_median",
        "解决时间中位数",
        "Median resolution time",
        "同上，取中位数",
        "As above, median",
        "min",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "resolution_p90",
        "解决时间第 90 百分位",
        "Resolution time, 90th percentile",
        "同上，按最近秩法取第 90 百分位",
        "As above, 90th percentile by the nearest-rank method",
        "min",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "resolution_rate",
        "事件解决率",
        "Resolution rate",
        "本期报告且期末前已解决的事件数 ÷ 本期报告的事件数",
        "Incidents reported in the period and resolved by its end ÷ incidents reported",
        "%",
        True,
        INCIDENTS,
    ),
    KpiDefinition(
        "response_on_time_rate",
        "按时响应率",
        "On-time response rate",
        "在该级别响应时限内响应的事件 ÷ 已能判定的事件（期末仍在时限内未响应的不计）",
        "Acknowledged within the severity's target ÷ incidents whose outcome is known"
        " (still within target at period end: not counted)",
        "%",
        True,
        INCIDENTS,
    ),
    KpiDefinition(
        "resolution_on_time_rate",
        "按时解决率",
        "On-time resolution rate",
        "在该级别解决时限内解决的事件 ÷ 已能判定的事件",
        "Resolved within the severity's target ÷ incidents whose outcome is known",
        "%",
        True,
        INCIDENTS,
    ),
    KpiDefinition(
        "escalation_rate",
        "升级率",
        "Escalation rate",
        "本期报告且期末前升级过的事件 ÷ 本期报告的事件数",
        "Incidents reported in the period and escalated by its end ÷ incidents reported",
        "%",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "open_at_end",
        "期末未解决事件数",
        "Open incidents at period end",
        "期末前报告、期末时尚未解决的事件数（含以前各期）",
        "Incidents reported before the period end and not resolved at it (any period)",
        "count",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "overdue_at_end",
        "期末超时事件数",
        "Overdue incidents at period end",
        "期末时未解决且已超过响应或解决时限的事件数",
        "Incidents unresolved at period end and past their response or resolution target",
        "count",
        False,
        INCIDENTS,
    ),
    KpiDefinition(
        "record_completeness",
        "值班记录完整率",
        "Duty record completeness",
        "有完整且双方签字交接记录的班次 ÷ 已结束（或已交接）的排班班次（按班次日期计）",
        "Rostered shifts with a complete, dual-signed handover ÷ rostered shifts ended (or"
        " already handed over) (by shift date)",
        "%",
        True,
        HANDOVER,
    ),
    KpiDefinition(
        "handover_duration_median",
        "交接班时长中位数",
        "Median handover duration",
        "本期已锁定交接记录：接班签字时间 − 开始时间，取中位数",
        "Locked handovers of the period: incoming signature − start, median",
        "min",
        False,
        HANDOVER,
    ),
    KpiDefinition(
        "handover_on_time_rate",
        "按时交接率",
        "On-time handover rate",
        "本期已锁定交接记录中在班次交界加容差内完成的比例",
        "Locked handovers of the period completed within the shift boundary plus tolerance",
        "%",
        True,
        HANDOVER,
    ),
    KpiDefinition(
        "hours_per_person",
        "人均值班时长",
        "Duty hours per person",
        "本期有班次人员已值班小时数的平均值（实际到岗者优先，按日历日切分，只计已值的时间）",
        "Mean duty hours of people with shifts in the period (served person when known,"
        " split by calendar day, only time already worked)",
        "h",
        False,
        ROSTER,
    ),
    KpiDefinition(
        "hours_fairness",
        "工时均衡度",
        "Hours balance",
        "专职人员中最少工时 ÷ 最多工时（1 为完全均衡）",
        "Lowest ÷ highest hours among full-time members (1 is perfectly even)",
        "ratio",
        True,
        ROSTER,
    ),
    KpiDefinition(
        "roster_gaps",
        "排班缺口",
        "Roster gaps",
        "本期已开始的班次中应排而未排的岗位数",
        "Required duty slots of shifts of the period that have begun, left unfilled",
        "count",
        False,
        ROSTER,
    ),
    KpiDefinition(
        "feedback_received",
        "收到反馈数",
        "Feedback received",
        "本期收到的反馈条数",
        "Feedback entries received in the period",
        "count",
        True,
        FEEDBACK,
    ),
    KpiDefinition(
        "feedback_classified_rate",
        "反馈分类率",
        "Feedback classified",
        "本期收到的反馈中已分类（非新建）的比例",
        "Share of the period's feedback that has been classified (not new)",
        "%",
        True,
        FEEDBACK,
    ),
    KpiDefinition(
        "feedback_answered_rate",
        "反馈答复率",
        "Feedback answered",
        "本期收到的反馈中已答复的比例",
        "Share of the period's feedback that has been answered",
        "%",
        True,
        FEEDBACK,
    ),
    KpiDefinition(
        "feedback_answer_hours",
        "反馈答复时间中位数",
        "Median time to answer feedback",
        "已答复反馈：答复时间 − 收到时间，取中位数",
        "Answered feedback: replied − received, median",
        "h",
        False,
        FEEDBACK,
    ),
    KpiDefinition(
        "actions_on_time_rate",
        "整改措施按期完成率",
        "Actions done on time",
        "本期到期的整改措施中在到期日前完成的比例（已取消的不计）",
        "Actions due in the period that were done by their due date (cancelled ones excluded)",
        "%",
        True,
        IMPROVEMENT,
    ),
    KpiDefinition(
        "actions_effective_rate",
        "整改措施有效率",
        "Actions verified effective",
        "本期验证的措施中被验证为有效的比例",
        "Actions verified in the period that were found effective",
        "%",
        True,
        IMPROVEMENT,
    ),
    KpiDefinition(
        "training_completion",
        "培训出勤率",
        "Training attendance",
        "本期培训的应到人员中实到的比例（请假不计）",
        "Attendees present ÷ people expected at the period's sessions (excused not counted)",
        "%",
        True,
        TRAINING,
    ),
)

BY_CODE: dict[str, KpiDefinition] = {d.code: d for d in DEFINITIONS}

BOUNDARY_RULES_ZH = (
    "事件按报告时间归入统计期；班次与交接记录按班次日期归入；反馈按收到时间、措施按到期日、"
    "培训按举办日期归入。统计期的起止按站点时区的自然日计算。只计已发生的：统计期包含今天时，"
    "事件与反馈计至此刻，班次只计已结束的，工时只计已值的时间，排班缺口只计已开始的班次，"
    "措施只计已到期或已完成的，培训只计已举办的。"
)
BOUNDARY_RULES_EN = (
    "Incidents belong to the period in which they were reported; shifts and handovers to the"
    " period of their shift date; feedback by when it was received, actions by due date,"
    " training by session date. Period limits are calendar days in the site's time zone."
    " Only what has happened counts: in a period that includes today, incidents and feedback"
    " count up to now, only ended shifts count, hours only as worked so far, roster gaps only"
    " for shifts that have begun, actions only once due or done, training only once held."
)
