<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="96"/>
        <source>Updating the roster</source>
        <translation>正在更新名册</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="97"/>
        <source>Updating the roster for this version of cartclinic. A copy of it is kept first.

On a large roster this takes a few minutes. Please do not switch the PC off; the worklist opens when it is done.</source>
        <translation>正在为此版本的 cartclinic 更新名册。更新前会先保留一份副本。

名册较大时需要几分钟。请不要关闭电脑；完成后会打开工作列表。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="156"/>
        <source>The roster cannot be opened</source>
        <translation>无法打开名册</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="162"/>
        <source>Nothing has been changed. If another program has the roster open, close it and start again; otherwise call the ward IT.</source>
        <translation>没有做任何更改。如果另一个程序打开了名册，请关闭它后重新启动；否则请联系病区 IT。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="166"/>
        <source>The roster file %s is damaged, so it was not opened and nothing was written to it.</source>
        <translation>名册文件 %s 已损坏，因此没有打开，也没有向其写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="169"/>
        <source>No backup that passes its check was found beside it. Call the ward IT before anyone enters data.</source>
        <translation>在其旁边没有找到通过检查的备份。在任何人录入数据之前，请联系病区 IT。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="174"/>
        <source>The newest backup that passes its check was made on %s:
%s

Restore it? The damaged file is moved aside and kept, never overwritten. Changes made after %s will have to be entered again.</source>
        <translation>通过检查的最新备份制作于 %s：
%s

要恢复它吗？损坏的文件会被移到一旁保留，绝不会被覆盖。%s 之后所做的更改需要重新录入。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="178"/>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="179"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="190"/>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="193"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="193"/>
        <source>The roster was restored from
%s

The damaged file is kept as
%s</source>
        <translation>名册已从以下备份恢复：
%s

损坏的文件保留为：
%s</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="254"/>
        <source>The roster is in use</source>
        <translation>名册正在使用中</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/audit_view.py" line="99"/>
        <source>%s changed</source>
        <translation>%s 已更改</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="117"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="117"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="117"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="117"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Change (old → new)</source>
        <translation>更改（旧 → 新）</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="124"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="124"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="125"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="125"/>
        <source>note</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="140"/>
        <source>before: %s
after: %s</source>
        <translation>之前：%s
