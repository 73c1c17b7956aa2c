<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于值班台</source>
        <translation>About DutyDesk</translation>
    </message>
    <message>
        <source>值班台 DutyDesk {0}</source>
        <translation>DutyDesk {0}</translation>
    </message>
    <message>
        <source>站点：{0}</source>
        <translation>Site: {0}</translation>
    </message>
    <message>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>自动备份目录：{0}</source>
        <translation>Automatic backups: {0}</translation>
    </message>
    <message>
        <source>默认数据目录：{0}</source>
        <translation>Default data folder: {0}</translation>
    </message>
    <message>
        <source>数据库结构版本：{0}（本程序支持 {1}）</source>
        <translation>Schema version: {0} (this program supports {1})</translation>
    </message>
    <message>
        <source>界面字体：{0}</source>
        <translation>Interface font: {0}</translation>
    </message>
    <message>
        <source>许可证(&amp;L)：</source>
        <translation>&amp;Licences:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>第一位管理员</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <source>管理员添加其他人员、设置班次和站点参数。密码至少 {0} 个字符。</source>
        <translation>The administrator adds the other people and sets up shifts and site settings. Passwords need at least {0} characters.</translation>
    </message>
    <message>
        <source>管理员姓名(&amp;M)：</source>
        <translation>Ad&amp;ministrator&apos;s name:</translation>
    </message>
    <message>
        <source>工号(&amp;E)：</source>
        <translation>&amp;Employee number:</translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>再次输入密码(&amp;A)：</source>
        <translation>Password &amp;again:</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>操作未完成，发生了意外错误。请记下以下内容并报告管理员：
{0}</source>
        <translation>The operation did not finish because of an unexpected error. Please note the following and tell your administrator:
{0}</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>自动备份</source>
        <translation>Automatic backups</translation>
    </message>
    <message>
        <source>值班台每次启动时、以及运行中每天一次，把数据库完整备份到：
{0}

只保留最近 {1} 份（管理员可在 设置 → 站点设置 中修改）。需要时可用 文件 → 备份 另存一份到U盘，用 文件 → 恢复 从备份恢复；被替换的文件会保留下来。</source>
        <translation>Every time it starts, and once a day while it runs, DutyDesk copies the whole database to:
{0}

