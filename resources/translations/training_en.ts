<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AnswerDialog</name>
    <message>
        <source>填写问卷：{0}</source>
        <translation>Answer questionnaire: {0}</translation>
    </message>
    <message>
        <source>本问卷为匿名问卷：不会记录填写人。</source>
        <translation>This questionnaire is anonymous: who answers is not recorded.</translation>
    </message>
    <message>
        <source>填写人：{0}</source>
        <translation>Respondent: {0}</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>编辑现状评估</source>
        <translation>Edit needs assessment</translation>
    </message>
    <message>
        <source>新建现状评估</source>
        <translation>New needs assessment</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>问卷(&amp;Q)</source>
        <translation>&amp;Questionnaire</translation>
    </message>
    <message>
        <source>（不引用问卷）</source>
        <translation>(no questionnaire)</translation>
    </message>
    <message>
        <source>统计起始日(&amp;F)</source>
        <translation>Period &amp;from</translation>
    </message>
    <message>
        <source>统计截止日(&amp;E)</source>
        <translation>Period &amp;end</translation>
    </message>
    <message>
        <source>评估结论(&amp;S)</source>
        <translation>&amp;Summary</translation>
    </message>
    <message>
        <source>已识别的需求(&amp;N)</source>
        <translation>Identified &amp;needs</translation>
    </message>
    <message>
        <source>每行一项：优先级｜类别｜需求｜措施，类别为 业务/技术/人员，例如：高｜业务｜交接班时间过长｜精简检查表</source>
        <translation>One per line: priority｜class｜need｜action, class 业务/技术/人员 (business/technical/people), e.g. 高｜业务｜Handover takes too long｜Shorten the checklist</translation>
    </message>
