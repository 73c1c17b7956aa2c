<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ProcessStepsModel</name>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>责任角色</source>
        <translation>Responsible role</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>判断</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
</context>
<context>
    <name>ProcessTab</name>
    <message>
        <source>版本(&amp;W)</source>
        <translation>Version (&amp;W)</translation>
    </message>
    <message>
        <source>阶段(&amp;G)</source>
        <translation>Sta&amp;ge</translation>
    </message>
    <message>
        <source>新建草稿(&amp;D)</source>
        <translation>New &amp;draft</translation>
    </message>
    <message>
        <source>载入默认流程(&amp;L)</source>
        <translation>&amp;Load default process</translation>
    </message>
    <message>
        <source>批准发布(&amp;P)…</source>
        <translation>Approve and &amp;publish…</translation>
    </message>
    <message>
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>生成流程手册(&amp;M)</source>
        <translation>Process &amp;manual</translation>
    </message>
    <message>
        <source>岗位培训手册</source>
        <translation>Role handout</translation>
    </message>
    <message>
        <source>流程图</source>
        <translation>Flowchart</translation>
    </message>
    <message>
        <source>步骤编辑</source>
        <translation>Edit step</translation>
    </message>
    <message>
        <source>阶段编辑</source>
        <translation>Edit stage</translation>
    </message>
    <message>
        <source>版本与差异</source>
        <translation>Versions and diff</translation>
    </message>
    <message>
        <source>培训资料</source>
        <translation>Training materials</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>判断</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>标注→步骤编号; 标注→步骤编号(返回)；留空表示下一步</source>
        <translation>label→KEY; label→KEY(返回) for a loop; empty means the next step</translation>
    </message>
    <message>
        <source>编号(&amp;K)</source>
        <translation>&amp;Key</translation>
    </message>
    <message>
        <source>名称(&amp;A)</source>
        <translation>N&amp;ame</translation>
    </message>
    <message>
        <source>类型(&amp;T)</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>责任角色(&amp;R)</source>
        <translation>&amp;Responsible role</translation>
    </message>
    <message>
        <source>协助角色</source>
        <translation>Supporting roles</translation>
    </message>
    <message>
        <source>说明(&amp;E)</source>
        <translation>D&amp;escription</translation>
    </message>
    <message>
        <source>输入(&amp;I)</source>
        <translation>&amp;Inputs</translation>
    </message>
    <message>
        <source>输出(&amp;O)</source>
        <translation>&amp;Outputs</translation>
    </message>
    <message>
        <source>时限(&amp;X)</source>
        <translation>Time limit (&amp;X)</translation>
    </message>
    <message>
        <source>模板/工具</source>
        <translation>Templates/tools</translation>
    </message>
    <message>
        <source>去向(&amp;Y)</source>
        <translation>Next steps (&amp;Y)</translation>
    </message>
    <message>
        <source>保存步骤(&amp;B)</source>
        <translation>Save step (&amp;B)</translation>
    </message>
    <message>
        <source>在后面插入步骤(&amp;N)</source>
        <translation>Insert step after (&amp;N)</translation>
    </message>
    <message>
        <source>删除步骤</source>
        <translation>Delete step</translation>
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
        <source>阶段编号(&amp;B)</source>
        <translation>Stage key (&amp;B)</translation>
    </message>
    <message>
        <source>阶段名称(&amp;Q)</source>
        <translation>Stage name (&amp;Q)</translation>
    </message>
    <message>
        <source>目的(&amp;Z)</source>
        <translation>Purpose (&amp;Z)</translation>
    </message>
    <message>
        <source>保存阶段</source>
        <translation>Save stage</translation>
    </message>
    <message>
        <source>新增阶段</source>
        <translation>Add stage</translation>
    </message>
    <message>
        <source>删除阶段</source>
        <translation>Delete stage</translation>
    </message>
    <message>
        <source>比较(&amp;C)</source>
        <translation>&amp;Compare</translation>
    </message>
    <message>
        <source>第 {0} 版（草稿）</source>
        <translation>Version {0} (draft)</translation>
    </message>
    <message>
        <source>第 {0} 版（已发布）</source>
        <translation>Version {0} (published)</translation>
    </message>
    <message>
        <source>打开草稿（第 {0} 版）</source>
        <translation>Open the draft (version {0})</translation>
    </message>
    <message>
        <source>还没有流程版本：请载入默认流程并发布。</source>
        <translation>No process version yet: load the default process and publish it.</translation>
    </message>
    <message>
        <source>正在编辑草稿；发布需要管理员签名批准。</source>
        <translation>Editing the draft; publishing needs an administrator&apos;s approval signature.</translation>
    </message>
    <message>
        <source>已发布的版本已锁定；修改请新建草稿。</source>
        <translation>Published versions are locked; start a new draft to change the process.</translation>
    </message>
    <message>
        <source>新步骤</source>
        <translation>New step</translation>
    </message>
    <message>
        <source>从草稿中删除步骤 {0}？
指向它的连线也一并删除；发布前可以放弃草稿恢复。</source>
        <translation>Delete step {0} from the draft?
The links to it go too; until publishing, discarding the draft brings it back.</translation>
    </message>
    <message>
        <source>新阶段 {0}</source>
        <translation>New stage {0}</translation>
    </message>
    <message>
        <source>从草稿中删除阶段“{0}”？
发布前可以放弃草稿恢复。</source>
        <translation>Delete the stage “{0}” from the draft?
Until publishing, discarding the draft brings it back.</translation>
    </message>
    <message>
        <source>流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <source>放弃当前草稿的全部修改？
草稿会被删除，不能恢复；已发布的版本不受影响。</source>
        <translation>Discard every change in the current draft?
The draft is deleted and cannot be restored; published versions are not affected.</translation>
    </message>
    <message>
        <source>两个版本内容相同</source>
        <translation>The two versions are identical</translation>
    </message>
    <message>
        <source>{0}培训手册</source>
        <translation>{0} handout</translation>
    </message>
    <message>
        <source>流程手册</source>
        <translation>Process manual</translation>
    </message>
</context>
<context>
    <name>ProcessVersionsModel</name>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>生效时间</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>修订说明</source>
        <translation>Change note</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>批准并发布流程</source>
        <translation>Approve and publish the process</translation>
    </message>
    <message>
        <source>第 {0} 版将由 {1} 以“批准”签名发布，发布后锁定不可修改。</source>
        <translation>Version {0} will be published with {1}&apos;s approval signature and locked for good.</translation>
    </message>
    <message>
        <source>修订说明(&amp;N)</source>
        <translation>Change &amp;note</translation>
    </message>
    <message>
        <source>密码(&amp;W)</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>签名发布(&amp;S)</source>
        <translation>&amp;Sign and publish</translation>
    </message>
</context>
</TS>
