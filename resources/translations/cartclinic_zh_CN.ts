<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="102"/>
        <source>Updating the roster</source>
        <translation>正在更新名册</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="103"/>
        <source>Updating the roster for this version of cartclinic. A copy of it is kept first.

On a large roster this takes a few minutes. Please do not switch the PC off; the worklist opens when it is done.</source>
        <translation>正在为此版本的 cartclinic 更新名册。更新前会先保留一份副本。

名册较大时需要几分钟。请不要关闭电脑；完成后会打开工作列表。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="162"/>
        <location filename="../../ui/app.py" line="227"/>
        <source>The roster cannot be opened</source>
        <translation>无法打开名册</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="170"/>
        <source>Nothing has been changed. If another program has the roster open, close it and start again; otherwise call the ward IT.</source>
        <translation>没有做任何更改。如果另一个程序打开了名册，请关闭它后重新启动；否则请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="174"/>
        <source>The roster file %s is damaged, so it was not opened and nothing was written to it.</source>
        <translation>名册文件 %s 已损坏，因此没有打开，也没有向其写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="177"/>
        <source>No backup that passes its check was found beside it. Call the ward IT before anyone enters data.</source>
        <translation>在其旁边没有找到通过检查的备份。在任何人录入数据之前，请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="182"/>
        <source>The newest backup that passes its check was made on %s:
%s

Restore it? The damaged file is moved aside and kept, never overwritten. Changes made after %s will have to be entered again.</source>
        <translation>通过检查的最新备份制作于 %s：
%s

要恢复它吗？损坏的文件会被移到一旁保留，绝不会被覆盖。%s 之后所做的更改需要重新录入。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="186"/>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="187"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="196"/>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="199"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="199"/>
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
        <location filename="../../ui/app.py" line="228"/>
        <source>The roster %s holds patients but nobody who can sign in as its admin, so it is not opened: whoever is at the PC must not become its admin.

Ward IT, signed in to this PC as the account that owns the roster, adds an admin with:

cartclinic-admin --db %s staff add NAME --admin

(it asks for the new PIN twice), or restores a backup made after the staff were set up.</source>
        <translation>名册 %s 中有患者，但没有任何人可以作为管理员登录，因此不予打开：不能让恰好在电脑前的人成为它的管理员。

请信息科以拥有该名册的系统账户登录本电脑，用以下命令添加一名管理员（把“姓名”换成其姓名）：

cartclinic-admin --db %s staff add 姓名 --admin

（会要求输入两次新 PIN），或恢复一个在设置工作人员之后制作的备份。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="272"/>
        <source>The roster is in use</source>
        <translation>名册正在使用中</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../ui/context.py" line="41"/>
        <source>the roster changed outside this window (a restore or an import from the command line); it has been reloaded. Nothing was saved: check the patient and try again.</source>
        <translation>名册在本窗口之外被更改（例如从命令行恢复或导入），已重新载入。没有保存任何内容：请核对患者后重试。</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/audit_view.py" line="100"/>
        <source>%s changed</source>
        <translation>%s 已更改</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="119"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="119"/>
        <source>Change (old → new)</source>
        <translation>更改（旧 → 新）</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="125"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="125"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="126"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="126"/>
        <source>note</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="141"/>
        <source>before: %s
after: %s</source>
        <translation>之前：%s
