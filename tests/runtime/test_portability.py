"""`dabble export` / `dabble import`: an app as one file and back, the same definition and data on both databases."""

from __future__ import annotations

import json
import os
import string
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from runtime.app import create_app
from runtime.cli import main
from runtime.database import ENGINE_KEY
from runtime.portability.messages import PORTABILITY_CATALOG, file_problem
from tests.support.apps import definition, publish_new
from tests.support.auth import signed_in_client
from tests.support.postgres import fresh_postgres_schema

POSTGRES_URL = os.environ.get("DABBLE_TEST_DATABASE_URL", "")
APP = "contract_approval"
README = Path(__file__).resolve().parents[2] / "README.md"


@contextmanager
def _service():
    """A signed-in client of the instance the CLI works on (the DABBLE_ settings of the moment)."""
    app = create_app()
    try:
        yield signed_in_client(app)
    finally:
        app.extensions[ENGINE_KEY].dispose()


def _cli(*arguments: str):
    return CliRunner().invoke(main, [*arguments, "--lang", "en"])


def _seed(client) -> dict[str, int]:
    """The corpus app published, with customers, contracts pointing at them, follow-ups and a deleted record."""
    publish_new(client, definition("contract_approval.json"))

    def create(entity: str, values: dict) -> dict:
        response = client.post(f"/api/apps/{APP}/{entity}", json=values)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    acme = create("customer", {"name": "Acme", "industry": "retail", "tags": ["key_account"], "satisfaction": 4})
    globex = create("customer", {"name": "环球", "contact_email": "a@globex.cn", "notes": "长期客户"})
    gone = create("customer", {"name": "Gone"})
    big = create(
        "contract",
        {
            "title": "Big",
            "customer": acme["id"],
            "amount": 600000.5,
            "discount": 12.5,
            "unit_price": 9.99,
            "sign_date": "2024-05-01",
            "last_follow_up": "2024-05-02T09:30:00+08:00",
            "margin_note": "thin",
        },
    )
    small = create("contract", {"title": "Small", "customer": globex["id"], "amount": 100, "stage": "negotiating"})
    create("follow_up", {"subject": "Call", "contract": big["id"], "due": "2024-06-01"})
    create("follow_up", {"subject": "Visit", "contract": small["id"], "done": True})
    deleted = client.delete(f"/api/apps/{APP}/customer/{gone['id']}?row_version={gone['row_version']}")
    assert deleted.status_code == 204, deleted.get_json()
    return {"acme": acme["id"], "big": big["id"], "gone": gone["id"]}


def _export(path, app_id: str = APP, *options: str) -> str:
    result = _cli("export", app_id, "-o", str(path), *options)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def _renamed(text: str, app_id: str) -> str:
    """An export's text with the app id rewritten, as an import under that id does."""
    document = json.loads(text)
    document["app"] = document["definition"]["id"] = app_id
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _records(client, app_id: str) -> dict[str, list]:
    return {
        entity: client.get(f"/api/apps/{app_id}/{entity}?page_size=100").get_json()["items"]
        for entity in ("customer", "contract", "follow_up")
    }


def _tables(client) -> set[str]:
    return set(inspect(client.application.extensions[ENGINE_KEY]).get_table_names())


@pytest.fixture
def seeded(cli_instance):
    """The CLI's instance with the seeded corpus app, and a client of it."""
    with _service() as client:
        ids = _seed(client)
        yield client, ids


@pytest.fixture
def fresh_instance(tmp_path, monkeypatch, cli_instance):
    """Switch the CLI to another, empty instance (a new SQLite folder, or a new PostgreSQL schema)."""

    @contextmanager
    def switch():
        monkeypatch.setenv("DABBLE_INSTANCE_PATH", str(tmp_path / "other"))
        if "DABBLE_DATABASE_URL" not in os.environ:
            yield
            return
        with fresh_postgres_schema(POSTGRES_URL, str(tmp_path / "other")) as url:
            monkeypatch.setenv("DABBLE_DATABASE_URL", url)
            yield

    return switch


