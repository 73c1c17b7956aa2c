<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>响应时间</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>解决时间</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>班次日期</source>
        <translation>Shift date</translation>
    </message>
    <message>
        <source>交接班次</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <source>完整率</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>时长（分钟）</source>
        <translation>Duration (min)</translation>
    </message>
    <message>
        <source>计入分子</source>
        <translation>In numerator</translation>
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
        <source>该指标没有可列出的单条记录。</source>
        <translation>This KPI has no individual records to list.</translation>
    </message>
    <message>
        <source>转为问题(&amp;P)</source>
        <translation>Raise as &amp;problem</translation>
    </message>
    <message>
        <source>已创建问题 #{0}</source>
        <translation>Problem #{0} created</translation>
    </message>
</context>
<context>
    <name>KpiCharts</name>
    <message>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>图表</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>在图表和数据表之间切换</source>
        <translation>Switch between the chart and its numbers</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>KpiTab</name>
    <message>
        <source>分钟</source>
        <translation>min</translation>
    </message>
    <message>
        <source>小时</source>
        <translation>h</translation>
    </message>
    <message>
        <source>个</source>
        <translation>count</translation>
    </message>
    <message>
        <source>比值</source>
        <translation>ratio</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
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
        <source>无完整交接记录</source>
        <translation>No complete handover record</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>半年</source>
        <translation>Half-year</translation>
    </message>
    <message>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>◀ 上一期</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>下一期 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>目标(&amp;T)…</source>
        <translation>&amp;Targets…</translation>
    </message>
    <message>
        <source>期间报告 PDF(&amp;R)</source>
        <translation>Period &amp;report PDF</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;X)</source>
        <translation>E&amp;xport Excel</translation>
    </message>
    <message>
        <source>统计期(&amp;K)：</source>
        <translation>Perio&amp;d:</translation>
    </message>
    <message>
        <source>正在计算 {0} 的指标…</source>
        <translation>Computing the KPIs of {0}…</translation>
    </message>
    <message>
        <source>正在计算指标…</source>
        <translation>Computing KPIs…</translation>
    </message>
    <message>
        <source>{0}（{1} 至 {2}），对比 {3}。未达标 {4} 项。</source>
        <translation>{0} ({1} to {2}), compared with {3}. {4} target(s) missed.</translation>
    </message>
    <message>
        <source>目标：站点目标，{0}的目标优先。</source>
        <translation> Targets: site targets, overridden by those of {0}.</translation>
    </message>
    <message>
        <source>优化周期</source>
        <translation>the improvement cycle</translation>
    </message>
    <message>
        <source>数据截至 {0}（统计期尚未结束）。</source>
        <translation> Figures as of {0} (the period is still running).</translation>
    </message>
    <message>
        <source>每日事件数（按严重程度）</source>
        <translation>Incidents per day (by severity)</translation>
    </message>
    <message>
        <source>响应时间中位数</source>
        <translation>Median response time</translation>
    </message>
    <message>
        <source>解决时间中位数</source>
        <translation>Median resolution time</translation>
    </message>
    <message>
        <source>响应与解决时间趋势（分钟）</source>
        <translation>Response and resolution time trend (min)</translation>
    </message>
    <message>
        <source>事件类别分布</source>
        <translation>Incidents by category</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>人员值班工时（小时）</source>
        <translation>Duty hours per person (h)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>正在生成期间报告…</source>
        <translation>Building the period report…</translation>
    </message>
    <message>
        <source>期间报告</source>
        <translation>Period report</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>未设目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>目标 {0}（周期）</source>
        <translation>Target {0} (cycle)</translation>
    </message>
    <message>
        <source>目标 {0}（站点）</source>
        <translation>Target {0} (site)</translation>
    </message>
    <message>
        <source>上期 {0}</source>
        <translation>Previous {0}</translation>
    </message>
    <message>
        <source>改善</source>
        <translation>better</translation>
    </message>
    <message>
        <source>变差</source>
        <translation>worse</translation>
    </message>
    <message>
        <source>{0} {1}（上期 {2}）</source>
        <translation>{0} {1} (previous {2})</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>指标目标</source>
        <translation>KPI targets</translation>
    </message>
    <message>
        <source>站点目标；当前优化周期对同一指标设有目标时，以周期目标为准。</source>
        <translation>Site-wide targets; where the improvement cycle in force has a target for the same KPI, the cycle&apos;s target applies.</translation>
    </message>
    <message>
        <source>周期目标 {0} 优先</source>
        <translation>Cycle target {0} applies</translation>
    </message>
</context>
</TS>
