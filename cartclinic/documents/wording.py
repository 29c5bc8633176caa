"""Every word the documents print, in English and Simplified Chinese.

The core has no Qt, so no `tr()`: this table is the translation. Staff documents (visit sheets,
the day list) are printed in the language they are asked for (`print … --lang`, by default the
clinic's); the patient letter in the patient's letter language, by default the clinic's. Keys are
the same in both languages (a test checks it), and `{name}` fields are filled with `str.format`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .human_dates import is_zh

LANGUAGES = ("en", "zh")
# the language a staff document is being planned in: set around the planning of one document
# (`printing_in`), so the many small drawing functions need not each pass it along
_STAFF_LANGUAGE: ContextVar[str] = ContextVar("staff_language", default="en")


def staff_language() -> str:
    return _STAFF_LANGUAGE.get()


@contextmanager
def printing_in(language: str) -> Iterator[None]:
    token = _STAFF_LANGUAGE.set(language)
    try:
        yield
    finally:
        _STAFF_LANGUAGE.reset(token)

_EN: dict[str, str] = {
    # footer, on every page
    "printed_by": "Printed {when} by {who}",
    "printed": "Printed {when}",
    "page_of": "Page {page} of {pages}",
    "confidential": "Confidential \u2014 patient information",
    "audit_anchor": "audit anchor {anchor}",
    # statuses, also in the timeline legend
    "status.prior": "Before tracking",
    "status.upcoming": "Upcoming",
    "status.due": "Due",
    "status.overdue": "Overdue",
    "status.done": "Done",
    "status.missed": "Missed",
    "status.cancelled": "Cancelled",
    # visit sheet
    "sheet.title": "VISIT SHEET",
    "sheet.pdf_title": "Visit sheets",
    "sheet.continued": "continued",
    "sheet.patient": "PATIENT",
    "sheet.mrn": "MRN",
    "sheet.born": "Born",
    "sheet.age": "age {age} on visit day",
    "sheet.no_dob": "Date of birth not recorded",
    "sheet.sex": "Sex",
    "sheet.phone": "Phone",
    "sheet.treatment": "TREATMENT",
    "sheet.product": "Product",
    "sheet.target": "Target",
    "sheet.infused": "Infused (day 0)",
    "sheet.protocols": "Protocols",
    "sheet.this_visit": "THIS VISIT",
    "sheet.scheduled": "Scheduled",
    "sheet.window": "Window",
    "sheet.status": "Status",
    "sheet.days_late": "{days} days late",
    "sheet.one_day_late": "1 day late",
    "sheet.kind": "Kind",
    "kind.safety": "safety",
    "kind.response": "response",
    "kind.monitoring": "monitoring",
    "kind.ltfu": "long-term follow-up",
    "kind.registry": "registry",
    "sheet.on_visit_day": "on the scheduled day",
    "sheet.flags": "CLINICAL FLAGS",
    "sheet.no_flags": "None recorded.",
    "sheet.more_flags": "\u2026 and {count} more: see the patient record.",
    "sheet.results": "RECENT RESULTS",
    "sheet.no_results": "No results recorded yet.",
    "sheet.col_date": "Date",
    "sheet.col_visit": "Visit",
    "sheet.col_disease": "Disease status",
    "sheet.col_labs": "Key labs",
    "sheet.assessments": "ASSESSMENTS",
    "sheet.assessments_hint": "tick when done, write the result",
    "sheet.state.deceased": "DECEASED on {date}: for the record only, no visit is due",
    "sheet.state.withdrawn": "WITHDREW CONSENT on {date}: for the record only, no visit is due",
    "sheet.state.lost to follow-up": "LOST TO FOLLOW-UP since {date}",
    "sheet.disease.relapse": "RELAPSE on {date}: no response recorded since",
    "sheet.disease.progression": "PROGRESSION on {date}: no response recorded since",
    "sheet.no_assessments": "No assessments listed for this visit.",
    "sheet.assessments_continue": "Assessments continue on the next page.",
    "sheet.next_visits": "NEXT VISITS",
    "sheet.no_next": "No further visits scheduled.",
    "sheet.notes": "NOTES",
    "sheet.seen_by": "Seen by (name)",
    "sheet.signature": "Signature",
    "sheet.date": "Date",
    # day list
    "day.title": "Clinic worklist",
    "day.count": "{count} visits",
    "day.none": "No visits on this day.",
    "day.section_empty": "Nothing here.",
    "day.continued": "{group} (continued)",
    "day.col_status": "Status",
    "day.col_patient": "Patient",
    "day.col_mrn": "MRN",
    "day.col_phone": "Phone",
    "day.col_protocol": "Protocol",
    "day.col_visit": "Visit",
    "day.col_scheduled": "Scheduled",
    "day.col_window": "Window",
    "day.col_late": "Days late",
    # the worklist's sections (rule 14: the screen's names; views.SECTION_TITLES)
    "section.overdue": "Overdue",
    "section.due_today": "Due now (today, or late with the window still open)",
    "section.this_week": "This week (next 7 days)",
    "section.next_weeks": "Next weeks (days 8–28)",
    "section.later": "Later (after day 28)",
    # patient letter
    "letter.title": "Your follow-up visits",
    "letter.ref": "Patient number (MRN): {mrn}",
    "letter.dear": "Dear {name},",
    "letter.intro": (
        "These are your next check-ups after your CAR-T cell treatment. They help us see how "
        "well the treatment works and look after your health. Please keep this letter."
    ),
    "letter.treatment": "Your treatment: {product}, given on {date}.",
    "letter.stay_near": "Please stay near the treatment centre until {date}.",
    "letter.no_driving": "Please do not drive until {date}.",
    "letter.visit_heading": "{label} ({code})",
    "letter.later": "Later visits",
    "letter.later_line": "{date} (or any day the clinic is open from {range}): {label}",
    "letter.later_more": "… and {count} more visits until {last}. We will send you their dates "
                         "in good time.",
    "letter.come_on": "Please come on {date}.",
    "letter.window": "If that day does not suit you, any day from {range} is fine.",
    "letter.window_runs": "If that day does not suit you, you may also come on {runs}.",
    "letter.window_open": (
        "If that day does not suit you, any day the clinic is open from {range} is fine."
    ),
    "letter.runs_and": " and ",
    "letter.runs_comma": ", ",
    # "your date has changed" letter (rule 13)
    "changed.title": "Your visit date has changed",
    "changed.intro": (
        "The clinic has changed the days it is open, so we have moved the follow-up visits "
        "below to a new date:"
    ),
    "changed.line": "{label} ({code}): please come on {new} (instead of {old}).",
    "changed.closing": "Your other visits stay as they were. Please keep this letter with "
                       "your follow-up plan.",
    "letter.call_first": "Please call us before you come on another day.",
    "letter.late": (
        "This visit was planned for {date}. Please come as soon as you can, at the latest "
        "on {end}."
    ),
    "letter.overdue": (
        "This visit was due by {end} and has not happened yet. Please call us soon to "
        "arrange a new date."
    ),
    "letter.no_visits": "You have no visits planned at the moment. We will contact you.",
    "letter.timeline": "Your follow-up at a glance",
    "letter.today": "Today",
    "letter.infusion": "Infusion",
    "letter.first_year": "First year",
    "letter.all_years": "All years",
    "letter.questions_phone": (
        "If you have questions or need to change a date, please call us on {phone}."
    ),
    "letter.questions": "If you have questions or need to change a date, please contact us.",
    "letter.regards": "With kind regards,",
    "letter.team": "The follow-up team, {clinic}",
    # the disease statuses in words (disease.py); the response codes (CR, VGPR …) print as they are
    "disease.MRD-negative CR": "MRD-negative CR",
    "disease.MRD-negative": "MRD-negative",
    "disease.MRD-positive": "MRD-positive",
    "disease.relapse CD19-negative": "relapse CD19-negative",
    "disease.relapse CD19-positive": "relapse CD19-positive",
    "disease.not assessed": "not assessed",
}

_ZH: dict[str, str] = {
    "printed_by": "打印于 {when}，打印人：{who}",
    "printed": "打印于 {when}",
    "page_of": "第 {page} 页，共 {pages} 页",
    "confidential": "保密——患者个人信息",
    "audit_anchor": "审计锚点 {anchor}",
    "status.prior": "纳入前",
    "status.upcoming": "待就诊",
    "status.due": "应就诊",
    "status.overdue": "已逾期",
    "status.done": "已完成",
    "status.missed": "未就诊",
    "status.cancelled": "已取消",
    "sheet.title": "随访记录单",
    "sheet.pdf_title": "随访记录单",
    "sheet.continued": "续",
    "sheet.patient": "患者",
    "sheet.mrn": "病历号",
    "sheet.born": "出生日期",
    "sheet.age": "随访日年龄 {age} 岁",
    "sheet.no_dob": "未记录出生日期",
    "sheet.sex": "性别",
    "sheet.phone": "电话",
    "sheet.treatment": "治疗",
    "sheet.product": "产品",
    "sheet.target": "靶点",
    "sheet.infused": "回输日（第0天）",
    "sheet.protocols": "方案",
    "sheet.this_visit": "本次随访",
    "sheet.scheduled": "预约日期",
    "sheet.window": "时间窗",
    "sheet.status": "状态",
    "sheet.days_late": "已推迟 {days} 天",
    "sheet.one_day_late": "已推迟 1 天",
    "sheet.kind": "类型",
    "kind.safety": "安全性监测",
    "kind.response": "疗效评估",
    "kind.monitoring": "监测",
    "kind.ltfu": "长期随访",
    "kind.registry": "登记报告",
    "sheet.on_visit_day": "预约当日",
    "sheet.flags": "临床提示",
    "sheet.no_flags": "无。",
    "sheet.more_flags": "……另有 {count} 条，请查看患者记录。",
    "sheet.results": "近期结果",
    "sheet.no_results": "暂无结果记录。",
    "sheet.col_date": "日期",
    "sheet.col_visit": "随访",
    "sheet.col_disease": "疾病状态",
    "sheet.col_labs": "主要检验",
    "sheet.assessments": "评估项目",
    "sheet.assessments_hint": "完成后打勾并填写结果",
    "sheet.state.deceased": "已于{date}死亡：仅供存档，无待做随访",
    "sheet.state.withdrawn": "已于{date}撤回同意：仅供存档，无待做随访",
    "sheet.state.lost to follow-up": "自{date}起失访",
    "sheet.disease.relapse": "{date}复发：此后未记录缓解",
    "sheet.disease.progression": "{date}疾病进展：此后未记录缓解",
    "sheet.no_assessments": "本次随访未列出评估项目。",
    "sheet.assessments_continue": "评估项目见下页。",
    "sheet.next_visits": "后续随访",
    "sheet.no_next": "暂无后续随访。",
    "sheet.notes": "备注",
    "sheet.seen_by": "接诊人（姓名）",
    "sheet.signature": "签名",
    "sheet.date": "日期",
    "day.title": "门诊随访工作清单",
    "day.count": "共 {count} 次随访",
    "day.none": "当日无随访。",
    "day.section_empty": "无。",
    "day.continued": "{group}（续）",
    "day.col_status": "状态",
    "day.col_patient": "患者",
    "day.col_mrn": "病历号",
    "day.col_phone": "电话",
    "day.col_protocol": "方案",
    "day.col_visit": "随访",
    "day.col_scheduled": "预约日期",
    "day.col_window": "时间窗",
    "day.col_late": "推迟天数",
    "section.overdue": "逾期",
    "section.due_today": "当前应随访（今天，或已晚但窗口仍开放）",
    "section.this_week": "本周（未来7天）",
    "section.next_weeks": "之后几周（第8–28天）",
    "section.later": "以后（第28天之后）",
    "letter.title": "您的随访安排",
    "letter.ref": "病历号：{mrn}",
    "letter.dear": "尊敬的{name}：",
    "letter.intro": (
        "以下是您接受CAR-T细胞治疗后的复查安排。按时复查可以帮助我们了解治疗效果，"
        "及时照顾您的健康。请妥善保管本通知。"
    ),
    "letter.treatment": "您的治疗：{product}，回输日期为{date}。",
    "letter.stay_near": "{date}之前，请留在治疗中心附近。",
    "letter.no_driving": "{date}之前，请不要开车。",
    "letter.visit_heading": "{label}（{code}）",
    "letter.later": "以后的复查",
    "letter.later_line": "{date}（或{range}之间任何门诊开放日）：{label}",
    "letter.later_more": "……此后还有{count}次复查，直至{last}。我们会提前通知您具体日期。",
    "letter.come_on": "请于{date}来院复查。",
    "letter.window": "如该日不便，{range}之间的任何一天均可。",
    "letter.window_runs": "如该日不便，也可在{runs}来诊。",
    "letter.window_open": "如该日不便，{range}之间任何门诊开放日均可。",
    "letter.runs_and": "或",
    "letter.runs_comma": "、",
    "changed.title": "您的复查日期已更改",
    "changed.intro": "由于本院门诊开放日有所调整，我们更改了您的复查日期。新的日期如下：",
    "changed.line": "{label}（{code}）：请改于{new}来院，原定{old}。",
    "changed.closing": "您的其他复查安排不变。请将本通知与您的随访安排一起保存。",
    "letter.call_first": "如需改在其他日期，请先致电我们。",
    "letter.late": "本次复查原定于{date}。请尽快来院，最迟不晚于{end}。",
    "letter.overdue": "本次复查应于{end}前完成，目前尚未进行。请尽快致电我们另约时间。",
    "letter.no_visits": "您目前没有已安排的复查。我们会与您联系。",
    "letter.timeline": "随访安排一览",
    "letter.today": "今天",
    "letter.infusion": "回输",
    "letter.first_year": "第一年",
    "letter.all_years": "全部随访",
    "letter.questions_phone": "如有疑问或需要更改日期，请致电 {phone}。",
    "letter.questions": "如有疑问或需要更改日期，请与我们联系。",
    "letter.regards": "祝您健康！",
    "letter.team": "{clinic} 随访团队",
    "disease.MRD-negative CR": "MRD阴性 CR",
    "disease.MRD-negative": "MRD阴性",
    "disease.MRD-positive": "MRD阳性",
    "disease.relapse CD19-negative": "复发（CD19阴性）",
    "disease.relapse CD19-positive": "复发（CD19阳性）",
    "disease.not assessed": "未评估",
}

TABLES: dict[str, dict[str, str]] = {"en": _EN, "zh": _ZH}


def text(language: str, key: str, **fields: object) -> str:
    """The phrase for `key` in `language`, with its fields filled in."""
    table = _ZH if is_zh(language) else _EN
    return table[key].format(**fields)


def kind_word(language: str, kind: str) -> str:
    """A visit's kind in words; a kind a clinic's protocol made up is shown as it is."""
    table = _ZH if is_zh(language) else _EN
    return table.get(f"kind.{kind}", kind)


def disease_word(language: str, status: str) -> str:
    """A recorded disease status: in words when it is one (MRD-negative, not assessed), the
    response codes as they are written in every language."""
    table = _ZH if is_zh(language) else _EN
    return table.get(f"disease.{status}", status)


def status_word(language: str, status: str) -> str:
    """A visit status in words; an unknown status is shown as it came rather than hidden."""
    key = f"status.{status}"
    table = _ZH if is_zh(language) else _EN
    return table.get(key, status)