def test_export_is_stable_sorted_json_and_byte_identical_when_repeated(seeded, tmp_path):
    _client, ids = seeded
    first = _export(tmp_path / "a.json", APP, "--data", "--history")
    assert _export(tmp_path / "b.json", APP, "--data", "--history") == first
    document = json.loads(first)
    assert first == json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert document["dabble_export"] == 1 and document["app"] == APP and document["live_version"] == 1
    assert document["definition"] == definition("contract_approval.json") and document["revision"] == 1
    customers = document["data"]["customer"]
    assert [record["id"] for record in customers] == sorted(record["id"] for record in customers)
    gone = next(record for record in customers if record["id"] == ids["gone"])
    assert gone["deleted_at"] is not None and gone["row_version"] == 2 and gone["owner"] == "admin"
    big = next(record for record in document["data"]["contract"] if record["id"] == ids["big"])
    assert big["amount"] == 600000.5 and big["customer"] == ids["acme"] and big["net_unit_price"] == 8.74
    assert big["last_follow_up"] == "2024-05-02T01:30:00Z" and big["workflow_state"] == "draft"
    assert [entry["version"] for entry in document["history"]] == [1]
    assert document["history"][0]["author"] == "admin" and document["history"][0]["migration"]


def test_export_without_options_holds_the_draft_only(seeded, tmp_path):
    document = json.loads(_export(tmp_path / "app.json"))
    assert set(document) == {"dabble_export", "app", "definition", "revision", "live_version"}


def test_round_trip_under_another_id_keeps_definition_data_refs_and_deleted_records(seeded, tmp_path):
    client, ids = seeded
    original = _export(tmp_path / "original.json", APP, "--data")
    result = _cli("import", str(tmp_path / "original.json"), "--app", "copy")
    assert result.exit_code == 0, result.output
    assert "imported copy version 1: 7 record(s)" in result.output
    assert _export(tmp_path / "copy.json", "copy", "--data") == _renamed(original, "copy")
    assert _records(client, "copy") == _records(client, APP)
    assert client.get(f"/api/apps/copy/customer/{ids['gone']}").status_code == 404  # still deleted
    restored = client.post(f"/api/apps/copy/customer/{ids['gone']}/restore")
    assert restored.status_code == 200 and restored.get_json()["name"] == "Gone"
    big = client.get(f"/api/apps/copy/contract/{ids['big']}").get_json()
    assert client.get(f"/api/apps/copy/customer/{big['customer']}").get_json()["name"] == "Acme"
    draft = client.get("/api/apps/copy/draft").get_json()["definition"]
    assert draft == definition("contract_approval.json") | {"id": "copy"}


def test_round_trip_into_a_fresh_instance_keeps_ids_and_continues_after_them(seeded, tmp_path, fresh_instance):
    client, _ids = seeded
    original = _export(tmp_path / "original.json", APP, "--data", "--history")
    records = _records(client, APP)
    with fresh_instance():
        result = _cli("import", str(tmp_path / "original.json"))
        assert result.exit_code == 0, result.output
        assert "imported contract_approval version 2: 7 record(s), 1 earlier version(s)" in result.output
        with _service() as fresh:
            assert _records(fresh, APP) == records
            versions = fresh.get(f"/api/apps/{APP}/versions").get_json()["items"]
            assert [(item["version"], item["status"]) for item in versions] == [(1, "superseded"), (2, "published")]
            assert versions[0]["author"] == "admin" and versions[1]["author"] == "cli"
            created = fresh.post(f"/api/apps/{APP}/customer", json={"name": "New"})
            assert created.status_code == 201, created.get_json()
            assert created.get_json()["id"] == 4  # after the highest imported id (3, the deleted one)
        exported = json.loads(_export(tmp_path / "again.json", APP, "--data"))
    before = json.loads(original)
    assert exported["definition"] == before["definition"]
    exported["data"]["customer"] = exported["data"]["customer"][:-1]  # without the record made after the import
    assert exported["data"] == before["data"]


def test_an_existing_app_id_is_refused_and_nothing_changes(seeded, tmp_path):
    client, _ids = seeded
    _export(tmp_path / "app.json", APP, "--data")
    tables = _tables(client)
    result = _cli("import", str(tmp_path / "app.json"))
    assert result.exit_code == 1
    assert "import.app_exists" in result.output and "--app NEW_ID" in result.output
    publish_new(client, definition() | {"id": "other"})
    tables = _tables(client)
    result = _cli("import", str(tmp_path / "app.json"), "--app", "other")
    assert result.exit_code == 1 and "'other' already exists" in result.output
    assert [item["id"] for item in client.get("/api/apps").get_json()["items"]] == [APP, "other"]
    assert _tables(client) == tables


