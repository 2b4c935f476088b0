<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="109"/>
        <source>{t}（{p}）</source>
        <comment>{t} ({p})</comment>
        <translation>
            <numerusform>{t} ({p})</numerusform>
            <numerusform>{t} ({p})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="224"/>
        <source>样品移交确认（{p}）</source>
        <comment>Lab hand-over ({p})</comment>
        <translation>
            <numerusform>Sample hand-over ({p})</numerusform>
            <numerusform>Sample hand-over ({p})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="229"/>
        <source>抽样单 {n}；封条：{s}</source>
        <comment>Sampling record {n}; seals: {s}</comment>
        <translation>
            <numerusform>Sampling record {n}; seals: {s}</numerusform>
            <numerusform>Sampling record {n}; seals: {s}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="298"/>
        <source>请填写接收人姓名。</source>
        <comment>Enter the receiver&apos;s name.</comment>
        <translation>Enter the receiver&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="300"/>
        <source>接收人须签字确认。</source>
        <comment>The receiver must sign.</comment>
        <translation>The receiver must sign.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="73"/>
        <source>是</source>
        <comment>yes</comment>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="73"/>
        <source>否</source>
        <comment>no</comment>
        <translation>No</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="84"/>
        <source>抽样基数 {a}{u}</source>
        <comment>lot size {a}{u}</comment>
        <translation>
            <numerusform>Lot size {a}{u}</numerusform>
            <numerusform>Lot size {a}{u}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="86"/>
        <source>订单号 {o}，价格 {p} 元，{pl}</source>
        <comment>order {o}, price {p} yuan, {pl}</comment>
        <translation>
            <numerusform>Order {o}, price {p} yuan, {pl}</numerusform>
            <numerusform>Order {o}, price {p} yuan, {pl}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="69"/>
        <source>{l}：{v}</source>
        <comment>{l}: {v}</comment>
        <translation>
            <numerusform>{l}: {v}</numerusform>
            <numerusform>{l}: {v}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="91"/>
        <source>拒签</source>
        <comment>refused</comment>
        <translation>refused</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="93"/>
        <source>拒签理由：{r}；见证人：{w}；</source>
        <comment>reason: {r}; witness: {w}; </comment>
        <translation>
            <numerusform>Reason for refusing: {r}; witness: {w}; </numerusform>
            <numerusform>Reason for refusing: {r}; witness: {w}; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="96"/>
        <source>地点：{l}；保管人：{k}</source>
        <comment>at {l}; keeper {k}</comment>
        <translation>
            <numerusform>Place: {l}; keeper: {k}</numerusform>
            <numerusform>Place: {l}; keeper: {k}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="99"/>
        <source>快递 {c} {n} → {to}</source>
        <comment>courier {c} {n} → {to}</comment>
        <translation>
            <numerusform>Courier {c} {n} → {to}</numerusform>
            <numerusform>Courier {c} {n} → {to}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="100"/>
        <source>专人送达 → {to}</source>
        <comment>by hand → {to}</comment>
        <translation>
            <numerusform>By hand → {to}</numerusform>
            <numerusform>By hand → {to}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="105"/>
        <source>接收</source>
        <comment>accepted</comment>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="105"/>
        <source>拒收</source>
        <comment>rejected</comment>
        <translation>Rejected</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="108"/>
        <source>盲样编号 {c}</source>
        <comment>blind code {c}</comment>
        <translation>
            <numerusform>Blind code {c}</numerusform>
            <numerusform>Blind code {c}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="111"/>
        <source>合格</source>
        <comment>pass</comment>
        <translation>pass</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="111"/>
        <source>不合格</source>
        <comment>fail</comment>
        <translation>fail</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="112"/>
        <source>报告 {r}：{c}{i}</source>
        <comment>report {r}: {c}{i}</comment>
        <translation>
            <numerusform>Report {r}: {c}{i}</numerusform>
            <numerusform>Report {r}: {c}{i}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="114"/>
        <source>直接送达</source>
        <comment>in person</comment>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="114"/>
        <source>邮寄</source>
        <comment>post</comment>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="114"/>
        <source>电子送达</source>
        <comment>electronic</comment>
        <translation>Electronically</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="115"/>
        <source>{d} {h}送达 {to}</source>
        <comment>{d} served {h} to {to}</comment>
        <translation>
            <numerusform>{d} served {h} to {to}</numerusform>
            <numerusform>{d} served {h} to {to}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="117"/>
        <source>已发送确认请求</source>
        <comment>request sent</comment>
        <translation>Confirmation request sent</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="117"/>
        <source>已确认</source>
        <comment>confirmed</comment>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="117"/>
        <source>否认</source>
        <comment>denied</comment>
        <translation>Denied</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="119"/>
        <source>{d} 由 {b} 提出</source>
        <comment>filed {d} by {b}</comment>
        <translation>
            <numerusform>{d} filed by {b}</numerusform>
            <numerusform>{d} filed by {b}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="121"/>
        <source>备样封条经双方确认完好</source>
        <comment>backup seals checked jointly</comment>
        <translation>Both parties confirmed the backup seals intact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="123"/>
        <source>退还</source>
        <comment>returned</comment>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="123"/>
        <source>销毁</source>
        <comment>destroyed</comment>
        <translation>Destroyed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="134"/>
        <source>  拒签：{r}；见证人：{w}</source>
        <comment>  refused: {r}; witness: {w}</comment>
        <translation>
            <numerusform>  refused: {r}; witness: {w}</numerusform>
            <numerusform>  refused: {r}; witness: {w}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="153"/>
        <source>（拒签）</source>
        <comment>(refused)</comment>
        <translation>(refused)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="153"/>
        <source>（签名图像缺失）</source>
        <comment>(signature image missing)</comment>
        <translation>(signature image missing)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="184"/>
        <source>经手人：</source>
        <comment>people: </comment>
        <translation>Handled by: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="187"/>
        <source>地点：</source>
        <comment>place: </comment>
        <translation>Place: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="189"/>
        <source>封条：</source>
        <comment>seals: </comment>
        <translation>Seals: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="191"/>
        <source>备注：</source>
        <comment>note: </comment>
        <translation>Remarks: </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="139"/>
        <source>检验样封条：{t}；备用样封条：{b}</source>
        <comment>test seals: {t}; backup seals: {b}</comment>
        <translation>
            <numerusform>Test-sample seals: {t}; backup seals: {b}</numerusform>
            <numerusform>Test-sample seals: {t}; backup seals: {b}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="141"/>
        <source>签字：{s}</source>
        <comment>signed by: {s}</comment>
        <translation>
            <numerusform>Signatures: {s}</numerusform>
            <numerusform>Signatures: {s}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="142"/>
        <source>更正记录：{n}</source>
        <comment>amendments: {n}</comment>
        <translation>
            <numerusform>Amendment: {n}</numerusform>
            <numerusform>Amendment: {n}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="372"/>
        <source>找不到“{k}”：请核对抽样单编号或封条编号。</source>
        <comment>Nothing found for &apos;{k}&apos;: check the sampling-record or seal number.</comment>
        <translation>
            <numerusform>Nothing found for “{k}”: check the sampling record number or the seal number.</numerusform>
            <numerusform>Nothing found for “{k}”: check the sampling record number or the seal number.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="452"/>
        <source>企业：{e}</source>
        <comment>enterprise: {e}</comment>
        <translation>
            <numerusform>Enterprise: {e}</numerusform>
            <numerusform>Enterprise: {e}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="453"/>
        <source>经过：{w}</source>
        <comment>what happened: {w}</comment>
        <translation>
            <numerusform>What happened: {w}</numerusform>
            <numerusform>What happened: {w}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="455"/>
        <source>原因：{r}</source>
        <comment>reason: {r}</comment>
        <translation>
            <numerusform>Reason: {r}</numerusform>
            <numerusform>Reason: {r}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="456"/>
        <source>当地监管部门意见：{o}</source>
        <comment>local bureau&apos;s opinion: {o}</comment>
        <translation>
            <numerusform>Local bureau&apos;s opinion: {o}</numerusform>
            <numerusform>Local bureau&apos;s opinion: {o}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_tab.py" line="457"/>
        <source>已定稿，内容哈希 {h}</source>
        <comment>finalized, content hash {h}</comment>
        <translation>
            <numerusform>Finalized, content hash {h}</numerusform>
            <numerusform>Finalized, content hash {h}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_sign.py" line="204"/>
        <source>{n} 尚未在签名框内签名。</source>
        <comment>{n} has not signed in the signature box yet.</comment>
        <translation>
            <numerusform>{n} has not signed in the signature box yet.</numerusform>
            <numerusform>{n} has not signed in the signature box yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="32"/>
        <source>日志文件：{p}</source>
        <translation>Log file: {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="32"/>
        <source>（未记录日志）</source>
        <translation>(no log file)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="22"/>
        <source>关于现场检查</source>
        <translation>About Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="23"/>
        <source>现场检查 Field Inspector</source>
        <translation>Field Inspector 现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="25"/>
        <source>版本 {v} · 数据库结构 {s} · Qt/PySide6 {q} · Python {p}</source>
        <translation>Version {v} · database schema {s} · Qt/PySide6 {q} · Python {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="28"/>
        <source>数据文件夹：{p}</source>
        <translation>Data folder: {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="36"/>
        <source>供市场监督管理部门产品质量监督抽查与现场检查使用：离线检查表、照片证据、样品流转记录、法定文书及与中心服务器同步。
字体：Droid Sans Fallback（Apache 2.0）。</source>
        <translation>For market-regulation product-quality spot checks and on-site inspections: offline checklists, photo evidence, sample chain of custody, legal documents and sync with the central server.
Font: Droid Sans Fallback (Apache 2.0).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/about.py" line="42"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../inspector_app/ui/app.py" line="223"/>
        <source>正在生成演示工作区，请稍候…</source>
        <translation>Creating the demo workspace, please wait…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/app.py" line="282"/>
        <location filename="../../inspector_app/ui/app.py" line="301"/>
        <source>无法打开工作区</source>
        <translation>Cannot open the workspace</translation>
    </message>
</context>
<context>
    <name>ConflictFieldsModel</name>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="131"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="131"/>
        <source>本机的值</source>
        <translation>Value on this computer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="131"/>
        <source>服务器的值</source>
        <translation>Value on the server</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="77"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="77"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="77"/>
        <source>不同的字段</source>
        <translation>Differing fields</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="77"/>
        <source>发现时间</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="78"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="78"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="224"/>
        <source>正在读取冲突…</source>
        <translation>Loading conflicts…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="221"/>
        <source>保留本机的值</source>
        <translation>Keep this computer&apos;s value</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="222"/>
        <source>采用服务器的值</source>
        <translation>Use the server&apos;s value</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="225"/>
        <source>有 %n 处冲突需要您决定。两边的值都已保存，不会丢失。</source>
        <translation>
            <numerusform>%n conflict needs your decision. Both values are kept; nothing is lost.</numerusform>
            <numerusform>%n conflicts need your decision. Both values are kept; nothing is lost.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="226"/>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts to resolve.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="83"/>
        <source>出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="86"/>
        <source>现场检查遇到了一个意外错误。已经保存的记录不受影响；请检查刚才的操作是否已完成。
如果问题反复出现，请把日志文件发给技术支持人员。</source>
        <translation>Field Inspector ran into an unexpected error. Records already saved are not affected; check whether your last action was completed.
If this keeps happening, send the log file to technical support.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="90"/>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="91"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="92"/>
        <source>继续工作</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="104"/>
        <source>错误：{e}
日志文件：{p}</source>
        <translation>Error: {e}
Log file: {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="104"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/crash.py" line="106"/>
        <source>之后又发生了 {n} 个错误，详见日志。</source>
        <translation>{n} more error(s) since then; see the log.</translation>
    </message>
</context>
<context>
    <name>CustodyEventDialog</name>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="122"/>
        <source>封存地点</source>
        <translation>Storage place</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="123"/>
        <source>保管人</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="124"/>
        <source>保管人证件号</source>
        <translation>Keeper&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="127"/>
        <source>专人送达</source>
        <translation>By hand</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="127"/>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="131"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="132"/>
        <source>快递公司</source>
        <translation>Courier company</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="133"/>
        <source>运单号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="134"/>
        <source>送往</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="137"/>
        <source>盲样编号</source>
        <translation>Blind code</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="140"/>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="140"/>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="143"/>
        <source>检验报告编号</source>
        <translation>Test report number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="144"/>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="145"/>
        <source>不合格项目（逗号分隔）</source>
        <translation>Failing items (comma-separated)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="146"/>
        <source>检验机构</source>
        <translation>Laboratory</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="149"/>
        <source>直接送达</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="149"/>
        <source>邮寄送达</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="149"/>
        <source>电子送达</source>
        <translation>Electronically</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="152"/>
        <source>送达对象</source>
        <translation>Served on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="153"/>
        <source>送达方式</source>
        <translation>Service method</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="154"/>
        <source>送达日期</source>
        <translation>Service date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="155"/>
        <source>送达回证</source>
        <translation>Proof of service</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="157"/>
        <source>已发送确认请求</source>
        <translation>Confirmation request sent</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="158"/>
        <source>生产者确认样品为其产品</source>
        <translation>The producer confirmed the sample is its product</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="158"/>
        <source>生产者否认</source>
        <translation>The producer denied it</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="160"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="164"/>
        <source>提出日期</source>
        <translation>Filed on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="165"/>
        <source>提出人</source>
        <translation>Filed by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="167"/>
        <source>双方共同确认备样封条完好</source>
        <translation>Both parties confirm the backup seals are intact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="172"/>
        <source>企业代表</source>
        <translation>Enterprise&apos;s representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="175"/>
        <source>退还企业</source>
        <translation>Returned to the enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="175"/>
        <source>销毁</source>
        <translation>Destroyed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="176"/>
        <source>处置方式</source>
        <translation>Disposal</translation>
    </message>
</context>
<context>
    <name>CustodyTimeline</name>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="247"/>
        <source>抽样单尚未签署定稿，流转记录从签署时开始。</source>
        <translation>The sampling record is not signed and finalized yet; the chain of custody starts when it is.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_timeline.py" line="250"/>
        <source>✔ 流转链校验通过：%n 个事件，首个事件与抽样单内容哈希相连。</source>
        <translation>
            <numerusform>✔ Chain of custody verified: %n event, linked to the sampling record’s content hash.</numerusform>
            <numerusform>✔ Chain of custody verified: %n events, the first linked to the sampling record’s content hash.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_timeline.py" line="253"/>
        <source>✘ 流转链校验失败：</source>
        <translation>✘ Chain of custody verification failed: </translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="226"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="52"/>
        <source>文书编号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="52"/>
        <source>文书类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="52"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="52"/>
        <source>签发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="52"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="85"/>
        <source>现场检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="87"/>
        <source>抽样单</source>
        <translation>Sampling record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="89"/>
        <source>拒检认定</source>
        <translation>Refusal record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="91"/>
        <source>未抽到样品</source>
        <translation>No-sample record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="99"/>
        <source>（更正）</source>
        <translation> (correction)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="101"/>
        <source>（草稿）</source>
        <translation> (draft)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="106"/>
        <source>已签发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="107"/>
        <source>待定稿</source>
        <translation>Awaiting finalization</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="107"/>
        <source>未签发</source>
        <translation>Not issued</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="137"/>
        <source>记录尚未定稿：可以预览，定稿后才能签发。</source>
        <translation>The record is not finalized yet: the document can be previewed, and issued once the record is finalized.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="138"/>
        <source>尚未签发：双击预览，确认无误后签发。</source>
        <translation>Not issued yet: double-click to preview it, then issue it when it is correct.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="139"/>
        <source>双击查看、打印或另存为（与签发时的文件完全一致）。</source>
        <translation>Double-click to view, print or save it (identical to the file as issued).</translation>
    </message>
</context>
<context>
    <name>DocumentPreviewDialog</name>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="107"/>
        <source>文书预览 — %1</source>
        <translation>Document preview — %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="115"/>
        <source>正在生成…</source>
        <translation>Rendering…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="116"/>
        <source>签发（使用文书编号）</source>
        <translation>Issue (uses a document number)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="117"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="118"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="119"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="157"/>
        <source>已签发：%1</source>
        <translation>Issued: %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="159"/>
        <source>预览（未签发，未使用编号）</source>
        <translation>Preview (not issued, no number used)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="169"/>
        <source>出错：%1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="181"/>
        <source>正在签发…</source>
        <translation>Issuing…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="220"/>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="225"/>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="225"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="230"/>
        <source>保存失败</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/document_preview.py" line="230"/>
        <source>无法保存到 %1：%2</source>
        <translation>Cannot save to %1: %2</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="343"/>
        <source>请先在左侧选择任务</source>
        <translation>Select a task on the left first</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="344"/>
        <source>选择任务后，这里列出该任务已签发的文书，以及还可以签发的文书。</source>
        <translation>Once a task is selected, its issued documents are listed here, with the documents that can still be issued.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="347"/>
        <source>任务 {n} · {e}</source>
        <translation>Task {n} · {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="351"/>
        <source>无法读取该任务的文书</source>
        <translation>The task&apos;s documents could not be read</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="355"/>
        <source>正在读取文书…</source>
        <translation>Reading documents…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="355"/>
        <source>该任务还没有签发文书</source>
        <translation>No documents have been issued for this task</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="356"/>
        <source>该任务还没有检查记录、抽样单或现场记录，暂时没有可签发的文书。</source>
        <translation>The task has no inspection, sampling or site record yet, so there is no document to issue.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="362"/>
        <source>该任务还没有签发文书。灰色行是可以签发的 {n} 份文书：选中后点击“预览/签发…”。</source>
        <translation>No documents have been issued for this task. The {n} grey rows can be issued: select one and click “Preview / issue…”.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="364"/>
        <source>已签发 {i} 份文书；灰色行是尚未签发的 {n} 份。</source>
        <translation>Documents issued: {i}; the grey rows ({n}) are not issued yet.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="366"/>
        <source>已签发 {i} 份文书，没有待签发的文书。</source>
        <translation>Documents issued: {i}; nothing left to issue.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="374"/>
        <source>预览/签发…</source>
        <translation>Preview / issue…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="374"/>
        <source>预览/打印…</source>
        <translation>Preview / print…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="378"/>
        <source>验证文书…</source>
        <translation>Verify a document…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="379"/>
        <source>选择一份 PDF 文件，核对它是否与本工作区签发的文书完全一致。</source>
        <translation>Choose a PDF file and check that it is exactly a document issued in this workspace.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="380"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="381"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="400"/>
        <source>文书预览组件未能加载（详见日志）。</source>
        <translation>The document preview could not be loaded (see the log).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="416"/>
        <source>记录尚未定稿，不能签发。请先在记录中签字定稿。</source>
        <translation>The record is not finalized, so the document cannot be issued. Sign and finalize the record first.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="425"/>
        <source>选择要验证的文书 PDF</source>
        <translation>Choose the document PDF to verify</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="425"/>
        <source>PDF 文件 (*.pdf);;所有文件 (*)</source>
        <translation>PDF files (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="435"/>
        <source>正在验证 {f}…</source>
        <translation>Verifying {f}…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="458"/>
        <source>无法读取文件 {f}</source>
        <translation>Cannot read the file {f}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="463"/>
        <source>验证通过：{f}</source>
        <translation>Verified: {f}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="464"/>
        <source>文书 {n}（{t}）与本工作区的签发记录一致：文书编号、内容校验值和文件内容均相符。</source>
        <translation>Document {n} ({t}) matches what this workspace issued: number, content hash and file bytes all agree.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="465"/>
        <source>注意：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="467"/>
        <source>验证未通过：{f}</source>
        <translation>Verification failed: {f}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/documents_tab.py" line="469"/>
        <source>文书编号：{n}（{t}）</source>
        <translation>Document number: {n} ({t})</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/main_window.py" line="87"/>
        <source>有 %n 份未完成的检查草稿（所有修改均已自动保存），可继续填写：</source>
        <translation>
            <numerusform>%n unfinished inspection draft (every change was saved automatically). Continue:</numerusform>
            <numerusform>%n unfinished inspection drafts (every change was saved automatically). Continue:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="89"/>
        <source>继续：{name}</source>
        <translation>Continue: {name}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="91"/>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>EnterprisePanel</name>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="151"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="152"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="152"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="152"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="153"/>
        <source>主要产品</source>
        <translation>Main products</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="153"/>
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="157"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="214"/>
        <source>许可证与认证</source>
        <translation>Licences and certificates</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="158"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="232"/>
        <source>检查记录</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="159"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="244"/>
        <source>抽样记录</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="160"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="160"/>
        <source>证书编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="160"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="162"/>
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="160"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="160"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="161"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="162"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="161"/>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="162"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="161"/>
        <source>任务类型</source>
        <translation>Task type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="161"/>
        <source>任务编号</source>
        <translation>Task no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="161"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="162"/>
        <source>抽样单编号</source>
        <translation>Sample no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="162"/>
        <source>批号</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="163"/>
        <source>在左侧选择一项任务，查看企业信息。</source>
        <translation>Select a task on the left to see its enterprise.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="193"/>
        <source>风险等级 {c}</source>
        <translation>Risk class {c}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="193"/>
        <source>未完成任务 %n 项</source>
        <translation>
            <numerusform>%n open task</numerusform>
            <numerusform>%n open tasks</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="206"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="206"/>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="206"/>
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="207"/>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="207"/>
        <source>已注销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/enterprise_panel.py" line="227"/>
        <source>更正</source>
        <translation>Amendment</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="49"/>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="50"/>
        <source>从文件夹导入</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="51"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="52"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="100"/>
        <source>记录已定稿，照片证据不能再添加或移除。</source>
        <translation>The record is finalized; photo evidence can no longer be added or removed.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="101"/>
        <source>%1 张照片</source>
        <translation>%1 photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="130"/>
        <source>移除照片</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="130"/>
        <source>移除理由（将记入审计记录）：</source>
        <translation>Reason for removal (kept in the audit trail):</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/panel.py" line="148"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="104"/>
        <source>检查人员信息</source>
        <translation>Inspector identity</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="120"/>
        <source>现场检查须由两名以上执法人员进行。请填写您和同行检查人员的姓名与执法证号，它们将记录在每份检查记录中。</source>
        <translation>On-site inspections need at least two law-enforcement officers. Enter your name and law-enforcement ID number and your partner&apos;s; they are recorded in every inspection.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="126"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="127"/>
        <source>执法证号</source>
        <translation>Law-enforcement ID no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="128"/>
        <source>单位</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="129"/>
        <source>同行检查人员姓名</source>
        <translation>Partner&apos;s name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="130"/>
        <source>同行人员执法证号</source>
        <translation>Partner&apos;s law-enforcement ID no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="135"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="165"/>
        <source>请填写您的姓名和执法证号。</source>
        <translation>Enter your name and law-enforcement ID number.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="168"/>
        <source>请填写同行检查人员的执法证号。</source>
        <translation>Enter your partner&apos;s law-enforcement ID number.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="175"/>
        <source>保存失败：{e}</source>
        <translation>Saving failed: {e}</translation>
    </message>
</context>
<context>
    <name>InspectionWindow</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="285"/>
        <source>{name}（执法证号 {cert}）</source>
        <translation>{name} (law-enforcement ID no. {cert})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="414"/>
        <source>更正记录</source>
        <translation>Amendment</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="417"/>
        <source>任务 {n}</source>
        <translation>Task {n}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="418"/>
        <source>模板 {t} 版本 {v}</source>
        <translation>Template {t} version {v}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="419"/>
        <source>现场检查</source>
        <translation>Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="420"/>
        <source>文书预览…</source>
        <translation>Document preview…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="421"/>
        <source>现场检查笔录：预览、签发、打印</source>
        <translation>On-site inspection record: preview, issue, print</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="422"/>
        <source>键盘：1/2/3 或 Alt+1/2/3 判定 符合/不符合/不适用 · Ctrl+↑/↓ 上/下一项 · F8 下一未填项 · Ctrl+PgUp/PgDn 切换部分 · Ctrl+E 备注 · 所有修改自动保存</source>
        <translation>Keys: 1/2/3 or Alt+1/2/3 conform / non-conform / n.a. · Ctrl+↑/↓ previous/next item · F8 next unanswered · Ctrl+PgUp/PgDn section · Ctrl+E note · every change is saved automatically</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="434"/>
        <location filename="../../inspector_app/ui/inspection/window.py" line="505"/>
        <location filename="../../inspector_app/ui/inspection/window.py" line="703"/>
        <source>基本信息</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="435"/>
        <source>检查地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="435"/>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="435"/>
        <source>检查人员 1</source>
        <translation>Inspector 1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="435"/>
        <source>检查人员 2</source>
        <translation>Inspector 2</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="436"/>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="436"/>
        <source>通知当事人方式</source>
        <translation>How the party was notified</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="436"/>
        <source>出示执法证件（当事人答复）</source>
        <translation>Credentials shown (party&apos;s answer)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="437"/>
        <source>是否申请回避（当事人答复）</source>
        <translation>Recusal requested? (party&apos;s answer)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="437"/>
        <source>重大质量安全隐患</source>
        <translation>Major quality-safety hazard</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="441"/>
        <location filename="../../inspector_app/ui/inspection/window.py" line="506"/>
        <source>结论与定稿</source>
        <translation>Conclusion and finalize</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="442"/>
        <source>检查发现</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="443"/>
        <source>当事人陈述申辩</source>
        <translation>Party&apos;s statement and defence</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="444"/>
        <source>笔录已向当事人宣读/交其阅读，确认无误</source>
        <translation>The record was read to / by the party and confirmed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="445"/>
        <source>检查并定稿…  Ctrl+Shift+F</source>
        <translation>Check and finalize…  Ctrl+Shift+F</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="446"/>
        <source>所有必填项目均已完成。定稿后记录将不可修改，如需更正只能创建更正记录。确认定稿？</source>
        <translation>Every required item is complete. A finalized record cannot be changed; corrections are made as amendments. Finalize now?</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="447"/>
        <source>确认定稿</source>
        <translation>Finalize</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="448"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="449"/>
        <source>更正原因（必填）</source>
        <translation>Reason for the correction (required)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="450"/>
        <source>创建更正记录</source>
        <translation>Create amendment</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="454"/>
        <source>草稿 · 自动保存</source>
        <translation>Draft · saved automatically</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="454"/>
        <source>已定稿 · 只读</source>
        <translation>Finalized · read-only</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="454"/>
        <source>已同步 · 只读</source>
        <translation>Synced · read-only</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="459"/>
        <source>内容哈希 (SHA-256)：</source>
        <translation>Content hash (SHA-256): </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="481"/>
        <source>已完成 {a}/{t}</source>
        <translation>{a}/{t} done</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="484"/>
        <source>得分 —</source>
        <translation>Score —</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="486"/>
        <source>得分 {p}</source>
        <translation>Score {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="488"/>
        <source>不符合 {n} 项</source>
        <translation>{n} non-conforming</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="662"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="662"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="666"/>
        <source>保存失败：{e}</source>
        <translation>Saving failed: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="709"/>
        <source>尚有 {n} 处需要完成或更正（点击跳转）：</source>
        <translation>{n} item(s) still need an answer or a correction (click to go there):</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="755"/>
        <source>定稿失败：{e}</source>
        <translation>Finalizing failed: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="762"/>
        <source>请先填写更正原因</source>
        <translation>Enter the reason for the correction first</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="774"/>
        <source>无法创建更正记录：{e}</source>
        <translation>Could not create the amendment: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/window.py" line="789"/>
        <source>文书预览失败：{e}</source>
        <translation>Document preview failed: {e}</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="154"/>
        <source>关键项</source>
        <translation>key item</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="164"/>
        <source>依据：</source>
        <translation>Legal basis: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="170"/>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="202"/>
        <source>事实与备注（判定“不符合”时必须写明事实）</source>
        <translation>Facts and notes (required for a non-conformity)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="171"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="172"/>
        <source>添加备注 (Ctrl+E)</source>
        <translation>Add a note (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="178"/>
        <source>照片 {n}</source>
        <translation>Photos {n}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/item_card.py" line="178"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>LabHandoverDialog</name>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="234"/>
        <source>接收检查</source>
        <translation>Receipt check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="237"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="237"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="254"/>
        <source>接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="256"/>
        <source>拒收</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="264"/>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="267"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="280"/>
        <source>接收人签名</source>
        <translation>Receiver&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="277"/>
        <source>承检机构</source>
        <translation>Testing laboratory</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="278"/>
        <source>接收人</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="279"/>
        <source>工号/证件号</source>
        <translation>Staff / ID number</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="306"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="307"/>
        <source>登录服务器…</source>
        <translation>Log in to the server…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="308"/>
        <source>全部同步（办公室批量）…</source>
        <translation>Sync everything (office batch)…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="293"/>
        <source>现场检查</source>
        <translation>Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="294"/>
        <source>开始/继续检查</source>
        <translation>Start / continue inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="295"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="296"/>
        <source>搜索任务</source>
        <translation>Search tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="297"/>
        <source>检查人员信息…</source>
        <translation>Inspector identity…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="298"/>
        <source>切换工作区…</source>
        <translation>Switch workspace…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="299"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="300"/>
        <source>关于现场检查</source>
        <translation>About Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="301"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="302"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="303"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="304"/>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="305"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="309"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="373"/>
        <source>工作区：{p}</source>
        <translation>Workspace: {p}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="374"/>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="376"/>
        <source>检查人员：{n}（执法证号 {c}）</source>
        <translation>Inspector: {n} (law-enforcement ID no. {c})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="378"/>
        <source>待同步更改：{n}</source>
        <translation>Changes to sync: {n}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="381"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="384"/>
        <source>操作失败：{e}</source>
        <translation>Operation failed: {e}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="402"/>
        <source>该任务已结束，没有检查记录。</source>
        <translation>This task is closed and has no inspection.</translation>
    </message>
</context>
<context>
    <name>NewSampleDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="40"/>
        <source>新建抽样</source>
        <translation>New sample</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="50"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="51"/>
        <source>抽样方式</source>
        <translation>Sampling mode</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="53"/>
        <source>抽样前检查…</source>
        <translation>Pre-sampling check…</translation>
    </message>
</context>
<context>
    <name>PhotoGallery</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/photo_gallery.py" line="42"/>
        <source>共 %1 张照片。拖放照片或文件夹到此处即可导入。</source>
        <translation>%1 photos. Drop photos or folders here to import them.</translation>
    </message>
</context>
<context>
    <name>PhotoImportDialog</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="21"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="27"/>
        <source>选择文件夹（如相机存储卡）</source>
        <translation>Choose a folder (e.g. a camera card)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="43"/>
        <source>导入照片</source>
        <translation>Import photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="48"/>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="86"/>
        <source>已处理 %1 / %2，成功 %3，失败 %4</source>
        <translation>Processed %1 / %2: %3 imported, %4 failed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="93"/>
        <source>没有找到照片文件。</source>
        <translation>No photo files found.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="96"/>
        <source>（已取消 %1 个）</source>
        <translation> (%1 cancelled)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/import_dialog.py" line="103"/>
        <source>正在取消…（已完成的照片会保留）</source>
        <translation>Cancelling… (photos already imported are kept)</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="87"/>
        <source>照片查看</source>
        <translation>Photo viewer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="95"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="95"/>
        <source>说明</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="95"/>
        <source>拍摄时间</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="96"/>
        <source>GPS 位置</source>
        <translation>GPS position</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="96"/>
        <source>相机</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="96"/>
        <source>尺寸</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="97"/>
        <source>证据水印</source>
        <translation>Evidence stamp</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="97"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="108"/>
        <source>上一张</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="109"/>
        <source>下一张</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="110"/>
        <source>适应窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="111"/>
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="183"/>
        <source>（相机未记录时区）</source>
        <translation> (the camera recorded no time zone)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="186"/>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="187"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="187"/>
        <location filename="../../inspector_app/ui/evidence/viewer.py" line="189"/>
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>PrecheckDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="24"/>
        <source>抽样前检查</source>
        <translation>Pre-sampling check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="31"/>
        <source>逐项确认。任何一项为“否”时，软件会引导您填写相应的记录，而不是抽样单。</source>
        <translation>Confirm each point. If any answer is “No”, you are guided to the matching record instead of a sampling record.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="45"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="45"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="72"/>
        <source>全部为“是”</source>
        <translation>All “Yes”</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="74"/>
        <source>开始抽样</source>
        <translation>Start sampling</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="76"/>
        <source>填写拒检认定书</source>
        <translation>Record a refusal</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_precheck.py" line="78"/>
        <source>填写未抽到样品确认书</source>
        <translation>Record “no sample obtained”</translation>
    </message>
</context>
<context>
    <name>ResultEditor</name>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="66"/>
        <source>符合</source>
        <translation>Conform</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="66"/>
        <source>不符合</source>
        <translation>Non-conform</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="66"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/inspection/editors.py" line="69"/>
        <source>快捷键 {k} 或 Alt+{k}</source>
        <translation>Key {k} or Alt+{k}</translation>
    </message>
</context>
<context>
    <name>SampleDetail</name>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="134"/>
        <source>拒签</source>
        <translation>refused to sign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="144"/>
        <source>期限：</source>
        <translation>Deadlines: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="147"/>
        <source>更正抽样单…</source>
        <translation>Amend the sampling record…</translation>
    </message>
</context>
<context>
    <name>SampleForm</name>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="85"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="307"/>
        <source>已自动保存</source>
        <translation>Saved automatically</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="99"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="100"/>
        <source>任务来源</source>
        <translation>Task source</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="101"/>
        <source>任务类别</source>
        <translation>Task category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="101"/>
        <source>国家监督抽查</source>
        <translation>National spot check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="101"/>
        <source>省级监督抽查</source>
        <translation>Provincial spot check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="102"/>
        <source>市级监督抽查</source>
        <translation>Municipal spot check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="102"/>
        <source>专项抽查</source>
        <translation>Special spot check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="102"/>
        <source>复查抽查</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="103"/>
        <source>受检单位（网店）</source>
        <translation>Sampled party (online shop)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="103"/>
        <source>受检单位</source>
        <translation>Sampled party</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="105"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="109"/>
        <source>单位名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="105"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="109"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="105"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="110"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="106"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="110"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="198"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="106"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="110"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="199"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="106"/>
        <location filename="../../inspector_app/ui/sample_form.py" line="111"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="108"/>
        <source>生产单位</source>
        <translation>Producer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="108"/>
        <source>标称生产者</source>
        <translation>Labelled producer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="109"/>
        <source>邮编</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="111"/>
        <source>经济类型</source>
        <translation>Economic type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="114"/>
        <source>样品确认</source>
        <translation>Sample confirmation</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="114"/>
        <source>待确认</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="114"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="115"/>
        <source>否认</source>
        <translation>Denied</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="116"/>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="117"/>
        <source>证书类型</source>
        <translation>Certificate type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="117"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="118"/>
        <source>证书编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="119"/>
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="120"/>
        <source>产品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="120"/>
        <source>商标</source>
        <translation>Brand</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="120"/>
        <source>规格型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="121"/>
        <source>生产日期/批号</source>
        <translation>Production date / batch</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="121"/>
        <source>产品等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="121"/>
        <source>标注执行标准</source>
        <translation>Declared standard</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="124"/>
        <source>网络购买</source>
        <translation>Online purchase</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="125"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="125"/>
        <source>店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="125"/>
        <source>商品链接</source>
        <translation>Product link</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="126"/>
        <source>订单号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="128"/>
        <source>价格（元）</source>
        <translation>Price (yuan)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="129"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="130"/>
        <source>抽样数量</source>
        <translation>Quantity sampled</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="130"/>
        <source>备样数量</source>
        <translation>Backup quantity</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="130"/>
        <source>抽样基数</source>
        <translation>Lot size</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="140"/>
        <source>单价（元）</source>
        <translation>Unit price (yuan)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="141"/>
        <source>购样费用（元）</source>
        <translation>Purchase cost (yuan)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="142"/>
        <source>抽样人员（不少于2名）</source>
        <translation>Samplers (at least 2)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="149"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="150"/>
        <source>执法证号</source>
        <translation>Law-enforcement ID no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="156"/>
        <source>抽样人员 %1</source>
        <translation>Sampler %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="157"/>
        <source>抽样地点和时间</source>
        <translation>Place and time</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="158"/>
        <source>抽样地点</source>
        <translation>Sampling place</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="167"/>
        <source>抽样日期时间</source>
        <translation>Sampled at</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="168"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="170"/>
        <source>现场/样品照片</source>
        <translation>Site / sample photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="172"/>
        <source>购物凭证</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="172"/>
        <source>拆包过程</source>
        <translation>Unpacking</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="173"/>
        <source>封样照片</source>
        <translation>Seal photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="182"/>
        <source>封样</source>
        <translation>Sealing</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="183"/>
        <source>封样状态</source>
        <translation>Seal state</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="184"/>
        <source>检验样封条编号</source>
        <translation>Test-sample seal numbers</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="185"/>
        <source>备用样封条编号</source>
        <translation>Backup seal numbers</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="186"/>
        <source>备样封存地点</source>
        <translation>Backup storage place</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="190"/>
        <source>寄送和其他</source>
        <translation>Shipping and other</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="191"/>
        <source>寄送样地点</source>
        <translation>Ship samples to</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="192"/>
        <source>寄送样截止日期 (YYYY-MM-DD)</source>
        <translation>Ship by (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="193"/>
        <source>出口产品</source>
        <translation>Export product</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="198"/>
        <source>抽样单位</source>
        <translation>Sampling unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="198"/>
        <source>抽样单位地址</source>
        <translation>Sampling unit&apos;s address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="201"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="209"/>
        <source>签署定稿…</source>
        <translation>Sign and finalize…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="303"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="312"/>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="332"/>
        <source>请先更正列出的问题。</source>
        <translation>Correct the listed problems first.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="357"/>
        <source>添加照片…（已有 %1 张）</source>
        <translation>Add photos… (%1 so far)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="360"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="360"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="377"/>
        <source>正在保存照片…</source>
        <translation>Saving photos…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="384"/>
        <source>签署抽样单</source>
        <translation>Sign the sampling record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_form.py" line="395"/>
        <source>正在定稿…</source>
        <translation>Finalizing…</translation>
    </message>
</context>
<context>
    <name>SampleListModel</name>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="31"/>
        <source>抽样单编号</source>
        <translation>Sample no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="31"/>
        <source>检验样</source>
        <translation>Test sample</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="31"/>
        <source>备用样</source>
        <translation>Backup sample</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="31"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="31"/>
        <source>产品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="31"/>
        <source>受检单位</source>
        <translation>Sampled party</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="32"/>
        <source>抽样方式</source>
        <translation>Sampling mode</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="32"/>
        <source>抽样时间</source>
        <translation>Sampled</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="32"/>
        <source>记录状态</source>
        <translation>Record state</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="68"/>
        <source>封条：</source>
        <translation>Seals: </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="80"/>
        <source>异议期至 %1</source>
        <translation>Objections until %1</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="83"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="83"/>
        <source>已定稿</source>
        <translation>Finalized</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_model.py" line="83"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sample_model.py" line="84"/>
        <source>更正 %n</source>
        <translation>
            <numerusform>%n amendment</numerusform>
            <numerusform>%n amendments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplesTab</name>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="250"/>
        <source>扫描或输入抽样单编号、封条编号，回车跳转</source>
        <translation>Scan or type a sampling record or seal number, Enter to jump</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="251"/>
        <source>筛选：编号、产品、企业、封条</source>
        <translation>Filter: number, product, enterprise, seal</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="254"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="257"/>
        <source>全部方式</source>
        <translation>All modes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="258"/>
        <source>新建抽样…</source>
        <translation>New sample…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="259"/>
        <source>选择左侧的抽样单，或扫描封条编号。</source>
        <translation>Select a sampling record on the left, or scan a seal number.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="260"/>
        <source>抽样单</source>
        <translation>Sampling records</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="262"/>
        <source>拒检认定书和未抽到样品确认书由抽样前检查产生。</source>
        <translation>Refusal and no-sample records come from the pre-sampling check.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="261"/>
        <source>拒检/未抽到样品</source>
        <translation>Refusals / no sample</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="303"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_tab.py" line="303"/>
        <source>已定稿</source>
        <translation>Finalized</translation>
    </message>
</context>
<context>
    <name>Seams</name>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="40"/>
        <source>照片证据</source>
        <translation>Photo evidence</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="41"/>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="42"/>
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="43"/>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="44"/>
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="45"/>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="46"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/seams.py" line="48"/>
        <source>{feature}组件未能加载（详见日志），其余功能可正常使用。</source>
        <translation>{feature} could not be loaded (see the log); everything else works.</translation>
    </message>
</context>
<context>
    <name>SignBox</name>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="34"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="65"/>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="81"/>
        <source>抽样人员</source>
        <translation>Samplers</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="68"/>
        <source>请各方在签名框内签名（手写笔、触屏或鼠标）。</source>
        <translation>Each person signs in their signature box (stylus, touch screen or mouse).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="86"/>
        <source>%1（执法证号 %2）</source>
        <translation>%1 (law-enforcement ID no. %2)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="91"/>
        <source>受检单位代表</source>
        <translation>Sampled party&apos;s representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="97"/>
        <source>已签字（并加盖公章）</source>
        <translation>Signed (and sealed)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="99"/>
        <source>拒绝签字</source>
        <translation>Refused to sign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="107"/>
        <location filename="../../inspector_app/ui/custody_sign.py" line="131"/>
        <location filename="../../inspector_app/ui/custody_sign.py" line="143"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="110"/>
        <location filename="../../inspector_app/ui/custody_sign.py" line="132"/>
        <location filename="../../inspector_app/ui/custody_sign.py" line="144"/>
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="115"/>
        <source>拒签理由</source>
        <translation>Reason for refusing</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="116"/>
        <source>见证人</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="117"/>
        <source>见证人证件号</source>
        <translation>Witness&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="118"/>
        <source>见证人签名</source>
        <translation>Witness&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="123"/>
        <source>生产单位代表在场并签字</source>
        <translation>The producer&apos;s representative was present and signed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="128"/>
        <source>生产单位</source>
        <translation>Producer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_sign.py" line="155"/>
        <source>确认签署</source>
        <translation>Confirm signatures</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="170"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="172"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignatureForm</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="42"/>
        <source>执法人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="42"/>
        <source>抽样人员</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="42"/>
        <source>被检查单位（当事人）</source>
        <translation>Inspected party</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="43"/>
        <source>生产单位</source>
        <translation>Producer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="43"/>
        <source>检验机构接收人</source>
        <translation>Lab receiver</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="43"/>
        <source>承运人</source>
        <translation>Courier</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="44"/>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="78"/>
        <source>见证人</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="44"/>
        <source>市场监管部门</source>
        <translation>Market regulation bureau</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="51"/>
        <source>执法证号 / 身份证号 / 工号</source>
        <translation>Enforcement ID / ID card / staff number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="53"/>
        <source>签名人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="54"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="55"/>
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="58"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="59"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="60"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="70"/>
        <source>拒绝签名</source>
        <translation>Refused to sign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="72"/>
        <source>拒绝签名的理由或情况</source>
        <translation>Why the signature was refused, what happened</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="77"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="79"/>
        <source>见证人证件号</source>
        <translation>Witness ID number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="80"/>
        <source>拒绝签名记录</source>
        <translation>Refusal to sign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="88"/>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="109"/>
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="109"/>
        <source>记录拒签</source>
        <translation>Record the refusal</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="131"/>
        <source>请填写签名人姓名。</source>
        <translation>Enter the signer&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="137"/>
        <source>拒绝签名须填写理由和见证人。</source>
        <translation>A refusal needs the reason and a witness.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="142"/>
        <source>签名为空，请在签名板上签名。</source>
        <translation>The signature is empty; sign on the pad.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="228"/>
        <source>尚无签名。</source>
        <translation>No signature yet.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="235"/>
        <source>%1 拒绝签名（%2；见证人 %3）</source>
        <translation>%1 refused to sign (%2; witness %3)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/signature_dialog.py" line="237"/>
        <source>%1 已签名 %2</source>
        <translation>%1 signed %2</translation>
    </message>
</context>
<context>
    <name>SiteRecordForm</name>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="42"/>
        <source>⚑ 拒检认定将在网络恢复后优先上报组织抽查的部门。</source>
        <translation>⚑ The refusal is reported first to the organising department when the network is back.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="52"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="54"/>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="54"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="54"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="55"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="55"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="58"/>
        <source>情况</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="60"/>
        <source>任务来源</source>
        <translation>Task source</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="62"/>
        <source>产品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="63"/>
        <source>抽样单位</source>
        <translation>Sampling unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="64"/>
        <source>抽样单位电话</source>
        <translation>Sampling unit&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="65"/>
        <source>拒检经过</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="66"/>
        <source>证据（照片、录像、证人）</source>
        <translation>Evidence (photos, video, witnesses)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="68"/>
        <source>任务类别</source>
        <translation>Task category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="69"/>
        <source>产品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="70"/>
        <source>许可证编号</source>
        <translation>Licence number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="73"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="73"/>
        <source>近一年有销售</source>
        <translation>Sales in the past year</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="73"/>
        <source>近一年无销售</source>
        <translation>No sales in the past year</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="78"/>
        <source>近一年销售情况</source>
        <translation>Sales in the past year</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="79"/>
        <source>产品去向</source>
        <translation>Where the products went</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="80"/>
        <source>未抽到样品原因</source>
        <translation>Why no sample was obtained</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="81"/>
        <source>现场情况</source>
        <translation>Situation on site</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="82"/>
        <source>当地市场监管部门意见</source>
        <translation>Local market-regulation bureau&apos;s opinion</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="83"/>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="152"/>
        <source>当地市场监管部门</source>
        <translation>Local market-regulation bureau</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="92"/>
        <source>签署定稿…</source>
        <translation>Sign and finalize…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sample_site_record.py" line="152"/>
        <source>签署</source>
        <translation>Sign</translation>
    </message>
</context>
<context>
    <name>SyncConflicts</name>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="31"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="31"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="32"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="32"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="33"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="33"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="34"/>
        <source>邮政编码</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="34"/>
        <source>省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="35"/>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="35"/>
        <source>区县</source>
        <translation>District / county</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="36"/>
        <source>经济类型</source>
        <translation>Economic type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="36"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="37"/>
        <source>产品</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="37"/>
        <source>许可证</source>
        <translation>Licences</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="38"/>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="38"/>
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="39"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="39"/>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="40"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="40"/>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="41"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="41"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="42"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="42"/>
        <source>其他内容</source>
        <translation>Other details</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="43"/>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="43"/>
        <source>任务来源</source>
        <translation>Task source</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="44"/>
        <source>任务类别</source>
        <translation>Task category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_conflicts.py" line="44"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
</context>
<context>
    <name>SyncLoginDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="30"/>
        <source>登录同步服务器</source>
        <translation>Log in to the sync server</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="39"/>
        <source>使用系统证书（可不填）</source>
        <translation>Optional: the system certificates are used when empty</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="40"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="47"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="48"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="49"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="50"/>
        <source>CA 证书文件</source>
        <translation>CA certificate file</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="55"/>
        <source>只保存登录凭证（令牌），不保存密码。</source>
        <translation>Only the login token is stored, never the password.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="59"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="60"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="72"/>
        <source>选择 CA 证书文件</source>
        <translation>Choose the CA certificate file</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="72"/>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="83"/>
        <source>请填写服务器地址、用户名和密码。</source>
        <translation>Enter the server address, user name and password.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_login.py" line="86"/>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="99"/>
        <source>正在读取同步状态…</source>
        <translation>Loading sync status…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="97"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="112"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="115"/>
        <source>未登录同步服务器</source>
        <translation>Not logged in to the sync server</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="117"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_status.py" line="119"/>
        <source>离线 · %n 项待同步</source>
        <translation>
            <numerusform>Offline · %n item waiting to sync</numerusform>
            <numerusform>Offline · %n items waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_status.py" line="121"/>
        <source>同步未完成 · %n 项待同步</source>
        <translation>
            <numerusform>Sync incomplete · %n item waiting to sync</numerusform>
            <numerusform>Sync incomplete · %n items waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_status.py" line="123"/>
        <source>%n 项待同步</source>
        <translation>
            <numerusform>%n item waiting to sync</numerusform>
            <numerusform>%n items waiting to sync</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="125"/>
        <source>已全部同步</source>
        <translation>Everything synced</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_status.py" line="127"/>
        <source>上次同步 {t}</source>
        <translation>Last sync: {t}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_status.py" line="130"/>
        <source>%n 处冲突待处理</source>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncWindow</name>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="51"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="54"/>
        <source>准备同步…</source>
        <translation>Preparing to sync…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="67"/>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="68"/>
        <source>照片和文件</source>
        <translation>Photos and files</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="69"/>
        <source>数据量</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="70"/>
        <source>速度</source>
        <translation>Speed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="71"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="73"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="75"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="78"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="116"/>
        <source>正在连接服务器…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="127"/>
        <source>正在取消…（已传完的部分会保留）</source>
        <translation>Cancelling… (what was already transferred is kept)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="132"/>
        <source>正在上传记录…</source>
        <translation>Uploading records…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="138"/>
        <source>正在上传照片和文件…</source>
        <translation>Uploading photos and files…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="154"/>
        <source>正在接收任务和资料…</source>
        <translation>Downloading tasks and reference data…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="164"/>
        <location filename="../../inspector_app/ui/sync_window.py" line="184"/>
        <source>同步未完成</source>
        <translation>Sync not completed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="169"/>
        <source>全部数据已同步，服务器已确认完整。</source>
        <translation>Everything is synced; the server confirmed that nothing is missing.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="173"/>
        <source>同步已结束，但仍有数据未完成</source>
        <translation>Sync finished, but some data is not synced yet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_window.py" line="174"/>
        <source>待同步记录：%n</source>
        <translation>
            <numerusform>Records waiting to sync: %n</numerusform>
            <numerusform>Records waiting to sync: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/sync_window.py" line="175"/>
        <source>待上传文件：%n</source>
        <translation>
            <numerusform>Files waiting to upload: %n</numerusform>
            <numerusform>Files waiting to upload: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync_window.py" line="177"/>
        <source>被服务器拒收：</source>
        <translation>Rejected by the server: </translation>
    </message>
</context>
<context>
    <name>TaskListWidget</name>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="88"/>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="89"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="89"/>
        <source>待执行</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="89"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="90"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="90"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="91"/>
        <source>全部期限</source>
        <translation>Any due date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="91"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="91"/>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="92"/>
        <source>7天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="92"/>
        <source>30天内到期</source>
        <translation>Due within 30 days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="93"/>
        <source>全部风险等级</source>
        <translation>All risk classes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="93"/>
        <source>风险 {c}</source>
        <translation>Risk {c}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="103"/>
        <source>搜索企业名称、任务编号、计划、信用代码、地址…</source>
        <translation>Search enterprise, task number, plan, credit code, address…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="125"/>
        <source>共 {n} 项任务</source>
        <translation>{n} tasks</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_list.py" line="127"/>
        <source>加载中…</source>
        <translation>loading…</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="28"/>
        <source>任务编号</source>
        <translation>Task no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="29"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="30"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="31"/>
        <source>风险等级</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="32"/>
        <source>截止日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="33"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="34"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="36"/>
        <source>已逾期 {n} 天</source>
        <translation>{n} day(s) overdue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/task_model.py" line="37"/>
        <source>检查草稿</source>
        <translation>draft inspection</translation>
    </message>
</context>
<context>
    <name>WebcamCaptureDialog</name>
    <message>
        <location filename="../../inspector_app/ui/evidence/webcam.py" line="34"/>
        <location filename="../../inspector_app/ui/evidence/webcam.py" line="38"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/webcam.py" line="39"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/webcam.py" line="56"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/evidence/webcam.py" line="62"/>
        <source>没有找到摄像头。请连接摄像头，或从文件导入照片。</source>
        <translation>No camera found. Connect a camera, or import photos from files.</translation>
    </message>
</context>
<context>
    <name>WorkspaceDialog</name>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="26"/>
        <location filename="../../inspector_app/ui/first_run.py" line="31"/>
        <source>欢迎使用现场检查</source>
        <translation>Welcome to Field Inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="33"/>
        <source>所有检查记录、照片和文书保存在本机的“工作区”文件夹中，无网络时也可使用。请选择已有工作区、新建一个，或先打开演示工作区熟悉软件。</source>
        <translation>Inspections, photos and documents are kept on this computer in a workspace folder and work without a network. Choose an existing workspace, create one, or try the demo workspace first.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="39"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="48"/>
        <source>新建或打开此工作区</source>
        <translation>Create or open this workspace</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="52"/>
        <source>打开演示工作区</source>
        <translation>Open the demo workspace</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="55"/>
        <source>演示工作区：{p}（虚构的企业和任务，可随意练习）</source>
        <translation>Demo workspace: {p} (fictitious enterprises and tasks to practise on)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="64"/>
        <source>工作区文件夹</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="76"/>
        <source>选择工作区文件夹</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="83"/>
        <source>请填写工作区文件夹。</source>
        <translation>Enter the workspace folder.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/first_run.py" line="87"/>
        <source>{p} 是一个文件，不是文件夹。请选择文件夹。</source>
        <translation>{p} is a file, not a folder. Choose a folder.</translation>
    </message>
</context>
<context>
    <name>_Base</name>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="55"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="56"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="58"/>
        <source>未添加照片</source>
        <translation>No photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="59"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="70"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="77"/>
        <source>已添加 %n 张照片</source>
        <translation>
            <numerusform>%n photo added</numerusform>
            <numerusform>%n photos added</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="80"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/custody_event_dialog.py" line="80"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
</TS>
