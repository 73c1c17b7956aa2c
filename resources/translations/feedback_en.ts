<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>决议转为整改措施</source>
        <translation>Turn decision into an action</translation>
    </message>
    <message>
        <source>新建整改措施</source>
        <translation>New action</translation>
    </message>
    <message>
        <source>类型(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>措施(&amp;T)</source>
        <translation>Ac&amp;tion</translation>
    </message>
    <message>
        <source>负责人(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>完成期限(&amp;D)</source>
        <translation>&amp;Due date</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>问题(&amp;P)</source>
        <translation>&amp;Problem</translation>
    </message>
    <message>
        <source>优化周期(&amp;Y)</source>
        <translation>C&amp;ycle</translation>
    </message>
</context>
<context>
    <name>ActionsPage</name>
    <message>
        <source>只看逾期(&amp;O)</source>
        <translation>&amp;Overdue only</translation>
    </message>
    <message>
        <source>只看未完成(&amp;U)</source>
        <translation>&amp;Unfinished only</translation>
    </message>
    <message>
        <source>新建措施(&amp;N)…</source>
        <translation>&amp;New action…</translation>
    </message>
    <message>
        <source>填报完成(&amp;D)…</source>
        <translation>Mark &amp;done…</translation>
    </message>
    <message>
        <source>验证(&amp;Y)…</source>
        <translation>Ver&amp;ify…</translation>
    </message>
    <message>
        <source>取消措施(&amp;X)…</source>
        <translation>Cancel action (&amp;X)…</translation>
    </message>
    <message>
        <source>逾期 {0} 项</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <source>请先选择一项措施</source>
        <translation>Select an action first</translation>
    </message>
    <message>
        <source>验证措施效果</source>
        <translation>Verify the action&apos;s effect</translation>
    </message>
    <message>
        <source>您是该措施的负责人，不能验证自己的措施，请由其他值班长或管理员验证。</source>
        <translation>You own this action and cannot verify it; another leader or administrator must.</translation>
    </message>
    <message>
        <source>取消措施</source>
        <translation>Cancel action</translation>
    </message>
    <message>
        <source>原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>取消后这项措施不再跟踪，不能恢复；原因会留在记录中。</source>
        <translation>Once cancelled, the action is no longer tracked and cannot be restored; the reason stays on record.</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <source>近三个月</source>
        <translation>Last 3 months</translation>
    </message>
    <message>
        <source>近半年</source>
        <translation>Last 6 months</translation>
    </message>
    <message>
        <source>近一年</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>期间(&amp;T)：</source>
        <translation>Peri&amp;od:</translation>
    </message>
    <message>
        <source>按月份与类别统计</source>
        <translation>Counts by month and category</translation>
    </message>
    <message>
        <source>重复发生的问题</source>
        <translation>Recurring problems</translation>
    </message>
    <message>
        <source>反馈主题：</source>
        <translation>Feedback themes: </translation>
    </message>
    <message>
        <source>事件类别：</source>
        <translation>Incident categories: </translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>批准并签名</source>
        <translation>Approve and sign</translation>
    </message>
    <message>
        <source>{0} 以“批准”含义签署“{1}”。签署后周期锁定，不能再修改。</source>
        <translation>{0} signs &quot;{1}&quot; with the meaning Approved. After signing the cycle is locked and cannot change.</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>没有重复发生的问题</source>
        <translation>No recurring problems</translation>
    </message>
</context>
<context>
    <name>ClassifyDialog</name>
    <message>
        <source>反馈分类</source>
        <translation>Classify feedback</translation>
    </message>
    <message>
        <source>类别(&amp;G)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>子类(&amp;S)</source>
        <translation>&amp;Subcategory</translation>
    </message>
</context>
<context>
    <name>CommunicationPlanPage</name>
    <message>
        <source>新建例会(&amp;N)…</source>
        <translation>&amp;New meeting…</translation>
    </message>
    <message>
        <source>编辑例会(&amp;E)…</source>
        <translation>&amp;Edit meeting…</translation>
    </message>
    <message>
        <source>参会人员当天在“待办”中看到会议提醒。</source>
        <translation>Attendees see the meeting in their To do list on the day.</translation>
    </message>
    <message>
        <source>今后 {0} 天的会议</source>
        <translation>Meetings in the next {0} days</translation>
    </message>
    <message>
        <source>（没有启用的例会）</source>
        <translation>(no active meetings)</translation>
    </message>
    <message>
        <source>请先选择一项例会</source>
        <translation>Select a planned meeting first</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>填报完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>完成日期(&amp;D)</source>
        <translation>&amp;Done on</translation>
    </message>
    <message>
        <source>完成证据(&amp;E)</source>
        <translation>&amp;Evidence</translation>
    </message>
</context>
<context>
    <name>CycleDialog</name>
    <message>
        <source>编辑周期计划</source>
        <translation>Edit cycle plan</translation>
    </message>
    <message>
        <source>新建优化周期</source>
        <translation>New improvement cycle</translation>
    </message>
    <message>
        <source>类型(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>开始日期(&amp;S)</source>
        <translation>&amp;Start date</translation>
    </message>
    <message>
        <source>留空则按季度或半年自动命名</source>
        <translation>Leave empty for an automatic quarter or half-year name</translation>
    </message>
    <message>
        <source>名称(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>每行一个目标</source>
        <translation>One goal per line</translation>
    </message>
    <message>
        <source>目标(&amp;G)</source>
        <translation>&amp;Goals</translation>
    </message>
    <message>
        <source>“指标”一格按 F2 或双击从列表中选择；方向填“不低于”或“不高于”；空行忽略。</source>
        <translation>Choose the KPI from the list with F2 or a double click; direction is “At least” or “At most”; empty rows are ignored.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>指标目标(&amp;I)</source>
        <translation>KP&amp;I targets</translation>
    </message>
</context>
<context>
    <name>CyclesPage</name>
    <message>
        <source>已过 %v / %m 天</source>
        <translation>%v of %m days passed</translation>
    </message>
    <message>
        <source>指标对比（目标、本期、上期）</source>
        <translation>KPIs (target, this cycle, previous cycle)</translation>
    </message>
    <message>
        <source>新建周期(&amp;N)…</source>
        <translation>&amp;New cycle…</translation>
    </message>
    <message>
        <source>编辑计划(&amp;P)…</source>
        <translation>Edit &amp;plan…</translation>
    </message>
    <message>
        <source>评估(&amp;E)…</source>
        <translation>&amp;Evaluate…</translation>
    </message>
    <message>
        <source>批准签名(&amp;Q)…</source>
        <translation>&amp;Approve and sign…</translation>
    </message>
    <message>
        <source>开启下一周期(&amp;X)</source>
        <translation>Open ne&amp;xt cycle</translation>
    </message>
    <message>
        <source>评估报告 PDF(&amp;R)</source>
        <translation>&amp;Review report PDF</translation>
    </message>
    <message>
        <source>还没有优化周期。</source>
        <translation>No improvement cycles yet.</translation>
    </message>
    <message>
        <source>措施 {0} 项：{1}&#x3000;逾期 {2} 项</source>
        <translation>{0} actions: {1}  overdue {2}</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>评估结论：</source>
        <translation>Conclusions: </translation>
    </message>
    <message>
        <source>调整：</source>
        <translation>Adjustments: </translation>
    </message>
    <message>
        <source>评估人 {0}，{1}</source>
        <translation>Evaluated by {0}, {1}</translation>
    </message>
    <message>
        <source>批准签名：{0}，{1}，哈希 {2}</source>
        <translation>Approved by {0}, {1}, hash {2}</translation>
    </message>
    <message>
        <source>请先选择一个周期</source>
        <translation>Select a cycle first</translation>
    </message>
    <message>
        <source>下一周期“{0}”已存在，将结转未完成措施 {1} 项：</source>
        <translation>The next cycle &quot;{0}&quot; exists already; {1} unfinished actions will be carried over:</translation>
    </message>
    <message>
        <source>周期已批准并锁定。</source>
        <translation>The cycle is approved and locked.</translation>
    </message>
    <message>
        <source>建议开启下一周期：{0}（{1} – {2}），结转未完成措施 {3} 项：</source>
        <translation>Proposed next cycle: {0} ({1} – {2}), carrying over {3} unfinished actions:</translation>
    </message>
    <message>
        <source>现在开启？</source>
        <translation>Open it now?</translation>
    </message>
    <message>
        <source>开启下一周期</source>
        <translation>Open next cycle</translation>
    </message>
    <message>
        <source>周期评估报告 — {0}</source>
        <translation>Cycle review report — {0}</translation>
    </message>
    <message>
        <source>正在生成周期评估报告…</source>
        <translation>Making the cycle review report…</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <source>周期评估</source>
        <translation>Cycle evaluation</translation>
    </message>
    <message>
        <source>指标值由统计模块提供；填写的值将覆盖它。</source>
        <translation>KPI values come from the KPI module; values entered here override them.</translation>
    </message>
    <message>
        <source>请填写本周期的指标值；留空表示未录入（不按零计）。</source>
        <translation>Enter this cycle&apos;s KPI values; leave empty for not entered (never counted as zero).</translation>
    </message>
    <message>
        <source>未录入</source>
        <translation>not entered</translation>
    </message>
    <message>
        <source>评估结论(&amp;C)</source>
        <translation>&amp;Conclusions</translation>
    </message>
    <message>
        <source>调整措施(&amp;A)</source>
        <translation>&amp;Adjustments</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>提交反馈</source>
        <translation>Submit feedback</translation>
    </message>
    <message>
        <source>您的角色（只读）不能提交反馈。</source>
        <translation>Your role is read-only and cannot submit feedback.</translation>
    </message>
    <message>
        <source>提交反馈(&amp;K)…</source>
        <translation>Submit feedbac&amp;k…</translation>
    </message>
    <message>
        <source>请写下您的意见或建议</source>
        <translation>Write your comment or suggestion</translation>
    </message>
    <message>
        <source>内容(&amp;T)</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>渠道(&amp;C)</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <source>匿名提交（不保存任何个人信息）</source>
        <translation>Submit anonymously (no personal data is stored)</translation>
    </message>
    <message>
        <source>匿名(&amp;A)</source>
        <translation>&amp;Anonymous</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>关于(&amp;B)</source>
        <translation>A&amp;bout</translation>
    </message>
    <message>
        <source>相关记录的编号，如事件编号</source>
        <translation>Number of the related record, e.g. an incident number</translation>
    </message>
    <message>
        <source>编号(&amp;R)</source>
        <translation>&amp;Reference</translation>
    </message>
    <message>
        <source>类别(&amp;G)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>子类(&amp;S)</source>
        <translation>&amp;Subcategory</translation>
    </message>
    <message>
        <source>代外单位或来电人记录时填写姓名</source>
        <translation>Name, when recording for a caller or another unit</translation>
    </message>
    <message>
        <source>反馈人(&amp;N)</source>
        <translation>Giver &amp;name</translation>
    </message>
</context>
<context>
    <name>FeedbackModels</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>验证人</source>
        <translation>Verified by</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>子类</source>
        <translation>Subcategory</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>发生次数</source>
        <translation>Occurrences</translation>
    </message>
    <message>
        <source>重开次数</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <source>起止</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This cycle</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>上期</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>反馈人</source>
        <translation>Given by</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>参会</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>决议</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>参会人员</source>
        <translation>Attendees</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>您的角色无权执行此操作</source>
        <translation>Your role may not do this</translation>
    </message>
    <message>
        <source>反馈与改进</source>
        <translation>Feedback &amp; improvement</translation>
    </message>
</context>
<context>
    <name>FeedbackTab</name>
    <message>
        <source>意见反馈(&amp;1)</source>
        <translation>Feedback (&amp;1)</translation>
    </message>
    <message>
        <source>问题看板(&amp;2)</source>
        <translation>Problem board (&amp;2)</translation>
    </message>
    <message>
        <source>整改措施(&amp;3)</source>
        <translation>Actions (&amp;3)</translation>
    </message>
    <message>
        <source>优化周期(&amp;4)</source>
        <translation>Improvement cycles (&amp;4)</translation>
    </message>
    <message>
        <source>会议记录(&amp;5)</source>
        <translation>Meetings (&amp;5)</translation>
    </message>
    <message>
        <source>问题分析(&amp;6)</source>
        <translation>Analysis (&amp;6)</translation>
    </message>
    <message>
        <source>沟通计划(&amp;7)</source>
        <translation>Communication plan (&amp;7)</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>状态(&amp;Z)：</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>提交反馈(&amp;N)…</source>
        <translation>&amp;New feedback…</translation>
    </message>
    <message>
        <source>任何页面均可按 Ctrl+Shift+F 提交反馈</source>
        <translation>Press Ctrl+Shift+F on any tab to submit feedback</translation>
    </message>
    <message>
        <source>分类(&amp;C)…</source>
        <translation>&amp;Classify…</translation>
    </message>
    <message>
        <source>转为问题(&amp;P)…</source>
        <translation>Make a &amp;problem…</translation>
    </message>
    <message>
        <source>归入已有问题(&amp;J)…</source>
        <translation>&amp;Join a problem…</translation>
    </message>
    <message>
        <source>不采纳(&amp;R)…</source>
        <translation>&amp;Reject…</translation>
    </message>
    <message>
        <source>答复(&amp;A)…</source>
        <translation>Repl&amp;y…</translation>
    </message>
    <message>
        <source>子类管理(&amp;M)…</source>
        <translation>Subcate&amp;gories…</translation>
    </message>
    <message>
        <source>意见汇总(&amp;U)…</source>
        <translation>Feedback s&amp;ummary…</translation>
    </message>
    <message>
        <source>意见汇总</source>
        <translation>Feedback summary</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>关于：{0} {1}</source>
        <translation>About: {0} {1}</translation>
    </message>
    <message>
        <source>已转问题 #{0}</source>
        <translation>Turned into problem #{0}</translation>
    </message>
    <message>
        <source>不采纳理由：{0}</source>
        <translation>Not adopted because: {0}</translation>
    </message>
    <message>
        <source>答复：{0}</source>
        <translation>Reply: {0}</translation>
    </message>
    <message>
        <source>请先选择一条反馈</source>
        <translation>Select a feedback entry first</translation>
    </message>
    <message>
        <source>不采纳</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>理由(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>不采纳后这条反馈结束处理，理由会留在记录中，反馈人可以看到。</source>
        <translation>Declining ends the handling of this feedback; the reason stays in the record and the giver can see it.</translation>
    </message>
    <message>
        <source>答复反馈人</source>
        <translation>Reply to the giver</translation>
    </message>
    <message>
        <source>答复(&amp;R)</source>
        <translation>&amp;Reply</translation>
    </message>
</context>
<context>
    <name>JoinProblemDialog</name>
    <message>
        <source>归入已有问题</source>
        <translation>Join an existing problem</translation>
    </message>
    <message>
        <source>问题(&amp;P)</source>
        <translation>&amp;Problem</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>关联记录</source>
        <translation>Linked records</translation>
    </message>
    <message>
        <source>类型(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>编号(&amp;R)</source>
        <translation>&amp;Reference</translation>
    </message>
    <message>
        <source>备注(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>记录会议</source>
        <translation>Record a meeting</translation>
    </message>
    <message>
        <source>类型(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>主题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>参会人员(&amp;P)</source>
        <translation>&amp;Participants</translation>
    </message>
    <message>
        <source>每行一个议题</source>
        <translation>One topic per line</translation>
    </message>
    <message>
        <source>议题(&amp;O)</source>
        <translation>T&amp;opics</translation>
    </message>
    <message>
        <source>每行一条决议</source>
        <translation>One decision per line</translation>
    </message>
    <message>
        <source>决议(&amp;E)</source>
        <translation>D&amp;ecisions</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>决议(&amp;D)：</source>
        <translation>&amp;Decision:</translation>
    </message>
    <message>
        <source>记录会议(&amp;N)…</source>
        <translation>&amp;New meeting…</translation>
    </message>
    <message>
        <source>转为措施(&amp;A)…</source>
        <translation>Make an &amp;action…</translation>
    </message>
    <message>
        <source>打印会议纪要(&amp;P)</source>
        <translation>&amp;Print minutes</translation>
    </message>
    <message>
        <source>参会：</source>
        <translation>Attendees: </translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>决议</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>请先选择一次会议</source>
        <translation>Choose a meeting first</translation>
    </message>
    <message>
        <source>会议纪要</source>
        <translation>Meeting minutes</translation>
    </message>
    <message>
        <source>请先选择会议和尚未转为措施的决议</source>
        <translation>Select a meeting and a decision that is not an action yet</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>意见汇总</source>
        <translation>Feedback summary</translation>
    </message>
    <message>
        <source>自(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>至(&amp;T)</source>
        <translation>&amp;To</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>编辑问题分析</source>
        <translation>Edit problem analysis</translation>
    </message>
    <message>
        <source>新建问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>类别(&amp;G)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>子类(&amp;S)</source>
        <translation>&amp;Subcategory</translation>
    </message>
    <message>
        <source>来源(&amp;U)</source>
        <translation>So&amp;urce</translation>
    </message>
    <message>
        <source>优先级(&amp;P)</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>负责人(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>描述(&amp;D)</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>为什么 {0}</source>
        <translation>Why {0}</translation>
    </message>
    <message>
        <source>根本原因(&amp;R)</source>
        <translation>&amp;Root cause</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>新建问题(&amp;N)…</source>
        <translation>&amp;New problem…</translation>
    </message>
    <message>
        <source>分析/编辑(&amp;E)…</source>
        <translation>Analyse / &amp;edit…</translation>
    </message>
    <message>
        <source>关联记录(&amp;L)…</source>
        <translation>&amp;Link a record…</translation>
    </message>
    <message>
        <source>添加措施(&amp;A)…</source>
        <translation>Add &amp;action…</translation>
    </message>
    <message>
        <source>关闭问题(&amp;C)</source>
        <translation>&amp;Close problem</translation>
    </message>
    <message>
        <source>重开(&amp;O)…</source>
        <translation>Re&amp;open…</translation>
    </message>
    <message>
        <source>选择一个问题查看分析、关联记录和整改措施。</source>
        <translation>Select a problem to see its analysis, links and actions.</translation>
    </message>
    <message>
        <source>重复发生：{0} 次报告，重开 {1} 次</source>
        <translation>Recurring: {0} reports, reopened {1} times</translation>
    </message>
    <message>
        <source>五问</source>
        <translation>5 whys</translation>
    </message>
    <message>
        <source>根本原因：</source>
        <translation>Root cause: </translation>
    </message>
    <message>
        <source>关联记录</source>
        <translation>Linked records</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>请先在看板上选择一个问题</source>
        <translation>Select a problem on the board first</translation>
    </message>
    <message>
        <source>关闭问题“{0}”？
关闭后问题不再跟踪，它的措施和记录保留。</source>
        <translation>Close the problem “{0}”?
A closed problem is no longer followed up; its actions and records are kept.</translation>
    </message>
    <message>
        <source>关闭问题</source>
        <translation>Close the problem</translation>
    </message>
    <message>
        <source>重开问题</source>
        <translation>Reopen problem</translation>
    </message>
    <message>
        <source>原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
</context>
<context>
    <name>SubcategoriesDialog</name>
    <message>
        <source>反馈子类管理</source>
        <translation>Feedback subcategories</translation>
    </message>
    <message>
        <source>添加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>改名(&amp;R)</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>停用/启用(&amp;T)</source>
        <translation>Re&amp;tire / restore</translation>
    </message>
    <message>
        <source>载入默认子类(&amp;D)</source>
        <translation>Load &amp;defaults</translation>
    </message>
    <message>
        <source>类别(&amp;G)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>（已停用）</source>
        <translation> (retired)</translation>
    </message>
</context>
<context>
    <name>SubcategoryPicker</name>
    <message>
        <source>（未选择）</source>
        <translation>(not chosen)</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>验证措施效果</source>
        <translation>Verify the action&apos;s effect</translation>
    </message>
    <message>
        <source>{0}
负责人：{1}&#x3000;证据：{2}</source>
        <translation>{0}
Owner: {1}  Evidence: {2}</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Effective</translation>
    </message>
    <message>
        <source>无效（问题将重开）</source>
        <translation>Not effective (reopens the problem)</translation>
    </message>
    <message>
        <source>结论(&amp;R)</source>
        <translation>&amp;Result</translation>
    </message>
    <message>
        <source>说明(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
</context>
</TS>