def _broken(tmp_path, change) -> str:
    document = json.loads((tmp_path / "app.json").read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _contract(document: dict) -> dict:
    return document["data"]["contract"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("dabble_export"), "export_file.not_export"),
        (lambda d: d.update(dabble_export=2), "export_file.version"),
        (lambda d: d.pop("definition"), "export_file.missing"),
        (lambda d: d.update(data=[]), "/data  export_file.type"),
        (lambda d: d["data"].update(invoice=[]), "/data/invoice  export_file.unknown_entity"),
        (lambda d: _contract(d).update(amount="a lot"), "/data/contract/0/amount  export_file.value"),
        (lambda d: _contract(d).update(stage="won"), "/data/contract/0/stage  export_file.value"),
        (lambda d: _contract(d).update(amount=1.234), "/data/contract/0/amount  export_file.value"),
        (lambda d: _contract(d).update(sign_date="2024-02-30"), "/data/contract/0/sign_date  export_file.value"),
        (lambda d: _contract(d).update(colour="red"), "/data/contract/0/colour  export_file.unknown_field"),
        (lambda d: _contract(d).pop("owner"), "/data/contract/0  export_file.missing_value"),
        (lambda d: _contract(d).update(customer=99), "/data/contract/0/customer  export_file.ref_missing"),
        (lambda d: d["data"]["customer"][1].update(name="Acme"), "/data/customer  export_file.unique"),
        (lambda d: d["data"]["customer"].append(d["data"]["customer"][0]), "export_file.duplicate_id"),
    ],
)
def test_a_broken_file_is_refused_with_exit_2_and_nothing_is_created(seeded, tmp_path, change, expected):
    client, _ids = seeded
    _export(tmp_path / "app.json", APP, "--data")
    tables = _tables(client)
    result = _cli("import", _broken(tmp_path, change), "--app", "copy")
    assert result.exit_code == 2, result.output
    assert "import.invalid_file" in result.output and expected in result.output
    assert "Traceback" not in result.output
    assert client.get("/api/apps/copy").status_code == 404
    assert _tables(client) == tables


@pytest.mark.parametrize("content", [b"{not json", b"", "\u00e9".encode("latin-1"), b"[1, 2]"])
def test_a_file_that_is_not_an_export_is_refused_with_exit_2(cli_instance, tmp_path, content):
    path = tmp_path / "file.json"
    path.write_bytes(content)
    result = _cli("import", str(path))
    assert result.exit_code == 2, result.output
    assert "import.invalid_file" in result.output and "Traceback" not in result.output
    assert _cli("import", str(tmp_path / "missing.json")).exit_code == 2


def test_an_invalid_definition_is_refused_with_its_problems(seeded, tmp_path):
    client, _ids = seeded
    _export(tmp_path / "app.json")

    def break_definition(document):
        document["definition"]["entities"][1]["fields"][1]["entity"] = "supplier"  # a ref to no entity

    result = _cli("import", _broken(tmp_path, break_definition), "--app", "copy")
    assert result.exit_code == 1, result.output
    assert "import.invalid_definition" in result.output and "/entities/1/fields/1/entity" in result.output
    assert client.get("/api/apps/copy").status_code == 404


def test_a_failure_while_loading_records_leaves_no_app_behind(seeded, tmp_path, monkeypatch):
    client, _ids = seeded
    _export(tmp_path / "app.json", APP, "--data", "--history")
    tables = _tables(client)
    from runtime.portability import import_app

    real_load = import_app._load

    def load_then_fail(*arguments):
        real_load(*arguments)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(import_app, "_load", load_then_fail)
    result = _cli("import", str(tmp_path / "app.json"), "--app", "copy")
    assert isinstance(result.exception, RuntimeError)
    assert client.get("/api/apps/copy").status_code == 404
    assert _tables(client) == tables


def test_export_of_an_unknown_app_is_refused(cli_instance, tmp_path):
    result = _cli("export", "nothing", "-o", str(tmp_path / "x.json"))
    assert result.exit_code == 1 and "app.not_found" in result.output
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("code", sorted(PORTABILITY_CATALOG))
def test_every_export_file_code_has_both_languages_and_is_documented(code):
    spec = PORTABILITY_CATALOG[code]
    params = {name: "x" for _text, name, _spec, _conversion in string.Formatter().parse(spec.en) if name}
    problem = file_problem(code, "/p", **params)
    assert "{" not in problem.message_en and "{" not in problem.message_zh
    assert any("\u4e00" <= character <= "\u9fff" for character in problem.message_zh)
    assert f"`{code}`" in README.read_text(encoding="utf-8")
