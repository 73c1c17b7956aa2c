<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AmendDialog</name>
    <message>
        <source>更正已锁定的交接班记录</source>
        <translation>Amend a locked handover record</translation>
    </message>
    <message>
        <source>更正作为附加记录保存，原记录和签名保持不变。</source>
        <translation>The amendment is kept as an extra record; the original record and its signatures stay unchanged.</translation>
    </message>
    <message>
        <source>更正对象(&amp;S)：</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>更正内容(&amp;C)：</source>
        <translation>&amp;Correction:</translation>
    </message>
    <message>
        <source>更正原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>HandoverModels</name>
    <message>
        <source>填写中</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待接班确认</source>
        <translation>Awaiting take-over</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>正常范围</source>
        <translation>Normal range</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>【异常】</source>
        <translation>[abnormal]</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation>(required)</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <source>提出时间</source>
        <translation>Raised at</translation>
    </message>
    <message>
        <source>适用范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>检查项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>全站通用</source>
        <translation>Whole site</translation>
    </message>
    <message>
        <source>班次 {0}</source>
        <translation>Shift {0}</translation>
    </message>
    <message>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>已持续</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>关联事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>处理情况</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>未解决</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>交班</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <source>接班</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>交接时间点</source>
        <translation>Shift boundary</translation>
    </message>
    <message>
        <source>准时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>异常项</source>
        <translation>Abnormal</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Amendments</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Late</translation>
    </message>
</context>
<context>
    <name>HandoverTab</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>当前交接班</source>
        <translation>Current handover</translation>
    </message>
    <message>
        <source>历史记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>待处理的交接班(&amp;J)：</source>
        <translation>Pending handovers (&amp;J):</translation>
    </message>
    <message>
        <source>发起交接班(&amp;N)…</source>
        <translation>&amp;New handover…</translation>
    </message>
    <message>
        <source>接班确认(&amp;A)…</source>
        <translation>&amp;Accept take-over…</translation>
    </message>
    <message>
        <source>退回(&amp;R)…</source>
        <translation>Send &amp;back…</translation>
    </message>
    <message>
        <source>打印预览(&amp;P)…</source>
        <translation>&amp;Print preview…</translation>
    </message>
    <message>
        <source>检查表模板(&amp;T)…</source>
        <translation>Checklist &amp;templates…</translation>
    </message>
    <message>
        <source>交班确认(&amp;C)…</source>
        <translation>&amp;Confirm hand-over…</translation>
    </message>
    <message>
        <source>检查项(&amp;K)：方向键选择，直接输入或 F2 编辑，回车保存并到下一项（是/否：Y 或 N）；* 为必填项</source>
        <translation>Chec&amp;klist: arrow keys to move, type or F2 to edit, Enter saves and goes to the next item (yes/no: Y or N); * marks required items</translation>
    </message>
    <message>
        <source>交接备注(&amp;M)：</source>
        <translation>Re&amp;marks:</translation>
    </message>
    <message>
        <source>保存备注(&amp;G)</source>
        <translation>Save remarks (&amp;G)</translation>
    </message>
    <message>
        <source>遗留问题</source>
        <translation>Open items</translation>
    </message>
    <message>
        <source>遗留问题列表(&amp;L)：</source>
        <translation>Open items &amp;list:</translation>
    </message>
    <message>
        <source>新增遗留问题(&amp;O)…</source>
        <translation>New &amp;open item…</translation>
    </message>
    <message>
        <source>解决(&amp;E)…</source>
        <translation>R&amp;esolve…</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>只看有异常项(&amp;X)</source>
        <translation>Only with abnormal items (&amp;X)</translation>
    </message>
    <message>
        <source>查询(&amp;Q)</source>
        <translation>Search (&amp;Q)</translation>
    </message>
    <message>
        <source>状态(&amp;T)：</source>
        <translation>Sta&amp;tus:</translation>
    </message>
    <message>
        <source>人员(&amp;U)：</source>
        <translation>Person (&amp;U):</translation>
    </message>
    <message>
        <source>到(&amp;Y)：</source>
        <translation>To (&amp;Y):</translation>
    </message>
    <message>
        <source>显示已解决(&amp;D)</source>
        <translation>Show resolve&amp;d</translation>
    </message>
    <message>
        <source>从(&amp;M)：</source>
        <translation>Fro&amp;m:</translation>
    </message>
    <message>
        <source>记录(&amp;J)：回车查看</source>
        <translation>&amp;Records: Enter to open</translation>
    </message>
    <message>
        <source>查看(&amp;W)…</source>
        <translation>Vie&amp;w…</translation>
    </message>
    <message>
        <source>打印预览(&amp;I)…</source>
        <translation>Pr&amp;int preview…</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>#{0} {1}：已不在待处理列表中，可在历史记录中查看</source>
        <translation>#{0} {1}: no longer pending; see the history</translation>
    </message>
    <message>
        <source>目前没有待处理的交接班。按“发起交接班”开始本班的交接。</source>
        <translation>No handover is pending. Press “New handover” to start this shift&apos;s handover.</translation>
    </message>
    <message>
        <source>&lt;b&gt;#{0}&lt;/b&gt; {1} · 交班 {2} {3} → 接班 {4} {5} · 交接时间点 {6} · &lt;b&gt;{7}&lt;/b&gt; · 检查表 {8}（第 {9} 版）</source>
        <translation>&lt;b&gt;#{0}&lt;/b&gt; {1} · outgoing {2} {3} → incoming {4} {5} · boundary {6} · &lt;b&gt;{7}&lt;/b&gt; · checklist {8} (version {9})</translation>
    </message>
    <message>
        <source>还有 {0} 个必填项未填写：{1}</source>
        <translation>{0} required items are still empty: {1}</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} records</translation>
    </message>
    <message>
        <source>交接班</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>输入的内容未能保存（见上一条提示）。仍要签名吗？签名的将是已保存的内容。</source>
        <translation>Some input could not be saved (see the previous message). Sign anyway? What is signed is what was saved.</translation>
    </message>
    <message>
        <source>请先在列表中选择一个未解决的遗留问题。</source>
        <translation>Select an open item in the list first.</translation>
    </message>
    <message>
        <source>交接班记录 #{0}</source>
        <translation>Handover record #{0}</translation>
    </message>
