<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CategoryPage</name>
    <message>
        <source>启用(&amp;E)</source>
        <translation>&amp;Enabled</translation>
    </message>
    <message>
        <source>上级类别(&amp;P)：</source>
        <translation>&amp;Parent category:</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>英文名称(&amp;G)：</source>
        <translation>En&amp;glish name:</translation>
    </message>
    <message>
        <source>排序(&amp;K)：</source>
        <translation>Ran&amp;k:</translation>
    </message>
    <message>
        <source>（顶级类别）</source>
        <translation>(top level)</translation>
    </message>
</context>
<context>
    <name>IncidentModels</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>上报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>超过响应时限仍未响应</source>
        <translation>Past the response target and not yet acknowledged</translation>
    </message>
    <message>
        <source>超过解决时限仍未解决</source>
        <translation>Past the resolution target and not yet resolved</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
</context>
<context>
    <name>IncidentTextDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>搜索标题、描述、备注、处理结果（Ctrl+F）</source>
        <translation>Search title, description, notes, resolution (Ctrl+F)</translation>
    </message>
    <message>
        <source>日期(&amp;D)</source>
        <translation>&amp;Dates</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未关闭</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <source>处理中（未解决）</source>
        <translation>Open (not resolved)</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All severities</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>仅超时(&amp;C)</source>
        <translation>Overdue only (&amp;C)</translation>
    </message>
    <message>
        <source>登记事件(&amp;N)</source>
        <translation>&amp;New incident</translation>
    </message>
    <message>
        <source>导出(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>基础数据(&amp;B)…</source>
        <translation>Reference data (&amp;B)…</translation>
    </message>
    <message>
        <source>严重程度、事件类别、来源</source>
        <translation>Severities, incident categories, sources</translation>
    </message>
    <message>
        <source>搜索(&amp;Q)：</source>
        <translation>Find (&amp;Q):</translation>
    </message>
    <message>
        <source>响应(&amp;A)</source>
        <translation>&amp;Acknowledge</translation>
    </message>
    <message>
        <source>开始处理(&amp;T)</source>
        <translation>S&amp;tart handling</translation>
    </message>
    <message>
        <source>升级(&amp;U)…</source>
        <translation>Escalate (&amp;U)…</translation>
    </message>
    <message>
        <source>解决(&amp;R)…</source>
        <translation>&amp;Resolve…</translation>
    </message>
    <message>
        <source>关闭(&amp;L)</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>重新打开(&amp;O)…</source>
        <translation>Re&amp;open…</translation>
    </message>
    <message>
        <source>处理单(&amp;P)…</source>
        <translation>&amp;Problem form…</translation>
    </message>
    <message>
        <source>添加备注（Ctrl+Enter 保存）</source>
        <translation>Add a note (Ctrl+Enter saves)</translation>
    </message>
    <message>
        <source>添加备注(&amp;M)</source>
        <translation>Add note (&amp;M)</translation>
    </message>
    <message>
        <source>添加附件(&amp;I)…</source>
        <translation>Attach f&amp;ile…</translation>
    </message>
    <message>
        <source>查看(&amp;W)</source>
        <translation>Vie&amp;w</translation>
    </message>
    <message>
        <source>另存为(&amp;Y)…</source>
        <translation>Save cop&amp;y…</translation>
    </message>
    <message>
        <source>处理过程</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>超时事件：{0}</source>
        <translation>Overdue incidents: {0}</translation>
    </message>
    <message>
        <source>选择左侧事件查看详情，或按 Ctrl+N 登记新事件。</source>
        <translation>Select an incident on the left, or press Ctrl+N to record a new one.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>响应</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>用时</source>
        <translation>Durations</translation>
    </message>
    <message>
        <source>响应 {0} 分钟，解决 {1} 分钟</source>
        <translation>response {0} min, resolution {1} min</translation>
    </message>
    <message>
        <source>关联</source>
        <translation>Linked</translation>
    </message>
    <message>
        <source>由 #{0} 重新打开</source>
        <translation>Reopened from #{0}</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已超过时限</source>
        <translation>Past its target</translation>
    </message>
    <message>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>关闭事件 {0}“{1}”？
关闭后事件的记录不能再修改，需要时只能重新打开并说明原因。</source>
        <translation>Close incident {0} “{1}”?
Once closed, its record can no longer be changed; if needed it can only be reopened with a reason.</translation>
    </message>
    <message>
        <source>关闭事件</source>
        <translation>Close the incident</translation>
    </message>
    <message>
        <source>升级事件</source>
        <translation>Escalate incident</translation>
    </message>
    <message>
        <source>升级至(&amp;T)：</source>
        <translation>Escalate &amp;to:</translation>
    </message>
    <message>
        <source>原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>解决事件</source>
        <translation>Resolve incident</translation>
    </message>
    <message>
        <source>处理结果(&amp;R)：</source>
        <translation>&amp;Resolution:</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>已关闭的事件不会改动；将登记一个关联的新事件。原因：</source>
        <translation>The closed incident stays as it is; a new linked incident is recorded. Reason:</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Attach file</translation>
    </message>
    <message>
        <source>图片、PDF 和文档 (*.png *.jpg *.jpeg *.gif *.bmp *.pdf *.txt *.doc *.docx *.xls *.xlsx);;所有文件 (*)</source>
        <translation>Images, PDF and documents (*.png *.jpg *.jpeg *.gif *.bmp *.pdf *.txt *.doc *.docx *.xls *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>另存附件</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <source>导出事件列表</source>
        <translation>Export incident list</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
        <source>已导出 {0} 条事件到 {1}</source>
        <translation>Exported {0} incidents to {1}</translation>
    </message>
    <message>
        <source>正在导出事件…</source>
        <translation>Exporting incidents…</translation>
    </message>
    <message>
        <source>问题处理单</source>
        <translation>Problem-handling form</translation>
    </message>
    <message>
        <source>正在生成问题处理单…</source>
        <translation>Making the problem-handling form…</translation>
    </message>
</context>
<context>
    <name>QuickAddDialog</name>
    <message>
        <source>登记事件</source>
        <translation>Record incident</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>标题(&amp;T)：</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>严重程度(&amp;V)：</source>
        <translation>Se&amp;verity:</translation>
    </message>
    <message>
        <source>类别(&amp;C)：</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>来源(&amp;O)：</source>
        <translation>S&amp;ource:</translation>
    </message>
    <message>
        <source>地点(&amp;L)：</source>
        <translation>&amp;Location:</translation>
    </message>
    <message>
        <source>上报时间(&amp;W)：</source>
        <translation>Reported &amp;when:</translation>
    </message>
    <message>
        <source>描述(&amp;D)：</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReferenceDataDialog</name>
    <message>
        <source>事件基础数据</source>
        <translation>Incident reference data</translation>
    </message>
    <message>
        <source>严重程度(&amp;1)</source>
        <translation>Severities (&amp;1)</translation>
    </message>
    <message>
        <source>事件类别(&amp;2)</source>
        <translation>Categories (&amp;2)</translation>
    </message>
    <message>
        <source>来源(&amp;3)</source>
        <translation>Sources (&amp;3)</translation>
    </message>
</context>
<context>
    <name>ReferenceModels</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
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
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>响应时限（分钟）</source>
        <translation>Respond within (min)</translation>
    </message>
    <message>
        <source>解决时限（分钟）</source>
        <translation>Resolve within (min)</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>上级类别</source>
        <translation>Parent</translation>
    </message>
</context>
<context>
    <name>ReferencePage</name>
    <message>
        <source>新增(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>只读：仅管理员可以修改基础数据</source>
        <translation>Read-only: only administrators change reference data</translation>
    </message>
    <message>
        <source>修改所选记录</source>
        <translation>Editing the selected record</translation>
    </message>
    <message>
        <source>新增一条记录</source>
        <translation>Adding a new record</translation>
    </message>
    <message>
        <source>基础数据</source>
        <translation>Reference data</translation>
    </message>
</context>
<context>
    <name>SeverityPage</name>
    <message>
        <source>选择颜色(&amp;L)…</source>
        <translation>Choose co&amp;lour…</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>启用(&amp;E)</source>
        <translation>&amp;Enabled</translation>
    </message>
    <message>
        <source>代码(&amp;C)：</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>英文名称(&amp;G)：</source>
        <translation>En&amp;glish name:</translation>
    </message>
    <message>
        <source>颜色(&amp;O)：</source>
        <translation>C&amp;olour:</translation>
    </message>
    <message>
        <source>响应时限(&amp;R)：</source>
        <translation>&amp;Respond within:</translation>
    </message>
    <message>
        <source>解决时限(&amp;V)：</source>
        <translation>Resol&amp;ve within:</translation>
    </message>
    <message>
        <source>排序(&amp;K)：</source>
        <translation>Ran&amp;k:</translation>
    </message>
    <message>
        <source>严重程度颜色</source>
        <translation>Severity colour</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>启用(&amp;E)</source>
        <translation>&amp;Enabled</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>英文名称(&amp;G)：</source>
        <translation>En&amp;glish name:</translation>
    </message>
    <message>
        <source>排序(&amp;K)：</source>
        <translation>Ran&amp;k:</translation>
    </message>
</context>
</TS>