</context>
<context>
    <name>AssessmentsPage</name>
    <message>
        <source>新建评估(&amp;N)…</source>
        <translation>&amp;New assessment…</translation>
    </message>
    <message>
        <source>编辑(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>签署(&amp;Q)…</source>
        <translation>Si&amp;gn…</translation>
    </message>
    <message>
        <source>需求清单(&amp;L)…</source>
        <translation>Needs &amp;list…</translation>
    </message>
    <message>
        <source>记录访谈(&amp;I)…</source>
        <translation>Record &amp;interview…</translation>
    </message>
    <message>
        <source>编辑访谈(&amp;W)…</source>
        <translation>Edit intervie&amp;w…</translation>
    </message>
    <message>
        <source>现状评估报告 PDF(&amp;P)</source>
        <translation>Needs analysis &amp;PDF</translation>
    </message>
    <message>
        <source>选择一份评估查看需求清单。</source>
        <translation>Select an assessment to see its needs.</translation>
    </message>
    <message>
        <source>已识别的需求：</source>
        <translation>Identified needs:</translation>
    </message>
    <message>
        <source>访谈：</source>
        <translation>Interviews:</translation>
    </message>
    <message>
        <source>{0} {1}，访谈人 {2}：{3}</source>
        <translation>{0} {1}, interviewed by {2}: {3}</translation>
    </message>
    <message>
        <source>暂无数据的指标：{0}</source>
        <translation>Figures not available yet: {0}</translation>
    </message>
    <message>
        <source>签署：{0}（{1}）{2}</source>
        <translation>Signed: {0} ({1}) {2}</translation>
    </message>
    <message>
        <source>编辑访谈</source>
        <translation>Edit interview</translation>
    </message>
    <message>
        <source>选择访谈：</source>
        <translation>Interview:</translation>
    </message>
    <message>
        <source>签署</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>签名含义：</source>
        <translation>Meaning of the signature:</translation>
    </message>
    <message>
        <source>{0}，请再次输入密码以签署：</source>
        <translation>{0}, enter your password again to sign:</translation>
    </message>
    <message>
        <source>现状评估报告</source>
        <translation>Needs analysis report</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>新建课程</source>
        <translation>New course</translation>
    </message>
    <message>
        <source>课程名称(&amp;T)</source>
        <translation>Course &amp;title</translation>
    </message>
    <message>
        <source>课程内容(&amp;C)</source>
        <translation>&amp;Content</translation>
    </message>
    <message>
        <source>现行流程中的步骤(&amp;P)</source>
        <translation>Steps of the &amp;process in force</translation>
    </message>
    <message>
        <source>其他流程步骤(&amp;S)</source>
        <translation>Other &amp;steps</translation>
    </message>
    <message>
        <source>用；分隔</source>
        <translation>separate with ；</translation>
    </message>
    <message>
        <source>适用角色(&amp;R)</source>
        <translation>Duty &amp;roles</translation>
    </message>
</context>
<context>
    <name>CoursesPage</name>
    <message>
        <source>新建课程(&amp;N)…</source>
        <translation>&amp;New course…</translation>
    </message>
    <message>
        <source>新建场次(&amp;C)…</source>
        <translation>New sess&amp;ion…</translation>
    </message>
    <message>
        <source>打印签到表(&amp;P)</source>
        <translation>&amp;Print attendance sheet</translation>
    </message>
    <message>
        <source>个人培训档案(&amp;R)</source>
        <translation>Training &amp;record</translation>
    </message>
    <message>
        <source>出勤(&amp;T)</source>
        <translation>A&amp;ttendance</translation>
    </message>
    <message>
        <source>设置所选人员出勤(&amp;U)</source>
        <translation>Set attendance of the selected person (&amp;U)</translation>
    </message>
    <message>
        <source>培训签到表</source>
        <translation>Attendance sheet</translation>
    </message>
    <message>
        <source>个人培训档案</source>
        <translation>Training record</translation>
    </message>
</context>
<context>
    <name>GanttWidget</name>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>编辑访谈</source>
        <translation>Edit interview</translation>
    </message>
    <message>
        <source>记录访谈</source>
        <translation>Record interview</translation>
    </message>
    <message>
        <source>访谈日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>受访人(&amp;W)</source>
        <translation>Intervie&amp;wee</translation>
    </message>
    <message>
        <source>（站外人员，填写姓名）</source>
        <translation>(from outside: type the name)</translation>
    </message>
    <message>
        <source>受访人姓名(&amp;N)</source>
        <translation>Interviewee &amp;name</translation>
    </message>
    <message>
        <source>受访人岗位(&amp;R)</source>
        <translation>Interviewee &amp;role</translation>
    </message>
    <message>
        <source>访谈人(&amp;I)</source>
        <translation>&amp;Interviewer</translation>
    </message>
    <message>
        <source>访谈问题(&amp;Q)</source>
        <translation>&amp;Questions</translation>
    </message>
    <message>
        <source>每行一个问题</source>
        <translation>one question per line</translation>
    </message>
    <message>
        <source>访谈记录(&amp;O)</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>新增发现(&amp;F)</source>
        <translation>New &amp;findings</translation>
    </message>
    <message>
        <source>发现(&amp;F)</source>
        <translation>&amp;Findings</translation>
    </message>
    <message>
        <source>每行一条发现；需求可以注明来自哪一条</source>
        <translation>one finding per line; a need can name the finding it came from</translation>
    </message>
    <message>
        <source>已记录的发现</source>
        <translation>Findings recorded</translation>
    </message>
</context>
<context>
    <name>MaterialsPanel</name>
    <message>
        <source>添加资料(&amp;I)…</source>
        <translation>Add material (&amp;J)…</translation>
    </message>
    <message>
        <source>链接大文件(&amp;J)…</source>
        <translation>Lin&amp;k a large file…</translation>
    </message>
    <message>
        <source>打开资料(&amp;O)</source>
        <translation>&amp;Open material</translation>
    </message>
    <message>
        <source>移除资料</source>
        <translation>Remove material</translation>
    </message>
    <message>
        <source>培训资料：请先选择课程或步骤</source>
        <translation>Training materials: select a course or a step first</translation>
    </message>
    <message>
        <source>培训资料：{0}（{1} 份）</source>
        <translation>Training materials: {0} ({1})</translation>
    </message>
    <message>
        <source>培训资料</source>
        <translation>Training materials</translation>
    </message>
    <message>
        <source>培训资料 ({0})</source>
        <translation>Training materials ({0})</translation>
    </message>
    <message>
        <source>资料名称（可留空，用文件名）：</source>
        <translation>Title (empty: the file name):</translation>
    </message>
    <message>
        <source>添加培训资料</source>
        <translation>Add training material</translation>
    </message>
    <message>
        <source>链接大文件（按路径登记，打开时核对）</source>
        <translation>Link a large file (by path, checked when opened)</translation>
    </message>
    <message>
        <source>从值班台移除培训资料「{0}」？移除记录保留在审计记录中。</source>
        <translation>Remove the training material “{0}”? The removal stays in the audit trail.</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>MatrixPage</name>
    <message>
        <source>授予或更新资格(&amp;G)…</source>
        <translation>&amp;Grant or renew…</translation>
    </message>
    <message>
        <source>撤销资格(&amp;W)</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <source>班次类型（可空）</source>
        <translation>shift type (optional)</translation>
    </message>
    <message>
        <source>资格检查(&amp;Q)</source>
        <translation>&amp;Qualification check</translation>
    </message>
    <message>
        <source>检查所选人员(&amp;K)</source>
        <translation>Chec&amp;k selected person</translation>
    </message>
    <message>
        <source>请先选择人员</source>
        <translation>Select a person first</translation>
    </message>
    <message>
        <source>已过期 {0} 项，30 天内到期 {1} 项</source>
        <translation>{0} expired, {1} expiring within 30 days</translation>
    </message>
    <message>
        <source>选择一名人员查看培训记录。</source>
        <translation>Select a person to see their training record.</translation>
    </message>
    <message>
        <source>培训场次：</source>
        <translation>Training sessions:</translation>
    </message>
    <message>
        <source>测试：</source>
        <translation>Tests:</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>撤销 {0} 的此项资格？
撤销后排班不再把此人排到需要这项资格的岗位。</source>
        <translation>Withdraw this qualification from {0}?
The roster no longer puts this person in roles that need it.</translation>
    </message>
    <message>
        <source>撤销资格</source>
        <translation>Withdraw qualification</translation>
    </message>
</context>
<context>
    <name>MilestoneDialog</name>
    <message>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <source>名称(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>已完成(&amp;C)</source>
        <translation>&amp;Completed</translation>
    </message>
    <message>
        <source>说明(&amp;S)</source>
        <translation>De&amp;scription</translation>
    </message>
</context>
<context>
    <name>NeedsDialog</name>
    <message>
        <source>需求清单：{0}</source>
        <translation>Needs: {0}</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>添加需求(&amp;A)</source>
        <translation>&amp;Add need</translation>
    </message>
    <message>
        <source>删除所选(&amp;X)</source>
        <translation>Remove selected (&amp;X)</translation>
    </message>
    <message>
        <source>上移(&amp;U)</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>下移(&amp;J)</source>
        <translation>Move down (&amp;J)</translation>
    </message>
    <message>
        <source>需求(&amp;N)</source>
        <translation>&amp;Needs</translation>
    </message>
    <message>
        <source>（未注明）</source>
        <translation>(not named)</translation>
    </message>
    <message>
        <source>（未分类）</source>
        <translation>(unclassified)</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>新建里程碑(&amp;M)…</source>
        <translation>New &amp;milestone…</translation>
    </message>
    <message>
        <source>新建任务(&amp;N)…</source>
        <translation>&amp;New task…</translation>
    </message>
    <message>
        <source>编辑任务(&amp;E)…</source>
        <translation>&amp;Edit task…</translation>
    </message>
    <message>
        <source>新建风险(&amp;R)…</source>
        <translation>New &amp;risk…</translation>
    </message>
    <message>
        <source>编辑风险(&amp;K)…</source>
        <translation>Edit ris&amp;k…</translation>
    </message>
    <message>
        <source>添加资源(&amp;O)…</source>
        <translation>Add res&amp;ource…</translation>
    </message>
    <message>
        <source>批准计划(&amp;A)…</source>
        <translation>&amp;Approve plan…</translation>
    </message>
    <message>
        <source>实施计划 PDF(&amp;P)</source>
        <translation>Plan &amp;PDF</translation>
    </message>
    <message>
        <source>逾期任务 {0} 项：{1}</source>
        <translation>{0} overdue tasks: {1}</translation>
    </message>
    <message>
        <source>高风险 {0} 项：{1}</source>
        <translation>{0} high risks: {1}</translation>
    </message>
    <message>
        <source>计划状态：草稿，尚未批准</source>
        <translation>Plan: draft, not yet approved</translation>
    </message>
    <message>
        <source>计划状态：第 {0} 版已于 {1} 由 {2} 批准，之后有修改待批准</source>
        <translation>Plan: version {0} approved on {1} by {2}; changed since, awaiting approval</translation>
    </message>
    <message>
        <source>计划状态：第 {0} 版已于 {1} 由 {2} 批准</source>
        <translation>Plan: version {0} approved on {1} by {2}</translation>
    </message>
    <message>
        <source>资源合计：人力 {0}；物力 {1}；财力 {2}</source>
        <translation>Resources: people {0}; material {1}; budget {2}</translation>
    </message>
    <message>
        <source>批准计划</source>
        <translation>Approve plan</translation>
    </message>
    <message>
        <source>{0}，请再次输入密码以批准当前计划：</source>
        <translation>{0}, enter your password again to approve the current plan:</translation>
    </message>
    <message>
        <source>实施计划</source>
        <translation>Implementation plan</translation>
    </message>
</context>
<context>
    <name>PlannedMeetingDialog</name>
    <message>
        <source>编辑例会</source>
        <translation>Edit planned meeting</translation>
    </message>
    <message>
        <source>新建例会</source>
        <translation>New planned meeting</translation>
    </message>
    <message>
        <source>会议名称(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>频次(&amp;F)</source>
        <translation>&amp;Frequency</translation>
    </message>
    <message>
        <source>星期(&amp;W)</source>
        <translation>&amp;Weekday</translation>
    </message>
    <message>
        <source>每月几日(&amp;D)</source>
        <translation>&amp;Day of the month</translation>
    </message>
    <message>
        <source>时间(&amp;H)</source>
        <translation>Time (&amp;H)</translation>
    </message>
    <message>
        <source>沟通渠道(&amp;C)</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <source>参会人员(&amp;P)</source>
        <translation>&amp;Participants</translation>
    </message>
    <message>
        <source>开始日期(&amp;S)</source>
        <translation>&amp;Starts on</translation>
    </message>
    <message>
        <source>有结束日期</source>
        <translation>Has an end</translation>
    </message>
    <message>
        <source>结束日期(&amp;E)</source>
        <translation>&amp;Ends on</translation>
    </message>
    <message>
        <source>启用(&amp;A)</source>
        <translation>&amp;Active</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <source>授予或更新资格</source>
        <translation>Grant or renew qualification</translation>
    </message>
    <message>
        <source>人员(&amp;P)</source>
        <translation>&amp;Person</translation>
    </message>
    <message>
        <source>值班角色(&amp;R)</source>
        <translation>Duty &amp;role</translation>
    </message>
    <message>
        <source>班次类型(&amp;S)</source>
        <translation>&amp;Shift type</translation>
    </message>
    <message>
        <source>留空表示全部班次</source>
        <translation>empty means every shift type</translation>
    </message>
    <message>
        <source>取得日期(&amp;G)</source>
        <translation>Date &amp;gained</translation>
    </message>
    <message>
        <source>长期有效(&amp;L)</source>
        <translation>No expiry (&amp;L)</translation>
    </message>
    <message>
        <source>有效期至(&amp;E)</source>
        <translation>&amp;Expires on</translation>
    </message>
    <message>
        <source>备注(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>新建问卷</source>
        <translation>New questionnaire</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>用途(&amp;U)</source>
        <translation>P&amp;urpose</translation>
    </message>
    <message>
        <source>匿名(&amp;M)</source>
        <translation>Anony&amp;mous</translation>
    </message>
    <message>
        <source>不记录填写人</source>
        <translation>do not record who answers</translation>
    </message>
    <message>
        <source>说明(&amp;S)</source>
        <translation>De&amp;scription</translation>
    </message>
    <message>
        <source>题目</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>选项，用；分隔</source>
        <translation>options, separated by ；</translation>
    </message>
    <message>
        <source>必答(&amp;R)</source>
        <translation>&amp;Required</translation>
    </message>
    <message>
        <source>题目(&amp;Q)</source>
        <translation>&amp;Questions</translation>
    </message>
</context>
<context>
    <name>QuestionnairesPage</name>
    <message>
        <source>新建问卷(&amp;N)…</source>
        <translation>&amp;New questionnaire…</translation>
    </message>
    <message>
        <source>填写(&amp;A)…</source>
        <translation>&amp;Answer…</translation>
    </message>
    <message>
        <source>发布(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>结束(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;E)…</source>
        <translation>&amp;Export to Excel…</translation>
    </message>
    <message>
        <source>从 Excel 导入问卷(&amp;I)…</source>
        <translation>&amp;Import questionnaire from Excel…</translation>
    </message>
    <message>
        <source>导入答卷(&amp;M)…</source>
        <translation>I&amp;mport answers…</translation>
    </message>
    <message>
        <source>导出结果(&amp;X)…</source>
        <translation>E&amp;xport results…</translation>
    </message>
    <message>
        <source>打印空白问卷(&amp;P)</source>
        <translation>&amp;Print blank questionnaire</translation>
    </message>
    <message>
        <source>调查问卷</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <source>选择一份问卷查看结果。</source>
        <translation>Select a questionnaire to see its results.</translation>
    </message>
    <message>
        <source>答卷数：{0}</source>
        <translation>Responses: {0}</translation>
    </message>
    <message>
        <source>回答 {0} 人</source>
        <translation>{0} answered</translation>
    </message>
    <message>
        <source>（无文本答案）</source>
        <translation>(no text answers)</translation>
    </message>
    <message>
        <source>平均分 {0:.2f}</source>
        <translation>Average {0:.2f}</translation>
    </message>
    <message>
        <source>该问卷当前不在收集中</source>
        <translation>This questionnaire is not open for answers</translation>
    </message>
    <message>
        <source>您已经填写过这份问卷</source>
        <translation>You have already answered this questionnaire</translation>
    </message>
    <message>
        <source>发布问卷</source>
        <translation>Publish questionnaire</translation>
    </message>
    <message>
        <source>发布问卷“{0}”？
发布后问题不能再修改，所有人可以填写。</source>
        <translation>Publish the questionnaire “{0}”?
Once published, its questions cannot be changed and everyone can answer it.</translation>
    </message>
    <message>
        <source>结束问卷</source>
        <translation>End questionnaire</translation>
    </message>
    <message>
        <source>结束问卷“{0}”？
结束后不再接受答卷，需要时可以重新发布。</source>
        <translation>End the questionnaire “{0}”?
No more answers are accepted; it can be published again if needed.</translation>
    </message>
    <message>
        <source>导出问卷</source>
        <translation>Export questionnaire</translation>
    </message>
    <message>
        <source>导出结果</source>
        <translation>Export results</translation>
    </message>
    <message>
        <source>从 Excel 导入问卷</source>
        <translation>Import questionnaire from Excel</translation>
    </message>
    <message>
        <source>导入答卷</source>
        <translation>Import answers</translation>
    </message>
    <message>
        <source>已导入 {0} 份答卷</source>
        <translation>{0} responses imported</translation>
    </message>
</context>
<context>
    <name>ResourceDialog</name>
    <message>
        <source>添加资源</source>
        <translation>Add resource</translation>
    </message>
    <message>
        <source>任务：{0}</source>
        <translation>Task: {0}</translation>
    </message>
    <message>
        <source>类别(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>说明(&amp;D)</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>数量 / 金额(&amp;Q)</source>
        <translation>&amp;Quantity / amount</translation>
    </message>
    <message>
        <source>单位或币种(&amp;U)</source>
        <translation>&amp;Unit or currency</translation>
    </message>
</context>
<context>
    <name>RiskDialog</name>
    <message>
        <source>风险</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>风险(&amp;T)</source>
        <translation>Ris&amp;k</translation>
    </message>
    <message>
        <source>可能性 1–5(&amp;L)</source>
        <translation>&amp;Likelihood 1–5</translation>
    </message>
    <message>
        <source>影响 1–5(&amp;I)</source>
        <translation>&amp;Impact 1–5</translation>
    </message>
    <message>
        <source>应对措施(&amp;M)</source>
        <translation>&amp;Mitigation</translation>
    </message>
    <message>
        <source>负责人(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>状态(&amp;A)</source>
        <translation>St&amp;atus</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>新建培训场次</source>
        <translation>New training session</translation>
    </message>
    <message>
        <source>课程(&amp;C)</source>
        <translation>&amp;Course</translation>
    </message>
    <message>
        <source>形式(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>讲师(&amp;R)</source>
        <translation>T&amp;rainer</translation>
    </message>
    <message>
        <source>地点(&amp;L)</source>
        <translation>&amp;Location</translation>
    </message>
    <message>
        <source>参训人员(&amp;A)</source>
        <translation>&amp;Attendees</translation>
    </message>
</context>
<context>
    <name>SpecListEditor</name>
    <message>
        <source>添加(&amp;D)</source>
        <translation>A&amp;dd</translation>
    </message>
    <message>
        <source>删除所选(&amp;X)</source>
        <translation>Remove selected (&amp;X)</translation>
    </message>
</context>
<context>
    <name>TakeTestDialog</name>
    <message>
        <source>参加测试：{0}</source>
        <translation>Take test: {0}</translation>
    </message>
    <message>
        <source>考生：{0}&#x3000;满分 {1}，及格 {2}</source>
        <translation>Candidate: {0}   maximum {1}, pass mark {2}</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>任务(&amp;T)</source>
        <translation>&amp;Task</translation>
    </message>
    <message>
        <source>里程碑(&amp;M)</source>
        <translation>&amp;Milestone</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>负责人(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>开始(&amp;S)</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>截止(&amp;D)</source>
        <translation>&amp;Due</translation>
    </message>
    <message>
        <source>状态(&amp;A)</source>
        <translation>St&amp;atus</translation>
    </message>
    <message>
        <source>所需资源(&amp;R)</source>
        <translation>&amp;Resources</translation>
    </message>
</context>
<context>
    <name>TestDialog</name>
    <message>
        <source>新建测试</source>
        <translation>New test</translation>
    </message>
    <message>
        <source>课程(&amp;C)</source>
        <translation>&amp;Course</translation>
    </message>
    <message>
        <source>测试名称(&amp;T)</source>
        <translation>Test &amp;title</translation>
    </message>
    <message>
        <source>及格分(&amp;P)</source>
        <translation>&amp;Pass mark</translation>
    </message>
    <message>
        <source>题目</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>选项，用；分隔</source>
        <translation>options, separated by ；</translation>
    </message>
    <message>
        <source>正确选项序号，如 1 或 1,3</source>
        <translation>correct option numbers, e.g. 1 or 1,3</translation>
    </message>
    <message>
        <source>分值 </source>
        <translation>points </translation>
    </message>
    <message>
        <source>题目(&amp;Q)</source>
        <translation>&amp;Questions</translation>
    </message>
</context>
<context>
    <name>TestsPage</name>
    <message>
        <source>新建测试(&amp;N)…</source>
        <translation>&amp;New test…</translation>
    </message>
    <message>
        <source>参加测试(&amp;T)…</source>
        <translation>&amp;Take test…</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>测试结果</source>
        <translation>Test result</translation>
    </message>
    <message>
        <source>得分 {0} / {1}：{2}</source>
        <translation>Score {0} / {1}: {2}</translation>
    </message>
</context>
<context>
    <name>TrainingModels</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>题数</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>答卷</source>
        <translation>Responses</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>评估</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>课程</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>适用角色</source>
        <translation>Duty roles</translation>
    </message>
    <message>
        <source>流程步骤</source>
        <translation>Process steps</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>形式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>讲师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>出勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>满分</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>及格分</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <source>第几次</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>全部班次</source>
        <translation>all shifts</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>no expiry</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>所需资源</source>
        <translation>Resources</translation>
    </message>
    <message>
        <source>风险</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>可能性</source>
        <translation>Likelihood</translation>
    </message>
    <message>
        <source>影响</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>应对措施</source>
        <translation>Mitigation</translation>
    </message>
    <message>
        <source>资料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>保存方式</source>
        <translation>Stored</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>问卷</source>
        <translation>Questionnaires</translation>
    </message>
    <message>
        <source>现状评估</source>
        <translation>Needs assessment</translation>
    </message>
    <message>
        <source>课程与场次</source>
        <translation>Courses &amp;&amp; sessions</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>资格矩阵</source>
        <translation>Qualification matrix</translation>
    </message>
    <message>
        <source>实施计划</source>
        <translation>Implementation plan</translation>
    </message>
</context>
</TS>