之后：%s</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <location filename="../../ui/audit_view.py" line="177"/>
        <location filename="../../ui/audit_view.py" line="218"/>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="191"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="192"/>
        <source>Patient MRN</source>
        <translation>患者病历号</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="195"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="196"/>
        <source>&amp;Dates</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="198"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="199"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="200"/>
        <source>&amp;Patient</source>
        <translation>患者(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="200"/>
        <source>&amp;Who</source>
        <translation>操作人(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="230"/>
        <source>&amp;Verify</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="231"/>
        <source>Check that no audit row and no patient record was changed outside the program.</source>
        <translation>检查审计记录和患者记录是否在本程序之外被改动过。</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="233"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="269"/>
        <source>(everyone)</source>
        <translation>（所有人）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_view.py" line="296"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="304"/>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="325"/>
        <source>Not exported: %s</source>
        <translation>未导出：%s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_view.py" line="338"/>
        <source>The check found %n problem(s). Something was changed outside the program; do not correct it by hand. Tell the ward IT and keep this list:</source>
        <translation>
            <numerusform>检查发现 %n 个问题。有内容在本程序之外被改动过；请不要手工更正。请告知信息科，并保留这份清单：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="344"/>
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
        <location filename="../../ui/restore_dialog.py" line="62"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="64"/>
        <source>before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="66"/>
        <source>before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="67"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="72"/>
        <source>%.1f MB</source>
        <translation>%.1f MB</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="73"/>
        <source>passes</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="73"/>
        <source>damaged: %s</source>
        <translation>已损坏：%s</translation>
    </message>
</context>
<context>
    <name>BirthDateEdit</name>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="38"/>
        <source>YYYY-MM-DD</source>
        <translation>如 1970-05-01</translation>
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
        <location filename="../../ui/dialogs/call_dialog.py" line="36"/>
        <source>Phone call</source>
        <translation>电话随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="57"/>
        <source>Called on</source>
        <translation>致电日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="59"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="60"/>
        <source>&amp;Called on</source>
        <translation>致电日期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/call_dialog.py" line="61"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <location filename="../../ui/models/small_models.py" line="50"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="50"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="50"/>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="50"/>
        <source>Overdue visits</source>
        <translation>逾期随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="51"/>
        <source>Last call</source>
        <translation>最近一次致电</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="51"/>
        <source>Calls</source>
        <translation>致电次数</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="83"/>
        <source>%s · %s: %d days late</source>
        <translation>%s · %s：逾期 %d 天</translation>
    </message>
</context>
<context>
    <name>ClinicPhonePrompt</name>
    <message>
        <location filename="../../ui/dialogs/clinic_phone.py" line="21"/>
        <source>Clinic phone</source>
        <translation>门诊电话</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/clinic_phone.py" line="24"/>
        <source>The letter tells the patient whom to call, and the clinic&apos;s phone number is not set yet. Enter it once; it is kept in Settings.</source>
        <translation>患者通知上会写明患者应拨打的电话，但门诊电话号码尚未设置。请在此填写一次；它会保存在“设置”中。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/clinic_phone.py" line="33"/>
        <source>Clinic &amp;phone</source>
        <translation>门诊电话(&amp;P)</translation>
    </message>
</context>
<context>
    <name>CorrectionButton</name>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="169"/>
        <source>Entered i&amp;n error…</source>
        <translation>录入错误(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="170"/>
        <source>Mark the selected event, visit record, missed mark, reschedule, cancellation or call as entered in error, with a reason</source>
        <translation>将所选的事件、随访记录、失约标记、改期、取消或致电记录标记为录入错误，并填写原因</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="43"/>
        <source>Entered in error</source>
        <translation>录入错误</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="52"/>
        <source>Entry entered in error</source>
        <translation>录入错误的条目</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="55"/>
        <source>%s: %s</source>
        <translation>%s：%s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="56"/>
        <source>&amp;Entry</source>
        <translation>条目(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="58"/>
        <source>Why it was entered in error</source>
        <translation>录入错误的原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="59"/>
        <source>e.g. recorded on the wrong patient</source>
        <translation>例如：记录到了其他患者名下</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="60"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="66"/>
        <source>What will be put back</source>
        <translation>将恢复的内容</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="74"/>
        <source>The entry is not deleted: it stays in the audit trail, marked entered in error, with your reason.</source>
        <translation>该条目不会被删除：它会保留在审计记录中，标记为录入错误，并附上您填写的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="80"/>
        <source>&amp;Mark entered in error</source>
        <translation>标记为录入错误(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="86"/>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="86"/>
        <source>visit record</source>
        <translation>随访记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="87"/>
        <source>result</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="87"/>
        <source>missed mark</source>
        <translation>失约标记</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="88"/>
        <source>reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="88"/>
        <source>cancellation</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="89"/>
        <source>call</source>
        <translation>致电记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="106"/>
        <source>This patient has no entry to mark.</source>
        <translation>该患者没有可标记的条目。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="112"/>
        <source>This entry cannot be marked now:</source>
        <translation>该条目目前无法标记：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="115"/>
        <source>These visits will be put back as they were without this entry:</source>
        <translation>以下随访将恢复为没有此条目时的状态：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="116"/>
        <source>No visit changes: the entry is marked entered in error.</source>
        <translation>随访不会改变：该条目将标记为录入错误。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="135"/>
        <source>%s (%s)</source>
        <translation>%s（%s）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="138"/>
        <source>%s → %s</source>
        <translation>%s → %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="140"/>
        <source>%s: %s → %s, %s · %s</source>
        <translation>%s：%s → %s，%s · %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="144"/>
        <source>%s · %s (%s): removed</source>
        <translation>%s · %s（%s）：将删除</translation>
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
    <name>DateChoice</name>
    <message>
        <location filename="../../ui/dialogs/date_choice.py" line="85"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/date_choice.py" line="86"/>
        <source>Change %s</source>
        <translation>更改%s</translation>
    </message>
</context>
<context>
    <name>DayModel</name>
    <message>
        <location filename="../../ui/models/small_models.py" line="102"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="102"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="102"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="102"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="103"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>The program met an error it did not expect. What you were doing may not have been saved; please check it, and tell the ward IT.</source>
        <translation>程序遇到意外错误。您刚才的操作可能未保存；请检查，并告知信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="54"/>
        <source>The details are kept in %s</source>
        <translation>详细信息保存在 %s</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63"/>
        <source>Nothing was changed, because:</source>
        <translation>未做任何更改，原因：</translation>
    </message>
</context>
<context>
    <name>EventConfirmation</name>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="96"/>
        <source>Confirm: %s</source>
        <translation>确认：%s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="107"/>
        <source>No visit will be cancelled.</source>
        <translation>不会取消任何随访。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="108"/>
        <source>This visit will be cancelled:</source>
        <translation>将取消以下随访：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="109"/>
        <source>These %d visits will be cancelled:</source>
        <translation>将取消以下 %d 次随访：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="114"/>
        <source>Visits that will be cancelled</source>
        <translation>将被取消的随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="115"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="115"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="116"/>
        <source>Scheduled</source>
        <translation>预约日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="116"/>
        <source>Treatment</source>
        <translation>治疗</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="129"/>
        <source>day 0 %s</source>
        <translation>第0天 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="142"/>
        <source>Go &amp;back</source>
        <translation>返回(&amp;B)</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="47"/>
        <location filename="../../ui/dialogs/event_dialog.py" line="50"/>
        <source>Every visit still to come is cancelled. No letter and no visit action for this patient afterwards; the record and the visits already done stay.</source>
        <translation>所有尚未进行的随访都将取消。此后不再为该患者打印患者通知，也不能再进行随访操作；患者记录和已完成的随访保留。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="53"/>
        <source>The patient stays on the roster. &apos;Patient is back&apos; on their page restores the cancelled visits.</source>
        <translation>患者仍保留在名册中。在患者页面点击“患者已回归”可恢复被取消的随访。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="56"/>
        <source>Response assessments are cancelled. Safety, monitoring, long-term and registry visits go on. The relapse shows on the patient&apos;s page until a response is recorded.</source>
        <translation>疗效评估随访将取消。安全性、监测、长期随访和登记随访照常进行。在记录新的疗效评估之前，患者页面会一直显示复发。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="60"/>
        <source>Response assessments are cancelled. Safety, monitoring, long-term and registry visits go on. The progression shows on the patient&apos;s page until a response is recorded.</source>
        <translation>疗效评估随访将取消。安全性、监测、长期随访和登记随访照常进行。在记录新的疗效评估之前，患者页面会一直显示进展。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="41"/>
        <source>Recorded and shown on the patient&apos;s page; every visit goes on.</source>
        <translation>记录后显示在患者页面；所有随访照常进行。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="43"/>
        <source>Every visit goes on. A task &quot;report to the manufacturer and arrange sample testing&quot; shows on the patient&apos;s page until it is marked done.</source>
        <translation>所有随访照常进行。患者页面将显示任务“报告生产企业并安排样本检测”，直至标记为已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="64"/>
        <source>The transplant is recorded; every visit goes on. No live vaccine within 24 months of it.</source>
        <translation>已记录移植；所有随访照常进行。移植后24个月内不得接种活疫苗。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="74"/>
        <source>Recorded; every visit goes on. Inactivated vaccines wait 2 months after it, live vaccines 8 months.</source>
        <translation>已记录；所有随访照常进行。此后灭活疫苗需间隔2个月，活疫苗需间隔8个月。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="77"/>
        <source>Recorded; every visit goes on. Vaccines wait 6 months after it.</source>
        <translation>已记录；所有随访照常进行。此后疫苗接种需间隔6个月。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="79"/>
        <source>The new treatment starts its own schedule from its day 0; the fifteen years of long-term follow-up count from it. Visits of the earlier treatment before that day stay.</source>
        <translation>新的治疗从其第0天起开始自己的随访计划；十五年长期随访从该日起计算。之前治疗在该日之前的随访保留。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="163"/>
        <source>Record an event</source>
        <translation>记录事件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="172"/>
        <source>— choose what happened —</source>
        <translation>— 请选择发生的事件 —</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="179"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="183"/>
        <source>&amp;Event</source>
        <translation>事件(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="184"/>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="185"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="190"/>
        <source>What this event will do</source>
        <translation>此事件的影响</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="194"/>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="206"/>
        <source>Choose what happened first</source>
        <translation>请先选择发生的事件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="207"/>
        <source>Choose what happened. Nothing is saved before you have seen what it cancels and confirmed.</source>
        <translation>请选择发生的事件。在您查看将取消的随访并确认之前，不会保存任何内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/event_dialog.py" line="223"/>
        <source>%n future visit(s) will be cancelled.</source>
        <translation>
            <numerusform>将取消 %n 次未来随访。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="225"/>
        <source>Safety, monitoring, long-term and registry visits go on.</source>
        <translation>安全性、监测、长期随访和登记随访照常进行。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="227"/>
        <source>The event is recorded; no visit is cancelled.</source>
        <translation>事件已记录；不取消任何随访。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="231"/>
        <source>Report to the manufacturer and arrange sample testing: a task on the patient&apos;s page until it is marked done.</source>
        <translation>报告生产企业并安排样本检测：此任务显示在患者页面，直至标记为已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="243"/>
        <source>Discard this event?</source>
        <translation>放弃此事件？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="244"/>
        <source>Nothing has been saved. Close and discard what you entered?</source>
        <translation>尚未保存任何内容。要关闭并放弃已填写的内容吗？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="264"/>
        <source>%s on %s</source>
        <translation>%s（%s）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="265"/>
        <source>Record it</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="266"/>
        <source>Record it and cancel 1 visit</source>
        <translation>记录并取消 1 次随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="267"/>
        <source>Record it and cancel %d visits</source>
        <translation>记录并取消 %d 次随访</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <location filename="../../ui/models/small_models.py" line="20"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="20"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="20"/>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="20"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="26"/>
        <source>%s (undone %s)</source>
        <translation>%s（已于 %s 撤销）</translation>
    </message>
    <message>
        <location filename="../../ui/models/small_models.py" line="28"/>
        <source>%s (entered in error)</source>
        <translation>%s（录入错误）</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../ui/exports.py" line="32"/>
        <source>Export the patient&apos;s record</source>
        <translation>导出患者记录</translation>
    </message>
    <message>
        <location filename="../../ui/exports.py" line="34"/>
        <source>JSON file (*.json)</source>
        <translation>完整记录文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/exports.py" line="46"/>
        <location filename="../../ui/exports.py" line="49"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../ui/exports.py" line="50"/>
        <source>The file could not be written: %s</source>
        <translation>无法写入文件：%s</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>before tracking</source>
        <translation>跟踪前</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>upcoming</source>
        <translation>未到期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>due</source>
        <translation>应随访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>missed</source>
        <translation>失约</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>death</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>withdrawal of consent</source>
        <translation>撤回知情同意</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <location filename="../../ui/labels.py" line="93"/>
        <source>lost to follow-up</source>
        <translation>失访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>relapse</source>
        <translation>复发</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>progression</source>
        <translation>进展</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>re-infusion</source>
        <translation>再次回输</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>allogeneic stem-cell transplant</source>
        <translation>异基因造血干细胞移植</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>secondary malignancy</source>
        <translation>继发恶性肿瘤</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65"/>
        <source>secondary malignancy of T cells</source>
        <translation>继发T细胞恶性肿瘤</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>serious infection</source>
        <translation>严重感染</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>hospitalisation</source>
        <translation>住院</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>late neurotoxicity</source>
        <translation>迟发性神经毒性</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70"/>
        <source>late neurotoxicity: parkinsonism</source>
        <translation>迟发性神经毒性：帕金森综合征</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>late neurotoxicity: cranial-nerve palsy</source>
        <translation>迟发性神经毒性：颅神经麻痹</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>immunoglobulin replacement given</source>
        <translation>已给予免疫球蛋白替代治疗</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>anti-CD19/CD20 therapy started</source>
        <translation>已开始抗CD19/CD20治疗</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>message left</source>
        <translation>已留言</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90"/>
        <source>active</source>
        <translation>随访中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91"/>
        <source>deceased</source>
        <translation>已故</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>withdrawn</source>
        <translation>已退出</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="104"/>
        <source>deceased on %s</source>
        <translation>已于 %s 去世</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="105"/>
        <source>withdrew on %s</source>
        <translation>已于 %s 退出</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>lost to follow-up since %s</source>
        <translation>自 %s 起失访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>Deceased on %s: no letters and no visit actions.</source>
        <translation>已于 %s 去世：不再打印患者通知，也不能进行随访操作。</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116"/>
        <source>Withdrew consent on %s: no letters and no visit actions.</source>
        <translation>已于 %s 撤回知情同意：不再打印患者通知，也不能进行随访操作。</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="126"/>
        <source>Relapse on %s: no response recorded since</source>
        <translation>%s 复发：此后尚无疗效评估记录</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="128"/>
        <source>Progression on %s: no response recorded since</source>
        <translation>%s 进展：此后尚无疗效评估记录</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="136"/>
        <source>MRD-negative CR</source>
        <translation>MRD阴性 CR</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="137"/>
        <source>MRD-negative</source>
        <translation>MRD阴性</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="138"/>
        <source>MRD-positive</source>
        <translation>MRD阳性</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="139"/>
        <source>relapse CD19-negative</source>
        <translation>复发（CD19阴性）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="140"/>
        <source>relapse CD19-positive</source>
        <translation>复发（CD19阳性）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="141"/>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="147"/>
        <source>First 100 days</source>
        <translation>前100天</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="148"/>
        <source>First year</source>
        <translation>第一年</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="149"/>
        <source>Long-term follow-up</source>
        <translation>长期随访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="155"/>
        <source>response</source>
        <translation>疗效评估</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="156"/>
        <source>safety</source>
        <translation>安全性</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="157"/>
        <source>monitoring</source>
        <translation>监测</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="158"/>
        <source>long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="159"/>
        <source>registry</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="179"/>
        <source>Next of kin: none given</source>
        <translation>紧急联系人：未填写</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="184"/>
        <source>Next of kin: %s · ☎ %s</source>
        <translation>紧急联系人：%s · ☎ %s</translation>
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
        <location filename="../../ui/main_window.py" line="81"/>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>&amp;Worklist</source>
        <translation>工作列表(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="82"/>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>&amp;Phone list</source>
        <translation>电话列表(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83"/>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>&amp;Roster</source>
        <translation>患者名册(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>&amp;Calendar</source>
        <translation>日历(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;New patient…</source>
        <translation>新建患者(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>&amp;Import patients from CSV…</source>
        <translation>从 CSV 导入患者(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Import lab results fr&amp;om CSV…</source>
        <translation>从CSV导入检验结果(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>&amp;Export roster as CSV…</source>
        <translation>导出名册为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>&amp;Restore a backup…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>S&amp;taff and PINs…</source>
        <translation>人员和 PIN(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>&amp;Upgrade protocols…</source>
        <translation>升级方案(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <source>&amp;Lock / switch user</source>
        <translation>锁定 / 切换用户(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>My la&amp;nguage</source>
        <translation>我的语言(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>&amp;Find patient</source>
        <translation>查找患者(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;Audit trail</source>
        <translation>审计记录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>Close patient &amp;page</source>
        <translation>关闭患者页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="219"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Today&apos;s &amp;day list…</source>
        <translation>今日随访清单(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>Today&apos;s visit &amp;sheets…</source>
        <translation>今日随访单(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224"/>
        <source>Day list of the &amp;calendar day…</source>
        <translation>日历所选日期的清单(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Only an admin can do this</source>
        <translation>只有管理员可以执行此操作</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="347"/>
        <source>The language was not changed</source>
        <translation>语言未更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Waiting for another program to finish writing to the roster… (%1 s)</source>
        <translation>正在等待另一个程序写完名册…（%1 秒）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="414"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="415"/>
        <source>The backup made at each start could not be made:

%s

You can go on working; tell the ward IT today.</source>
        <translation>每次启动时的备份未能完成：

%s

您可以继续工作；请今天告知信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="418"/>
        <source>Automatic backup failed</source>
        <translation>自动备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="419"/>
        <source>The changes are saved in the roster, but the automatic backup could not be made:

%s

Tell the ward IT today.</source>
        <translation>更改已保存在名册中，但自动备份未能完成：

%s

请今天告知信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="442"/>
        <source>The roster cannot be reloaded</source>
        <translation>无法重新载入名册</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <source>This PC&apos;s clock is behind: it says %s, but the roster already has an entry written on %s (both UTC). Today&apos;s date, and so every overdue and due visit shown, is wrong. Set the PC&apos;s date and time (or call the ward IT) before using the lists.</source>
        <translation>本电脑的时钟慢了：它显示 %s，但名册中已有写于 %s 的记录（均为 UTC 时间）。因此今天的日期以及显示的所有逾期和到期随访都是错的。请先设置电脑的日期和时间（或联系信息科），再使用这些列表。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>The roster changed</source>
        <translation>名册已被更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="525"/>
        <source>Only an admin can do this.</source>
        <translation>只有管理员可以执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="538"/>
        <source>About cartclinic</source>
        <translation>关于 cartclinic</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="539"/>
        <source>cartclinic %s — follow-up after CAR-T cell therapy.

Roster: %s
Backups folder: %s
Log folder: %s
Settings: %s</source>
        <translation>cartclinic %s — CAR-T细胞治疗后随访。

名册：%s
备份文件夹：%s
日志文件夹：%s
设置：%s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <source>disk: encrypted (a stolen disk does not give the roster away)</source>
        <translation>磁盘：已加密（磁盘被盗也不会泄露名册）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="547"/>
        <source>disk: NOT encrypted: the roster and its backups can be read from a stolen disk; ask ward IT to turn on disk encryption (BitLocker, LUKS)</source>
        <translation>磁盘：未加密！磁盘被盗时，名册及其备份可被读取；请信息科开启磁盘加密（BitLocker、LUKS）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="551"/>
        <source>disk: encryption unknown (no block device of its own, or not checkable here); ward IT should make sure the disk is encrypted</source>
        <translation>磁盘：加密状态未知（没有独立的块设备，或在此无法检查）；请信息科确认磁盘已加密</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="560"/>
        <source>%s — cartclinic — signed in: %s</source>
        <translation>%s — cartclinic — 当前用户：%s</translation>
    </message>
</context>
<context>
    <name>MenuWork</name>
    <message>
        <location filename="../../ui/menu_work.py" line="53"/>
        <source>Import patients</source>
        <translation>导入患者</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="41"/>
        <source>ISO (YYYY-MM-DD)</source>
        <translation>年-月-日（如 2026-03-02）</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="42"/>
        <source>Dates in the file</source>
        <translation>文件中的日期格式</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="43"/>
        <source>How are dates written in this file?</source>
        <translation>此文件中的日期是如何书写的？</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="62"/>
        <location filename="../../ui/menu_work.py" line="96"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="63"/>
        <location filename="../../ui/menu_work.py" line="97"/>
        <source>The file cannot be read: %s</source>
        <translation>无法读取文件：%s</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="66"/>
        <location filename="../../ui/menu_work.py" line="73"/>
        <source>Nothing imported</source>
        <translation>未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="75"/>
        <location filename="../../ui/menu_work.py" line="126"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/menu_work.py" line="76"/>
        <source>%n patient(s) added.</source>
        <translation>
            <numerusform>已添加 %n 名患者。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="86"/>
        <location filename="../../ui/menu_work.py" line="109"/>
        <source>Import lab results</source>
        <translation>导入检验结果</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="100"/>
        <location filename="../../ui/menu_work.py" line="124"/>
        <source>No results imported</source>
        <translation>未导入任何结果</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="110"/>
        <source>Add %1 result(s) for %2 patient(s)?</source>
        <translation>为 %2 位患者添加 %1 条结果？</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="113"/>
        <source>Flags and result-driven rechecks follow at once. A result added by mistake is taken back with Entered in error…</source>
        <translation>临床提示和由结果驱动的复查将随即更新。误添加的结果可通过“录入错误…”撤回。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/menu_work.py" line="127"/>
        <source>%n result(s) added.</source>
        <translation>
            <numerusform>已添加 %n 条结果。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="134"/>
        <source>Export the roster</source>
        <translation>导出名册</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="146"/>
        <location filename="../../ui/menu_work.py" line="148"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="157"/>
        <location filename="../../ui/menu_work.py" line="160"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="162"/>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="163"/>
        <source>The roster was copied and checked:
%s</source>
        <translation>名册已复制并通过检查：
%s</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="171"/>
        <source>Only an admin can do this</source>
        <translation>只有管理员可以执行此操作</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="184"/>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="185"/>
        <source>The roster will be replaced by
%s

The current roster is kept as a backup first. Changes made since that backup will be missing.</source>
        <translation>名册将被替换为
%s

当前名册会先保存为备份。该备份之后的更改将会缺失。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="194"/>
        <location filename="../../ui/menu_work.py" line="197"/>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="200"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="201"/>
        <source>The roster was restored from
%s</source>
        <translation>名册已从以下备份恢复：
%s</translation>
    </message>
    <message>
        <location filename="../../ui/menu_work.py" line="208"/>
        <source>Roster problem</source>
        <translation>名册问题</translation>
    </message>
</context>
<context>
    <name>MovesConfirmation</name>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="47"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="47"/>
        <source>MRN</source>
        <translation>病历号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="47"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="47"/>
        <source>Booked on</source>
        <translation>原预约日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="48"/>
        <source>Moves to</source>
        <translation>调整至</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="48"/>
        <source>To confirm</source>
        <translation>需确认</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="50"/>
        <source>Visits that will move</source>
        <translation>将调整的随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="67"/>
        <source>out of window</source>
        <translation>超出窗口</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="68"/>
        <source>closed day</source>
        <translation>休诊日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/moves_confirmation.py" line="88"/>
        <source>Go &amp;back</source>
        <translation>返回(&amp;B)</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="61"/>
        <source>New patient</source>
        <translation>新建患者</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="61"/>
        <source>Edit patient</source>
        <translation>编辑患者</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="78"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="80"/>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="80"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="81"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="81"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="92"/>
        <source>As on an envelope, one line per line; at most 5 lines</source>
        <translation>按信封格式填写，一行写一行；最多 5 行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="95"/>
        <source>Whom to call if the patient cannot be reached</source>
        <translation>联系不上患者时应联系的人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="101"/>
        <source>The clinic&apos;s (%1)</source>
        <translation>同本院设置（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="104"/>
        <source>The language of this patient&apos;s letters</source>
        <translation>本患者通知信使用的语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="106"/>
        <source>&amp;MRN</source>
        <translation>病历号(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="107"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="108"/>
        <source>Date of &amp;birth</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="109"/>
        <source>&amp;Sex</source>
        <translation>性别(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="110"/>
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="111"/>
        <source>Next of &amp;kin</source>
        <translation>紧急联系人(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="112"/>
        <source>&amp;Relationship</source>
        <translation>关系(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="113"/>
        <source>Next of kin phon&amp;e</source>
        <translation>紧急联系人电话(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="114"/>
        <source>&amp;Diagnosis</source>
        <translation>诊断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="115"/>
        <source>Ph&amp;ysician</source>
        <translation>主治医生(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="116"/>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="117"/>
        <source>&amp;Letter language</source>
        <translation>通知语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="118"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/patient_dialog.py" line="127"/>
        <source>First treatment</source>
        <translation>首次治疗</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <location filename="../../ui/patient_page.py" line="80"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="81"/>
        <source>Add &amp;treatment…</source>
        <translation>添加治疗(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="82"/>
        <source>Re-&amp;infusion…</source>
        <translation>再次回输(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="83"/>
        <source>Record &amp;event…</source>
        <translation>记录事件(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="84"/>
        <source>Patient is &amp;back</source>
        <translation>患者已回归(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="85"/>
        <source>Undo &apos;lost to follow-up&apos;: restores the cancelled visits</source>
        <translation>撤销“失访”：恢复被取消的随访</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="86"/>
        <source>Print &amp;letter…</source>
        <translation>打印患者通知(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="87"/>
        <source>E&amp;xport record (JSON)…</source>
        <translation>导出完整记录(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="88"/>
        <source>For a request from the patient to see their data: everything the roster holds about them, with its audit trail. The export is recorded.</source>
        <translation>用于患者查阅本人资料的申请：名册中关于该患者的全部内容及其审计记录。导出操作会被记录。</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="97"/>
        <source>Patient state</source>
        <translation>患者状态</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="99"/>
        <source>Disease state</source>
        <translation>疾病状态</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="119"/>
        <source>Open task</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="120"/>
        <source>Mark &amp;done…</source>
        <translation>标记为已完成(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="130"/>
        <source>First 100 days</source>
        <translation>前100天</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="131"/>
        <source>Fifteen years</source>
        <translation>十五年</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="135"/>
        <source>Timeline:</source>
        <translation>时间线：</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="155"/>
        <source>Schedule</source>
        <translation>随访计划</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="163"/>
        <source>&amp;Schedule</source>
        <translation>随访计划(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="179"/>
        <source>Res&amp;ults</source>
        <translation>检验结果(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="182"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="186"/>
        <source>E&amp;vents</source>
        <translation>事件(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="239"/>
        <source>Born %s · sex %s · phone %s · %s · %s</source>
        <translation>出生 %s · 性别 %s · 电话 %s · %s · %s</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="245"/>
        <source>Address: %s</source>
        <translation>地址：%s</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="248"/>
        <source>&lt;b&gt;%s&lt;/b&gt; (%s) · day 0 %s · &lt;b&gt;Day +%d&lt;/b&gt; today · %s</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;（%s）· 第0天 %s · 今天为&lt;b&gt;第 +%d 天&lt;/b&gt; · %s</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="260"/>
        <source>Task: report to the manufacturer and arrange sample testing (new malignancy recorded %s)</source>
        <translation>任务：报告生产企业并安排样本检测（新发恶性肿瘤记录于 %s）</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="275"/>
        <source>No results recorded yet.</source>
        <translation>尚无检验结果记录。</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="295"/>
        <source>lab import</source>
        <translation>检验导入</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="300"/>
        <source>disease status</source>
        <translation>疾病状态</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="331"/>
        <source>Task done</source>
        <translation>任务已完成</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="332"/>
        <source>Mark done: the new malignancy recorded %s was reported to the manufacturer and sample testing arranged?</source>
        <translation>标记为已完成：%s 记录的新发恶性肿瘤已报告生产企业并已安排样本检测？</translation>
    </message>
    <message>
        <location filename="../../ui/patient_page.py" line="373"/>
        <source>Patient is back</source>
        <translation>患者已回归</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/patient_page.py" line="374"/>
        <source>%n visit(s) restored.</source>
        <translation>
            <numerusform>已恢复 %n 次随访。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhoneListPage</name>
    <message>
        <location filename="../../ui/phone_list.py" line="38"/>
        <source>Note a &amp;call…</source>
        <translation>记录致电(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="42"/>
        <source>Note a call… (Ctrl+L)</source>
        <translation>记录致电…（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="43"/>
        <source>Open patient</source>
        <translation>打开患者</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="47"/>
        <source>Overdue patients to call</source>
        <translation>需致电的逾期患者</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="56"/>
        <source>Calls to this patient</source>
        <translation>对此患者的致电记录</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="72"/>
        <source>Patients to call: %d (overdue visits: %d)</source>
        <translation>需致电患者：%d 名（逾期随访：%d 次）</translation>
    </message>
    <message>
        <location filename="../../ui/phone_list.py" line="85"/>
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
        <location filename="../../ui/printing.py" line="186"/>
        <source>Visit sheet %s</source>
        <translation>随访单 %s</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="194"/>
        <location filename="../../ui/printing.py" line="215"/>
        <source>Nothing to print</source>
        <translation>没有可打印的内容</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="195"/>
        <source>No visits on %s.</source>
        <translation>%s 没有随访。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="199"/>
        <source>Visit sheets of %s</source>
        <translation>%s 的随访单</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="205"/>
        <source>Day list %s</source>
        <translation>%s 随访清单</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="216"/>
        <source>No patient has an open visit that moved.</source>
        <translation>没有患者的未完成随访被调整。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="220"/>
        <source>Date changed letters</source>
        <translation>复查日期更改通知</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="239"/>
        <source>Letter for %s</source>
        <translation>%s 的患者通知</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="246"/>
        <source>Preparing %s…</source>
        <translation>正在准备 %s…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="268"/>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
</context>
<context>
    <name>ProtocolUpgradeDialog</name>
    <message>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="32"/>
        <source>Upgrade protocols</source>
        <translation>升级方案</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/protocol_upgrade_dialog.py" line="37"/>
        <source>%n treatment(s) follow an older version of a protocol the program now holds in a newer version. Below is every visit the upgrade would add, move, change or cancel, and what it keeps. Done, missed, cancelled and hand-moved visits are never touched.</source>
        <translation>
            <numerusform>有 %n 个治疗仍使用本程序已有更新版本的旧版方案。下面列出升级将新增、改期、修改或取消的每次随访，以及保持不变的随访。已完成、未就诊、已取消和手动改期的随访一律不动。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="47"/>
        <source>Every treatment already follows the library&apos;s version of its protocols; nothing to upgrade.</source>
        <translation>所有治疗已在使用方案库中的最新版本，无需升级。</translation>
    </message>
    <message>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="49"/>
        <source>I have read the list: apply these changes (a backup of the roster is written first)</source>
        <translation>我已阅读上述清单：应用这些更改（先写入名册备份）</translation>
    </message>
    <message>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="73"/>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="76"/>
        <source>Nothing was upgraded</source>
        <translation>未进行任何升级</translation>
    </message>
    <message>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="80"/>
        <source>Protocols upgraded</source>
        <translation>方案已升级</translation>
    </message>
    <message>
        <location filename="../../ui/protocol_upgrade_dialog.py" line="81"/>
        <source>%1 visit(s) added, %2 moved, %3 changed, %4 cancelled. A backup was written first:
%5</source>
        <translation>新增 %1 次随访，改期 %2 次，修改 %3 次，取消 %4 次。升级前已写入备份：
%5</translation>
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
    <name>RebookDialog</name>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="33"/>
        <source>Rebook overdue visits</source>
        <translation>重新预约逾期随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="37"/>
        <source>The patient was reached: give each overdue visit its new date.</source>
        <translation>已联系上患者：请为每次逾期随访填写新日期。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="47"/>
        <source>New date for %s</source>
        <translation>%s 的新日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="52"/>
        <source>%s · %s
(was %s; window %s)</source>
        <translation>%s · %s
（原为 %s；窗口 %s）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="60"/>
        <source>Reached by phone; rebooked</source>
        <translation>电话已联系上；已重新预约</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="61"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="63"/>
        <source>Their windows have closed: book them out of window</source>
        <translation>这些随访的窗口已关闭：在窗口外预约</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="66"/>
        <source>Book on a day the clinic is closed</source>
        <translation>预约在休诊日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="84"/>
        <source>⚠ A closed day (%s).</source>
        <translation>⚠ 休诊日（%s）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rebook_dialog.py" line="93"/>
        <source>A new date is a day the clinic is closed: pick an open day, or tick &quot;Book on a day the clinic is closed&quot;.</source>
        <translation>有新日期是休诊日：请选择开诊日，或勾选“预约在休诊日”。</translation>
    </message>
</context>
<context>
    <name>RecordVisitDialog</name>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="69"/>
        <source>Record visit %s</source>
        <translation>记录随访 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="74"/>
        <source>Window %s to %s</source>
        <translation>窗口 %s 至 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="79"/>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="84"/>
        <source>&amp;Done on</source>
        <translation>完成日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="88"/>
        <source>Assessments done</source>
        <translation>已完成的评估</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="96"/>
        <source>&amp;Assessments</source>
        <translation>评估项目(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="98"/>
        <source>Disease status</source>
        <translation>疾病状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="99"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="102"/>
        <source>complete metabolic response</source>
        <translation>完全代谢缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="103"/>
        <source>partial metabolic response</source>
        <translation>部分代谢缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="104"/>
        <source>stable disease</source>
        <translation>疾病稳定</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="104"/>
        <source>progressive disease</source>
        <translation>疾病进展</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="105"/>
        <source>stringent complete response</source>
        <translation>严格意义的完全缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="105"/>
        <source>complete response</source>
        <translation>完全缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="106"/>
        <source>CR with incomplete count recovery</source>
        <translation>完全缓解伴血细胞计数不完全恢复</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="107"/>
        <source>very good partial response</source>
        <translation>非常好的部分缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="107"/>
        <source>partial response</source>
        <translation>部分缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="108"/>
        <source>minimal response</source>
        <translation>微小缓解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="113"/>
        <source>Disease &amp;status</source>
        <translation>疾病状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="115"/>
        <source>B-ALL response criteria (from the diagnosis)</source>
        <translation>B-ALL疗效标准（依据诊断）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="116"/>
        <source>Lugano criteria, lymphoma (from the diagnosis)</source>
        <translation>Lugano标准，淋巴瘤（依据诊断）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="117"/>
        <source>IMWG criteria, myeloma (from the diagnosis)</source>
        <translation>IMWG标准，骨髓瘤（依据诊断）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="118"/>
        <source>Every status: the diagnosis does not say B-ALL, lymphoma or myeloma</source>
        <translation>全部状态：诊断中未写明B-ALL、淋巴瘤或骨髓瘤</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="129"/>
        <source>%s unit</source>
        <translation>%s 单位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="136"/>
        <source>Results</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="140"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="165"/>
        <source>⚠ %s is outside the window of %s (%s to %s).</source>
        <translation>⚠ %s 超出 %s 的窗口（%s 至 %s）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="167"/>
        <source>⚠ The clinic was closed on %s (%s).</source>
        <translation>⚠ %s 门诊休诊（%s）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="197"/>
        <source>Discard this record?</source>
        <translation>放弃此记录？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="198"/>
        <source>Discard what you entered for %s? It has not been saved.</source>
        <translation>放弃为 %s 填写的内容？这些内容尚未保存。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="201"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="202"/>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="215"/>
        <source>Save with this date?</source>
        <translation>按此日期保存？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="217"/>
        <source>&amp;Save with this date</source>
        <translation>按此日期保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/record_visit.py" line="218"/>
        <source>&amp;Change the date</source>
        <translation>更改日期(&amp;C)</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="36"/>
        <source>Reschedule %s</source>
        <translation>改期 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="41"/>
        <source>Scheduled %s; window %s to %s</source>
        <translation>预约 %s；窗口 %s 至 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="49"/>
        <source>New date</source>
        <translation>新日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="55"/>
        <source>e.g. patient asked, transport, clinic full</source>
        <translation>例如：患者要求、交通原因、门诊已满</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="56"/>
        <source>Also shift the later visits of this protocol by the same number of days</source>
        <translation>同时将本方案之后的随访顺延相同天数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="58"/>
        <source>&amp;New date</source>
        <translation>新日期(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="60"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="97"/>
        <source>Check the days below. A closed day or a day outside the window is booked only if you confirm it.</source>
        <translation>请核对下列日期。休诊日或窗口外的日期，只有在您确认后才会预约。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="99"/>
        <source>These visits will move:</source>
        <translation>以下随访将改期：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="101"/>
        <source>Confirm: move %s</source>
        <translation>确认：改期 %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reschedule.py" line="102"/>
        <source>&amp;Move them</source>
        <translation>改期(&amp;M)</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../../ui/staff_dialog.py" line="86"/>
        <source>Reset PIN</source>
        <translation>重设 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="89"/>
        <source>A new PIN for %s. Tell it to them in person; they can sign in with it at once.</source>
        <translation>为 %s 设置新的 PIN。请当面告诉本人；本人可立即用它登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="97"/>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="98"/>
        <source>New PIN again</source>
        <translation>再次输入新 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="99"/>
        <source>&amp;New PIN</source>
        <translation>新 PIN(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="100"/>
        <source>New PIN a&amp;gain</source>
        <translation>再次输入新 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="104"/>
        <source>&amp;Set PIN</source>
        <translation>设置 PIN(&amp;S)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/restore_dialog.py" line="91"/>
        <location filename="../../ui/restore_dialog.py" line="132"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="94"/>
        <source>Backups of %s, newest first. Restoring replaces the roster with the backup; the current roster is kept as a backup first. Changes made after the backup will be missing.</source>
        <translation>%s 的备份，最新的在前。恢复会用备份替换名册；当前名册会先保存为一个备份。备份之后所做的更改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="102"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="106"/>
        <source>&amp;Restore this backup</source>
        <translation>恢复此备份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="107"/>
        <source>&amp;Other file…</source>
        <translation>其他文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/restore_dialog.py" line="134"/>
        <source>Roster backups (*.db)</source>
        <translation>名册备份 (*.db)</translation>
    </message>
</context>
<context>
    <name>ResultsChart</name>
    <message>
        <location filename="../../ui/results_chart.py" line="26"/>
        <source>Results chart</source>
        <translation>检验结果图</translation>
    </message>
    <message>
        <location filename="../../ui/results_chart.py" line="46"/>
        <source>No results yet.</source>
        <translation>尚无结果。</translation>
    </message>
    <message>
        <location filename="../../ui/results_chart.py" line="61"/>
        <source>no results</source>
        <translation>无结果</translation>
    </message>
</context>
<context>
    <name>RosterLock</name>
    <message>
        <location filename="../../ui/roster_lock.py" line="75"/>
        <source>The roster %s cannot be opened: its folder cannot be written to. Ask the ward IT for write access.</source>
        <translation>无法打开名册 %s：其所在文件夹不可写入。请向信息科申请写入权限。</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="81"/>
        <source>another PC</source>
        <translation>另一台电脑</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="83"/>
        <source>The roster is already open: %s is signed in to it on %s (since %s).</source>
        <translation>名册已被打开：%s 已在 %s 上登录（自 %s 起）。</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="86"/>
        <source>The roster is already open in another cartclinic window on %s (program %s).</source>
        <translation>名册已在 %s 上的另一个 cartclinic 窗口中打开（程序 %s）。</translation>
    </message>
    <message>
        <location filename="../../ui/roster_lock.py" line="89"/>
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
        <location filename="../../ui/row_actions.py" line="30"/>
        <source>&amp;Open patient</source>
        <translation>打开患者(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="31"/>
        <source>&amp;Record visit…</source>
        <translation>记录随访(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="33"/>
        <source>Re&amp;schedule…</source>
        <translation>改期(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="35"/>
        <source>Mark &amp;missed…</source>
        <translation>标记失约(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="37"/>
        <source>Print visit &amp;sheet…</source>
        <translation>打印随访单(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/row_actions.py" line="39"/>
        <source>Open the patient&apos;s page (Enter)</source>
        <translation>打开患者页面（Enter）</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="46"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="46"/>
        <source>Visit</source>
        <translation>随访</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="46"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="46"/>
        <source>Target</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="47"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="47"/>
        <source>Scheduled</source>
        <translation>预约日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="47"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/schedule_model.py" line="47"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/schedule_model.py" line="90"/>
        <source>%s, %n day(s) late</source>
        <translation>
            <numerusform>%s，晚 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="54"/>
        <source>Welcome: set up the clinic</source>
        <translation>欢迎：设置门诊</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64"/>
        <source>This roster is new. Tell the program about the clinic; you can change all of this later under Settings.</source>
        <translation>这是一个新名册。请填写门诊信息；以后可在“设置”中修改。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="74"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="75"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="77"/>
        <source>&amp;Your name</source>
        <translation>您的姓名(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="78"/>
        <source>Every change is recorded with the name of who made it.</source>
        <translation>每项更改都会记录操作人的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="79"/>
        <source>Your &amp;PIN</source>
        <translation>您的 PIN(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="80"/>
        <source>4 to 8 digits. You are the first admin: you can add the other nurses under File › Staff.</source>
        <translation>4 到 8 位数字。您是第一位管理员：可以在“文件 › 人员”中添加其他护士。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="82"/>
        <source>PIN a&amp;gain</source>
        <translation>再次输入 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="85"/>
        <source>Clinic &amp;name</source>
        <translation>门诊名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="86"/>
        <source>Clinic &amp;phone</source>
        <translation>门诊电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="92"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="92"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="97"/>
        <source>Closed &amp;weekdays</source>
        <translation>休诊日(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="101"/>
        <source>Choose a country, or type its code, optionally with a region: CN, US-CA, GB-SCT. Public holidays close the clinic; official make-up workdays open it.</source>
        <translation>选择国家或地区，或输入其代码（可带下级地区）：CN、US-CA、GB-SCT。法定节假日门诊关闭；官方调休工作日门诊开放。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="105"/>
        <source>&amp;Holiday region</source>
        <translation>节假日地区(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="111"/>
        <source>Closure dates</source>
        <translation>停诊日期</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="113"/>
        <source>Closure date to add</source>
        <translation>要添加的停诊日期</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="114"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="115"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="121"/>
        <source>&amp;Closures</source>
        <translation>停诊日期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="124"/>
        <source>Letter (US paper size)</source>
        <translation>美式信纸</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="125"/>
        <source>Pa&amp;per</source>
        <translation>纸张(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="129"/>
        <source>Patient &amp;letter language</source>
        <translation>患者通知语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="133"/>
        <source>&amp;Interface language</source>
        <translation>界面语言(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="136"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="137"/>
        <source>Lock when idle &amp;after</source>
        <translation>空闲自动锁定(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="140"/>
        <source> changes</source>
        <translation> 次更改</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="141"/>
        <source>only at start</source>
        <translation>仅在启动时</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="142"/>
        <source>A checked backup is made each time the program starts, and again after this many changes.</source>
        <translation>每次启动程序时都会制作一个经过检查的备份，之后每达到这么多次更改再备份一次。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="144"/>
        <source>&amp;Back up after every</source>
        <translation>每隔多少次更改备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="146"/>
        <source>United States (labels since June 2025)</source>
        <translation>美国（2025年6月起的说明书）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="147"/>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="147"/>
        <source>European Union</source>
        <translation>欧盟</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="150"/>
        <source>Which column of the product table the stay-near-centre, no-driving and daily-monitoring countdowns read; the treatment&apos;s product picks the row.</source>
        <translation>产品表中用于“留在治疗中心附近”“禁止驾驶”和“每日监测”倒计时的列；行由治疗所用产品决定。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="152"/>
        <source>&amp;Jurisdiction</source>
        <translation>适用地区(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="153"/>
        <source>Review aciclovir/valaciclovir at least this long after day 0, and go on until CD4 &gt; 200/µL.</source>
        <translation>阿昔洛韦/伐昔洛韦至少在第0天后这么长时间复查，并持续至CD4 &gt; 200/µL。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="155"/>
        <source>Antiviral prophylaxis</source>
        <translation>抗病毒预防</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="156"/>
        <source>Review co-trimoxazole this long after day 30 (6–12 months), and go on until CD4 &gt; 200/µL.</source>
        <translation>复方磺胺甲噁唑在第30天后这么长时间复查（6–12个月），并持续至CD4 &gt; 200/µL。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="158"/>
        <source>PJP prophylaxis</source>
        <translation>肺孢子菌肺炎预防</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="159"/>
        <source>Review entecavir this long after day 0 for a patient whose diagnosis or notes say HBV.</source>
        <translation>诊断或备注写明HBV的患者，恩替卡韦在第0天后这么长时间复查。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="161"/>
        <source>Entecavir (HBV)</source>
        <translation>恩替卡韦（HBV）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="168"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/settings_dialog.py" line="259"/>
        <source>%n open visit(s) moved to the nearest open day in their window.</source>
        <translation>
            <numerusform>%n 次未完成随访已移至其窗口内最近的开诊日。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/settings_dialog.py" line="261"/>
        <source>Print a &quot;your date has changed&quot; letter for each of the %n patient(s) now?</source>
        <translation>
            <numerusform>现在为这 %n 名患者各打印一份“您的复查日期已更改”通知吗？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="271"/>
        <source>Confirm: visits move</source>
        <translation>确认：调整随访</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/settings_dialog.py" line="272"/>
        <source>With these settings, %n open visit(s) fall on a closed day and move to the nearest open day in their window. Nothing is saved until you confirm.</source>
        <translation>
            <numerusform>按这些设置，%n 次未完成随访落在休诊日，将移至其窗口内最近的开诊日。确认之前不会保存任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="275"/>
        <source>&amp;Save and move them</source>
        <translation>保存并调整(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="258"/>
        <source>Visits moved</source>
        <translation>随访已调整</translation>
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
        <location filename="../../ui/staff_dialog.py" line="133"/>
        <location filename="../../ui/staff_dialog.py" line="143"/>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="138"/>
        <source>Each person signs in with their own name and PIN; the roster records who made every change. Admins may also change the settings, manage staff and restore backups.</source>
        <translation>每个人都用自己的姓名和 PIN 登录；名册会记录每项更改的操作人。管理员还可以更改设置、管理人员和恢复备份。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="147"/>
        <source>R&amp;eset PIN…</source>
        <translation>重设 PIN(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="148"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="149"/>
        <location filename="../../ui/staff_dialog.py" line="246"/>
        <source>S&amp;witch off</source>
        <translation>停用(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="156"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="159"/>
        <source>Language of the selected person</source>
        <translation>所选人员的界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="173"/>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="184"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="185"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="187"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="188"/>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="189"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="190"/>
        <source>&amp;PIN</source>
        <translation>PIN(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="191"/>
        <source>PIN a&amp;gain</source>
        <translation>再次输入 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="195"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="245"/>
        <source>S&amp;witch on</source>
        <translation>启用(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="288"/>
        <source>%s has a new PIN and can sign in with it.</source>
        <translation>%s 已有新的 PIN，可以用它登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="292"/>
        <location filename="../../ui/staff_dialog.py" line="310"/>
        <source>%s can sign in again.</source>
        <translation>%s 可以重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="298"/>
        <source>%s&apos;s screens will be in this language from their next sign-in.</source>
        <translation>%s 下次登录起，界面将使用此语言。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="307"/>
        <source>%s can no longer sign in; their name stays in the audit trail.</source>
        <translation>%s 已不能登录；其姓名仍保留在审计记录中。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="329"/>
        <source>%s can now sign in.</source>
        <translation>%s 现在可以登录了。</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <location filename="../../ui/staff_dialog.py" line="43"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="43"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="43"/>
        <source>Sign-in</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="43"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="47"/>
        <source>this PC&apos;s setting</source>
        <translation>本电脑的设置</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="50"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="50"/>
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="53"/>
        <source>%s (switched off)</source>
        <translation>%s（已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="57"/>
        <source>switched off: cannot sign in</source>
        <translation>已停用：不能登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="60"/>
        <source>locked until %s after wrong PINs</source>
        <translation>因 PIN 输错已锁定至 %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff_dialog.py" line="62"/>
        <source>%n wrong PIN(s) in a row</source>
        <translation>
            <numerusform>连续输错 PIN %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/staff_dialog.py" line="63"/>
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
        <location filename="../../ui/timeline.py" line="153"/>
        <source>infusion</source>
        <translation>回输</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="160"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="182"/>
        <source>Day %s</source>
        <translation>第 %s 天</translation>
    </message>
</context>
<context>
    <name>TreatmentDialog</name>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="23"/>
        <source>Re-infusion</source>
        <translation>再次回输</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="23"/>
        <source>Add treatment</source>
        <translation>添加治疗</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="27"/>
        <source>A re-infusion starts a new schedule from its own day 0. Every visit of the earlier treatments still to come from that day on is cancelled; you see the list before it is saved.</source>
        <translation>再次回输会从其自己的第0天开始新的随访计划。之前各次治疗中从该日起尚未进行的随访都将取消；保存前您会看到这份清单。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="78"/>
        <source>re-infusion on %s</source>
        <translation>再次回输（%s）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="79"/>
        <source>Save it</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="80"/>
        <source>Save it and cancel 1 visit</source>
        <translation>保存并取消 1 次随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="81"/>
        <source>Save it and cancel %d visits</source>
        <translation>保存并取消 %d 次随访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="30"/>
        <source>A further treatment with its own day 0 and schedule.</source>
        <translation>另一次治疗，有自己的第0天和随访计划。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_dialog.py" line="41"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>TreatmentFields</name>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="33"/>
        <source>Infusion date (day 0)</source>
        <translation>回输日期（第0天）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="43"/>
        <source>Tracked from</source>
        <translation>开始跟踪日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="44"/>
        <source>Visits whose window closed before this day are history, not work. Usually the day the patient is entered.</source>
        <translation>窗口在此日期之前已关闭的随访视为既往记录，不列入待办。通常为患者录入当天。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="46"/>
        <source>&amp;Product</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="47"/>
        <source>&amp;Target</source>
        <translation>靶点(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="48"/>
        <source>&amp;Infusion date (day 0)</source>
        <translation>回输日期（第0天）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="49"/>
        <source>Pro&amp;tocols</source>
        <translation>方案(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="50"/>
        <source>Tracked &amp;from</source>
        <translation>开始跟踪(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="51"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/treatment_fields.py" line="52"/>
        <source>Protocols</source>
        <translation>方案</translation>
    </message>
</context>
<context>
    <name>VisitActions</name>
    <message>
        <location filename="../../ui/visit_actions.py" line="67"/>
        <source>No visit action</source>
        <translation>无法进行随访操作</translation>
    </message>
    <message>
        <location filename="../../ui/visit_actions.py" line="95"/>
        <source>Mark missed</source>
        <translation>标记失约</translation>
    </message>
    <message>
        <location filename="../../ui/visit_actions.py" line="96"/>
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
        <location filename="../../ui/worklist.py" line="79"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="80"/>
        <source>Due now (today, or late with the window still open)</source>
        <translation>当前应随访（今天，或已晚但窗口仍开放）</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="81"/>
        <source>This week (next 7 days)</source>
        <translation>本周（未来7天）</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="82"/>
        <source>Next weeks (days 8–28)</source>
        <translation>之后几周（第8–28天）</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="97"/>
        <source>Phone list of overdue…</source>
        <translation>逾期患者电话列表…</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="98"/>
        <source>Print today&apos;s list…</source>
        <translation>打印今日清单…</translation>
    </message>
    <message>
        <location filename="../../ui/worklist.py" line="133"/>
        <source>Today: %s</source>
        <translation>今天：%s</translation>
    </message>
</context>
<context>
    <name>WorklistSection</name>
    <message>
        <location filename="../../ui/worklist.py" line="57"/>
        <source>Nothing here.</source>
        <translation>无。</translation>
    </message>
</context>
<context>
    <name>regions</name>
    <message>
        <location filename="../../ui/regions.py" line="18"/>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="19"/>
        <source>Hong Kong, China</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="20"/>
        <source>Taiwan, China</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="21"/>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="22"/>
        <source>United States</source>
        <translation>美国</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="24"/>
        <source>United Kingdom — England</source>
        <translation>英国 — 英格兰</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="25"/>
        <source>United Kingdom — Scotland</source>
        <translation>英国 — 苏格兰</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="26"/>
        <source>United Kingdom — Wales</source>
        <translation>英国 — 威尔士</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="27"/>
        <source>United Kingdom — Northern Ireland</source>
        <translation>英国 — 北爱尔兰</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="28"/>
        <source>Ireland</source>
        <translation>爱尔兰</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="29"/>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="30"/>
        <source>France</source>
        <translation>法国</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="31"/>
        <source>Spain</source>
        <translation>西班牙</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="32"/>
        <source>Italy</source>
        <translation>意大利</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="33"/>
        <source>Netherlands</source>
        <translation>荷兰</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="34"/>
        <source>Canada</source>
        <translation>加拿大</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="35"/>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <location filename="../../ui/regions.py" line="38"/>
        <source>None (weekends and closures only)</source>
        <translation>不使用（仅周末和停诊日）</translation>
    </message>
</context>
</TS>
