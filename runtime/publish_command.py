"""`dabble publish`: the HTTP publish flow of the service, run from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import click
from flask.testing import FlaskClient

from builder import Problem, Severity, validate_definition
from runtime.app import create_app
from runtime.cli_support import echo_problems
from runtime.database import ENGINE_KEY
from runtime.identity.actor import Actor
from runtime.identity.authentication import LOCAL_ACTOR_ENVIRON

EXIT_OK, EXIT_REFUSED = 0, 1
CLI_ACTOR = Actor("cli", is_admin=True)  # whoever runs the command holds the database already


@dataclass(frozen=True, slots=True)
class PublishOptions:
    """What `dabble publish` is asked to do, as given on the command line."""

    app_id: str | None = None
    yes: bool = False
    message: str = ""
    renames: Mapping[str, str] = field(default_factory=dict)  # "entity.old_field" → new field id
    entity_renames: Mapping[str, str] = field(default_factory=dict)
    clears: tuple[str, ...] = ()
    dry_run: bool = False

    def request_body(self) -> dict[str, Any]:
        """The options of the publish request."""
        return {
            "message": self.message,
            "renames": {"fields": dict(self.renames), "entities": dict(self.entity_renames)},
            "on_failure": {name: "clear" for name in self.clears},
        }


class PublishCommand:
    """Shows a definition's plan, then publishes it through the service's API; the draft is untouched until then."""

    def __init__(self, *, lang: str, confirm: Callable[[str], bool]) -> None:
        self.lang = lang
        self.confirm = confirm
        self.client: FlaskClient | None = None

    def run(self, document: Any, options: PublishOptions) -> int:
        """Publish and report; return the exit code."""
        app = create_app()
        self.client = app.test_client()
        self.client.environ_base[LOCAL_ACTOR_ENVIRON] = CLI_ACTOR
        try:
            return self._run(document, options)
        finally:
            app.extensions[ENGINE_KEY].dispose()

    def _run(self, document: Any, options: PublishOptions) -> int:
        if options.app_id is not None and isinstance(document, dict):
            document = {**document, "id": options.app_id}
        report = validate_definition(document)
        echo_problems(report.problems, self.lang)
        if not report.is_valid:
            click.echo(
                self._text("the definition has errors; nothing was published", "应用定义存在错误，未发布"), err=True
            )
            return EXIT_REFUSED
        app_id, body = document["id"], options.request_body()
        preview = self.post(f"/api/apps/{app_id}/publish", body | {"dry_run": True, "definition": document})
        if preview is None:
            return EXIT_REFUSED
        self.print_plan(preview)
        if options.dry_run:
            return EXIT_OK
        if preview["destructive"] and not options.yes:
            question = self._text(
                "Some steps archive data (kept, recoverable). Publish?",
                "部分步骤会归档数据（数据会保留，可恢复）。确认发布？",
            )
            if not self.confirm(question):
                click.echo(
                    self._text("not published: run again with --yes to archive", "未发布：加 --yes 确认归档"), err=True
                )
                return EXIT_REFUSED
        if preview["revision"] is None:  # a new app: its draft is this definition
            created = self.post("/api/apps", document)
            if created is None:
                return EXIT_REFUSED
            body |= {"revision": created["draft_revision"]}
        else:  # what was previewed, refused if someone changed the draft meanwhile
            body |= {"definition": document, "revision": preview["revision"]}
        outcome = self.post(f"/api/apps/{app_id}/publish", body | {"confirm": True})
        if outcome is None:
            return EXIT_REFUSED
        if outcome.get("review"):
            review = outcome["review"]["id"]
            click.echo(
                self._text(
                    f"{outcome['app']} needs IT review: submitted as review request {review}; nothing is live yet",
                    f"{outcome['app']} 需要 IT 审核：已提交审核请求 {review}，尚未上线",
                )
            )
            return EXIT_OK
        click.echo(
            self._text(
                f"published {outcome['app']} version {outcome['version']}",
                f"已发布 {outcome['app']} 版本 {outcome['version']}",
            )
        )
        return EXIT_OK

    def post(self, url: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """The service's answer, or None when it refused (its error is printed)."""
        response = self.client.post(url, json=body)
        return response.get_json() if self._ok(response) else None

    def _ok(self, response) -> bool:
        """Whether the service answered with success; otherwise print its error and problems."""
        if response.status_code < 300:
            return True
        error = response.get_json()["error"]
        click.echo(f"{error['code']}: {error['message']}", err=True)
        for problem in error["problems"]:
            echo_problems([_problem(problem)], self.lang, err=True)
            for example in problem.get("details", {}).get("examples", []):
                click.echo(f"    {json.dumps(example, ensure_ascii=False)}", err=True)
        return False

    def print_plan(self, preview: dict[str, Any]) -> None:
        """The migration plan of a preview, one line per step."""
        steps = preview["plan"]
        click.echo(
            self._text(
                f"plan for {preview['app']} version {preview['version']}: {len(steps)} step(s)",
                f"{preview['app']} 版本 {preview['version']} 的迁移计划：{len(steps)} 步",
            )
        )
        for step in steps:
            target = step["entity"] + (f".{step['field']}" if step.get("field") else "")
            source = step.get("from_entity", "") + ("." + step["from_field"] if step.get("from_field") else "")
            line = f"  {step['kind']:<17} {target}" + (f" (from {source.lstrip('.')})" if source else "")
            line += f"  rows={step['rows']}"
            if "failures" in step:
                line += f" failures={step['failures']}"
            if step["destructive"]:
                line += "  [archives data]"
            click.echo(line)

    def _text(self, english: str, chinese: str) -> str:
        return chinese if self.lang == "zh" else english


def _problem(data: Mapping[str, Any]) -> Problem:
    """A problem of the service's JSON error body."""
    return Problem(
        path=data["path"],
        code=data["code"],
        severity=Severity(data["severity"]),
        message_en=data["message"]["en"],
        message_zh=data["message"]["zh"],
        details=data.get("details", {}),
    )
