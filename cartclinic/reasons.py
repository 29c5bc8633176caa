"""Why the core refuses something, as data: a code, the field at fault and the values, rendered
in the reader's language only where it is shown.

`Reason("mrn.empty", "mrn")` is what the core raises; the command line and logs print its
English (`str(reason)`, the words the CLI has always printed), the window renders it through Qt's
translation (cartclinic_ui/reasons.py) and a Chinese document through the catalogue in
resources/messages_zh.toml. The English templates below are the one English source; the Chinese
file is the one Chinese source, and a test holds every code to a rendering in both.

A template is `head|body`: the head names what is at fault (`mrn`, `visit {visit}`), the body
says what is wrong; the whole reason reads "head: body" ("病历号：…" in Chinese), and a form that
shows it beside the field's own widget shows the body alone. A template without `|` has no head.
It names its values in braces. `{field}` is the field at fault as a reader calls it
(English: the core's own name, e.g. `date_of_birth`; Chinese: the `[fields]` table). A value that
is itself a `Reason` (a status, an event kind) is rendered in the same language; a list or tuple
is rendered item by item and joined.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from cartclinic.shipped import shipped_path


@dataclass(frozen=True, eq=True)
class Reason:
    """One reason: `code` picks the sentence, `field` the input at fault (the key a form uses
    to put the message beside its widget; None for the whole input), `values` fill the sentence,
    `at` says where in a file or list (e.g. the reason "line 7")."""

    code: str
    field: str | None = None
    values: Mapping[str, object] = dataclasses.field(default_factory=dict)
    at: Reason | None = None

    __hash__ = None  # type: ignore[assignment]  # values is a dict

    def __str__(self) -> str:
        return render(self, "en")

    def located(self, at: Reason | str | None) -> Reason:
        """The same reason said of one line or entry: `at` is a Reason or a plain label."""
        if at is None or at == "":
            return self
        return replace(self, at=at if isinstance(at, Reason) else text(at))


def text(words: str, field: str | None = None) -> Reason:
    """A sentence nobody has coded yet (a message from a library, an old caller): shown as it is,
    in every language."""
    return Reason("text", field, {"text": words})


def line(number: int) -> Reason:
    return Reason("at.line", None, {"line": number})


def of(value: object, field: str | None = None) -> Reason:
    """A Reason from what a caller caught: a `Refused` gives its Reason, anything else its text."""
    if isinstance(value, Reason):
        return value
    if isinstance(value, Refused):
        return value.reason
    return text(str(value), field)


class Refused(ValueError):
    """The ValueError a check raises (validate, dates, calendar): it carries the typed Reason,
    and its text is the English one, so older callers that print it see what they always did."""

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(str(reason))


# The English of every code. `{field}` is the field's own name in English.
ENGLISH: dict[str, str] = {
    "text": "{text}",
    "sep.list": ", ",
    "sep.at": ": ",
    "sep.or": " or ",
    "sep.semi": "; ",
    "list.or": "{items}",
    "list.semi": "{items}",
    "analyte": "{name}",
    "at.line": "line {line}",
    "at.lines": "lines {lines}",
    "at.entry": "entry {entry}",
    "at.file": "{file}",
    "at.this_list": "this list",
    # a field that says it in its own words (the generic checks of validate.py)
    "field.empty": "{field}|empty; this field is required",
    "field.too_long": "{field}|{length} characters; at most {limit}",
    "field.control": "{field}|contains control characters; retype it",
    "field.in_future": "{field}|{day} is in the future",
    # patient
    "mrn.empty": "mrn|empty; the medical record number is required",
    "mrn.too_long": "mrn|{length} characters; at most {limit}",
    "mrn.characters": "mrn|'{mrn}' may only hold letters A–Z, digits, '-', '.' and '/'",
    "mrn.taken": "mrn|{mrn} belongs to another patient ({name})",
    "mrn.twice": "mrn|{mrn} appears twice (also {other})",
    "mrn.in_roster": "mrn|{mrn} is already in the roster; edit that patient instead",
    "mrn.unknown": "mrn|no patient with MRN {mrn} in the roster",
    "name.control": "name|contains control or direction characters; retype the name",
    "name.empty": "name|empty; the patient's name is required",
    "name.too_long": "name|{length} characters; at most {limit}",
    "name.symbols": "name|contains symbols or emoji; use letters only",
    "phone.too_long": "{field}|{length} characters; at most 40",
    "phone.characters": "{field}|'{phone}' may only hold digits, spaces and + ( ) - . / and "
                        "an extension",
    "address.tab": "address|contains a tab; put each part of the address on its own line",
    "address.lines": "address|{lines} lines; at most {limit} fit the envelope window with the "
                     "name; join some of them",
    "sex.unknown": "sex|'{sex}' is not F, M, X or empty",
    "language.unknown": "language|'{language}' is not en or zh (leave it empty for the "
                        "clinic's language)",
    "birth.empty": "date_of_birth|empty; the date of birth is required (YYYY-MM-DD)",
    "birth.future": "date_of_birth|{born} is in the future",
    "birth.too_early": "date_of_birth|{born} is before {earliest}; check the year",
    "birth.after_infusion": "date_of_birth|{born} is after the infusion on {infusion}; one of "
                            "them is wrong",
    "birth.after_an_infusion": "date_of_birth|{born} is after the infusion on {infusion}",
    "next_of_kin.empty": "next_of_kin|empty; give the name of the person to call",
    # dates as typed
    "date.empty": "{field}|empty, a date is required (YYYY-MM-DD)",
    "date.two_digit_year": "{field}|the format {format} has a two-digit year (%y), which could "
                           "be 1925 or 2025; use %Y with four-digit years",
    "date.not_in_format": "{field}|'{text}' is not a date in the format {format}",
    "date.not_iso": "{field}|'{text}' is not an ISO date; write it as YYYY-MM-DD (or give "
                    "--date-format)",
    "date.no_such_day": "{field}|'{text}' does not exist in the calendar",
    # treatment
    "infusion.too_early": "infusion_date|{infusion} is before {earliest}; check the year",
    "infusion.too_far": "infusion_date|{infusion} is more than {days} days ahead; check the year",
    "infusion.not_after_last": "infusion_date|a re-infusion must come after the last infusion",
    "treatment.none": "treatment|at least one treatment is required",
    "treatment.twice": "treatment|{product} on {day} is listed twice",
    "reinfusion.no_earlier": "re-infusion|the patient has no earlier treatment",
    "protocol.empty": "protocol|empty; give at least one protocol id",
    "protocol.refused": "protocol|{why}",
    "protocol.unknown": "protocol|unknown protocol id '{protocol}' (known: {known})",
    "protocol.twice": "protocol|the same protocol is named twice",
    # visits
    "visit.already_done": "visit {visit}|already recorded as done on {day}",
    "visit.cancelled": "visit {visit}|cancelled ({why})",
    "visit.not_open_miss": "visit {visit}|is {status}, only an open visit can be missed",
    "visit.not_open_yet": "visit {visit}|its window has not opened yet; reschedule it instead",
    "visit.cannot_cancel": "visit {visit}|is {status}; it cannot be cancelled",
    "visit.not_open_move": "visit {visit}|is {status}; only an open visit can be moved",
    "done.future": "done date|{day} is in the future",
    "done.before_infusion": "done date|{day} is before the infusion on {infusion}",
    "cancel.no_reason": "reason|say why the visit is cancelled",
    "move.no_reason": "reason|say why the visit is moved",
    "move.past": "new date|{day} is in the past",
    "move.closed_day": "{visit}|{day} is a closed day ({why}); confirm to book it on that day",
    "move.out_of_window": "{visit}|{day} is outside its window ({start} to {end}); confirm to "
                          "move it out of window",
    "range.backwards": "to|{end} is before from: {start}",
    "rebook.none": "visits|choose at least one visit to rebook",
    # events and calls
    "event.unknown_kind": "event|'{kind}' is not one of {kinds}",
    "event.reinfuse": "event|record a re-infusion with its product and protocols (reinfuse)",
    "event.future": "event date|{day} is in the future",
    "event.before_infusion": "event date|{day} is before the first infusion on {first}",
    "event.deceased": "patient|already recorded as deceased on {day}",
    "event.already": "patient|already recorded with {event} on {day}",
    "event.undo_only_lost": "event|only a lost-to-follow-up event not yet undone can be undone",
    "event.undo_ended": "event|the patient is recorded with {event} on {day}; the loss to "
                        "follow-up cannot be undone",
    "event.changed": "event|the visits it would cancel have changed since they were shown "
                     "(another workstation?); look at the list again and confirm",
    "call.unknown_outcome": "outcome|'{outcome}' is not one of {outcomes}",
    "call.future": "call date|{day} is in the future",
    # settings
    "settings.closed_every_weekday": "closed weekdays|the clinic cannot be closed on every "
                                     "weekday",
    "settings.paper": "paper|'{paper}' is not A4 or Letter",
    "settings.language": "language|'{language}' is not en or zh",
    "settings.jurisdiction": "jurisdiction|'{jurisdiction}' is not one of {known}",
    "settings.months": "{field}|give a number of months from 1 to 60",
    "settings.idle_lock": "idle lock|give a number of minutes from 1 to 240",
    "settings.moves_changed": "settings|the visits this change moves have changed since they "
                              "were shown; look at the list again and confirm",
    "weekdays.empty": "closed weekdays|empty; list them (e.g. sat,sun) or say none",
    "weekdays.unknown": "closed weekdays|'{text}' is not a weekday (use mon,tue,wed,thu,fri,sat,"
                        "sun separated by commas, or none)",
    "closures.both": "closures|{days} cannot be both closed and an extra open day",
    "region.unknown": "holiday region|'{region}' is not a known country code (e.g. CN, US, GB, "
                      "DE)",
    "region.subdivision": "holiday region|'{subdivision}' is not a subdivision of {country} "
                          "(known: {known}…)",
    # staff and sign-in
    "pin.length": "PIN|use {low} to {high} digits",
    "pin.wrong": "PIN|wrong PIN; {left} tries left",
    "pin.wrong_one": "PIN|wrong PIN; {left} try left",
    "pin.locked_now": "PIN|wrong {times} times; {name} is locked for {minutes} minutes",
    "pin.locked": "PIN|too many wrong PINs; {name} is locked until {until}. Wait, or ask the "
                  "ward admin.",
    "pin.differ": "PIN again|the two PINs differ; type the same PIN twice",
    "settings.who": "who|give your name; the record keeps who changed what",
    "clinic_phone.empty": "clinic phone|empty; the letter needs the number patients call",
    "staff.language": "language|'{language}' is not en or zh (or none: the PC's setting)",
    "staff.name_empty": "name|empty; type your name",
    "staff.name_long": "name|at most 80 characters",
    "staff.role": "role|'{role}' is not nurse or admin",
    "staff.taken": "name|{name} already has a sign-in",
    "staff.self_off": "name|you cannot switch off your own sign-in",
    "staff.last_admin": "name|the last admin cannot be switched off",
    "staff.no_sign_in": "name|no sign-in with that name; ask the ward admin",
    "staff.unknown": "name|no sign-in called {name}",
    "staff.not_admin": "{name} is not an admin; ask the ward admin to do this",
    # results
    "analyte.empty": "analyte|empty; name the analyte, e.g. IgG",
    "analyte.unknown": "analyte|'{analyte}' is not an analyte the program knows (known: "
                       "{known}); a clinic adds its own in analytes.toml beside the roster",
    "value.not_number": "value|'{value}' is not a number",
    "value.negative": "value|{value} is negative; a result is 0 or more",
    "unit.wrong": "unit|'{unit}' is not a unit for {analyte}; use {units}",
    "unit.empty": "unit|empty; give the unit for {analyte}; use {units}",
    "taken.future": "date|{day} is in the future (today is {today})",
    "taken.before_birth": "date|{day} is before the patient's birth on {born}",
    "taken.after_death": "date|{day} is after the patient's death on {died}",
    "taken.empty": "date|empty; the date the sample was taken",
    "results.not_patient": "mrn|{mrn} is not a patient of this roster",
    # rule 12: a patient who died or withdrew
    "ended.refused": "patient|{state}; {what}",
    "ended.died": "died on {day}", "ended.withdrew": "withdrew consent on {day}",
    "ended.record": "no visit can be recorded", "ended.miss": "no visit can be marked missed",
    "ended.cancel": "no visit can be cancelled", "ended.reschedule": "no visit can be rescheduled",
    "ended.reinfuse": "no re-infusion can be recorded", "ended.call": "no call is noted",
    "ended.no_letter": "mrn {mrn}|{name} {state}; no letter is printed",
    "letter.no_clinic_phone": "clinic phone|not set; a patient letter must say whom to call. An "
                              "admin sets it in the application under Settings › Clinic phone "
                              "(or Print letter asks for it), then print again",
    # clinical flags (the patient page's banner, the visit sheet)
    "flag.igg_low": "IgG {shown} ≤ 4 g/L on {day}: consider immunoglobulin replacement",
    "flag.task": "Report to the manufacturer and arrange sample testing (new malignancy "
                 "recorded {day})",
    "flag.product_unknown": "No stay-near-centre or no-driving countdown: {why}; check the "
                            "product's label and add it to products.toml",
    "flag.not_in_table": "product '{product}' is not in the product table",
    "flag.no_periods": "the product table has no {jurisdiction} periods for {product}",
    "flag.countdown": "{what}: {left} day{s} left (until {end}; {product}, {jurisdiction})",
    "flag.daily_monitoring": "daily monitoring", "flag.near_centre": "stay near the centre",
    "flag.no_driving": "no driving",
    "flag.bcell_recovery": "B-cell recovery within 12 months: CD19 {value} {unit} on {day} "
                           "(high-risk signal in B-ALL; confirm)",
    "flag.prophylaxis": "{what}: review on {review}, and go on until CD4 > 200/µL ({cd4})",
    "flag.antiviral": "aciclovir/valaciclovir", "flag.pjp": "co-trimoxazole (from day 30)",
    "flag.cd4_last": "last CD4 {value}/µL on {day}", "flag.cd4_none": "no CD4 result yet",
    "flag.entecavir": "entecavir (HBV carrier): review on {review}",
    "vax.month": "month {month}",
    "vax.after_ig": "{months} months after immunoglobulin on {day}",
    "vax.after_anti": "{months} months after anti-CD19/CD20 therapy on {day}",
    "vax.after_allo": "{months} months after allo-HCT on {day}",
    "vax.cd4_last": "CD4 > 200/µL (last {value} on {day})",
    "vax.cd4_none": "CD4 > 200/µL (no result)",
    "vax.b_last": "B cells > 20/µL (last {value} on {day})",
    "vax.b_none": "B cells > 20/µL (no result)",
    "vax.both": "{first} and {second}",
    "vax.live": "live from {day} ({why})",
    "vax.live_once": "live from {day} ({why}), only once {counts}",
    "vax.inactivated_from": "inactivated vaccines from {day} ({why}); {live}",
    "vax.inactivated_now": "inactivated vaccines now eligible; {live}",
    # notes the program writes on a visit (cartclinic/notes.py)
    "note.event": "{event} on {day}",
    "note.superseded": "superseded by re-infusion on {day}",
    "note.shifted": "shifted with {visit}: {why}",
    "note.not_needed": "not needed: the track has its one open visit",
    "note.stopped": "stopped: {analyte} {value} on {day}",
    "note.track_off": "track off: no {analyte} result meets its start ({start})",
    # what the lines of the results chart mean (results.THRESHOLDS, a track's start and stop)
    "chart.igg_low": "≤ 4 g/L: consider immunoglobulin replacement",
    "chart.cd4_low": "200/µL: prophylaxis until above",
    "chart.b_cell_recovery": "100/µL: B-cell recovery",
    "chart.neutropenia": "1.0 ×10⁹/L: neutropenia",
    "chart.thrombocytopenia": "50 ×10⁹/L: thrombocytopenia",
    "chart.track_on": "{code} recheck on at {start}",
    # the entries the "entered in error" dialog lists (corrections.py)
    "entry.event": "{event} on {day}",
    "entry.record": "record of {visit} done {day}",
    "entry.result": "result {name} {value} ({visit})",
    "entry.result_imported": "result {name} {value} (imported)",
    "entry.missed": "missed mark of {visit} on {day}",
    "entry.missed_why": "missed mark of {visit} on {day}: {why}",
    "entry.reschedule": "reschedule of {visit} on {day}",
    "entry.reschedule_why": "reschedule of {visit} on {day}: {why}",
    "entry.cancellation": "cancellation of {visit} on {day}",
    "entry.cancellation_why": "cancellation of {visit} on {day}: {why}",
    "entry.call": "call on {day}: {outcome}",
    "outcome.reached": "reached", "outcome.no_answer": "no answer",
    "outcome.message_left": "message left", "outcome.wrong_number": "wrong number",
    # the interface or document language itself: lets a rendering pick a name by language
    "language": "en",
    "chart.track_stops": "{code} recheck stops at {stop}",
    # printing
    "print.nothing_on_day": "date|no visits on the worklist of {day}; nothing to print",
    "print.no_moves_since": "date|no settings change since {day} moved a patient's open visits; "
                            "nothing to print",
    # files (CSV imports)
    "csv.empty": "the file is empty; it needs a header row",
    "csv.empty_results": "the file is empty; it needs a header row ({columns})",
    "csv.missing_results_columns": "missing column{s}: {columns} (the columns are {all})",
    "csv.unknown_results_columns": "unknown column{s}: {columns} (the columns are {all})",
    "csv.unreadable": "not readable as CSV ({why})",
    "csv.missing_columns": "missing column{s}: {columns}",
    "csv.column_twice": "a column name appears twice",
    "csv.too_many_rows": "more than {rows} rows; split the file",
    "csv.no_results": "the file has a header and no results",
    "csv.width": "has {width} fields, the header has {columns}",
    "csv.differs": "{field}|differs from line {first} for the same MRN {mrn}",
    "csv.save_utf8": "Open the file in the spreadsheet it came from and save it as \"CSV UTF-8\" "
                     "(Excel: File > Save As > CSV UTF-8; LibreOffice: Character set Unicode "
                     "(UTF-8)), then import it again.",
    "csv.workbook": "{file}|is a spreadsheet workbook (.xlsx or .ods), not a CSV file. {save}",
    "csv.xls": "{file}|is an Excel workbook (.xls), not a CSV file. {save}",
    "csv.bom_not_utf8": "{file}|is not UTF-8 text (byte {byte}). {save}",
    "csv.not_utf8": "{file}|is not UTF-8 text (byte {byte}); it looks like {likely}. {save}",
    "csv.looks_legacy": "{file}|the file does not look like UTF-8 text; it is likely {likely}. "
                        "{save}",
    "csv.date_empty": "{field}|empty; a date is required",
    # corrections
    "correction.no_reason": "reason|say why the entry was entered in error",
    "correction.already": "{kind} {id}|already marked entered in error on {day} by {who} "
                          "({why})",
    "correction.kind": "kind|'{kind}' is not one of {kinds}",
}


# Words the core puts inside a sentence (a visit's status, an event's kind), English.
ENGLISH.update({
    "status.prior": "prior", "status.upcoming": "upcoming", "status.due": "due",
    "status.overdue": "overdue", "status.done": "done", "status.missed": "missed",
    "status.cancelled": "cancelled",
    "closed.closure": "clinic closure", "closed.holiday": "public holiday: {holiday}",
    "closed.weekday": "closed on {weekday}",
    "weekday.mon": "Mon", "weekday.tue": "Tue", "weekday.wed": "Wed", "weekday.thu": "Thu",
    "weekday.fri": "Fri", "weekday.sat": "Sat", "weekday.sun": "Sun",
    "sex.F": "F", "sex.M": "M", "sex.X": "X",
    "kind.death": "death", "kind.withdrawal": "withdrawal of consent",
    "kind.lost_to_follow_up": "lost to follow-up", "kind.relapse": "relapse",
    "kind.progression": "progression", "kind.re_infusion": "re-infusion",
    "kind.allo_hct": "allogeneic stem-cell transplant",
    "kind.secondary_malignancy": "secondary malignancy",
    "kind.t_cell_malignancy": "secondary malignancy of T cells",
    "kind.serious_infection": "serious infection", "kind.hospitalisation": "hospitalisation",
    "kind.late_neurotoxicity": "late neurotoxicity",
    "kind.parkinsonism": "late neurotoxicity: parkinsonism",
    "kind.cranial_nerve_palsy": "late neurotoxicity: cranial-nerve palsy",
    "kind.immunoglobulin": "immunoglobulin replacement given",
    "kind.anti_cd19_cd20": "anti-CD19/CD20 therapy started",
})


def _catalogue() -> dict[str, dict[str, str]]:
    import tomllib  # only when something is said in Chinese: the start of the window needs none

    with shipped_path("messages_zh.toml").open("rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=1)
def chinese() -> dict[str, dict[str, str]]:
    """The Chinese catalogue: `reasons` (code -> template) and `fields` (field -> name)."""
    return _catalogue()


def template_in(language: str) -> Callable[[str], str]:
    if language == "zh":
        zh = chinese().get("reasons", {})
        return lambda code: zh.get(code) or ENGLISH.get(code, code)
    return lambda code: ENGLISH.get(code, code)


def field_name_in(language: str) -> Callable[[str], str]:
    if language == "zh":
        zh = chinese().get("fields", {})
        return lambda name: zh.get(name, name)
    return lambda name: name


def render(reason: Reason | str, language: str = "en", *, beside_field: bool = False) -> str:
    """The reason as a sentence in `language` ("en" or "zh"); `beside_field`: without the head
    that names the field (it is shown under the field's own widget)."""
    return render_with(reason, template_in(language), field_name_in(language),
                       beside_field=beside_field)


def render_with(reason: Reason | str, template_of: Callable[[str], str],
                field_of: Callable[[str], str], *, beside_field: bool = False) -> str:
    """The reason with templates and field names from the given lookups (the window passes
    Qt's translation; documents pass a language's catalogue)."""
    if isinstance(reason, str):
        return reason

    def show(value: object) -> str:
        if isinstance(value, Reason):
            return render_with(value, template_of, field_of)
        if isinstance(value, list | tuple | set | frozenset):
            return template_of("sep.list").join(show(v) for v in value)
        return str(value)

    values = {k: show(v) for k, v in reason.values.items()}
    values["field"] = field_of(reason.field) if reason.field else ""
    template = template_of(reason.code)
    if reason.code == "text":  # uncoded words are shown as they are (no head to find)
        sentence = values["text"]
    elif reason.code == "list.or":  # "g/L or mg/dL"
        sentence = template_of("sep.or").join(show(v) for v in reason.values["items"])
    elif reason.code == "analyte":  # a stored result's name, as the table names it in the language
        from cartclinic.analytes import shipped_table

        sentence = shipped_table().shown_name(str(reason.values["name"]), template_of("language"))
    elif reason.code == "list.semi":  # what one line of a chart means, each meaning once
        sentence = template_of("sep.semi").join(show(v) for v in reason.values["items"])
    else:
        try:
            sentence = _fill(template, values, template_of("sep.at"), beside_field)
        except (KeyError, IndexError, ValueError):  # a catalogue entry with a wrong name
            sentence = _fill(ENGLISH.get(reason.code, reason.code), values, ": ", beside_field)
    if reason.at is not None:
        return render_with(reason.at, template_of, field_of) + template_of("sep.at") + sentence
    return sentence


def _fill(template: str, values: Mapping[str, str], separator: str, beside_field: bool) -> str:
    head, bar, body = template.partition("|")
    if not bar:
        return template.format(**values)
    if beside_field:
        return body.format(**values)
    return head.format(**values) + separator + body.format(**values)
