"""Exporting a table view: the rows the user reads, as CSV or XLSX, shown as the app shows them, never more."""

from __future__ import annotations

import csv
import io

import openpyxl

from templates_library import library
from tests.support.auth import signed_in_client
from tests.templates.api_rows import all_records

APP = "contract_approval"
VIEW = library().get(APP).model.view("contracts")
VIEW_STAGE_OPTIONS = library().get(APP).model.entity("contract").field("stage").options


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "text/csv" and response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_a_csv_export_holds_every_row_the_user_reads_in_the_views_order(demo_instance):
    for username in ("admin", "li.na", "chen.jie"):
        client = signed_in_client(demo_instance.app, username, is_admin=username == "admin")
        rows = _csv_rows(client.get(f"/api/apps/{APP}/views/contracts/export", query_string={"lang": "en"}))
        table = client.get(f"/api/apps/{APP}/views/contracts", query_string={"page_size": 500}).get_json()
        assert rows[0] == [column["label"]["en"] for column in table["view"]["columns"]]
        assert [row[0] for row in rows[1:]] == [item["title"] for item in table["items"]], username
        assert len(rows) - 1 == table["total"]


def test_cells_show_labels_names_and_titles_in_the_language_asked(demo_instance):
    admin = signed_in_client(demo_instance.app)
    contract = all_records(admin, APP, "contract", sort="id")[0]
    customer = admin.get(f"/api/apps/{APP}/customer/{contract['customer']}").get_json()
    query = {"lang": "zh", "filter": '{"combinator": "and", "rules": [{"field": "id", "operator": "=", "value": %d}]}'}
    query["filter"] %= contract["id"]
    (header, row) = _csv_rows(admin.get(f"/api/apps/{APP}/views/contracts/export", query_string=query))
    cells = dict(zip(header, row, strict=True))
    stage = next(o for o in VIEW_STAGE_OPTIONS if o.id == contract["stage"])
    assert cells["阶段"] == stage.label.zh and cells["客户"] == customer["name"]
    assert cells["负责人"].startswith(("陈杰", "刘洋", "赵磊", "孙丽", "李娜", "王芳"))


def test_viewing_as_someone_the_export_is_theirs_and_only_admins_may(demo_instance):
    admin = signed_in_client(demo_instance.app)
    chen = signed_in_client(demo_instance.app, "chen.jie", is_admin=False)
    export = f"/api/apps/{APP}/views/contracts/export"
    as_chen = _csv_rows(admin.get(export, query_string={"lang": "en", "view_as": "user:chen.jie"}))
    assert as_chen == _csv_rows(chen.get(export, query_string={"lang": "en"}))
    assert len(as_chen) - 1 < admin.get(f"/api/apps/{APP}/views/contracts").get_json()["total"]
    by_header = admin.get(export, query_string={"lang": "en"}, headers={"X-View-As": "user:chen.jie"})
    assert _csv_rows(by_header) == as_chen
    refused = chen.get(export, query_string={"view_as": "user:li.na"})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "access.view_as")
    unknown = admin.get(export, query_string={"view_as": "user:nobody"})
    assert (unknown.status_code, unknown.get_json()["error"]["code"]) == (404, "user.not_found")


def test_an_xlsx_export_has_typed_cells(demo_instance):
    admin = signed_in_client(demo_instance.app)
    response = admin.get(f"/api/apps/{APP}/views/contracts/export", query_string={"format": "xlsx", "lang": "en"})
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Title" and sheet.title == VIEW.label.text("en")
    amounts = [row[2] for row in rows[1:] if row[2] is not None]
    assert amounts and all(isinstance(amount, int | float) for amount in amounts)
    assert len(rows) - 1 == admin.get(f"/api/apps/{APP}/views/contracts").get_json()["total"]


def test_texts_a_spreadsheet_would_run_are_made_harmless(demo_instance):
    chen = signed_in_client(demo_instance.app, "chen.jie", is_admin=False)
    title = '=HYPERLINK("http://evil.example","click")'
    created = chen.post(f"/api/apps/{APP}/contract", json={"title": title, "customer": 1, "amount": 5})
    assert created.status_code == 201, created.get_json()
    query = {"q": "evil.example"}
    (_header, row) = _csv_rows(chen.get(f"/api/apps/{APP}/views/contracts/export", query_string=query))
    assert row[0] == "'" + title
    response = chen.get(f"/api/apps/{APP}/views/contracts/export", query_string=query | {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet.cell(row=2, column=1).value == "'" + title and sheet.cell(row=2, column=1).data_type == "s"


def test_exports_refuse_other_views_formats_and_too_many_rows(demo_instance):
    admin = signed_in_client(demo_instance.app)
    assert admin.get(f"/api/apps/{APP}/views/contract_board/export").status_code == 404
    response = admin.get(f"/api/apps/{APP}/views/contracts/export", query_string={"format": "pdf", "lang": "fr"})
    assert sorted(problem["path"] for problem in response.get_json()["error"]["problems"]) == ["/format", "/lang"]
    demo_instance.app.config["DABBLE_EXPORT_MAX_ROWS"] = "3"
    try:
        response = admin.get(f"/api/apps/{APP}/views/contracts/export")
    finally:
        demo_instance.app.config["DABBLE_EXPORT_MAX_ROWS"] = "100000"
    assert (response.status_code, response.get_json()["error"]["code"]) == (422, "export.too_large")
