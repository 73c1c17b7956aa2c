<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>清除这一格的排班？</source>
        <translation>Clear the shifts in this cell?</translation>
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
        <source>驳回换班</source>
        <translation>Reject swap</translation>
    </message>
</context>
</TS>
