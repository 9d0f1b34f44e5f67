"""Install a template as a live app: publish its definition, grant its demo roles, fill its sample data."""

# The app is created and published through the publisher (as `dabble import` does) in one transaction,
# before any role is granted, so that the publish sees no user of the app yet (a publish checked
# against the org chart warns about app users who have no supervisor). The demo users then get
# the template's roles (each grant is an org change of its own), and the sample records are created
# in a second transaction through the records service, each as its owner with the owner's own
# permissions: validated by the entity's validator, refs checked, computed fields filled, audited.
# The write listeners (rules, workflows) are not called: sample data is the state after the rules ran.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from builder.service import store
from builder.service.errors import ApiError
from builder.service.publishing import PublishRequest
from runtime.database import lock_app, refresh_statistics, transaction
from runtime.identity import org_admin
from runtime.identity.demo_org import demo_org_present
from runtime.identity.org_chart import OrgChart
from runtime.live_apps import LiveApp, build_live_app
from runtime.publisher import RuntimePublisher
from runtime.records.access import RecordAccess
from runtime.records.service import Records
from templates_library import SampleData, SampleRef, Template, TemplateIndex, TemplateNotFound, library


@dataclass(frozen=True, slots=True)
class InstallOutcome:
    """What installing a template made: the app, its version, the roles granted, the records created per entity."""

    template_id: str
    app_id: str
    version: int
    grants: tuple[tuple[str, str], ...]  # (user, role) pairs the app's demo users hold
    records: dict[str, int] = field(default_factory=dict)
    warnings: tuple[dict[str, Any], ...] = ()  # the publish's validator warnings (none for the library's templates)

    @property
    def record_count(self) -> int:
        """How many sample records were created."""
        return sum(self.records.values())


class TemplateInstaller:
    """Installs the templates of a library into one instance's database."""

    def __init__(self, engine: Engine, index: TemplateIndex | None = None) -> None:
        self.engine = engine
        self.index = index or library()

    def install(
        self,
        template_id: str,
        *,
        app_id: str | None = None,
        sample_data: bool = False,
        actor: str = "cli",
        now: datetime | None = None,
    ) -> InstallOutcome:
        """Publish a template as a new app (id: `app_id` or the template's), with its sample data if asked.

        Demo users get the template's roles when the demo org is present; sample data needs it (its
        records are owned by demo users). Raise ApiError: 404 unknown template, 409 app exists or no demo org.
        """
        template = self.template(template_id)
        app_id = app_id or template.id
        with_demo = demo_org_present(self.engine)
        if sample_data and not with_demo:
            raise ApiError(
                409,
                "template.demo_org_missing",
                "Sample data belongs to the demo users, and this instance has none (dabble serve --demo seeds them "
                "into an empty instance). / "
                "示例数据属于演示用户，本实例没有演示组织（可用 dabble serve --demo 在空实例中创建）。",
            )
        data = template.sample_data(now or datetime.now(UTC)) if sample_data else None  # spec mistakes: before writing
        self._refuse_existing(app_id)
        version, warnings = self._publish(template, app_id, actor)
        grants = tuple(template.demo_grants()) if with_demo else ()
        for user, role in grants:
            org_admin.grant_role(self.engine, user, app_id, role, actor=actor)
        counts = self._fill(app_id, template, data) if data is not None else {}
        return InstallOutcome(template.id, app_id, version, grants, counts, warnings)

    def _publish(self, template: Template, app_id: str, actor: str) -> tuple[int, tuple[dict[str, Any], ...]]:
        """Create the app with the template's definition as its draft and publish it: its version and warnings."""
        document = {**template.definition, "id": app_id}
        with transaction(self.engine, write=True) as connection:
            lock_app(connection, app_id, exclusive=True)
            store.create_app(Session(bind=connection), document, actor)
            message = f"From template {template.id}. / 由模板 {template.id} 创建。"
            request = PublishRequest(app_id=app_id, actor=actor, message=message, confirm=True)
            outcome = RuntimePublisher(self.engine).publish_in(connection, request)
        return outcome["version"], tuple(outcome["warnings"])

    def _fill(self, app_id: str, template: Template, data: SampleData) -> dict[str, int]:
        """Create the sample records in the live version, all in one transaction."""
        with transaction(self.engine, write=True) as connection:
            lock_app(connection, app_id, exclusive=False)  # like any record write: a publish waits
            app = store.get_app(Session(bind=connection), app_id)
            live = build_live_app(app_id, app.number, app.current_version, template.model)
            counts = SampleLoader(connection, live).load(data)
            refresh_statistics(connection, [entity.storage.table.name for entity in live.entities.values()])
            return counts

    def install_missing(self, *, now: datetime | None = None) -> list[InstallOutcome]:
        """Install, with sample data, every template whose app does not exist yet (a second run installs nothing)."""
        return [
            self.install(template.id, sample_data=True, now=now)
            for template in self.index.templates
            if not self._exists(template.id)
        ]

    def template(self, template_id: str) -> Template:
        """A template by id; 404 template.not_found when the library has none."""
        try:
            return self.index.get(template_id)
        except TemplateNotFound:
            raise template_not_found(template_id) from None

    def _exists(self, app_id: str) -> bool:
        with Session(self.engine) as session:
            return store.find_app(session, app_id) is not None

    def _refuse_existing(self, app_id: str) -> None:
        if self._exists(app_id):
            raise ApiError(
                409,
                "app.exists",
                f"An app with id '{app_id}' already exists; choose another id with --app. / "
                f"应用“{app_id}”已存在，请用 --app 指定其他标识。",
            )