</context>
<context>
    <name>OpenItemDialog</name>
    <message>
        <source>新增遗留问题</source>
        <translation>New open item</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>在本次交接班中提出(&amp;H)</source>
        <translation>Raised at this &amp;handover</translation>
    </message>
    <message>
        <source>问题(&amp;T)：</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>详细说明(&amp;D)：</source>
        <translation>&amp;Details:</translation>
    </message>
    <message>
        <source>关联事件编号(&amp;E)：</source>
        <translation>Incident numb&amp;er:</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>交接班记录</source>
        <translation>Handover record</translation>
    </message>
    <message>
        <source>值班日期</source>
        <translation>Duty date</translation>
    </message>
    <message>
        <source>交班</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <source>接班</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>交接时间点</source>
        <translation>Shift boundary</translation>
    </message>
    <message>
        <source>开始交接</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason sent back</translation>
    </message>
    <message>
        <source>前次提交</source>
        <translation>Previous submission</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>【异常】</source>
        <translation>[abnormal]</translation>
    </message>
    <message>
        <source>遗留问题</source>
        <translation>Open items</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>未解决</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>本班事件概况</source>
        <translation>Incidents of the shift</translation>
    </message>
    <message>
        <source>本班接报事件</source>
        <translation>Incidents reported in the shift</translation>
    </message>
    <message>
        <source>未结事件</source>
        <translation>Open incidents</translation>
    </message>
    <message>
        <source>未连接事件记录</source>
        <translation>No incident log connected</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>尚未签名</source>
        <translation>Not signed yet</translation>
    </message>
    <message>
        <source>代</source>
        <translation>on behalf of</translation>
    </message>
    <message>
        <source>更正记录</source>
        <translation>Amendments</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>交接备注</source>
        <translation>Handover remarks</translation>
    </message>
    <message>
        <source>（无交接备注）</source>
        <translation>(no handover remarks)</translation>
    </message>
    <message>
        <source>异常项 {0} 项：{1}</source>
        <translation>{0} abnormal item(s): {1}</translation>
    </message>
    <message>
        <source>必填项未填 {0} 项：{1}</source>
        <translation>{0} required item(s) not filled: {1}</translation>
    </message>
    <message>
        <source>交接班记录 #{0}</source>
        <translation>Handover record #{0}</translation>
    </message>
    <message>
        <source>更正(&amp;M)…</source>
        <translation>A&amp;mend…</translation>
    </message>
    <message>
        <source>打印预览(&amp;P)…</source>
        <translation>&amp;Print preview…</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>解决遗留问题</source>
        <translation>Resolve open item</translation>
    </message>
    <message>
        <source>问题：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>处理结果(&amp;R)：</source>
        <translation>&amp;Resolution:</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>交班确认（签名）</source>
        <translation>Hand over (signature)</translation>
    </message>
    <message>
        <source>接班确认（签名）</source>
        <translation>Take over (signature)</translation>
    </message>
    <message>
        <source>退回交接班</source>
        <translation>Send the handover back</translation>
    </message>
    <message>
        <source>交班确认：我已如实填写并当面交代以上内容。</source>
        <translation>Handed over: I filled in the above truthfully and explained it in person.</translation>
    </message>
    <message>
        <source>接班确认：我已核对以上内容并接班。</source>
        <translation>Taken over: I checked the above and take over the duty.</translation>
    </message>
    <message>
        <source>退回：记录将退回交班人修改后重新提交。</source>
        <translation>Send back: the record returns to the outgoing officer to correct and resubmit.</translation>
    </message>
    <message>
        <source>签名内容(&amp;C)：</source>
        <translation>What you &amp;confirm:</translation>
    </message>
    <message>
        <source>签名人：</source>
        <translation>Signer:</translation>
    </message>
    <message>
        <source>由值班长代签(&amp;B)</source>
        <translation>Shift leader signs on &amp;behalf</translation>
    </message>
    <message>
        <source>代签值班长(&amp;L)：</source>
        <translation>Shift &amp;leader:</translation>
    </message>
    <message>
        <source>退回原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>签名人密码(&amp;W)：</source>
        <translation>Signer&apos;s pass&amp;word:</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>发起交接班</source>
        <translation>New handover</translation>
    </message>
    <message>
        <source>（排班：{0}）</source>
        <translation> (rostered: {0})</translation>
    </message>
    <message>
        <source>值班日期(&amp;D)：</source>
        <translation>Duty &amp;date:</translation>
    </message>
    <message>
        <source>交班班次(&amp;O)：</source>
        <translation>&amp;Outgoing shift:</translation>
    </message>
    <message>
        <source>接班班次(&amp;I)：</source>
        <translation>&amp;Incoming shift:</translation>
    </message>
    <message>
        <source>交班人(&amp;U)：</source>
        <translation>O&amp;utgoing officer:</translation>
    </message>
    <message>
        <source>接班人(&amp;P)：</source>
        <translation>Incoming &amp;person:</translation>
    </message>
    <message>
        <source>交接时间点(&amp;T)：</source>
        <translation>Shift boundary (&amp;T):</translation>
    </message>
    <message>
        <source>缺岗</source>
        <translation>vacant</translation>
    </message>
    <message>
        <source>{0}（替班：{1}）</source>
        <translation>{0} (stand-in: {1})</translation>
    </message>
    <message>
        <source>（排班中无人）</source>
        <translation>(nobody rostered)</translation>
    </message>
    <message>
        <source>排班中尚未定义班次类型，请先在排班标签页中添加班次类型。</source>
        <translation>The roster has no shift types yet; add them on the Roster tab first.</translation>
    </message>
    <message>
        <source>排班中没有找到要交接的班次，请选择交班和接班班次。</source>
        <translation>No shift to hand over was found in the roster; choose the outgoing and incoming shifts.</translation>
    </message>
    <message>
        <source>&lt;b&gt;交接时间：&lt;/b&gt;{0}</source>
        <translation>&lt;b&gt;Handover time: &lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>交班：</source>
        <translation>Outgoing: </translation>
    </message>
    <message>
        <source>接班：</source>
        <translation>Incoming: </translation>
    </message>
    <message>
        <source>&lt;b&gt;检查表：&lt;/b&gt;{0}（第 {1} 版）</source>
        <translation>&lt;b&gt;Checklist: &lt;/b&gt;{0} (version {1})</translation>
    </message>
    <message>
        <source>该交接时间已有交接班记录 #{0}</source>
        <translation>Handover #{0} already exists for this handover time</translation>
    </message>
    <message>
        <source>不在排班中：将记录为替班（原：{0}）</source>
        <translation>Not rostered: will be recorded as standing in for {0}</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>是/否</source>
        <translation>Yes/No</translation>
    </message>
    <message>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>选项</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>交接班检查表模板</source>
        <translation>Handover checklist templates</translation>
    </message>
    <message>
        <source>模板版本(&amp;T)：</source>
        <translation>Template &amp;versions:</translation>
    </message>
    <message>
        <source>导出 JSON(&amp;E)…</source>
        <translation>&amp;Export JSON…</translation>
    </message>
    <message>
        <source>导入为新版本(&amp;I)…</source>
        <translation>&amp;Import as new version…</translation>
    </message>
    <message>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <source>已保存 {0} 第 {1} 版；进行中的交接班仍使用原版本。</source>
        <translation>Saved {0} version {1}; handovers already started keep their version.</translation>
    </message>
    <message>
        <source>导出检查表模板</source>
        <translation>Export checklist template</translation>
    </message>
    <message>
        <source>导入检查表模板</source>
        <translation>Import checklist template</translation>
    </message>
</context>
</TS>
