"""Exporting a table view: every row the user may read, as CSV (UTF-8 with a BOM) or XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import func, select

from builder.model.views import TableView
from builder.service.errors import ApiError
from runtime.identity.org_chart import OrgChart
from runtime.records.queries import parameter_problem
from runtime.records.session import AppSession
from runtime.views.arguments import LIST_PARAMETERS, Arguments, checked, invalid_query
from runtime.views.export_cells import CellRenderer, csv_text
from runtime.views.table import table_query

EXPORT_PARAMETERS = (LIST_PARAMETERS - {"page", "page_size"}) | {"saved", "format", "lang", "view_as"}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A file to download."""

    content: bytes
    mimetype: str
    filename: str


def export_view(
    session: AppSession, view: TableView, arguments: Arguments, chart: OrgChart, max_rows: int
) -> ExportFile:
    """The view's rows in its columns' order, as the user sees them; 422 when more than `max_rows` match."""
    arguments = checked(arguments, EXPORT_PARAMETERS)
    kind = arguments.get("format", ["csv"])[-1]
    language = arguments.get("lang", [session.live.model.default_language])[-1]
    problems = []
    if kind not in FORMATS:
        problems.append(_choice_problem("format", FORMATS))
    if language not in ("zh", "en"):
        problems.append(_choice_problem("lang", ("zh", "en")))
    if problems:
        raise invalid_query(problems)
    records, query = table_query(session, view, arguments)
    readable = records.readable
    total = session.connection.execute(select(func.count()).select_from(readable).where(query.where)).scalar_one()
    if total > max_rows:
        raise ApiError(
            422,
            "export.too_large",
            f"{total} rows match; an export holds at most {max_rows}: filter the view first. / "
            f"共有 {total} 行，导出最多 {max_rows} 行：请先筛选。",
        )
    rows = session.connection.execute(select(readable).where(query.where).order_by(*query.order_by))
    items = [records.to_json(row) for row in rows]
    entity = records.entity.storage.entity
    fields = [entity.field(column) for column in view.columns]
    renderer = CellRenderer(session, chart, language)
    renderer.load_titles(fields, items)
    header = [field.label.text(language) for field in fields]
    table = [[renderer.cell(field, item.get(field.id)) for field in fields] for item in items]
    day = datetime.now(UTC).astimezone(session.live.timezone).strftime("%Y%m%d")
    filename = f"{session.live.app_id}-{view.id}-{day}.{kind}"
    title = view.label.text(language)
    content = _csv(header, table) if kind == "csv" else _xlsx(title, header, table)
    return ExportFile(content=content, mimetype=FORMATS[kind], filename=filename)


def _csv(header: list[str], table: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read Chinese right."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows([csv_text(cell) for cell in row] for row in table)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _xlsx(title: str, header: list[str], table: list[list]) -> bytes:
    """One sheet named after the view: a bold header row, then typed cells (numbers, dates, times, texts)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_SHEET_TITLE_UNSAFE.sub(" ", title)[:31] or "Sheet1")
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in table:
        sheet.append([cell.replace(tzinfo=None) if isinstance(cell, datetime) else cell for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _choice_problem(name: str, choices) -> dict:
    listed = ", ".join(choices)
    return parameter_problem(name, (f"one of {listed}", f"以下之一：{listed}"))
