"""The understanding report as text for the command line, in Chinese or English."""

from __future__ import annotations

from voice_intake.drafting.report import ReportedElement, UnderstandingReport

_HEADINGS = {
    "zh": {"title": "理解报告", "not_understood": "未理解的句子（请人工核对）：", "added": "为使应用可用而补充：",
           "dropped": "校验未通过而移除：", "unread": "未读懂的部分", "template": "基于模板", "valid": "校验",
           "passed": "通过", "failed": "未通过", "errors": "个错误", "warnings": "个警告", "notes": "说明："},
    "en": {"title": "Understanding report", "not_understood": "Not understood (please check):",
           "added": "Added so the app works:", "dropped": "Left out (the validator refused them):",
           "unread": "not understood", "template": "started from template", "valid": "Validation", "passed": "valid",
           "failed": "invalid", "errors": "error(s)", "warnings": "warning(s)", "notes": "Notes:"},
}  # fmt: skip


def render_report(report: UnderstandingReport, language: str) -> str:
    """Sentence by sentence: what each produced, with notes; then what was not understood, added or left out."""
    words = _HEADINGS[language]
    lines = [f"{words['title']} ({report.language})"]
    if report.template:
        lines.append(f"{words['template']}: {report.template}")
    for sentence in report.sentences:
        mark = " " if sentence.understood else "?"
        lines.append(f"{mark}{sentence.number:>3}. {sentence.text}")
        lines += [f"       → {_element(element, language)}" for element in sentence.elements]
        lines += [f"       ! {note.get(language)}" for note in sentence.notes]
        if sentence.unread and sentence.understood:
            lines.append(f"       ? {words['unread']}: {sentence.unread}")
    if report.not_understood:
        lines.append(words["not_understood"])
        lines += [f"  - {sentence.number}. {sentence.text}" for sentence in report.not_understood]
    if report.added:
        lines.append(words["added"])
        lines += [f"  + {_element(element, language)}" for element in report.added]
    if report.notes:
        lines.append(words["notes"])
        lines += [f"  ! {note.get(language)}" for note in report.notes]
    if report.dropped:
        lines.append(words["dropped"])
        lines += [f"  - {item.kind.value} {item.key}: {item.reason.get(language)}" for item in report.dropped]
    verdict = words["passed"] if report.error_count == 0 else words["failed"]
    counts = f"{report.error_count} {words['errors']}, {report.warning_count} {words['warnings']}"
    lines.append(f"{words['valid']}: {verdict} ({counts})")
    return "\n".join(lines)


def _element(element: ReportedElement, language: str) -> str:
    where = f"  [{element.path}]" if element.path else ""
    return f"{element.summary.get(language)}{where}"
