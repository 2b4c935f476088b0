<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="21" />
        <source>关于现场检查</source>
        <translation>About Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="22" />
        <source>现场检查 Field Inspector</source>
        <translation>Field Inspector 现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="24" />
        <source>版本 {v} · 数据库结构 {s} · Qt/PySide6 {q} · Python {p}</source>
        <translation>Version {v} · database schema {s} · Qt/PySide6 {q} · Python {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="27" />
        <source>数据文件夹：{p}</source>
        <translation>Data folder: {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="31" />
        <source>供市场监督管理部门产品质量监督抽查与现场检查使用：离线检查表、照片证据、样品流转记录、法定文书及与中心服务器同步。
字体：Droid Sans Fallback（Apache 2.0）。</source>
        <translation>For market-regulation product-quality spot checks and on-site inspections: offline checklists, photo evidence, sample chain of custody, legal documents and sync with the central server.
Font: Droid Sans Fallback (Apache 2.0).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="37" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../inspector_app/ui/app.py" line="161" />
        <source>正在生成演示工作区，请稍候…</source>
        <translation>Creating the demo workspace, please wait…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/app.py" line="204" />
        <source>无法打开工作区</source>
        <translation>Cannot open the workspace</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="208" />
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="70" />
        <source>有 {n} 份未完成的检查草稿（所有修改均已自动保存），可继续填写：</source>
        <translation>{n} unfinished inspection draft(s) (every change was saved automatically). Continue:</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="72" />
        <source>继续：{name}</source>
        <translation>Continue: {name}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="74" />
        <source>稍后</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>EnterprisePanel</name>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="140" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="140" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="140" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="141" />
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="141" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="141" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="142" />
        <source>主要产品</source>
        <translation>Main products</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="142" />
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="146" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="203" />
        <source>许可证与认证</source>
        <translation>Licences and certificates</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="147" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="221" />
        <source>检查记录</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="148" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="232" />
        <source>抽样记录</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="149" />
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="149" />
        <source>证书编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="149" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151" />
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="149" />
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="149" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="150" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="150" />
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="150" />
        <source>任务类型</source>
        <translation>Task type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="150" />
        <source>任务编号</source>
        <translation>Task no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="150" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151" />
        <source>抽样单编号</source>
        <translation>Sample no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151" />
        <source>批号</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="152" />
        <source>在左侧选择一项任务，查看企业信息。</source>
        <translation>Select a task on the left to see its enterprise.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="182" />
        <source>风险等级 {c}</source>
        <translation>Risk class {c}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="182" />
        <source>未完成任务 {n} 项</source>
        <translation>{n} open task(s)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="195" />
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="195" />
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="195" />
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="196" />
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="196" />
        <source>已注销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="216" />
        <source>更正</source>
        <translation>Amendment</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="104" />
        <source>检查人员信息</source>
        <translation>Inspector identity</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="120" />
        <source>现场检查须由两名以上执法人员进行。请填写您和同行检查人员的姓名与执法证号，它们将记录在每份检查记录中。</source>
        <translation>On-site inspections need at least two law-enforcement officers. Enter your name and warrant card number (执法证号) and your partner's; they are recorded in every inspection.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="126" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="127" />
        <source>执法证号</source>
        <translation>Warrant card no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="128" />
        <source>单位</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="129" />
        <source>同行检查人员姓名</source>
        <translation>Partner's name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="130" />
        <source>同行人员执法证号</source>
        <translation>Partner's warrant card no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="135" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="159" />
        <source>请填写您的姓名和执法证号。</source>
        <translation>Enter your name and warrant card number.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="162" />
        <source>请填写同行检查人员的执法证号。</source>
        <translation>Enter your partner's warrant card number.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="169" />
        <source>保存失败：{e}</source>
        <translation>Saving failed: {e}</translation>
    </message>
</context>
<context>
    <name>InspectionWindow</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="251" />
        <source>{name}（执法证号 {cert}）</source>
        <translation>{name} (warrant card {cert})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="380" />
        <source>更正记录</source>
        <translation>Amendment</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="383" />
        <source>任务 {n}</source>
        <translation>Task {n}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="384" />
        <source>模板 {t} 版本 {v}</source>
        <translation>Template {t} version {v}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="385" />
        <source>现场检查</source>
        <translation>Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="386" />
        <source>键盘：1/2/3 或 Alt+1/2/3 判定 符合/不符合/不适用 · Ctrl+↑/↓ 上/下一项 · F8 下一未填项 · Ctrl+PgUp/PgDn 切换部分 · Ctrl+E 备注 · 所有修改自动保存</source>
        <translation>Keys: 1/2/3 or Alt+1/2/3 conform / non-conform / n.a. · Ctrl+↑/↓ previous/next item · F8 next unanswered · Ctrl+PgUp/PgDn section · Ctrl+E note · every change is saved automatically</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="398" />
        <location filename="../../inspector_app/ui/inspection/window.py" line="470" />
        <location filename="../../inspector_app/ui/inspection/window.py" line="657" />
        <source>基本信息</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="399" />
        <source>检查地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="399" />
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="399" />
        <source>检查人员 1</source>
        <translation>Inspector 1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="399" />
        <source>检查人员 2</source>
        <translation>Inspector 2</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="400" />
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="400" />
        <source>通知当事人方式</source>
        <translation>How the party was notified</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="400" />
        <source>出示执法证件（当事人答复）</source>
        <translation>Credentials shown (party's answer)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="401" />
        <source>是否申请回避（当事人答复）</source>
        <translation>Recusal requested? (party's answer)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="401" />
        <source>重大质量安全隐患</source>
        <translation>Major quality-safety hazard</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="405" />
        <location filename="../../inspector_app/ui/inspection/window.py" line="471" />
        <source>结论与定稿</source>
        <translation>Conclusion and finalize</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="406" />
        <source>检查发现</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="407" />
        <source>当事人陈述申辩</source>
        <translation>Party's statement and defence</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="408" />
        <source>笔录已向当事人宣读/交其阅读，确认无误</source>
        <translation>The record was read to / by the party and confirmed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="409" />
        <source>检查并定稿…  Ctrl+Shift+F</source>
        <translation>Check and finalize…  Ctrl+Shift+F</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="410" />
        <source>所有必填项目均已完成。定稿后记录将不可修改，如需更正只能创建更正记录。确认定稿？</source>
        <translation>Every required item is complete. A finalized record cannot be changed; corrections are made as amendments. Finalize now?</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="411" />
        <source>确认定稿</source>
        <translation>Finalize</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="412" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="413" />
        <source>更正原因（必填）</source>
        <translation>Reason for the correction (required)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="414" />
        <source>创建更正记录</source>
        <translation>Create amendment</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="418" />
        <source>草稿 · 自动保存</source>
        <translation>Draft · saved automatically</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="418" />
        <source>已定稿 · 只读</source>
        <translation>Finalized · read-only</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="418" />
        <source>已同步 · 只读</source>
        <translation>Synced · read-only</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="423" />
        <source>内容哈希 (SHA-256)：</source>
        <translation>Content hash (SHA-256): </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="446" />
        <source>已完成 {a}/{t}</source>
        <translation>{a}/{t} done</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="449" />
        <source>得分 —</source>
        <translation>Score —</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="451" />
        <source>得分 {p}</source>
        <translation>Score {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="453" />
        <source>不符合 {n} 项</source>
        <translation>{n} non-conforming</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="616" />
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="616" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="620" />
        <source>保存失败：{e}</source>
        <translation>Saving failed: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="663" />
        <source>尚有 {n} 处需要完成或更正（点击跳转）：</source>
        <translation>{n} item(s) still need an answer or a correction (click to go there):</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="707" />
        <source>定稿失败：{e}</source>
        <translation>Finalizing failed: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="714" />
        <source>请先填写更正原因</source>
        <translation>Enter the reason for the correction first</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="726" />
        <source>无法创建更正记录：{e}</source>
        <translation>Could not create the amendment: {e}</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="110" />
        <source>关键项</source>
        <translation>key item</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="120" />
        <source>依据：</source>
        <translation>Legal basis: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="126" />
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="158" />
        <source>事实与备注（判定“不符合”时必须写明事实）</source>
        <translation>Facts and notes (required for a non-conformity)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="127" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="128" />
        <source>添加备注 (Ctrl+E)</source>
        <translation>Add a note (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="134" />
        <source>照片 {n}</source>
        <translation>Photos {n}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="134" />
        <source>照片</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="216" />
        <source>现场检查</source>
        <translation>Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="217" />
        <source>开始/继续检查</source>
        <translation>Start / continue inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="218" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="219" />
        <source>搜索任务</source>
        <translation>Search tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="220" />
        <source>检查人员信息…</source>
        <translation>Inspector identity…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="221" />
        <source>切换工作区…</source>
        <translation>Switch workspace…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="222" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="223" />
        <source>关于现场检查</source>
        <translation>About Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="224" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="225" />
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="226" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="227" />
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="228" />
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="229" />
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="279" />
        <source>工作区：{p}</source>
        <translation>Workspace: {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="280" />
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="282" />
        <source>检查人员：{n}（执法证号 {c}）</source>
        <translation>Inspector: {n} (warrant card {c})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="284" />
        <source>待同步更改：{n}</source>
        <translation>Changes to sync: {n}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="287" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="290" />
        <source>操作失败：{e}</source>
        <translation>Operation failed: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="308" />
        <source>该任务已结束，没有检查记录。</source>
        <translation>This task is closed and has no inspection.</translation>
    </message>
</context>
<context>
    <name>ResultEditor</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="66" />
        <source>符合</source>
        <translation>Conform</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="66" />
        <source>不符合</source>
        <translation>Non-conform</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="66" />
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="69" />
        <source>快捷键 {k} 或 Alt+{k}</source>
        <translation>Key {k} or Alt+{k}</translation>
    </message>
</context>
<context>
    <name>Seams</name>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="39" />
        <source>照片证据</source>
        <translation>Photo evidence</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="40" />
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="41" />
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="42" />
        <source>文书预览</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="43" />
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="44" />
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="46" />
        <source>{feature}功能即将推出。</source>
        <translation>{feature}: coming soon.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="47" />
        <source>{feature}组件未能加载（详见日志），其余功能可正常使用。</source>
        <translation>{feature} could not be loaded (see the log); everything else works.</translation>
    </message>
</context>
<context>
    <name>TaskListWidget</name>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="88" />
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="89" />
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="89" />
        <source>待执行</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="89" />
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="90" />
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="90" />
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="91" />
        <source>全部期限</source>
        <translation>Any due date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="91" />
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="91" />
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="92" />
        <source>7天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="92" />
        <source>30天内到期</source>
        <translation>Due within 30 days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="93" />
        <source>全部风险等级</source>
        <translation>All risk classes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="93" />
        <source>风险 {c}</source>
        <translation>Risk {c}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="103" />
        <source>搜索企业名称、任务编号、计划、信用代码、地址…</source>
        <translation>Search enterprise, task number, plan, credit code, address…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="125" />
        <source>共 {n} 项任务</source>
        <translation>{n} tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="127" />
        <source>加载中…</source>
        <translation>loading…</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="28" />
        <source>任务编号</source>
        <translation>Task no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="29" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="30" />
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="31" />
        <source>风险等级</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="32" />
        <source>截止日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="33" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="34" />
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="36" />
        <source>已逾期 {n} 天</source>
        <translation>{n} day(s) overdue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="37" />
        <source>检查草稿</source>
        <translation>draft inspection</translation>
    </message>
</context>
<context>
    <name>WorkspaceDialog</name>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="26" />
        <location filename="../../inspector_app/ui/first_run.py" line="31" />
        <source>欢迎使用现场检查</source>
        <translation>Welcome to Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="33" />
        <source>所有检查记录、照片和文书保存在本机的“工作区”文件夹中，无网络时也可使用。请选择已有工作区、新建一个，或先打开演示工作区熟悉软件。</source>
        <translation>Inspections, photos and documents are kept on this computer in a workspace folder and work without a network. Choose an existing workspace, create one, or try the demo workspace first.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="39" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="48" />
        <source>新建或打开此工作区</source>
        <translation>Create or open this workspace</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="52" />
        <source>打开演示工作区</source>
        <translation>Open the demo workspace</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="55" />
        <source>演示工作区：{p}（虚构的企业和任务，可随意练习）</source>
        <translation>Demo workspace: {p} (fictitious enterprises and tasks to practise on)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="64" />
        <source>工作区文件夹</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="76" />
        <source>选择工作区文件夹</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="83" />
        <source>请填写工作区文件夹。</source>
        <translation>Enter the workspace folder.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="87" />
        <source>{p} 是一个文件，不是文件夹。请选择文件夹。</source>
        <translation>{p} is a file, not a folder. Choose a folder.</translation>
    </message>
</context>
</TS>