class SampleLoader:
    """Creates sample records through the records service, each as its owner, parents before children."""

    def __init__(self, connection: Connection, live: LiveApp) -> None:
        self.connection = connection
        self.live = live
        self.chart = OrgChart.load(connection)
        self._records: dict[tuple[str, str], Records] = {}

    def load(self, data: SampleData) -> dict[str, int]:
        """Create every record; the number created per entity."""
        ids: dict[SampleRef, int] = {}
        for entity_id, records in data.entities:
            for record in records:
                created = self._as_owner(entity_id, record.owner).create(record.body(ids.__getitem__))
                ids[SampleRef(entity_id, record.position)] = created["id"]
        return data.counts()

    def _as_owner(self, entity_id: str, owner: str) -> Records:
        records = self._records.get((entity_id, owner))
        if records is None:
            actor = self.chart.actor(owner)
            if actor is None:
                raise ApiError(
                    409,
                    "template.unknown_owner",
                    f"Sample data names user '{owner}', who is not active. / 示例数据中的用户“{owner}”不存在或已停用。",
                )
            access = RecordAccess(actor, self.live, self.connection.dialect.name)
            records = Records(self.connection, self.live, self.live.entity(entity_id), access)
            self._records[(entity_id, owner)] = records
        return records


def template_not_found(template_id: str) -> ApiError:
    """The 404 of a template id the library does not have."""
    return ApiError(404, "template.not_found", f"There is no template '{template_id}'. / 模板“{template_id}”不存在。")


def install_demo_templates(engine: Engine, *, echo: Callable[..., Any]) -> list[InstallOutcome]:
    """`dabble serve --demo`: install every template missing from a demo instance, with sample data."""
    if not demo_org_present(engine):
        echo("No demo org: template apps not installed. / 没有演示组织，未安装模板应用。")
        return []
    outcomes = TemplateInstaller(engine).install_missing()
    if outcomes:
        echo(_installed_line(outcomes))
    return outcomes


def _installed_line(outcomes: list[InstallOutcome]) -> str:
    records = sum(outcome.record_count for outcome in outcomes)
    names = ", ".join(outcome.app_id for outcome in outcomes)
    return (
        f"Installed {len(outcomes)} template app(s) with {records} sample record(s): {names} / "
        f"已安装 {len(outcomes)} 个模板应用，示例记录 {records} 条"
    )
