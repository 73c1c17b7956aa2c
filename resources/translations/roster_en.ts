<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CalendarDialog</name>
    <message>
        <source>节假日安排</source>
        <translation>Holiday arrangement</translation>
    </message>
    <message>
        <source>粘贴《国务院办公厅关于……年部分节假日安排的通知》全文，然后点击“解析通知”</source>
        <translation>Paste the full State Council holiday notice for the year, then click “Parse notice”</translation>
    </message>
    <message>
        <source>解析通知(&amp;A)</source>
        <translation>P&amp;arse notice</translation>
    </message>
    <message>
        <source>每行：开始日期 结束日期 名称，如 2027-01-01 2027-01-03 元旦</source>
        <translation>One per line: start end name, e.g. 2027-01-01 2027-01-03 New Year</translation>
    </message>
    <message>
        <source>每行：日期 名称，如 2027-02-14 春节调休上班</source>
        <translation>One per line: date name, e.g. 2027-02-14 Spring Festival make-up workday</translation>
    </message>
    <message>
        <source>确认保存(&amp;S)</source>
        <translation>Confirm and &amp;save</translation>
    </message>
    <message>
        <source>本地节假日</source>
        <translation>Local holiday</translation>
    </message>
    <message>
        <source>特别工作日</source>
        <translation>Special workday</translation>
    </message>
    <message>
        <source>添加本地调整(&amp;O)</source>
        <translation>Add local &amp;override</translation>
    </message>
    <message>
        <source>年份(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>通知全文(&amp;N)：</source>
        <translation>&amp;Notice text:</translation>
    </message>
    <message>
        <source>放假(&amp;H)：</source>
        <translation>&amp;Holidays:</translation>
    </message>
    <message>
        <source>调休上班(&amp;W)：</source>
        <translation>Make-up &amp;workdays:</translation>
    </message>
    <message>
        <source>本地调整：</source>
        <translation>Local overrides:</translation>
    </message>
</context>
<context>
    <name>CellDialog</name>
    <message>
        <source>编辑排班：{0} {1}</source>
        <translation>Edit roster: {0} {1}</translation>
    </message>
    <message>
        <source>班组(&amp;T)：</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>班次(&amp;S)：</source>
        <translation>&amp;Shift:</translation>
    </message>
    <message>
        <source>岗位(&amp;R)：</source>
        <translation>&amp;Role:</translation>
    </message>
</context>
<context>
    <name>GenerationDialog</name>
    <message>
        <source>生成排班</source>
        <translation>Generate roster</translation>
    </message>
    <message>
        <source>班组(&amp;T)：</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>开始日期(&amp;F)：</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>结束日期(&amp;D)：</source>
        <translation>To &amp;date:</translation>
    </message>
    <message>
        <source>重新安排未开始的已生成班次(&amp;R)</source>
        <translation>&amp;Re-plan generated shifts that have not started</translation>
    </message>
    <message>
        <source>不勾选时只填补空缺；手工调整、换班和已开始的班次始终保留</source>
        <translation>Unticked, only gaps are filled; manual edits, swaps and started shifts always stay</translation>
    </message>
    <message>
        <source>点击“预览”查看将生成的排班和质量报告</source>
        <translation>Click “Preview” to see the proposed roster and its quality report</translation>
    </message>
    <message>
        <source>预览(&amp;V)</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>提交(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>申请请假</source>
        <translation>Request leave</translation>
    </message>
    <message>
        <source>人员(&amp;P)：</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>开始日期(&amp;F)：</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>结束日期(&amp;D)：</source>
        <translation>To &amp;date:</translation>
    </message>
    <message>
        <source>事由(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>RosterModels</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>To</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>对方</source>
        <translation>Counterpart</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <source>代为换班</source>
        <translation>On behalf</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
</context>
<context>
    <name>RosterMonthModel</name>
    <message>
        <source>实到：未记录</source>
        <translation>Served: not recorded</translation>
    </message>
    <message>
        <source>接班签名</source>
        <translation>incoming handover signature</translation>
    </message>
    <message>
        <source>手工确认</source>
        <translation>confirmed by hand</translation>
    </message>
    <message>
        <source>实到：{name}（替班，{how}）</source>
        <translation>Served by stand-in {name} ({how})</translation>
    </message>
    <message>
        <source>实到：本人（{how}）</source>
        <translation>Served ({how})</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>◀ 上月</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>下月 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>本月(&amp;M)</source>
        <translation>This &amp;month</translation>
    </message>
    <message>
        <source>全部班组</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>班组(&amp;T)：</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>生成排班(&amp;G)…</source>
        <translation>&amp;Generate…</translation>
    </message>
    <message>
        <source>月度排班表 PDF(&amp;P)</source>
        <translation>Monthly &amp;PDF</translation>
    </message>
    <message>
        <source>导出工时(&amp;E)…</source>
        <translation>&amp;Export hours…</translation>
    </message>
    <message>
        <source>申请换班(&amp;W)…</source>
        <translation>S&amp;wap shift…</translation>
    </message>
    <message>
        <source>确认值班(&amp;Q)…</source>
        <translation>Confirm served (&amp;Q)…</translation>
    </message>
    <message>
        <source>节假日(&amp;Y)…</source>
        <translation>Holida&amp;ys…</translation>
    </message>
    <message>
        <source>排班设置(&amp;U)…</source>
        <translation>Set &amp;up…</translation>
    </message>
    <message>
        <source>排班表</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>当前值班 / 下一班</source>
        <translation>On duty now / next</translation>
    </message>
    <message>
        <source>申请请假(&amp;L)…</source>
        <translation>Request &amp;leave…</translation>
    </message>
    <message>
        <source>批准(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>驳回(&amp;R)…</source>
        <translation>&amp;Reject…</translation>
    </message>
    <message>
        <source>接受(&amp;C)</source>
        <translation>A&amp;ccept</translation>
    </message>
    <message>
        <source>批准换班(&amp;O)</source>
        <translation>Appr&amp;ove swap</translation>
    </message>
    <message>
        <source>驳回换班(&amp;J)…</source>
        <translation>Re&amp;ject swap…</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>换班</source>
        <translation>Swaps</translation>
    </message>
    <message>
        <source>{0} 年 {1} 月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>当前：</source>
        <translation>Now: </translation>
    </message>
    <message>
        <source>下一班：</source>
        <translation>Next: </translation>
    </message>
    <message>
        <source>排班</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>清除这一格的排班？
这一天这个人不再排班；需要时重新编辑这一格。</source>
        <translation>Clear this cell of the roster?
This person is no longer rostered on this day; edit the cell again if needed.</translation>
    </message>
    <message>
        <source>清除排班</source>
        <translation>Clear roster cell</translation>
    </message>
    <message>
        <source>驳回 {0} 与 {1} 的换班（{2}）？
驳回后这份申请结束，不能撤销；排班保持不变，双方会看到驳回理由。</source>
        <translation>Reject the swap between {0} and {1} ({2})?
The request ends and this cannot be undone; the roster stays as it is and both see the reason.</translation>
    </message>
    <message>
        <source>请先选择一个有排班的格子</source>
        <translation>Select a cell with a shift first</translation>
    </message>
    <message>
        <source>月度排班表</source>
        <translation>Monthly roster</translation>
    </message>
    <message>
        <source>正在生成排班表 PDF</source>
        <translation>Making the roster PDF</translation>
    </message>
    <message>
        <source>导出工时</source>
        <translation>Export hours</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>正在导出工时</source>
        <translation>Exporting hours</translation>
    </message>
    <message>
        <source>驳回请假</source>
        <translation>Reject leave</translation>
    </message>
    <message>
        <source>驳回理由：</source>
        <translation>Reason for rejecting:</translation>
    </message>
    <message>
        <source>驳回 {0} 的请假（{1} 至 {2}）？
驳回后这份申请结束，不能撤销；申请人会看到驳回理由，需要时重新申请。</source>
        <translation>Reject {0}&apos;s leave ({1} to {2})?
The request ends and this cannot be undone; the applicant sees the reason and may apply again.</translation>
    </message>
    <message>
        <source>驳回换班</source>
        <translation>Reject swap</translation>
    </message>
</context>
<context>
    <name>ServedDialog</name>
    <message>
        <source>确认实际值班</source>
        <translation>Confirm who served</translation>
    </message>
    <message>
        <source>实际值班人(&amp;P)：</source>
        <translation>Served by (&amp;P):</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>排班设置</source>
        <translation>Roster setup</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shift types</translation>
    </message>
    <message>
        <source>轮班模式</source>
        <translation>Patterns</translation>
    </message>
    <message>
        <source>班组</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>资质</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>夜班(&amp;N)</source>
        <translation>&amp;Night shift</translation>
    </message>
    <message>
        <source>周末和节假日也排(&amp;W)</source>
        <translation>Also on &amp;weekends and holidays</translation>
    </message>
    <message>
        <source>添加班次(&amp;A)</source>
        <translation>&amp;Add shift type</translation>
    </message>
    <message>
        <source>代码(&amp;C)：</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>名称(&amp;M)：</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>开始–结束：</source>
        <translation>Start–end:</translation>
    </message>
    <message>
        <source>值班长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>值班员</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>备班</source>
        <translation>Standby</translation>
    </message>
    <message>
        <source>人数：</source>
        <translation>Headcount:</translation>
    </message>
    <message>
        <source>颜色(&amp;L)：</source>
        <translation>Co&amp;lour:</translation>
    </message>
    <message>
        <source>循环</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <source>起始日</source>
        <translation>Anchor day</translation>
    </message>
    <message>
        <source>每天的班次用逗号分隔，天与天用 | 分隔，休息写 休，如 早,中,夜 或 白|夜|休</source>
        <translation>Shift codes of a day separated by commas, days by |, 休 for a rest day, e.g. 早,中,夜 or 白|夜|休</translation>
    </message>
    <message>
        <source>仅工作日（含调休上班日）(&amp;K)</source>
        <translation>Wor&amp;kdays only (including make-up workdays)</translation>
    </message>
    <message>
        <source>添加轮班模式(&amp;P)</source>
        <translation>Add &amp;pattern</translation>
    </message>
    <message>
        <source>循环(&amp;Y)：</source>
        <translation>C&amp;ycle:</translation>
    </message>
    <message>
        <source>起始日(&amp;D)：</source>
        <translation>Anchor &amp;day:</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>成员（按顺序）</source>
        <translation>Members (in order)</translation>
    </message>
    <message>
        <source>工号，按轮换顺序用逗号分隔，如 2001,1001,1004</source>
        <translation>Employee numbers in rotation order, comma separated, e.g. 2001,1001,1004</translation>
    </message>
    <message>
        <source>其中的非全职人员工号（可空）</source>
        <translation>Of these, the part-time members&apos; numbers (may be empty)</translation>
    </message>
    <message>
        <source>添加班组(&amp;A)</source>
        <translation>&amp;Add team</translation>
    </message>
    <message>
        <source>保存规则(&amp;R)</source>
        <translation>Save &amp;rules</translation>
    </message>
    <message>
        <source>保存成员(&amp;S)</source>
        <translation>&amp;Save members</translation>
    </message>
    <message>
        <source>新班组名称(&amp;M)：</source>
        <translation>New team na&amp;me:</translation>
    </message>
    <message>
        <source>轮班模式(&amp;P)：</source>
        <translation>&amp;Pattern:</translation>
    </message>
    <message>
        <source>选择班组(&amp;T)：</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>最短休息（小时）：</source>
        <translation>Minimum rest (hours):</translation>
    </message>
    <message>
        <source>最多连续夜班：</source>
        <translation>Max nights in a row:</translation>
    </message>
    <message>
        <source>每周工时上限：</source>
        <translation>Max hours per week:</translation>
    </message>
    <message>
        <source>每月工时上限：</source>
        <translation>Max hours per month:</translation>
    </message>
    <message>
        <source>成员(&amp;E)：</source>
        <translation>M&amp;embers:</translation>
    </message>
    <message>
        <source>非全职(&amp;F)：</source>
        <translation>Part-time (&amp;F):</translation>
    </message>
    <message>
        <source>有效期至 YYYY-MM-DD（可空）</source>
        <translation>Valid until YYYY-MM-DD (may be empty)</translation>
    </message>
    <message>
        <source>授予资质(&amp;G)</source>
        <translation>&amp;Grant</translation>
    </message>
    <message>
        <source>撤销资质(&amp;V)</source>
        <translation>Re&amp;voke</translation>
    </message>
    <message>
        <source>人员(&amp;P)：</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>值班岗位(&amp;R)：</source>
        <translation>Duty &amp;role:</translation>
    </message>
    <message>
        <source>有效期至(&amp;U)：</source>
        <translation>Valid &amp;until:</translation>
    </message>
    <message>
        <source>撤销 {0} 的“{1}”资质？
撤销后排班不再把此人排到这个岗位；需要时重新授予。</source>
        <translation>Revoke {0}&apos;s “{1}” qualification?
The roster no longer puts this person in that role; grant it again if needed.</translation>
    </message>
    <message>
        <source>撤销资质</source>
        <translation>Revoke qualification</translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <source>换班</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>对方(&amp;P)：</source>
        <translation>Counter&amp;part:</translation>
    </message>
    <message>
        <source>对调对方的班次(&amp;S)：</source>
        <translation>Their &amp;shift to trade:</translation>
    </message>
    <message>
        <source>事由(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>（不对调，由对方顶班）</source>
        <translation>(no trade: they take my shift)</translation>
    </message>
</context>
</TS>
