"""Dialogs of the 交接班 tab: start, sign (password), reject, open items, amendments, view."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.handover.records import age_text, age_text_en
from dutydesk.handover.service import HandoverRecord
from dutydesk.handover.templates import Template, spec_from_json, template_to_json
from dutydesk.incidents.service import STATUS_LABELS as INCIDENT_STATUS
from dutydesk.people.auth import LEADER, Person
from dutydesk.text import pick
from ui.forms import ERROR_STYLE, FormDialog
from ui.models.handover import (
    TemplatesModel,
    local_time,
    screen_text,
    shift_names,
    shift_text,
    status_text,
    value_text,
)
from ui.session import Session


class StartDialog(FormDialog):
    """发起交接班 from the roster: the shift that is ending and the next one with their
    rostered people, the handover time and the checklist. The incoming officer defaults to
    the rostered one; choosing anyone else makes them a stand-in. Without a roster (or to
    correct the proposal) the officer picks among the roster's shift types."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("发起交接班"), parent)
        desk = session.desk
        self.zone = desk.settings.site_zone()
        self.proposal = desk.handover.propose(desk.clock())
        self.setMinimumWidth(560)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(self.summary)
        ending, following = self.proposal.ending, self.proposal.next
        boundary = self.proposal.boundary_at or desk.clock().astimezone(self.zone)
        boundary = boundary.astimezone(self.zone)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        shift_day = ending.day if ending else boundary.date()
        self.date_edit.setDate(QDate(shift_day.year, shift_day.month, shift_day.day))
        # Shifts are the roster's shift types, never free text.
        self.out_code = QComboBox(self)
        self.in_code = QComboBox(self)
        for shift in self.proposal.shift_types:
            label = f"{shift.name}（{shift.start:%H:%M}–{shift.end:%H:%M}）"
            self.out_code.addItem(label, shift.code)
            self.in_code.addItem(label, shift.code)
        if ending is not None:
            self.out_code.setCurrentIndex(self.out_code.findData(ending.code))
        if following is not None:
            self.in_code.setCurrentIndex(self.in_code.findData(following.code))
        candidates = desk.handover.candidates()
        self.outgoing = QComboBox(self)
        for person in candidates:
            self.outgoing.addItem(f"{person.name}（{person.employee_no}）", person.id)
        # Only a shift leader may start the handover of someone else's shift: a leader who
        # is not on the ending shift starts it for that shift's first person.
        served = [
            s.served_person_id or s.person_id
            for s in (ending.crew if ending else ())
            if s.person_id is not None
        ]
        outgoing_id = session.person.id
        if session.person.has_role(LEADER) and served and outgoing_id not in served:
            outgoing_id = served[0]
        self.outgoing.setCurrentIndex(max(self.outgoing.findData(outgoing_id), 0))
        self.outgoing.setEnabled(session.person.has_role(LEADER))
        rostered = {slot.person_id: slot for slot in (following.crew if following else ())}
        self.incoming = QComboBox(self)
        for person in sorted(candidates, key=lambda p: p.id not in rostered):
            if person.id == session.person.id and person.id not in rostered:
                continue
            slot = rostered.get(person.id)
            role = (slot.role_label_en if session.english else slot.role_label) if slot else None
            suffix = self.tr("（排班：{0}）").format(role) if role else ""
            self.incoming.addItem(f"{person.name}（{person.employee_no}）{suffix}", person.id)
        if self.proposal.incoming_person_id is not None:
            self.incoming.setCurrentIndex(
                max(self.incoming.findData(self.proposal.incoming_person_id), 0)
            )
        self.stand_in_note = QLabel(self)
        self.stand_in_note.setWordWrap(True)
        self.boundary_edit = QDateTimeEdit(self)
        self.boundary_edit.setCalendarPopup(True)
        self.boundary_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self._set_boundary(boundary)
        self.row(self.tr("值班日期(&D)："), self.date_edit)
        self.row(self.tr("交班班次(&O)："), self.out_code)
        self.row(self.tr("接班班次(&I)："), self.in_code)
        self.row(self.tr("交班人(&U)："), self.outgoing)
        self.row(self.tr("接班人(&P)："), self.incoming)
        self.form.addRow("", self.stand_in_note)
        self.row(self.tr("交接时间点(&T)："), self.boundary_edit)
        self.date_edit.dateChanged.connect(self._shift_changed)
        self.out_code.currentIndexChanged.connect(self._shift_changed)
        self.incoming.currentIndexChanged.connect(self._show_stand_in)
        self._show_summary()
        self._show_stand_in()

    # ------------------------------------------------------------- display

    def _people(self, crew: Any) -> str:
        parts = []
        for slot in crew:
            name = slot.person_name if slot.person_id is not None else self.tr("缺岗")
            if slot.served_person_id not in (None, slot.person_id):
                name = self.tr("{0}（替班：{1}）").format(name, slot.served_name)
            role = slot.role_label_en if self.session.english else slot.role_label
            parts.append(f"{role} {html.escape(name)}")
        return ("、" if not self.session.english else ", ").join(parts) or self.tr("（排班中无人）")

    def _show_summary(self) -> None:
        proposal, desk = self.proposal, self.session.desk
        if proposal.ending is None or proposal.next is None:
            self.summary.setText(
                self.tr("排班中尚未定义班次类型，请先在排班标签页中添加班次类型。")
                if not proposal.shift_types
                else self.tr("排班中没有找到要交接的班次，请选择交班和接班班次。")
            )
            return
        ending, following = proposal.ending, proposal.next

        def shift_line(title: str, shift: Any) -> str:
            start = shift.start_at.astimezone(self.zone)
            end = shift.end_at.astimezone(self.zone)
            return (
                f"<b>{title}</b>{shift.day:%Y-%m-%d} {html.escape(shift.name)}"
                f" {start:%H:%M}–{end:%H:%M}{': ' if self.session.english else '：'}"
                f"{self._people(shift.crew)}"
            )

        lines = [
            self.tr("<b>交接时间：</b>{0}").format(local_time(desk, ending.end_at.isoformat())),
            shift_line(self.tr("交班："), ending),
            shift_line(self.tr("接班："), following),
        ]
        if proposal.template is not None:
            lines.append(
                self.tr("<b>检查表：</b>{0}（第 {1} 版）").format(
                    html.escape(proposal.template.name), proposal.template.version
                )
            )
        if proposal.existing_handover_id is not None:
            lines.append(
                "<span style='color:#b03a2e'>"
                + self.tr("该交接时间已有交接班记录 #{0}").format(proposal.existing_handover_id)
                + "</span>"
            )
        self.summary.setText("<br>".join(lines))

    def _stand_in_for(self) -> str | None:
        """The rostered person the chosen incoming officer stands in for, if any."""
        following = self.proposal.next
        chosen = self.incoming.currentData()
        if following is None or not following.rostered or not self._as_proposed():
            return None
        if chosen in following.people_ids:
            return None
        planned = next(
            (s for s in following.crew if s.person_id == self.proposal.incoming_person_id),
            next((s for s in following.crew if s.person_id is not None), None),
        )
        return planned.person_name if planned else None

    @Slot()
    def _show_stand_in(self) -> None:
        name = self._stand_in_for()
        self.stand_in_note.setText(
            self.tr("不在排班中：将记录为替班（原：{0}）").format(name) if name else ""
        )
        self.stand_in_note.setVisible(bool(name))

    def _set_boundary(self, moment: datetime) -> None:
        local = moment.astimezone(self.zone)
        self.boundary_edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    @Slot()
    def _shift_changed(self) -> None:
        """Another shift chosen by hand: the handover time is that shift's end."""
        code = self.out_code.currentData()
        if code is None:
            return
        day = self.date_edit.date().toString("yyyy-MM-dd")
        try:
            end = self.session.desk.roster.shift_window(day, code)[1]
        except DutyDeskError:
            return
        self._set_boundary(end)
        local_end = end.astimezone(self.zone)
        follows = next(
            (t.code for t in self.proposal.shift_types if t.start == local_end.time()), None
        )
        if follows is not None:
            self.in_code.setCurrentIndex(self.in_code.findData(follows))
        self._show_stand_in()

    # ------------------------------------------------------------- starting

    def _as_proposed(self) -> bool:
        ending, following = self.proposal.ending, self.proposal.next
        return (
            ending is not None
            and following is not None
            and self.out_code.currentData() == ending.code
            and self.in_code.currentData() == following.code
            and self.date_edit.date().toString("yyyy-MM-dd") == ending.day.isoformat()
            and self.boundary() == ending.end_at
        )

    def boundary(self) -> datetime:
        value = self.boundary_edit.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.zone)

    def submit(self) -> HandoverRecord:
        desk = self.session.desk
        if self._as_proposed():
            return desk.handover.start_proposed(
                self.session.person,
                self.proposal,
                incoming_person_id=int(self.incoming.currentData() or 0) or None,
                outgoing_person_id=self.outgoing.currentData(),
            )
        return desk.handover.start(
            self.session.person,
            shift_date=self.date_edit.date().toString("yyyy-MM-dd"),
            outgoing_shift_code=self.out_code.currentData() or "",
            incoming_shift_code=self.in_code.currentData() or "",
            incoming_person_id=int(self.incoming.currentData() or 0),
            outgoing_person_id=self.outgoing.currentData(),
            shift_boundary_at=self.boundary(),
        )


