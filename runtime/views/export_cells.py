"""A record's values as a spreadsheet shows them: option labels, people's names, record titles, local times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from builder.conditions.literals import parse_date, parse_datetime
from builder.model import Field, FieldType
from runtime.identity.org_chart import OrgChart
from runtime.records.session import AppSession

YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a text as a formula


class CellRenderer:
    """Turns JSON values of one entity's fields into cells, in one language and the app's time zone."""

    def __init__(self, session: AppSession, chart: OrgChart, language: str) -> None:
        self.session, self.chart, self.language = session, chart, language
        self._titles: dict[tuple[str, int], str] = {}

    def load_titles(self, fields: Iterable[Field], records: list[dict[str, Any]]) -> None:
        """Read, in one query per ref field, the titles of the records the rows point at (as the user sees them)."""
        for field in fields:
            if field.type is not FieldType.REF:
                continue
            ids = sorted({record[field.id] for record in records if record.get(field.id) is not None})
            target = self.session.live.entities.get(field.target_entity or "")
            title = None if target is None else target.storage.entity.title_field
            if not ids or title is None or not self.session.access.may(target.storage, "read"):
                continue
            readable = self.session.access.source(target.storage)
            for record_id, text in self.session.connection.execute(
                select(readable.c.id, readable.c[title]).where(readable.c.id.in_(ids))
            ):
                if text is not None:
                    self._titles[(field.target_entity, record_id)] = str(text)

    def cell(self, field: Field, value: Any) -> Any:
        """A cell: a number, a date, a local datetime, a text, or None when empty (or hidden from the user)."""
        if value is None or value == []:
            return None
        kind = field.type
        if kind is FieldType.CHOICE:
            return self._option(field, value)
        if kind is FieldType.MULTICHOICE:
            return "; ".join(self._option(field, option) for option in value)
        if kind is FieldType.BOOLEAN:
            yes, no = YES_NO[self.language]
            return yes if value else no
        if kind is FieldType.USER:
            return self.chart.name_of(value)
        if kind is FieldType.REF:
            return self._titles.get((field.target_entity, value), f"#{value}")
        if kind is FieldType.DATE:
            return parse_date(value)
        if kind is FieldType.DATETIME:
            return parse_datetime(value, self.session.live.timezone).astimezone(self.session.live.timezone)
        if isinstance(value, str):
            return "'" + value if value.startswith(FORMULA_STARTS) else value
        return value

    def _option(self, field: Field, option_id: str) -> str:
        option = next((option for option in field.options if option.id == option_id), None)
        return option_id if option is None else option.label.text(self.language)


def csv_text(cell: Any) -> str:
    """A cell as CSV text: ISO dates, local times to the second, plain numbers."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)
