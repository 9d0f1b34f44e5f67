"""HTTP routes of the views of published apps: /api/apps/<app>/views[/<view>[/<record id>|/widgets/<widget>]]."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, jsonify, request

from builder.model.views import AnyView, CalendarView, DashboardView, DetailView, KanbanView, TableView
from builder.service.errors import ApiError
from runtime.dashboards.widgets import dashboard_json, widget_json
from runtime.identity.authentication import request_chart
from runtime.live_apps import LiveApp
from runtime.records.api import RECORD_ID
from runtime.records.queries import parameter_problem
from runtime.records.session import app_session
from runtime.views.arguments import checked, invalid_query
from runtime.views.calendar import calendar_json
from runtime.views.detail import detail_header_json, detail_json
from runtime.views.export import export_view
from runtime.views.forms import LANGUAGES, form_json
from runtime.views.kanban import kanban_json
from runtime.views.navigation import navigation_json
from runtime.views.table import table_json

blueprint = Blueprint("views", __name__)


@blueprint.get("/api/apps/<app_id>/views")
def list_views(app_id: str):
    """The app, the views the user may open, and what they may do with each entity."""
    checked(request.args.to_dict(flat=False), frozenset())
    with app_session(app_id) as session:
        return jsonify(navigation_json(session))


@blueprint.get("/api/apps/<app_id>/views/<view_id>")
def show_view(app_id: str, view_id: str):
    """What the view shows: a table page, kanban lanes, calendar events, a dashboard's widgets, a detail's layout."""
    arguments = request.args.to_dict(flat=False)
    with app_session(app_id) as session:
        view = view_of(session.live, view_id)
        if isinstance(view, TableView):
            return jsonify(table_json(session, view, arguments))
        if isinstance(view, KanbanView):
            return jsonify(kanban_json(session, view, arguments))
        if isinstance(view, CalendarView):
            return jsonify(calendar_json(session, view, arguments))
        if isinstance(view, DashboardView):
            return jsonify(dashboard_json(session, view, request_chart()))
        session.records(view.entity).require("read")
        return jsonify({"view": detail_header_json(session, view)})


@blueprint.get(f"/api/apps/<app_id>/views/<view_id>/{RECORD_ID}")
def show_record(app_id: str, view_id: str, record_id: int):
    """A detail view of one record: its fields, related records and timeline."""
    with app_session(app_id) as session:
        view = view_of(session.live, view_id, DetailView)
        return jsonify(detail_json(session, view, record_id))


@blueprint.get("/api/apps/<app_id>/views/<view_id>/widgets/<widget_id>")
def show_widget(app_id: str, view_id: str, widget_id: str):
    """One widget of a dashboard, to refresh it alone."""
    with app_session(app_id) as session:
        view = view_of(session.live, view_id, DashboardView)
        widget = next((widget for widget in view.widgets if widget.id == widget_id), None)
        if widget is None:
            raise ApiError(
                404,
                "widget.not_found",
                f"Dashboard '{view_id}' has no widget '{widget_id}'. / 仪表盘中没有组件“{widget_id}”。",
            )
        return jsonify(widget_json(session, widget, request_chart(), datetime.now(UTC)))


@blueprint.get("/api/apps/<app_id>/views/<view_id>/export")
def export(app_id: str, view_id: str):
    """A table view's rows as a file: ?format=csv|xlsx, lang=zh|en, the table's sort, q, filter, saved, and view_as
    (a download link cannot send the X-View-As header)."""
    arguments = request.args.to_dict(flat=False)
    max_rows = int(current_app.config["DABBLE_EXPORT_MAX_ROWS"])
    with app_session(app_id, view_as=request.args.get("view_as")) as session:
        view = view_of(session.live, view_id, TableView)
        exported = export_view(session, view, arguments, request_chart(), max_rows)
    response = Response(exported.content, mimetype=exported.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@blueprint.get("/api/apps/<app_id>/forms/<entity_id>")
def show_form(app_id: str, entity_id: str):
    """The record form of an entity: ?lang=zh|en (default: the app's language), ?form=<form id>."""
    arguments = checked(request.args.to_dict(flat=False), frozenset({"lang", "form"}))
    with app_session(app_id) as session:
        language = arguments.get("lang", [session.live.model.default_language])[-1]
        if language not in LANGUAGES:
            raise invalid_query([parameter_problem("lang", ("zh or en", "zh 或 en"))])
        form_id = arguments.get("form", [None])[-1]
        if form_id is not None and not any(form.id == form_id for form in session.live.model.forms):
            raise ApiError(
                404, "form.not_found", f"App '{app_id}' has no form '{form_id}'. / 应用中没有表单“{form_id}”。"
            )
        return jsonify(form_json(session, entity_id, form_id, language))


def view_of(live: LiveApp, view_id: str, kind: type | None = None) -> AnyView:
    """A view of the live version (of the kind asked for); 404 otherwise."""
    view = live.model.view(view_id)
    if view is None or (kind is not None and not isinstance(view, kind)):
        raise ApiError(
            404, "view.not_found", f"App '{live.app_id}' has no such view '{view_id}'. / 应用中没有视图“{view_id}”。"
        )
    return view


def init_app(app) -> None:
    """Register the view routes."""
    app.register_blueprint(blueprint)