The latest {1} copies are kept (administrators change this under Settings → Site settings). File → Backup saves another copy, for example to a USB stick; File → Restore brings a backup back, and the replaced file is kept.</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DutyStatus</name>
    <message>
        <source>在岗：{0}（{1}）</source>
        <translation>On duty: {0} ({1})</translation>
    </message>
    <message>
        <source>在岗：未排班</source>
        <translation>On duty: not rostered</translation>
    </message>
    <message>
        <source>遗留问题：{0}</source>
        <translation>Open items: {0}</translation>
    </message>
    <message>
        <source>超时事件：{0}</source>
        <translation>Overdue incidents: {0}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>首次使用值班台</source>
        <translation>Setting up DutyDesk</translation>
    </message>
    <message>
        <source>下一步(&amp;X) &gt;</source>
        <translation>Ne&amp;xt &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The passwords do not match</translation>
    </message>
    <message>
        <source>正在生成演示数据…</source>
        <translation>Making the demo data…</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>值班台已锁定</source>
        <translation>DutyDesk is locked</translation>
    </message>
    <message>
        <source>{0}（工号 {1}）长时间未操作。请输入密码解锁。</source>
        <translation>{0} (employee number {1}) has been idle. Enter the password to unlock.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>退出程序(&amp;Q)</source>
        <translation>&amp;Quit DutyDesk</translation>
    </message>
    <message>
        <source>切换用户(&amp;W)…</source>
        <translation>S&amp;witch user…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>此页面无法打开：{0}</source>
        <translation>This page cannot be opened: {0}</translation>
    </message>
    <message>
        <source>已保存（{0}）</source>
        <translation>Saved ({0})</translation>
    </message>
    <message>
        <source>站点设置已保存</source>
        <translation>Site settings saved</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>值班台 — {0}</source>
        <translation>DutyDesk — {0}</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>打开数据库(&amp;O)…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>备份(&amp;B)…</source>
        <translation>&amp;Backup…</translation>
    </message>
    <message>
        <source>恢复(&amp;R)…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <source>导出审计文件(&amp;E)…</source>
        <translation>&amp;Export for audit…</translation>
    </message>
    <message>
        <source>校验数据库(&amp;V)</source>
        <translation>&amp;Verify database</translation>
    </message>
    <message>
        <source>值班报告(&amp;R)…</source>
        <translation>Shift &amp;report…</translation>
    </message>
    <message>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>切换用户(&amp;U)…</source>
        <translation>Switch &amp;user…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>站点设置(&amp;S)…</source>
        <translation>&amp;Site settings…</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>键盘快捷键(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>仅管理员可恢复数据库</source>
        <translation>Only an administrator may restore the database</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>当前用户：无（已注销）</source>
        <translation>Signed in: nobody (signed out)</translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation>Signed in: {0} ({1})</translation>
    </message>
    <message>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>界面语言已切换，立即生效。</source>
        <translation>The interface language was switched; it applies right away.</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>备份完成：
{0}</source>
        <translation>Backup finished:
{0}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>操作失败</source>
        <translation>The operation failed</translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>有后台任务正在运行，请等它完成后再恢复。</source>
        <translation>A background task is still running; wait for it to finish before restoring.</translation>
    </message>
    <message>
        <source>确认恢复</source>
        <translation>Confirm restore</translation>
    </message>
    <message>
        <source>用备份文件
{0}
替换当前数据库
{1}？

当前文件会被保留在原目录中（文件名带 replaced）。</source>
        <translation>Replace the current database
{1}
with the backup
{0}?

The current file is kept in its folder (its name contains &quot;replaced&quot;).</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>（原位置没有文件）</source>
        <translation>(there was no file at that place)</translation>
    </message>
    <message>
        <source>已从 {0} 恢复数据库。
被替换的文件保存在：
{1}</source>
        <translation>The database was restored from {0}.
The replaced file was kept as:
{1}</translation>
    </message>
    <message>
        <source>导出审计文件</source>
        <translation>Export for audit</translation>
    </message>
    <message>
        <source>正在导出审计文件…</source>
        <translation>Exporting the audit copy…</translation>
    </message>
    <message>
        <source>审计文件：{0}</source>
        <translation>Audit copy: {0}</translation>
    </message>
    <message>
        <source>清单：{0}</source>
        <translation>Manifest: {0}</translation>
    </message>
    <message>
        <source>导出人：{0}，时间：{1}</source>
        <translation>Exported by {0} at {1}</translation>
    </message>
    <message>
        <source>结构版本：{0}；有数据的表：{1} 个；审计记录：{2} 条</source>
        <translation>Schema version: {0}; tables with data: {1}; audit rows: {2}</translation>
    </message>
    <message>
        <source>审计链头哈希：{0}</source>
        <translation>Audit head hash: {0}</translation>
    </message>
    <message>
        <source>文件 SHA-256：{0}</source>
        <translation>File SHA-256: {0}</translation>
    </message>
    <message>
        <source>正在校验数据库：存储、结构、审计链、记录、签名、搜索索引…</source>
        <translation>Verifying the database: storage, schema, audit chain, records, signatures, search index…</translation>
    </message>
    <message>
        <source>正在校验数据库…</source>
        <translation>Verifying the database…</translation>
    </message>
    <message>
        <source>校验通过</source>
        <translation>Verification passed</translation>
    </message>
    <message>
        <source>校验发现问题</source>
        <translation>Verification found problems</translation>
    </message>
    <message>
        <source>已自动备份到 {0}</source>
        <translation>Automatic backup made: {0}</translation>
    </message>
    <message>
        <source>自动备份失败：{0}</source>
        <translation>Automatic backup failed: {0}</translation>
    </message>
    <message>
        <source>正在自动备份…</source>
        <translation>Making the automatic backup…</translation>
    </message>
    <message>
        <source>账号已停用，已退出登录</source>
        <translation>The account was deactivated; you have been signed out</translation>
    </message>
    <message>
        <source>有输入的内容未能保存（见上一条提示）。放弃这些内容并继续吗？</source>
        <translation>Some input could not be saved (see the previous message). Discard it and continue?</translation>
    </message>
    <message>
        <source>还有打开的对话框，其中未确认的输入将被放弃。继续吗？</source>
        <translation>Dialogs are still open; what is typed in them and not confirmed will be discarded. Continue?</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>有输入的内容未能保存（见上一条提示）。放弃这些内容并退出吗？</source>
        <translation>Some input could not be saved (see the previous message). Discard it and quit?</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose a database file</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>文件：{0}
文件没有被修改。可以选择另一个数据库文件。</source>
        <translation>File: {0}
The file was not changed. You can choose another database file.</translation>
    </message>
    <message>
        <source>选择其他文件(&amp;O)…</source>
        <translation>Choose &amp;another file…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>另存为(&amp;S)…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <source>适合宽度(&amp;W)</source>
        <translation>Fit &amp;width</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>记录与签名不符：此记录在签名之后被改动，所印内容不是签名时的内容。</source>
        <translation>Record does not match its signature: it was changed after it was signed, so what is printed is not what was signed.</translation>
    </message>
    <message>
        <source>保存 PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>无法保存：{0}</source>
        <translation>Cannot save: {0}</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>无法读写文件 {0}：{1}</source>
        <translation>Cannot read or write the file {0}: {1}</translation>
    </message>
    <message>
        <source>数据库操作失败：{0}</source>
        <translation>The database operation failed: {0}</translation>
    </message>
    <message>
        <source>发生意外错误：{0}</source>
        <translation>An unexpected error occurred: {0}</translation>
    </message>
</context>
<context>
    <name>ShiftReportDialog</name>
    <message>
        <source>值班报告</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <source>全天（值班日报）</source>
        <translation>Whole day (daily report)</translation>
    </message>
    <message>
        <source>日期(&amp;D)：</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>班次(&amp;S)：</source>
        <translation>&amp;Shift:</translation>
    </message>
    <message>
        <source>预览(&amp;P)</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <source>正在生成值班报告…</source>
        <translation>Building the shift report…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>整个窗口</source>
        <translation>Whole window</translation>
    </message>
    <message>
        <source>排班</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>交接班</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>事件基础数据</source>
        <translation>Incident reference data</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>PDF 预览</source>
        <translation>PDF preview</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>导出审计文件</source>
        <translation>Export for audit</translation>
    </message>
    <message>
        <source>校验数据库</source>
        <translation>Verify database</translation>
    </message>
    <message>
        <source>值班报告</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <source>提交反馈</source>
        <translation>Submit feedback</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>键盘快捷键（本表）</source>
        <translation>Keyboard shortcuts (this table)</translation>
    </message>
    <message>
        <source>待办列表</source>
        <translation>To-do list</translation>
    </message>
    <message>
        <source>显示或关闭待办面板</source>
        <translation>Show or close the to-do panel</translation>
    </message>
    <message>
        <source>排班标签页</source>
        <translation>Roster tab</translation>
    </message>
    <message>
        <source>交接班标签页</source>
        <translation>Handover tab</translation>
    </message>
    <message>
        <source>事件标签页</source>
        <translation>Incidents tab</translation>
    </message>
    <message>
        <source>反馈与改进标签页</source>
        <translation>Feedback &amp; improvement tab</translation>
    </message>
    <message>
        <source>统计标签页</source>
        <translation>KPIs tab</translation>
    </message>
    <message>
        <source>流程标签页</source>
        <translation>Process tab</translation>
    </message>
    <message>
        <source>培训标签页</source>
        <translation>Training tab</translation>
    </message>
    <message>
        <source>上个月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>下个月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>生成排班</source>
        <translation>Generate the roster</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>编辑所选格子</source>
        <translation>Edit the selected cell</translation>
    </message>
    <message>
        <source>编辑所选格子（小键盘）</source>
        <translation>Edit the selected cell (keypad)</translation>
    </message>
    <message>
        <source>清除所选格子</source>
        <translation>Clear the selected cells</translation>
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
        <source>跳到搜索框</source>
        <translation>Go to the search box</translation>
    </message>
    <message>
        <source>登记事件</source>
        <translation>Record an incident</translation>
    </message>
    <message>
        <source>导出事件</source>
        <translation>Export incidents</translation>
    </message>
    <message>
        <source>响应</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>开始处理</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>解决</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>关闭事件</source>
        <translation>Close the incident</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>事件处理单</source>
        <translation>Incident form</translation>
    </message>
    <message>
        <source>保存备注</source>
        <translation>Save the note</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>上一期间</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>下一期间</source>
        <translation>Next period</translation>
    </message>
    <message>
        <source>保存步骤</source>
        <translation>Save the step</translation>
    </message>
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
        <translation>Courses and sessions</translation>
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
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Alt+带下划线的字母</source>
        <translation>Alt+underlined letter</translation>
    </message>
    <message>
        <source>打开菜单、按下按钮或跳到对应输入框</source>
        <translation>Opens the menu, presses the button or goes to the field</translation>
    </message>
    <message>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>What it does</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录 — 值班台</source>
        <translation>Sign in — DutyDesk</translation>
    </message>
    <message>
        <source>工号(&amp;E)：</source>
        <translation>&amp;Employee number:</translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>登录(&amp;L)</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignedOutCover</name>
    <message>
        <source>没有用户登录</source>
        <translation>Nobody is signed in</translation>
    </message>
    <message>
        <source>{0}（工号 {1}）已注销。请下一位值班人员登录。</source>
        <translation>{0} (employee no. {1}) has signed out. The next duty officer may sign in.</translation>
    </message>
    <message>
        <source>登录(&amp;L)…</source>
        <translation>Sign &amp;in…</translation>
    </message>
    <message>
        <source>退出程序(&amp;Q)</source>
        <translation>&amp;Quit DutyDesk</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>值班室的名称会印在每一份报告上；时区决定班次和报告中的时间。</source>
        <translation>The duty room&apos;s name is printed on every report; the time zone sets the times of shifts and reports.</translation>
    </message>
    <message>
        <source>站点名称(&amp;S)：</source>
        <translation>&amp;Site name:</translation>
    </message>
    <message>
        <source>时区(&amp;Z)：</source>
        <translation>Time &amp;zone:</translation>
    </message>
    <message>
        <source>请填写站点名称</source>
        <translation>Enter the site name</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <source>站点设置</source>
        <translation>Site settings</translation>
    </message>
    <message>
        <source>站点名称(&amp;N)：</source>
        <translation>Site &amp;name:</translation>
    </message>
    <message>
        <source>时区(&amp;T)：</source>
        <translation>&amp;Time zone:</translation>
    </message>
    <message>
        <source>空闲锁定（分钟）(&amp;L)：</source>
        <translation>Idle &amp;lock (minutes):</translation>
    </message>
    <message>
        <source>保留自动备份份数(&amp;B)：</source>
        <translation>Automatic &amp;backups kept:</translation>
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
    <name>Tabs</name>
    <message>
        <source>排班</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>交接班</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>反馈与改进</source>
        <translation>Feedback &amp; improvement</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
</context>
<context>
    <name>TodoPanel</name>
    <message>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>待办面板(&amp;T)</source>
        <translation>&amp;To-do panel</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>【逾期】</source>
        <translation>[Overdue] </translation>
    </message>
    <message>
        <source>回车或双击：打开处理的位置</source>
        <translation>Enter or double-click: open where to act</translation>
    </message>
    <message>
        <source>今天没有待办事项。</source>
        <translation>Nothing to do today.</translation>
    </message>
    <message>
        <source>待办 {0} 项</source>
        <translation>To do: {0}</translation>
    </message>
    <message>
        <source>（逾期 {0}）</source>
        <translation> ({0} overdue)</translation>
    </message>
</context>
<context>
    <name>VerifyResultDialog</name>
    <message>
        <source>校验结果</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>校验通过：未发现问题。</source>
        <translation>Verification passed: no problems found.</translation>
    </message>
    <message>
        <source>校验发现 {0} 个问题。</source>
        <translation>Verification found {0} problem(s).</translation>
    </message>
    <message>
        <source>审计记录 {0} 条，核对记录 {1} 条，签名 {2} 个。</source>
        <translation>{0} audit rows, {1} records checked, {2} signatures.</translation>
    </message>
    <message>
        <source>审计链头哈希：{0}</source>
        <translation>Audit head hash: {0}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>校验报告 PDF(&amp;R)…</source>
        <translation>Verification &amp;report PDF…</translation>
    </message>
    <message>
        <source>校验报告</source>
        <translation>Verification report</translation>
    </message>
    <message>
        <source>正在生成校验报告…</source>
        <translation>Making the verification report…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用值班台</source>
        <translation>Welcome to DutyDesk</translation>
    </message>
    <message>
        <source>这是一个新的数据库，下面几步完成设置。</source>
        <translation>This is a new database; a few steps set it up.</translation>
    </message>
    <message>
        <source>全部数据保存在这一个文件中：
{0}</source>
        <translation>All records are kept in this one file:
{0}</translation>
    </message>
    <message>
        <source>新建值班室，从空白开始(&amp;N)</source>
        <translation>&amp;New duty room, starting empty</translation>
    </message>
    <message>
        <source>先用演示数据熟悉程序(&amp;D)</source>
        <translation>Try DutyDesk with &amp;demo data first</translation>
    </message>
    <message>
        <source>演示数据包含一个值班室三个月的排班、交接班和事件，登录工号 admin，密码 demo1234。</source>
        <translation>The demo holds three months of a duty room&apos;s roster, handovers and incidents; sign in as admin with password demo1234.</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