之后：%s</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <location filename="../../ui/audit_view.py" line="176"/>
        <location filename="../../ui/audit_view.py" line="217"/>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="190"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="191"/>
        <source>Patient MRN</source>
        <translation>患者病历号</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="194"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="195"/>
        <source>&amp;Dates</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="197"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="198"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="199"/>
        <source>&amp;Patient</source>
        <translation>患者(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="199"/>
        <source>&amp;Who</source>
        <translation>操作人(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="229"/>
        <source>&amp;Verify</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="230"/>
        <source>Check that no audit row and no patient record was changed outside the program.</source>
        <translation>检查审计记录和患者记录是否在本程序之外被改动过。</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="232"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="268"/>
        <source>(everyone)</source>
        <translation>（所有人）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_view.py" line="295"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="303"/>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="324"/>
        <source>Not exported: %s</source>
        <translation>未导出：%s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_view.py" line="337"/>
        <source>The check found %n problem(s). Something was changed outside the program; do not correct it by hand. Tell the ward IT and keep this list:</source>
        <translation>
            <numerusform>检查发现 %n 个问题。有内容在本程序之外被改动过；请不要手工更正。请告知病区 IT，并保留这份清单：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="343"/>
        <source>The audit trail is intact: all %d rows follow one another unbroken, and every record in the roster matches the last change the audit trail holds for it.</source>
        <translation>审计记录完整：全部 %d 行前后相连、没有断开，名册中的每条记录都与审计记录中最后一次更改一致。</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <location filename="../../ui/restore_dialog.py" line="57"/>
        <source>Made</source>
        <translation>制作时间</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="57"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="57"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="57"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="58"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="63"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="65"/>
        <source>before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="67"/>
        <source>before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="68"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="73"/>
        <source>%.1f MB</source>
        <translation>%.1f MB</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="74"/>
        <source>passes</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="74"/>
        <source>damaged: %s</source>
        <translation>已损坏：%s</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../ui/calendar_view.py" line="78"/>
        <source>Visits of the chosen day</source>
        <translation>所选日期的随访</translation>
    </message>
    <message>
        <location filename="../../ui/calendar_view.py" line="127"/>
        <source>%s: %d visit(s)</source>
        <translation>%s：%d 次随访</translation>
    </message>
    <message>
        <location filename="../../ui/calendar_view.py" line="129"/>
        <source>closed</source>
        <translation>休诊</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="29"/>
        <source>Phone call</source>
        <translation>电话随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="49"/>
        <source>Called on</source>
        <translation>致电日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="51"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="52"/>
        <source>&amp;Called on</source>
        <translation>致电日期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="53"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <location filename="../../ui/models/small_models.py" line="42"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="42"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="42"/>
        <source>Overdue visit</source>
        <translation>逾期随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="42"/>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="43"/>
        <source>Last call</source>
        <translation>最近一次致电</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="43"/>
        <source>Calls</source>
        <translation>致电次数</translation>
    </message>
</context>
<context>
    <name>CountCalendar</name>
    <message>
        <location filename="../../ui/calendar_view.py" line="39"/>
        <source>Month calendar</source>
        <translation>月历</translation>
    </message>
</context>
<context>
    <name>DayModel</name>
    <message>
        <location filename="../../ui/models/small_models.py" line="81"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="81"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="81"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="81"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="82"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="50"/>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>The program met an error it did not expect. What you were doing may not have been saved; please check it, and tell the ward IT.</source>
        <translation>程序遇到意外错误。您刚才的操作可能未保存；请检查，并告知病区 IT。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>The details are kept in %s</source>
        <translation>详细信息保存在 %s</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="61"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>Nothing was changed, because:</source>
        <translation>未做任何更改，原因：</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="27"/>
        <source>Record an event</source>
        <translation>记录事件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="39"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="43"/>
        <source>&amp;Event</source>
        <translation>事件(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="44"/>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="45"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="50"/>
        <source>What this event will do</source>
        <translation>此事件的影响</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/event_dialog.py" line="73"/>
        <source>%n future visit(s) will be cancelled.</source>
        <translation>
            <numerusform>将取消 %n 次未来随访。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="75"/>
        <source>Safety, monitoring, long-term and registry visits go on.</source>
        <translation>安全性、监测、长期随访和登记随访照常进行。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="77"/>
        <source>The event is recorded; no visit is cancelled.</source>
        <translation>事件已记录；不取消任何随访。</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <location filename="../../ui/models/small_models.py" line="21"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="21"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="21"/>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="21"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="27"/>
        <source>%s (undone %s)</source>
        <translation>%s（已于 %s 撤销）</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../ui/exports.py" line="45"/>
        <source>Export the patient&apos;s record</source>
        <translation>导出患者记录</translation>
    </message>
    <message>
        <location filename="../../ui/exports.py" line="58"/>
        <location filename="../../ui/exports.py" line="61"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../ui/exports.py" line="62"/>
        <source>The file could not be written: %s</source>
        <translation>无法写入文件：%s</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>before tracking</source>
        <translation>跟踪前</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>upcoming</source>
        <translation>未到期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>due</source>
        <translation>应随访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>missed</source>
        <translation>失约</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>death</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>withdrawal of consent</source>
        <translation>撤回知情同意</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <location filename="../../ui/labels.py" line="65"/>
        <source>lost to follow-up</source>
        <translation>失访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>relapse</source>
        <translation>复发</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>progression</source>
        <translation>进展</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>re-infusion</source>
        <translation>再次回输</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>allogeneic stem-cell transplant</source>
        <translation>异基因造血干细胞移植</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>message left</source>
        <translation>已留言</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>active</source>
        <translation>随访中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>deceased</source>
        <translation>已故</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>withdrawn</source>
        <translation>已退出</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>First 100 days</source>
        <translation>前100天</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>First year</source>
        <translation>第一年</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>Long-term follow-up</source>
        <translation>长期随访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>response</source>
        <translation>疗效评估</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>safety</source>
        <translation>安全性</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>monitoring</source>
        <translation>监测</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>registry</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="67"/>
        <location filename="../../ui/idle_lock.py" line="105"/>
        <location filename="../../ui/idle_lock.py" line="110"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="82"/>
        <source>%s · locked at %s · signed in: %s
Patient data is hidden until a PIN is given.</source>
        <translation>%s · 锁定于 %s · 登录人：%s
输入 PIN 之前，患者资料已隐藏。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="68"/>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>&amp;Worklist</source>
        <translation>工作列表(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="69"/>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>&amp;Phone list</source>
        <translation>电话列表(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;Roster</source>
        <translation>患者名册(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>&amp;Calendar</source>
        <translation>日历(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>&amp;New patient…</source>
        <translation>新建患者(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149"/>
        <source>&amp;Import patients from CSV…</source>
        <translation>从 CSV 导入患者(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>&amp;Export roster as CSV…</source>
        <translation>导出名册为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>&amp;Restore a backup…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>S&amp;taff and PINs…</source>
        <translation>人员和 PIN(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>&amp;Lock / switch user</source>
        <translation>锁定 / 切换用户(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>&amp;Find patient</source>
        <translation>查找患者(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>&amp;Audit trail</source>
        <translation>审计记录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>Close patient &amp;page</source>
        <translation>关闭患者页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>Today&apos;s &amp;day list…</source>
        <translation>今日随访清单(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>Today&apos;s visit &amp;sheets…</source>
        <translation>今日随访单(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Day list of the &amp;calendar day…</source>
        <translation>日历所选日期的清单(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>Only an admin can do this</source>
        <translation>只有管理员可以执行此操作</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="299"/>
        <source>The backup made at each start could not be made:

%s

You can go on working; tell the ward IT today.</source>
        <translation>每次启动时的备份未能完成：

%s

您可以继续工作；请今天告知病区 IT。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Automatic backup failed</source>
        <translation>自动备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>The changes are saved in the roster, but the automatic backup could not be made:

%s

Tell the ward IT today.</source>
        <translation>更改已保存在名册中，但自动备份未能完成：

%s

请今天告知病区 IT。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>Only an admin can do this.</source>
        <translation>只有管理员可以执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="360"/>
        <source>About cartclinic</source>
        <translation>关于 cartclinic</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>cartclinic — follow-up after CAR-T cell therapy.

Roster: %s
Log: %s</source>
        <translation>cartclinic — CAR-T 细胞治疗后随访。

名册：%s
日志：%s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>%s — cartclinic — signed in: %s</source>
        <translation>%s — cartclinic — 当前用户：%s</translation>
    </message>
</context>
<context>
    <name>MenuWork</name>
    <message>
        <location filename="../../ui/menu_work.py" line="40"/>
        <source>Import patients</source>
        <translation>导入患者</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="44"/>
        <source>ISO (YYYY-MM-DD)</source>
        <translation>ISO（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="45"/>
        <source>Dates in the file</source>
        <translation>文件中的日期格式</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="46"/>
        <source>How are dates written in this file?</source>
        <translation>此文件中的日期是如何书写的？</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="54"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="55"/>
        <source>The file cannot be read as UTF-8 text: %s</source>
        <translation>无法以 UTF-8 文本读取该文件：%s</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="62"/>
        <source>Nothing imported</source>
        <translation>未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="64"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/menu_work.py" line="65"/>
        <source>%n patient(s) added.</source>
        <translation>
            <numerusform>已添加 %n 名患者。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="72"/>
        <source>Export the roster</source>
        <translation>导出名册</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="84"/>
        <location filename="../../ui/menu_work.py" line="86"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="96"/>
        <location filename="../../ui/menu_work.py" line="99"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="101"/>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="102"/>
        <source>The roster was copied and checked:
%s</source>
        <translation>名册已复制并通过检查：
%s</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="111"/>
        <source>Only an admin can do this</source>
        <translation>只有管理员可以执行此操作</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="123"/>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="124"/>
        <source>The roster will be replaced by
%s

The current roster is kept as a backup first. Changes made since that backup will be missing.</source>
        <translation>名册将被替换为
%s

当前名册会先保存为备份。该备份之后的更改将会缺失。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="133"/>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="136"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="137"/>
        <source>The roster was restored from
%s</source>
        <translation>名册已从以下备份恢复：
%s</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="144"/>
        <source>Roster problem</source>
        <translation>名册问题</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="34"/>
        <source>New patient</source>
        <translation>新建患者</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="34"/>
        <source>Edit patient</source>
        <translation>编辑患者</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="51"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="53"/>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="53"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="54"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="54"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="63"/>
        <source>&amp;MRN</source>
        <translation>病历号(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="64"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="65"/>
        <source>Date of &amp;birth</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="66"/>
        <source>&amp;Sex</source>
        <translation>性别(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="67"/>
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="68"/>
        <source>&amp;Diagnosis</source>
        <translation>诊断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="69"/>
        <source>Ph&amp;ysician</source>
        <translation>主治医生(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="70"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="75"/>
        <source>First treatment</source>
        <translation>首次治疗</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <location filename="../../ui/patient_page.py" line="70"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="71"/>
        <source>Add &amp;treatment…</source>
        <translation>添加治疗(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="72"/>
        <source>Re-&amp;infusion…</source>
        <translation>再次回输(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="73"/>
        <source>Record &amp;event…</source>
        <translation>记录事件(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="74"/>
        <source>Patient is &amp;back</source>
        <translation>患者已回归(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="75"/>
        <source>Undo &apos;lost to follow-up&apos;: restores the cancelled visits</source>
        <translation>撤销“失访”：恢复被取消的随访</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="76"/>
        <source>Print &amp;letter…</source>
        <translation>打印患者通知(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="77"/>
        <source>E&amp;xport record (JSON)…</source>
        <translation>导出记录 (JSON)(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="78"/>
        <source>For a request from the patient to see their data: everything the roster holds about them, with its audit trail. The export is recorded.</source>
        <translation>用于患者查阅本人资料的申请：名册中关于该患者的全部内容及其审计记录。导出操作会被记录。</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="99"/>
        <source>First 100 days</source>
        <translation>前100天</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="100"/>
        <source>Fifteen years</source>
        <translation>十五年</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="104"/>
        <source>Timeline:</source>
        <translation>时间线：</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="124"/>
        <source>Schedule</source>
        <translation>随访计划</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="132"/>
        <source>&amp;Schedule</source>
        <translation>随访计划(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="142"/>
        <source>Res&amp;ults</source>
        <translation>检验结果(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="145"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="149"/>
        <source>E&amp;vents</source>
        <translation>事件(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="190"/>
        <source>Born %s · sex %s · phone %s · %s · %s</source>
        <translation>出生 %s · 性别 %s · 电话 %s · %s · %s</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="194"/>
        <source>&lt;b&gt;%s&lt;/b&gt; (%s) · day 0 %s · &lt;b&gt;Day +%d&lt;/b&gt; today · %s</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;（%s）· 第0天 %s · 今天为&lt;b&gt;第 +%d 天&lt;/b&gt; · %s</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="213"/>
        <source>No visit recorded yet.</source>
        <translation>尚无随访记录。</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="245"/>
        <source>Patient is back</source>
        <translation>患者已回归</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/patient_page.py" line="246"/>
        <source>%n visit(s) restored.</source>
        <translation>
            <numerusform>已恢复 %n 次随访。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhoneListPage</name>
    <message>
        <location filename="../../ui/phone_list.py" line="33"/>
        <source>Note a &amp;call…</source>
        <translation>记录致电(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="37"/>
        <source>Note a call… (Ctrl+L)</source>
        <translation>记录致电…（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="38"/>
        <source>Open patient</source>
        <translation>打开患者</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="42"/>
        <source>Overdue patients to call</source>
        <translation>需致电的逾期患者</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="50"/>
        <source>Calls to this patient</source>
        <translation>对此患者的致电记录</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="66"/>
        <source>Overdue visits to call: %d</source>
        <translation>需致电的逾期随访：%d</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="76"/>
        <source>No call yet.</source>
        <translation>尚未致电。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <location filename="../../ui/printing.py" line="73"/>
        <source>Print preview — %s</source>
        <translation>打印预览 — %s</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="83"/>
        <source>Page %d of %d</source>
        <translation>第 %d 页，共 %d 页</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="91"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="92"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="115"/>
        <source>Printed, but not noted in the audit trail</source>
        <translation>已打印，但未能记入审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="138"/>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="138"/>
        <source>The printer could not be opened.</source>
        <translation>无法打开打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="156"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="163"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing.py" line="185"/>
        <source>Visit sheet %s</source>
        <translation>随访单 %s</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="193"/>
        <source>Nothing to print</source>
        <translation>没有可打印的内容</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="194"/>
        <source>No visits on %s.</source>
        <translation>%s 没有随访。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="198"/>
        <source>Visit sheets of %s</source>
        <translation>%s 的随访单</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="204"/>
        <source>Day list %s</source>
        <translation>%s 随访清单</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="211"/>
        <source>Letter for %s</source>
        <translation>%s 的患者通知</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="218"/>
        <source>Preparing %s…</source>
        <translation>正在准备 %s…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="240"/>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <location filename="../../ui/workers.py" line="58"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecordVisitDialog</name>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="38"/>
        <source>Record visit %s</source>
        <translation>记录随访 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="43"/>
        <source>Window %s to %s</source>
        <translation>窗口 %s 至 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="48"/>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="52"/>
        <source>&amp;Done on</source>
        <translation>完成日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="55"/>
        <source>Assessments done</source>
        <translation>已完成的评估</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="62"/>
        <source>&amp;Assessments</source>
        <translation>评估项目(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="64"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="67"/>
        <source>Disease &amp;status</source>
        <translation>疾病状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="75"/>
        <source>%s unit</source>
        <translation>%s 单位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="81"/>
        <source>Results</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="85"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="98"/>
        <source>⚠ This date is outside the window of %s (%s to %s).</source>
        <translation>⚠ 此日期不在 %s 的窗口内（%s 至 %s）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="120"/>
        <source>Saved, out of window</source>
        <translation>已保存（窗口外）</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="32"/>
        <source>Reschedule %s</source>
        <translation>改期 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="37"/>
        <source>Scheduled %s; window %s to %s</source>
        <translation>预约 %s；窗口 %s 至 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="44"/>
        <source>New date</source>
        <translation>新日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="48"/>
        <source>e.g. patient asked, transport, clinic full</source>
        <translation>例如：患者要求、交通原因、门诊已满</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="49"/>
        <source>Also shift the later visits of this protocol by the same number of days</source>
        <translation>同时将本方案之后的随访顺延相同天数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="51"/>
        <source>&amp;New date</source>
        <translation>新日期(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="53"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="66"/>
        <source>⚠ Outside the window: you will be asked to confirm.</source>
        <translation>⚠ 不在窗口内：保存前需要确认。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="79"/>
        <source>Move out of window?</source>
        <translation>移出窗口？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="80"/>
        <source>Move anyway, out of window?</source>
        <translation>仍然移到窗口之外吗？</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../../ui/staff_dialog.py" line="80"/>
        <source>Reset PIN</source>
        <translation>重设 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="83"/>
        <source>A new PIN for %s. Tell it to them in person; they can sign in with it at once.</source>
        <translation>为 %s 设置新的 PIN。请当面告诉本人；本人可立即用它登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="91"/>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="92"/>
        <source>New PIN again</source>
        <translation>再次输入新 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="93"/>
        <source>&amp;New PIN</source>
        <translation>新 PIN(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="94"/>
        <source>New PIN a&amp;gain</source>
        <translation>再次输入新 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="98"/>
        <source>&amp;Set PIN</source>
        <translation>设置 PIN(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="108"/>
        <source>PIN again: the two PINs differ; type the same PIN twice</source>
        <translation>PIN again: 两次输入的 PIN 不一致；请输入两次相同的 PIN</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/restore_dialog.py" line="91"/>
        <location filename="../../ui/restore_dialog.py" line="131"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="94"/>
        <source>Backups of %s, newest first. Restoring replaces the roster with the backup; the current roster is kept as a backup first. Changes made after the backup will be missing.</source>
        <translation>%s 的备份，最新的在前。恢复会用备份替换名册；当前名册会先保存为一个备份。备份之后所做的更改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="101"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="105"/>
        <source>&amp;Restore this backup</source>
        <translation>恢复此备份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="106"/>
        <source>&amp;Other file…</source>
        <translation>其他文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="133"/>
        <source>Roster backups (*.db)</source>
        <translation>名册备份 (*.db)</translation>
    </message>
</context>
<context>
    <name>ResultsChart</name>
    <message>
        <location filename="../../ui/results_chart.py" line="23"/>
        <source>Results chart</source>
        <translation>检验结果图</translation>
    </message>
    <message>
        <location filename="../../ui/results_chart.py" line="40"/>
        <source>No IgG or CD19 results yet.</source>
        <translation>尚无 IgG 或 CD19 结果。</translation>
    </message>
    <message>
        <location filename="../../ui/results_chart.py" line="54"/>
        <source>no results</source>
        <translation>无结果</translation>
    </message>
</context>
<context>
    <name>RosterLock</name>
    <message>
        <location filename="../../ui/roster_lock.py" line="71"/>
        <source>The roster %s cannot be opened: its folder cannot be written to. Ask the ward IT for write access.</source>
        <translation>无法打开名册 %s：其所在文件夹不可写入。请向病区 IT 申请写入权限。</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="77"/>
        <source>another PC</source>
        <translation>另一台电脑</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="79"/>
        <source>The roster is already open: %s is signed in to it on %s (since %s).</source>
        <translation>名册已被打开：%s 已在 %s 上登录（自 %s 起）。</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="82"/>
        <source>The roster is already open in another cartclinic window on %s (program %s).</source>
        <translation>名册已在 %s 上的另一个 cartclinic 窗口中打开（程序 %s）。</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="85"/>
        <source>Only one program at a time may use a roster, so that nobody&apos;s changes are lost. Use the program that is already open, or close it first.</source>
        <translation>同一时间只能有一个程序使用名册，以免任何人的更改丢失。请使用已经打开的程序，或先将其关闭。</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../ui/models/roster_model.py" line="26"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="26"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="26"/>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="26"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="27"/>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="27"/>
        <source>Next checkup</source>
        <translation>下次复查</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="27"/>
        <source>Next visit</source>
        <translation>下次随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="28"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/models/roster_model.py" line="28"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster_view.py" line="33"/>
        <source>Search name, MRN or phone (Ctrl+F)</source>
        <translation>搜索姓名、病历号或电话（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/roster_view.py" line="34"/>
        <source>Search the roster</source>
        <translation>搜索名册</translation>
    </message>
    <message>
        <location filename="../../ui/roster_view.py" line="38"/>
        <source>New patient… (Ctrl+N)</source>
        <translation>新建患者…（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/roster_view.py" line="43"/>
        <source>Patients</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/roster_view.py" line="75"/>
        <source>%1 of %2 patients</source>
        <translation>显示 %1 / 共 %2 名患者</translation>
    </message>
</context>
<context>
    <name>RowActions</name>
    <message>
        <location filename="../../ui/row_actions.py" line="31"/>
        <source>&amp;Open patient</source>
        <translation>打开患者(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="32"/>
        <source>&amp;Record visit…</source>
        <translation>记录随访(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="34"/>
        <source>Re&amp;schedule…</source>
        <translation>改期(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="36"/>
        <source>Mark &amp;missed…</source>
        <translation>标记失约(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="38"/>
        <source>Print visit &amp;sheet…</source>
        <translation>打印随访单(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="40"/>
        <source>Open the patient&apos;s page (Enter)</source>
        <translation>打开患者页面（Enter）</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="44"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="44"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="44"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="44"/>
        <source>Target</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="45"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="45"/>
        <source>Scheduled</source>
        <translation>预约日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="45"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/schedule_model.py" line="87"/>
        <source>%s, %n day(s) late</source>
        <translation>
            <numerusform>%s，晚 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="48"/>
        <source>Welcome: set up the clinic</source>
        <translation>欢迎：设置门诊</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="58"/>
        <source>This roster is new. Tell the program about the clinic; you can change all of this later under Settings.</source>
        <translation>这是一个新名册。请填写门诊信息；以后可在“设置”中修改。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source>&amp;Your name</source>
        <translation>您的姓名(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="72"/>
        <source>Every change is recorded with the name of who made it.</source>
        <translation>每项更改都会记录操作人的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="73"/>
        <source>Your &amp;PIN</source>
        <translation>您的 PIN(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="74"/>
        <source>4 to 8 digits. You are the first admin: you can add the other nurses under File › Staff.</source>
        <translation>4 到 8 位数字。您是第一位管理员：可以在“文件 › 人员”中添加其他护士。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="76"/>
        <source>PIN a&amp;gain</source>
        <translation>再次输入 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="79"/>
        <source>Clinic &amp;name</source>
        <translation>门诊名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="80"/>
        <source>Clinic &amp;phone</source>
        <translation>门诊电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="86"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="86"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Closed &amp;weekdays</source>
        <translation>休诊日(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="95"/>
        <source>Country code, optionally with a region: CN, US-CA, GB-SCT. Public holidays close the clinic; official make-up workdays open it.</source>
        <translation>国家代码，可带地区：CN、US-CA、GB-SCT。法定节假日休诊；官方调休工作日开诊。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="98"/>
        <source>&amp;Holiday region</source>
        <translation>节假日地区(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="104"/>
        <source>Closure dates</source>
        <translation>停诊日期</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="106"/>
        <source>Closure date to add</source>
        <translation>要添加的停诊日期</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="107"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="108"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="114"/>
        <source>&amp;Closures</source>
        <translation>停诊日期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="117"/>
        <source>Pa&amp;per</source>
        <translation>纸张(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="121"/>
        <source>Patient &amp;letter language</source>
        <translation>患者通知语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="125"/>
        <source>&amp;Interface language</source>
        <translation>界面语言(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="128"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="129"/>
        <source>Lock when idle &amp;after</source>
        <translation>空闲自动锁定(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="132"/>
        <source> changes</source>
        <translation> 次更改</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="133"/>
        <source>only at start</source>
        <translation>仅在启动时</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="134"/>
        <source>A checked backup is made each time the program starts, and again after this many changes.</source>
        <translation>每次启动程序时都会制作一个经过检查的备份，之后每达到这么多次更改再备份一次。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="136"/>
        <source>&amp;Back up after every</source>
        <translation>每隔多少次更改备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="139"/>
        <location filename="../../ui/settings_dialog.py" line="142"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="143"/>
        <source>Stay near the centre</source>
        <translation>留在中心附近</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="144"/>
        <source>No driving</source>
        <translation>禁止驾驶</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="223"/>
        <source>who: give your name; the record keeps who changed what</source>
        <translation>who：请填写您的姓名；记录会保存每项更改的操作人</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="226"/>
        <source>PIN again: the two PINs differ; type the same PIN twice</source>
        <translation>PIN again: 两次输入的 PIN 不一致；请输入两次相同的 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="208"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="209"/>
        <source>The interface language changes when the program is next started.</source>
        <translation>界面语言将在下次启动程序时更改。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="213"/>
        <source>Visits moved</source>
        <translation>随访已调整</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/settings_dialog.py" line="214"/>
        <source>%n open visit(s) now fall on a closed day and were moved to the nearest open day in their window.</source>
        <translation>
            <numerusform>%n 次未完成随访落在休诊日，已移至其窗口内最近的开诊日。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="45"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="45"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="51"/>
        <source>The screen was locked after a while without use. %s can go on with their PIN, or another person can sign in.</source>
        <translation>屏幕在一段时间无人使用后已锁定。%s 可以输入自己的 PIN 继续，也可以由其他人登录。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="54"/>
        <source>Sign in with your own name and PIN. Every change you make in the roster is recorded with your name.</source>
        <translation>请用您自己的姓名和 PIN 登录。您在名册中所做的每项更改都会以您的姓名记录。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="64"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="65"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="66"/>
        <source>&amp;PIN</source>
        <translation>PIN(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="73"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="73"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../ui/staff_dialog.py" line="128"/>
        <location filename="../../ui/staff_dialog.py" line="138"/>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="133"/>
        <source>Each person signs in with their own name and PIN; the roster records who made every change. Admins may also change the settings, manage staff and restore backups.</source>
        <translation>每个人都用自己的姓名和 PIN 登录；名册会记录每项更改的操作人。管理员还可以更改设置、管理人员和恢复备份。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="142"/>
        <source>R&amp;eset PIN…</source>
        <translation>重设 PIN(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="143"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="144"/>
        <location filename="../../ui/staff_dialog.py" line="222"/>
        <source>S&amp;witch off</source>
        <translation>停用(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="160"/>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="171"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="172"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="173"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="174"/>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="175"/>
        <source>&amp;PIN</source>
        <translation>PIN(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="176"/>
        <source>PIN a&amp;gain</source>
        <translation>再次输入 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="180"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="221"/>
        <source>S&amp;witch on</source>
        <translation>启用(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="264"/>
        <source>%s has a new PIN and can sign in with it.</source>
        <translation>%s 已有新的 PIN，可以用它登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="268"/>
        <location filename="../../ui/staff_dialog.py" line="279"/>
        <source>%s can sign in again.</source>
        <translation>%s 可以重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="276"/>
        <source>%s can no longer sign in; their name stays in the audit trail.</source>
        <translation>%s 已不能登录；其姓名仍保留在审计记录中。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="286"/>
        <source>PIN again: the two PINs differ; type the same PIN twice</source>
        <translation>PIN again: 两次输入的 PIN 不一致；请输入两次相同的 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="298"/>
        <source>%s can now sign in.</source>
        <translation>%s 现在可以登录了。</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <location filename="../../ui/staff_dialog.py" line="42"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="42"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="42"/>
        <source>Sign-in</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="45"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="45"/>
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="48"/>
        <source>%s (switched off)</source>
        <translation>%s（已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="52"/>
        <source>switched off: cannot sign in</source>
        <translation>已停用：不能登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="55"/>
        <source>locked until %s after wrong PINs</source>
        <translation>因 PIN 输错已锁定至 %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff_dialog.py" line="57"/>
        <source>%n wrong PIN(s) in a row</source>
        <translation>
            <numerusform>连续输错 PIN %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="58"/>
        <source>can sign in</source>
        <translation>可以登录</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/timeline.py" line="59"/>
        <source>Schedule timeline</source>
        <translation>随访时间线</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="133"/>
        <source>infusion</source>
        <translation>回输</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="140"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>TreatmentDialog</name>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="21"/>
        <source>Re-infusion</source>
        <translation>再次回输</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="21"/>
        <source>Add treatment</source>
        <translation>添加治疗</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="25"/>
        <source>A re-infusion starts a new schedule from its own day 0. Long-term follow-up visits of earlier treatments from that day on are cancelled.</source>
        <translation>再次回输以其自身的第0天开始新的随访计划。此前治疗在该日之后的长期随访将被取消。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="27"/>
        <source>A further treatment with its own day 0 and schedule.</source>
        <translation>另一次治疗，有自己的第0天和随访计划。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="38"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>TreatmentFields</name>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="32"/>
        <source>Infusion date (day 0)</source>
        <translation>回输日期（第0天）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="42"/>
        <source>Tracked from</source>
        <translation>开始跟踪日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="43"/>
        <source>Visits whose window closed before this day are history, not work. Usually the day the patient is entered.</source>
        <translation>窗口在此日期之前已关闭的随访视为既往记录，不列入待办。通常为患者录入当天。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="45"/>
        <source>&amp;Product</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="46"/>
        <source>&amp;Target</source>
        <translation>靶点(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="47"/>
        <source>&amp;Infusion date (day 0)</source>
        <translation>回输日期（第0天）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="48"/>
        <source>Pro&amp;tocols</source>
        <translation>方案(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="49"/>
        <source>Tracked &amp;from</source>
        <translation>开始跟踪(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="50"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="51"/>
        <source>Protocols</source>
        <translation>方案</translation>
    </message>
</context>
<context>
    <name>VisitActions</name>
    <message>
        <location filename="../../ui/visit_actions.py" line="75"/>
        <source>Mark missed</source>
        <translation>标记失约</translation>
    </message>
    <message>
        <location filename="../../ui/visit_actions.py" line="76"/>
        <source>Mark %s of %s as missed?
Reason (optional):</source>
        <translation>将 %s（患者 %s）标记为失约？
原因（可选）：</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="20"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="20"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="20"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="20"/>
        <source>Scheduled</source>
        <translation>预约日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="21"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="21"/>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="21"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/worklist_model.py" line="21"/>
        <source>Protocol</source>
        <translation>方案</translation>
    </message>
</context>
<context>
    <name>WorklistPage</name>
    <message>
        <location filename="../../ui/worklist.py" line="75"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="76"/>
        <source>Due now (today, or late with the window still open)</source>
        <translation>当前应随访（今天，或已晚但窗口仍开放）</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="77"/>
        <source>This week (next 7 days)</source>
        <translation>本周（未来7天）</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="78"/>
        <source>Next weeks (days 8–28)</source>
        <translation>之后几周（第8–28天）</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="93"/>
        <source>Phone list of overdue…</source>
        <translation>逾期患者电话列表…</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="94"/>
        <source>Print today&apos;s list…</source>
        <translation>打印今日清单…</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="119"/>
        <source>Today: %s</source>
        <translation>今天：%s</translation>
    </message>
</context>
<context>
    <name>WorklistSection</name>
    <message>
        <location filename="../../ui/worklist.py" line="56"/>
        <source>Nothing here.</source>
        <translation>无。</translation>
    </message>
</context>
</TS>
