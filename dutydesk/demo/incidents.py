"""Demo incidents: three months of realistic duty-room events, through the real service."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dutydesk.demo.timing import manual_clock
from dutydesk.desk import Desk
from dutydesk.people.auth import LEADER, OFFICER, Person

LOCATIONS = ("一号机房", "二号机房", "三楼配电间", "指挥大厅", "东门岗亭", "地下车库", "五楼会议室")
UNITS = ("市公安局", "区应急管理局", "市电力公司", "电信分公司", "市气象台", "消防救援支队")

# leaf category -> cases of (title, description, note, resolution), and escalation targets
CASES: dict[str, tuple[tuple[tuple[str, str, str, str], ...], tuple[str, ...]]] = {
    "空调": (
        (
            (
                "{loc}精密空调高温告警",
                "动环监控显示{loc}温度升至{n}℃，空调机组告警灯亮。",
                "已开启备用空调，温度开始回落。",
                "清洗滤网并重启压缩机，温度恢复至23℃。",
            ),
            (
                "{loc}空调压缩机停机",
                "巡检发现{loc}空调出风口无冷风，压缩机不运转。",
                "电话联系空调维保单位，约定一小时内到场。",
                "维保人员更换压缩机启动电容，运行正常。",
            ),
            (
                "{loc}空调漏水",
                "巡检发现{loc}空调机组下方地面有积水。",
                "已放置接水盘并移开附近设备。",
                "维保人员疏通冷凝水排水管，漏水停止。",
            ),
        ),
        ("设备科 王工", "空调维保公司"),
    ),
    "UPS电源": (
        (
            (
                "{loc}UPS电池组告警",
                "{loc}UPS面板显示电池电压低，剩余后备时间约{n}分钟。",
                "通知动力班检查电池组。",
                "更换两节故障电池，UPS恢复在线模式。",
            ),
            (
                "UPS切换至电池供电",
                "监控平台报{loc}UPS市电输入异常，已切换至电池供电。",
                "已关闭非必要负载，持续观察。",
                "市电恢复后UPS自动切回，告警消除。",
            ),
            (
                "{loc}UPS负载过高",
                "{loc}UPS负载率达到{n}%，面板过载告警。",
                "已关闭非必要负载，持续观察。",
                "将两台服务器迁至另一路UPS，负载降至60%。",
            ),
        ),
        ("动力班 李班长", "UPS厂家售后"),
    ),
    "门禁": (
        (
            (
                "{loc}门禁刷卡无法开门",
                "值班人员反映{loc}刷卡无反应，需人工开门。",
                "已安排保安在{loc}人工登记放行。",
                "更换读卡器，测试正常。",
            ),
            (
                "{loc}门禁控制器离线",
                "门禁系统显示{loc}控制器通讯中断。",
                "重启门禁控制器无效，怀疑网线松动。",
                "重新压接网线后控制器上线，刷卡恢复。",
            ),
        ),
        ("保卫科",),
    ),
    "监控设备": (
        (
            (
                "{loc}监控画面丢失",
                "视频监控平台{loc}通道黑屏，录像中断约{n}分钟。",
                "检查交换机端口指示灯正常，继续排查。",
                "摄像头电源适配器损坏，已更换。",
            ),
            (
                "{loc}摄像头图像模糊",
                "大屏显示{loc}画面模糊不清。",
                "通知弱电维护人员到场。",
                "清洁镜头并调整焦距，画面恢复清晰。",
            ),
        ),
        ("弱电维护组",),
    ),
    "外网中断": (
        (
            (
                "互联网出口中断",
                "多台终端无法访问外网，核心路由器告警。",
                "已拨打运营商报障电话，工单已受理。",
                "运营商修复光缆后主线路恢复。",
            ),
            (
                "外网访问缓慢",
                "外网延迟超过{n}毫秒，丢包严重。",
                "切换至备用线路，业务暂时恢复。",
                "更换出口路由器电源模块后恢复正常。",
            ),
        ),
        ("电信分公司", "信息中心 陈工"),
    ),
    "内网故障": (
        (
            (
                "{loc}内网交换机端口故障",
                "{loc}多台电脑无法访问内网业务系统。",
                "已定位到接入交换机第{n}口。",
                "更换交换机光模块后网络恢复。",
            ),
            (
                "内网IP地址冲突",
                "网管系统报告{loc}IP地址冲突告警。",
                "临时为终端更换IP地址。",
                "清理非法接入设备，冲突消除。",
            ),
        ),
        ("信息中心",),
    ),
    "专线中断": (
        (
            (
                "至{unit}专线中断",
                "与{unit}的数据专线中断，对端无法互通。",
                "已与对端值班室电话确认，对方同样中断。",
                "运营商更换传输设备板卡后专线恢复。",
            ),
            (
                "{unit}视频会商专线丢包",
                "与{unit}视频会商过程中画面卡顿，专线丢包率{n}%。",
                "改用电话方式与{unit}保持联络。",
                "调整专线带宽配置后丢包消失。",
            ),
        ),
        ("{unit}值班室", "信息中心"),
    ),
    "市电停电": (
        (
            (
                "{loc}市电停电",
                "{loc}突然停电，应急照明启动。",
                "发电机已自动启动，负载正常。",
                "供电公司抢修后市电恢复，发电机停机。",
            ),
            (
                "园区电压波动",
                "配电室监测到电压波动，{loc}部分设备重启。",
                "已通知供电所查询电压波动原因。",
                "更换配电柜熔断器后供电恢复稳定。",
            ),
        ),
        ("市电力公司", "后勤保障科"),
    ),
    "发电机": (
        (
            (
                "柴油发电机试车异常",
                "每周试车时发电机启动失败，蓄电池电压不足。",
                "已联系动力班补充蓄电池电量。",
                "更换启动蓄电池，试车正常。",
            ),
            (
                "发电机油位低告警",
                "巡检发现发电机油位低于三分之一。",
                "已联系油料供应商送油。",
                "补充柴油{n}升，油位正常。",
            ),
        ),
        ("动力班",),
    ),
    "消防报警": (
        (
            (
                "{loc}烟感报警",
                "消防主机显示{loc}烟感动作，现场无烟无火。",
                "已派人现场核查，确认为误报。",
                "清洁烟感探头后复位，报警消除。",
            ),
            (
                "消防主机故障报警",
                "消防主机报{loc}回路故障。",
                "通知消防维保单位检查回路。",
                "维保单位更换故障模块，主机恢复正常。",
            ),
        ),
        ("消防救援支队", "物业消防中控室"),
    ),
    "人员闯入": (
        (
            (
                "{loc}发现可疑人员",
                "监控发现{loc}有陌生人员徘徊约{n}分钟。",
                "已通知保安前往询问并登记身份。",
                "经核实为外来施工人员走错区域，已引导离开。",
            ),
            (
                "{loc}有人员试图尾随进入",
                "保安报告{loc}有人员尾随进入。",
                "调取监控录像，已截图留存。",
                "人员已被劝离，加强该区域巡查。",
            ),
        ),
        ("市公安局", "保卫科"),
    ),
    "安全隐患": (
        (
            (
                "{loc}消防通道堆放杂物",
                "巡检发现{loc}消防通道被纸箱堵塞。",
                "已拍照并通知物业清理。",
                "物业已清理杂物，通道畅通。",
            ),
            (
                "{loc}灭火器过期",
                "巡检发现{loc}灭火器压力指针在红区，已过检验期。",
                "已登记需更换的灭火器数量。",
                "更换灭火器{n}具。",
            ),
        ),
        ("物业管理处",),
    ),
    "业务系统": (
        (
            (
                "接警系统登录缓慢",
                "多名值班员反映接警系统登录超过{n}秒。",
                "已联系系统运维人员远程排查。",
                "运维人员重启应用服务后恢复。",
            ),
            (
                "值班管理系统无法保存记录",
                "保存值班记录时提示数据库连接超时。",
                "临时使用纸质记录，事后补录。",
                "数据库空间清理完成，保存正常。",
            ),
        ),
        ("信息中心 陈工", "软件供应商"),
    ),
    "告警平台": (
        (
            (
                "告警平台大量重复告警",
                "告警平台{n}分钟内推送同一告警上百条。",
                "已临时屏蔽重复告警规则。",
                "修正告警去重规则后恢复正常。",
            ),
            (
                "告警平台短信发送失败",
                "告警短信无法送达值班手机。",
                "改用电话通知相关人员。",
                "短信网关账户充值后恢复发送。",
            ),
        ),
        ("信息中心",),
    ),
    "电话系统": (
        (
            (
                "值班电话无法呼入",
                "外线拨打值班电话提示忙音。",
                "已启用备用值班电话并通知各单位。",
                "电信更换语音板卡后恢复呼入。",
            ),
            (
                "录音系统停止录音",
                "值班录音系统显示磁盘已满，停止录音。",
                "临时手工记录来电内容。",
                "清理过期录音文件，录音恢复。",
            ),
        ),
        ("电信分公司",),
    ),
    "其他": (
        (
            (
                "群众来电反映{loc}附近噪声扰民",
                "群众来电反映{loc}附近夜间施工噪声，持续约{n}分钟。",
                "已记录来电人联系方式并转相关部门。",
                "已转交城管部门处理并回复来电人。",
            ),
            (
                "上级通知临时检查值班情况",
                "接上级电话通知，今日将抽查值班在岗情况。",
                "已提醒各岗位人员在岗在位。",
                "检查顺利完成，未发现问题。",
            ),
            (
                "群众来电咨询办事流程",
                "群众来电咨询应急物资捐赠办理流程。",
                "已告知办理地点和所需材料。",
                "来电人表示清楚，无需再回复。",
            ),
        ),
        ("区应急管理局",),
    ),
}
SOURCES_FOR = {
    "空调": "系统告警",
    "UPS电源": "系统告警",
    "监控设备": "巡检",
    "安全隐患": "巡检",
    "其他": "群众来电",
}


@dataclass(order=True)
class _Step:
    at: datetime
    order: int
    key: int = field(compare=False)
    action: str = field(compare=False)
    who: Person = field(compare=False)
    text: str = field(compare=False, default="")
    extra: str = field(compare=False, default="")


def _fill(template: str, rng: random.Random, **given: object) -> str:
    """Fill a text; ``given`` (the incident's own place, unit, number) wins over chance."""
    values: dict[str, object] = {
        "loc": rng.choice(LOCATIONS),
        "unit": rng.choice(UNITS),
        "n": rng.choice((5, 8, 12, 30, 35, 80)),
    }
    values.update(given)
    return template.format(**values)


def populate(desk: Desk, *, rng: random.Random, today: date, people: list[Person]) -> int:
    """About three incidents a day for the 91 days before ``today``; returns the count."""
    service = desk.incidents
    ref = service.reference
    zone = desk.settings.site_zone()
    officers = [p for p in people if p.has_role(OFFICER)] or people
    leaders = [p for p in people if p.has_role(LEADER)] or people
    severities = ref.severities(active_only=True)
    weights = [5, 15, 35, 45][: len(severities)]
    leaves = {c.name: c for c in ref.categories() if c.name in CASES}
    # The roster's shift codes: day (08:00) and night (20:00) starts.
    codes = {s.start.hour: code for code, s in desk.roster.shift_types().items()}
    day_code, night_code = codes.get(8, "白"), codes.get(20, "夜")
    sources = {s.name: s.id for s in ref.sources()}
    end = datetime.combine(today, time(8, 0), tzinfo=zone)
    start = end - timedelta(days=91)
    steps: list[_Step] = []
    key = 0
    plans: dict[int, dict[str, object]] = {}
    day = start
    while day < end - timedelta(hours=2):
        for _ in range(rng.choice((1, 2, 3, 3, 4, 5))):
            reported = day + timedelta(minutes=rng.randrange(0, 24 * 60))
            if reported >= end - timedelta(minutes=30):
                continue
            key += 1
            category = rng.choice(list(leaves))
            cases, targets = CASES[category]
            title, description, note_text, resolution = rng.choice(cases)
            # One place, unit and figure for the whole incident: title, text, notes agree.
            own = {
                "loc": rng.choice(LOCATIONS),
                "unit": rng.choice(UNITS),
                "n": rng.choice((5, 8, 12, 30, 35, 80)),
            }
            severity = rng.choices(severities, weights)[0]
            reporter = rng.choice(officers)
            handler = rng.choice(officers)
            local = reported.astimezone(zone)
            night = local.hour >= 20 or local.hour < 8
            shift_day = (local - timedelta(hours=8)).date() if night else local.date()
            plans[key] = {
                "title": _fill(title, rng, **own),
                "description": _fill(description, rng, **own),
                "severity": severity.id,
                "category": leaves[category].id,
                "source": sources.get(SOURCES_FOR.get(category, rng.choice(list(sources)))),
                "location": own["loc"],
                "shift_date": shift_day.isoformat(),
                "shift_code": night_code if night else day_code,
            }
            mine = [_Step(reported, 0, key, "report", reporter)]
            age = end - reported
            late = rng.random() < 0.12
            factor = rng.uniform(1.1, 3) if late else rng.uniform(0.1, 0.9)
            ack = reported + timedelta(minutes=severity.respond_minutes * factor)
            mine.append(_Step(ack, 1, key, "acknowledge", handler))
            when = ack + timedelta(minutes=rng.uniform(1, 20))
            mine.append(_Step(when, 2, key, "start", handler))
            for _note in range(rng.choice((0, 1, 1, 2))):
                when += timedelta(minutes=rng.uniform(3, 40))
                colleague = rng.choice(people).name
                text = rng.choice(
                    (
                        _fill(note_text, rng, **own),
                        f"已电话通知{colleague}，{_fill(note_text, rng, **own)}",
                    )
                )
                mine.append(_Step(when, 3, key, "note", handler, text))
            if severity.rank <= 1 or rng.random() < 0.12:
                when += timedelta(minutes=rng.uniform(5, 30))
                target = _fill(rng.choice(targets), rng, **own)
                reason = rng.choice(("超出值班室处置能力，需专业力量", "影响范围扩大，需上级协调"))
                mine.append(_Step(when, 4, key, "escalate", handler, target, reason))
            slow = rng.random() < 0.15
            factor = rng.uniform(1.05, 2.5) if slow else rng.uniform(0.2, 0.95)
            resolved = reported + timedelta(minutes=severity.resolve_minutes * factor)
            resolved = max(resolved, when + timedelta(minutes=5))
            mine.append(_Step(resolved, 5, key, "resolve", handler, _fill(resolution, rng, **own)))
            closed = resolved + timedelta(hours=rng.uniform(0.5, 14))
            mine.append(_Step(closed, 6, key, "close", rng.choice(leaders)))
            # The newest stay open at some stage; a few older ones were forgotten (overdue).
            last_stage = 6
            if key % 61 == 13:
                last_stage = rng.choice((0, 1, 2))
            elif age < timedelta(hours=72):
                last_stage = rng.choice((0, 1, 2, 4, 5, 6))
            steps += [
                s for s in mine if s.order <= last_stage and s.at < end - timedelta(minutes=10)
            ]
        day += timedelta(days=1)
    steps.sort()
    ids: dict[int, int] = {}
    # One transaction: the demo is written in one commit (fast, and all or nothing).
    with manual_clock(desk, start) as clock, desk.db.atomic():
        for step in steps:
            clock.set(max(step.at, clock()))
            if step.action == "report":
                plan = plans[step.key]
                ids[step.key] = service.report(
                    step.who,
                    title=str(plan["title"]),
                    description=str(plan["description"]),
                    severity_id=int(plan["severity"]),  # type: ignore[call-overload]
                    category_id=int(plan["category"]),  # type: ignore[call-overload]
                    source_id=plan["source"],  # type: ignore[arg-type]
                    location=str(plan["location"]),
                    shift_date=str(plan["shift_date"]),
                    shift_code=str(plan["shift_code"]),
                ).id
                if step.key % 15 == 0:
                    service.add_attachment(
                        step.who,
                        ids[step.key],
                        filename="告警日志.txt",
                        data=f"{step.at.isoformat()} 告警 {plan['title']}\n".encode(),
                    )
                continue
            incident_id = ids[step.key]
            if step.action == "acknowledge":
                service.acknowledge(step.who, incident_id)
            elif step.action == "start":
                service.start(step.who, incident_id)
            elif step.action == "note":
                service.add_note(step.who, incident_id, step.text)
            elif step.action == "escalate":
                service.escalate(step.who, incident_id, to=step.text, reason=step.extra)
            elif step.action == "resolve":
                service.resolve(step.who, incident_id, resolution=step.text)
            elif step.action == "close":
                service.close(step.who, incident_id)
    return len(ids)