class SignDialog(FormDialog):
    """A signature: who must sign, the meaning, and the signer's password again.

    ``mode`` is "submit" (交班确认), "accept" (接班确认) or "reject" (退回, with a reason).
    A shift leader can sign on the officer's behalf; that is recorded as such.
    """

    def __init__(
        self,
        session: Session,
        record: HandoverRecord,
        mode: str,
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            "submit": self.tr("交班确认（签名）"),
            "accept": self.tr("接班确认（签名）"),
            "reject": self.tr("退回交接班"),
        }
        super().__init__(session, titles[mode], parent)
        self.record = record
        self.mode = mode
        desk = session.desk
        self.officer = desk.people.get(
            record.outgoing.id if mode == "submit" else record.incoming.id
        )
        meaning = {
            "submit": self.tr("交班确认：我已如实填写并当面交代以上内容。"),
            "accept": self.tr("接班确认：我已核对以上内容并接班。"),
            "reject": self.tr("退回：记录将退回交班人修改后重新提交。"),
        }[mode]
        self.setMinimumWidth(480)
        # What is being signed: shift, people, checklist (abnormal marked), remarks, open items.
        self.summary = QTextBrowser(self)
        self.summary.setHtml(record_html(session, record, signing=True))
        self.summary.setMinimumHeight(300)
        summary_label = QLabel(self.tr("签名内容(&C)："), self)
        summary_label.setBuddy(self.summary)
        self.layout_.insertWidget(0, summary_label)
        self.layout_.insertWidget(1, self.summary, 1)
        self.resize(720, 640)
        intro = QLabel(meaning, self)
        intro.setWordWrap(True)
        intro.setMinimumWidth(420)
        self.form.addRow(intro)
        self.signer_label = QLabel(f"{self.officer.name}（{self.officer.employee_no}）", self)
        self.form.addRow(self.tr("签名人："), self.signer_label)
        self.on_behalf = QCheckBox(self.tr("由值班长代签(&B)"), self)
        self.leader = QComboBox(self)
        for person in desk.people.list(active_only=True):
            if person.has_role(LEADER) and person.id != self.officer.id:
                self.leader.addItem(f"{person.name}（{person.employee_no}）", person.id)
        self.leader.setEnabled(False)
        self.on_behalf.toggled.connect(self.leader.setEnabled)
        self.on_behalf.setEnabled(self.leader.count() > 0)
        self.form.addRow(self.on_behalf)
        self.row(self.tr("代签值班长(&L)："), self.leader)
        self.reason = QLineEdit(self)
        if mode == "reject":
            self.row(self.tr("退回原因(&R)："), self.reason, "reason")
        else:
            self.reason.hide()
        self.password = self.row(self.tr("签名人密码(&W)："), QLineEdit(self), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        (self.reason if mode == "reject" else self.password).setFocus()

    def signer(self) -> tuple[Person, Person | None]:
        if self.on_behalf.isChecked() and self.leader.currentData() is not None:
            return self.session.desk.people.get(int(self.leader.currentData())), self.officer
        return self.officer, None

    def submit(self) -> HandoverRecord:
        signer, behalf = self.signer()
        service = self.session.desk.handover
        password = self.password.text()
        if self.mode == "submit":
            return service.submit(signer, self.record.id, password=password, on_behalf_of=behalf)
        if self.mode == "accept":
            return service.accept(signer, self.record.id, password=password, on_behalf_of=behalf)
        return service.reject(
            signer,
            self.record.id,
            password=password,
            reason=self.reason.text(),
            on_behalf_of=behalf,
        )


class OpenItemDialog(FormDialog):
    """新增遗留问题: title, detail, optional incident number."""

    def __init__(
        self, session: Session, handover_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, self.tr("新增遗留问题"), parent)
        self.handover_id = handover_id
        self.title_field = QLineEdit(self)
        self.detail = QPlainTextEdit(self)
        self.detail.setTabChangesFocus(True)
        self.detail.setFixedHeight(80)
        self.incident = QSpinBox(self)
        self.incident.setRange(0, 99_999_999)
        self.incident.setSpecialValueText(self.tr("无"))
        self.at_handover = QCheckBox(self.tr("在本次交接班中提出(&H)"), self)
        self.at_handover.setChecked(handover_id is not None)
        self.at_handover.setEnabled(handover_id is not None)
        self.row(self.tr("问题(&T)："), self.title_field, "title")
        self.row(self.tr("详细说明(&D)："), self.detail)
        self.row(self.tr("关联事件编号(&E)："), self.incident)
        self.form.addRow(self.at_handover)
        self.title_field.setFocus()

    def submit(self) -> Any:
        return self.session.desk.handover.add_open_item(
            self.session.person,
            title=self.title_field.text(),
            detail=self.detail.toPlainText(),
            incident_id=self.incident.value() or None,
            handover_id=self.handover_id if self.at_handover.isChecked() else None,
        )


class ResolveDialog(FormDialog):
    """解决遗留问题: how it was resolved (who and when are recorded)."""

    def __init__(
        self, session: Session, open_item_id: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, self.tr("解决遗留问题"), parent)
        self.open_item_id = open_item_id
        label = QLabel(title, self)
        label.setWordWrap(True)
        self.form.addRow(self.tr("问题："), label)
        self.resolution = self.row(self.tr("处理结果(&R)："), QLineEdit(self), "resolution")
        self.resolution.setFocus()

    def submit(self) -> Any:
        return self.session.desk.handover.resolve_open_item(
            self.session.person, self.open_item_id, resolution=self.resolution.text()
        )


class AmendDialog(FormDialog):
    """更正: what, the correction and why; the locked record itself stays unchanged."""

    def __init__(
        self, session: Session, record: HandoverRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, self.tr("更正已锁定的交接班记录"), parent)
        self.record = record
        note = QLabel(self.tr("更正作为附加记录保存，原记录和签名保持不变。"), self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.subject = QComboBox(self)
        self.subject.setEditable(True)
        self.subject.addItems([v.item.label for v in record.items])
        self.subject.setCurrentText("")
        self.row(self.tr("更正对象(&S)："), self.subject, "subject")
        self.correction = self.row(self.tr("更正内容(&C)："), QLineEdit(self), "correction")
        self.reason = self.row(self.tr("更正原因(&R)："), QLineEdit(self), "reason")
        self.subject.setFocus()

    def submit(self) -> Any:
        return self.session.desk.handover.amend(
            self.session.person,
            self.record.id,
            subject=self.subject.currentText(),
            correction=self.correction.text(),
            reason=self.reason.text(),
        )


def _labels() -> dict[str, str]:
    """The view's fixed texts, translated (context "RecordDialog")."""
    return {
        "title": QCoreApplication.translate("RecordDialog", "交接班记录"),
        "date": QCoreApplication.translate("RecordDialog", "值班日期"),
        "out": QCoreApplication.translate("RecordDialog", "交班"),
        "in": QCoreApplication.translate("RecordDialog", "接班"),
        "boundary": QCoreApplication.translate("RecordDialog", "交接时间点"),
        "started": QCoreApplication.translate("RecordDialog", "开始交接"),
        "status": QCoreApplication.translate("RecordDialog", "状态"),
        "template": QCoreApplication.translate("RecordDialog", "检查表"),
        "reason": QCoreApplication.translate("RecordDialog", "退回原因"),
        "previous": QCoreApplication.translate("RecordDialog", "前次提交"),
        "empty": QCoreApplication.translate("RecordDialog", "（未填）"),
        "flag": QCoreApplication.translate("RecordDialog", "【异常】"),
        "open_items": QCoreApplication.translate("RecordDialog", "遗留问题"),
        "none": QCoreApplication.translate("RecordDialog", "无"),
        "resolved": QCoreApplication.translate("RecordDialog", "已解决"),
        "open": QCoreApplication.translate("RecordDialog", "未解决"),
        "incidents": QCoreApplication.translate("RecordDialog", "本班事件概况"),
        "total": QCoreApplication.translate("RecordDialog", "本班接报事件"),
        "open_incidents": QCoreApplication.translate("RecordDialog", "未结事件"),
        "no_incidents": QCoreApplication.translate("RecordDialog", "未连接事件记录"),
        "signatures": QCoreApplication.translate("RecordDialog", "签名"),
        "unsigned": QCoreApplication.translate("RecordDialog", "尚未签名"),
        "behalf": QCoreApplication.translate("RecordDialog", "代"),
        "amendments": QCoreApplication.translate("RecordDialog", "更正记录"),
        "why": QCoreApplication.translate("RecordDialog", "原因"),
        "remarks": QCoreApplication.translate("RecordDialog", "交接备注"),
        "no_remarks": QCoreApplication.translate("RecordDialog", "（无交接备注）"),
        "flagged": QCoreApplication.translate("RecordDialog", "异常项 {0} 项：{1}"),
        "unfilled": QCoreApplication.translate("RecordDialog", "必填项未填 {0} 项：{1}"),
    }


def record_html(session: Session, record: HandoverRecord, *, signing: bool = False) -> str:
    """The read-only view of a handover as HTML for a QTextBrowser.

    ``signing`` is the summary shown in the signature dialog: abnormal and unfilled items
    listed first, no amendments (a record being signed has none).
    """
    desk = session.desk
    english = session.english
    e = html.escape
    t = _labels()
    parts = [
        f"<h2>{e(t['title'])} #{record.id}</h2>",
        "<table width='100%' cellspacing='0' cellpadding='3' border='1'>",
    ]
    shifts = shift_names(desk)
    rows = [
        (t["date"], record.shift_date),
        (t["out"], f"{shift_text(shifts, record.outgoing_shift_code)} · {record.outgoing.name}"),
        (t["in"], f"{shift_text(shifts, record.incoming_shift_code)} · {record.incoming.name}"),
        (t["boundary"], local_time(desk, record.shift_boundary_at)),
        (t["started"], local_time(desk, record.started_at)),
        (t["status"], status_text(record.status)),
        (t["template"], f"{record.template_name} v{record.template_version}"),
    ]
    if record.status == "rejected":
        rows.append((t["reason"], record.reject_reason or ""))
    if record.resubmission_of:
        rows.append((t["previous"], f"#{record.resubmission_of}"))
    parts += [f"<tr><th align='left'>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows]
    parts.append("</table>")
    if signing and record.flagged:
        names = "、".join(v.item.label for v in record.flagged)
        parts.append(
            f"<p style='color:#b42318'><b>{e(t['flagged'].format(len(record.flagged), names))}"
            "</b></p>"
        )
    if signing and record.missing:
        names = "、".join(i.label for i in record.missing)
        parts.append(
            f"<p style='color:#b42318'>{e(t['unfilled'].format(len(record.missing), names))}</p>"
        )
    for title, values in record.sections:
        parts.append(
            f"<h3>{e(title)}</h3><table width='100%' cellspacing='0' cellpadding='3' border='1'>"
        )
        for value in values:
            shown = value_text(value) or t["empty"]
            style = " style='color:#b42318'" if value.flagged else ""
            flag = f" {t['flag']}" if value.flagged else ""
            parts.append(
                f"<tr><td>{'* ' if value.item.mandatory else ''}{e(value.item.label)}</td>"
                f"<td{style}>{e(shown)}{e(flag)}</td><td>{e(screen_text(value.item.range_text))}</td>"
                f"<td>{e(value.note)}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<h3>{e(t['remarks'])}</h3>")
    if record.remarks:
        text = e(record.remarks).replace("\n", "<br/>")
        parts.append(f"<p>{text}</p>")
    else:
        parts.append(f"<p style='color:#9aa5b1'>{e(t['no_remarks'])}</p>")
    parts.append(f"<h3>{e(t['open_items'])}</h3>")
    age = age_text_en if english else age_text
    if not record.carried:
        parts.append(f"<p>{e(t['none'])}</p>")
    for c in record.carried:
        state = t["resolved"] if c.status == "resolved" else t["open"]
        extra = f" — {c.resolved_by_name}: {c.resolution}" if c.status == "resolved" else ""
        parts.append(
            f"<p>#{c.open_item_id} {e(c.title)} ({e(age(c.age_minutes))}, {e(state)}){e(extra)}</p>"
        )
    summary = record.incident_summary
    parts.append(f"<h3>{e(t['incidents'])}</h3>")
    if summary.available:

        def status(code: str) -> str:
            return pick(INCIDENT_STATUS.get(code, (code, code)), english)

        counts = ", ".join(f"{status(k)} {v}" for k, v in summary.by_status.items())
        severity_names = desk.handover.severity_names()
        severities = ", ".join(
            f"{severity_names.get(k, k)} {v}" for k, v in summary.by_severity.items()
        )
        parts.append(
            f"<p>{e(t['total'])}: {summary.total} ({e(counts or '—')}; {e(severities or '—')})</p>"
        )
        if summary.open_incidents:
            parts.append(f"<p><b>{e(t['open_incidents'])}</b></p>")
        parts += [
            f"<p>#{i.id} {e(i.title)} · {e(severity_names.get(i.severity, i.severity))} · "
            f"{e(status(i.status))} · "
            f"{e(local_time(desk, i.reported_at))}</p>"
            for i in summary.open_incidents
        ]
    else:
        parts.append(f"<p>{e(t['no_incidents'])}</p>")
    parts.append(f"<h3>{e(t['signatures'])}</h3>")
    if not record.signatures:
        parts.append(f"<p>{e(t['unsigned'])}</p>")
    for sig in record.signatures:
        meaning = sig.meaning_en if english else sig.meaning_zh
        behalf = f" ({t['behalf']} {sig.on_behalf_of.name})" if sig.on_behalf_of else ""
        parts.append(
            f"<p><b>{e(meaning)}</b> {e(sig.person.name)}{e(behalf)} · "
            f"{e(local_time(desk, sig.signed_at))}<br/><small>SHA-256 {e(sig.content_hash)}"
            "</small></p>"
        )
    if signing:
        return "".join(parts)
    parts.append(f"<h3>{e(t['amendments'])}</h3>")
    if not record.amendments:
        parts.append(f"<p>{e(t['none'])}</p>")
    for a in record.amendments:
        parts.append(
            f"<p>{e(local_time(desk, a.created_at))} {e(a.author.name)}: "
            f"<b>{e(a.subject)}</b> — {e(a.correction)} ({e(t['why'])}: {e(a.reason)})</p>"
        )
    return "".join(parts)


class RecordDialog(QDialog):
    """A handover shown read-only with its amendments; amend and print from here."""

    def __init__(
        self,
        session: Session,
        handover_id: int,
        parent: QWidget | None = None,
        *,
        on_print: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.handover_id = handover_id
        self.on_print = on_print
        self.setWindowTitle(self.tr("交接班记录 #{0}").format(handover_id))
        self.resize(760, 680)
        self.browser = QTextBrowser(self)
        self.amend_button = QPushButton(self.tr("更正(&M)…"), self)
        self.amend_button.clicked.connect(self.amend)
        self.print_button = QPushButton(self.tr("打印预览(&P)…"), self)
        self.print_button.clicked.connect(self.print_preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.amend_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.record = self.session.desk.handover.get(self.handover_id)
        self.browser.setHtml(record_html(self.session, self.record))
        self.amend_button.setEnabled(
            self.record.is_locked and self.session.person.may("handover.amend")
        )

    @Slot()
    def amend(self) -> None:
        dialog = AmendDialog(self.session, self.record, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.data_changed.emit("handover")
            self.reload()

    @Slot()
    def print_preview(self) -> None:
        if self.on_print is not None:
            self.on_print(self.handover_id)


def template_html(template: Template) -> str:
    """A template version as HTML: sections, items, kinds, ranges, mandatory marks."""
    e = html.escape
    kinds = {
        "check": QCoreApplication.translate("TemplatesDialog", "是/否"),
        "text": QCoreApplication.translate("TemplatesDialog", "文字"),
        "number": QCoreApplication.translate("TemplatesDialog", "数值"),
        "choice": QCoreApplication.translate("TemplatesDialog", "选项"),
    }
    parts = [f"<h3>{e(template.name)} v{template.version}</h3>"]
    for title, items in template.sections:
        parts.append(f"<p><b>{e(title)}</b></p><ul>")
        for item in items:
            detail = item.range_text or "、".join(item.choices)
            parts.append(
                f"<li>{'* ' if item.mandatory else ''}{e(item.label)} — {e(kinds[item.kind])}"
                f"{(' · ' + e(screen_text(detail))) if detail else ''}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


class TemplatesDialog(QDialog):
    """Checklist templates for administrators: every version, export, import a new one.

    Importing never changes a version in use: it saves the next version of that scope.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("交接班检查表模板"))
        self.resize(900, 600)
        self.model = TemplatesModel(session.desk, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setColumnWidth(1, 260)
        label = QLabel(self.tr("模板版本(&T)："), self)
        label.setBuddy(self.view)
        self.preview = QTextBrowser(self)
        self.export_button = QPushButton(self.tr("导出 JSON(&E)…"), self)
        self.export_button.clicked.connect(self._export_clicked)
        self.import_button = QPushButton(self.tr("导入为新版本(&I)…"), self)
        self.import_button.clicked.connect(self._import_clicked)
        self.import_button.setEnabled(session.person.may("handover.template.edit"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def current(self) -> Template | None:
        return self.model.template_at(self.view.currentIndex().row())

    @Slot()
    def _row_changed(self) -> None:
        template = self.current()
        self.preview.setHtml(template_html(template) if template else "")

    def export_to(self, path: Path) -> None:
        template = self.current()
        if template is None:
            return
        data = json.dumps(template_to_json(template), ensure_ascii=False, indent=2)
        path.write_text(data + "\n", encoding="utf-8")
        self.message.setText(self.tr("已导出到 {0}").format(str(path)))

    def import_from(self, path: Path) -> Template | None:
        """Save ``path`` as the next version of its scope; errors are shown, not raised."""
        self.message.setStyleSheet("")
        try:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise ValidationError(
                    "file", f"无法读取模板文件：{error}", en=f"Cannot read the file: {error}"
                ) from None
            name, shift_code, sections = spec_from_json(data)
            template = self.session.desk.handover.templates.save(
                self.session.person, name=name, shift_code=shift_code, sections=sections
            )
        except DutyDeskError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.session.error_text(exc))
            return None
        self.session.data_changed.emit("handover")
        self.refresh()
        self.message.setText(
            self.tr("已保存 {0} 第 {1} 版；进行中的交接班仍使用原版本。").format(
                template.name, template.version
            )
        )
        return template

    @Slot()
    def _export_clicked(self) -> None:
        template = self.current()
        if template is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出检查表模板"),
            f"handover_{template.shift_code or 'site'}_v{template.version}.json",
            "JSON (*.json)",
        )
        if name:
            self.export_to(Path(name))

    @Slot()
    def _import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("导入检查表模板"), "", "JSON (*.json)")
        if name:
            self.import_from(Path(name))
