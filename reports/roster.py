"""Monthly roster PDF (月度排班表): A4 landscape, people × days, holidays and weekends marked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dutydesk.clock import format_site_time
from dutydesk.roster.engine import DUTY_ROLE_LABELS
from dutydesk.roster.grid import RosterGrid, month_range, roster_grid
from reports.document import (
    DocumentInfo,
    ProgressCallback,
    paragraph,
    styles,
    titled_pdf,
)
from reports.fonts import FONT

if TYPE_CHECKING:
    from dutydesk.desk import Desk

HOLIDAY_FILL = colors.HexColor("#fde2e1")
WEEKEND_FILL = colors.HexColor("#eef1f4")
MAKEUP_FILL = colors.HexColor("#fff4cc")
KIND_MARK = {"holiday": "休", "makeup": "班", "weekend": "", "workday": ""}


def _lighter(hex_colour: str) -> colors.Color:
    base = colors.HexColor(hex_colour)
    return colors.Color(0.55 + 0.45 * base.red, 0.55 + 0.45 * base.green, 0.55 + 0.45 * base.blue)


def roster_story(grid: RosterGrid, *, site: str, title: str) -> list[Flowable]:
    s = styles()
    tiny = ParagraphStyle("roster_tiny", parent=s.cell, fontSize=6.5, leading=7.5, alignment=1)
    name_style = ParagraphStyle("roster_name", parent=s.cell, fontSize=7, leading=8.5)

    def header() -> list[Any]:
        cells: list[Any] = [paragraph("姓名", name_style)]
        for d in grid.days:
            mark = KIND_MARK[d.kind]
            cells.append(
                paragraph(f"{d.day.day}\n{d.weekday_zh}{chr(10) + mark if mark else ''}", tiny)
            )
        return cells

    name_width = 24 * mm
    day_width = min(8 * mm, (267 * mm - name_width) / max(1, len(grid.days)))
    widths = [name_width] + [day_width] * len(grid.days)
    base: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b8c2cc")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
    ]
    for col, d in enumerate(grid.days, start=1):
        fill = {"holiday": HOLIDAY_FILL, "weekend": WEEKEND_FILL, "makeup": MAKEUP_FILL}.get(d.kind)
        if fill is not None:
            base.append(("BACKGROUND", (col, 0), (col, -1), fill))
    base += [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ecf3")),
        ("SPAN", (0, 1), (-1, 1)),
        ("BACKGROUND", (0, 1), (-1, 1), colors.white),
    ]
    # One table per team, each starting with the day header and the team's name, both
    # repeated on a new page: a team never continues on a page without its header, and a
    # team that fits on a page moves to the next page whole rather than split.
    teams: list[list[Any]] = []
    for person in grid.people:
        if not teams or person.team != teams[-1][0]:
            teams.append([person.team, []])
        teams[-1][1].append(person)
    story: list[Flowable] = []
    for team, members in teams:
        rows: list[list[Any]] = [
            header(),
            [paragraph(f"【{team or '未分组'}】", name_style)] + [""] * len(grid.days),
        ]
        commands = list(base)
        for person in members:
            row: list[Any] = [paragraph(person.name, name_style)]
            for col, d in enumerate(grid.days, start=1):
                cells = grid.cell(person.person_id, d.day)
                if not cells:
                    row.append("")
                    continue
                text = "".join(
                    c.shift_code
                    + ("长" if c.role == "leader" else "备" if c.role == "standby" else "")
                    for c in cells
                )
                row.append(paragraph(text, tiny))
                commands.append(
                    ("BACKGROUND", (col, len(rows)), (col, len(rows)), _lighter(cells[0].colour))
                )
            rows.append(row)
        table = Table(rows, colWidths=widths, repeatRows=2, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        story.append(KeepTogether([table, Spacer(1, 2 * mm)]))
    story.append(Spacer(1, 1 * mm))
    legend = [
        "图例：休 = 法定节假日（红底），班 = 调休上班日（黄底），灰底 = 周末；"
        "代码后“长”= 值班长，“备”= 备班，无后缀 = 值班员。"
    ]
    holidays = sorted({(d.name, d.kind) for d in grid.days if d.name})
    if holidays:
        legend.append(
            "本月节假日安排："
            + "；".join(
                f"{name}（{'放假' if kind == 'holiday' else '上班'}："
                + "、".join(
                    f"{d.day.month}月{d.day.day}日"
                    for d in grid.days
                    if d.name == name and d.kind == kind
                )
                + "）"
                for name, kind in holidays
            )
        )
    if grid.missing_years:
        legend.append(
            "注意："
            + "、".join(f"{y} 年" for y in grid.missing_years)
            + "尚无官方节假日安排，请管理员录入；本表未标注该年节假日。"
        )
    for text in legend:
        story.append(paragraph(text, s.small))
    del site, title
    return story


def build_month_roster(
    desk: Desk,
    *,
    year: int,
    month: int,
    team: int | str | None = None,
    out: Path | str | None = None,
    progress: ProgressCallback | None = None,
) -> bytes:
    start, end = month_range(year, month)
    grid = roster_grid(desk, start=start, end=end, team=team)
    site = desk.settings.get("site_name")
    team_name = desk.roster.team(team).name if team is not None else "全部班组"
    title = f"{year} 年 {month} 月排班表 · {team_name}"
    info = DocumentInfo(
        title=title,
        document_id=f"ROSTER-{year}{month:02d}" + (f"-{team_name}" if team is not None else ""),
        site_name=site,
        generated_at=format_site_time(desk.clock(), desk.settings.site_zone()),
        subject="roster",
        landscape=True,
    )
    shifts = desk.roster.shift_types()
    s = styles()
    summary = "班次：" + "；".join(
        f"{sh.code} = {sh.name} {sh.start:%H:%M}–{sh.end:%H:%M}"
        + "（"
        + "、".join(
            f"{DUTY_ROLE_LABELS[r][0]}{sh.need(r)}"
            for r in ("leader", "officer", "standby")
            if sh.need(r)
        )
        + "）"
        for sh in shifts.values()
    )
    story = [paragraph(summary, s.small), Spacer(1, 2 * mm)]
    story += roster_story(grid, site=site, title=title)
    return titled_pdf(info, story, out, progress=progress)
