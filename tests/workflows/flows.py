"""The flows of the workflow tests: contract sign-off by amount, discount approval, a countersign; the demo org."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from runtime.identity import org_admin
from runtime.identity.demo_org import DEMO_DEPARTMENTS, DEMO_GROUP, DEMO_USERS

REPS = ("chen.jie", "liu.yang", "zhao.lei", "sun.li")
MANAGERS = ("li.na", "wang.fang")


def seed_demo_people(engine: Engine, app_id: str, roles: dict[str, tuple[str, ...]]) -> None:
    """The demo org (without passwords: tests sign in with tokens; `admin` exists already), with app roles."""
    for key, label in DEMO_DEPARTMENTS.items():
        org_admin.create_department(engine, key, label)
    for user in DEMO_USERS:
        if user.username == "admin":
            continue
        org_admin.create_user(
            engine,
            user.username,
            display_name=user.display_name,
            department=user.department,
            supervisor=user.supervisor,
            is_admin=user.is_admin,
            is_reviewer=user.is_reviewer,
        )
    key, label, leader, members = DEMO_GROUP
    org_admin.create_group(engine, key, label, leader=leader, members=members)
    for role, users in roles.items():
        for username in users:
            org_admin.grant_role(engine, username, app_id, role)


def _money(field_id: str, label: str) -> dict[str, Any]:
    return {"id": field_id, "type": "money", "currency": "CNY", "label": label, "min": 0}


def _amount(operator: str, value: Any, field: str = "amount") -> dict[str, Any]:
    return {"field": field, "operator": operator, "value": value}


def _when(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"combinator": "and", "rules": list(rules)}


def _edge(edge_id: str, source: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"id": edge_id, "from": source, "to": target, **extra}


PERMISSIONS = [
    {"role": "rep", "read": "own", "create": "own", "update": "own"},
    {"role": "manager", "read": "team", "update": "team"},
    {"role": "director", "read": "all", "create": "own", "update": "all"},
]


def contract_app() -> dict[str, Any]:
    """Under 50,000 the group signs; 50,000–500,000 the direct manager; above, the manager then the director."""
    return {
        "format_version": 1,
        "id": "contracts",
        "label": {"zh": "合同审批", "en": "Contract approval"},
        "roles": [{"id": role, "label": role} for role in ("rep", "manager", "director")],
        "entities": [
            {
                "id": "contract",
                "label": {"zh": "合同", "en": "Contract"},
                "title_field": "title",
                "fields": [
                    {"id": "title", "type": "text", "label": "Title", "required": True},
                    _money("amount", "Amount") | {"required": True},
                    {
                        "id": "stage",
                        "type": "choice",
                        "label": "Stage",
                        "options": [{"id": "draft", "label": "Draft"}, {"id": "signed", "label": "Signed"}],
                        "default": "draft",
                    },
                ],
            }
        ],
        "permissions": [grant | {"entity": "contract"} for grant in PERMISSIONS],
        "workflows": [
            {
                "id": "signoff",
                "label": {"zh": "合同审批", "en": "Contract sign-off"},
                "entity": "contract",
                "nodes": [
                    {"id": "start", "kind": "start"},
                    {"id": "route", "kind": "branch"},
                    {"id": "group_sign", "kind": "auto_approve"},
                    {"id": "manager_review", "kind": "approval", "approvers": [{"kind": "supervisor"}]},
                    {"id": "manager_first", "kind": "approval", "approvers": [{"kind": "supervisor"}]},
                    {"id": "director_review", "kind": "approval", "approvers": [{"kind": "role", "role": "director"}]},
                    {"id": "mark_signed", "kind": "set_field", "field": "stage", "value": "signed"},
                    {
                        "id": "tell_rep",
                        "kind": "notify",
                        "to": [{"kind": "submitter"}],
                        "message": {"zh": "合同《{title}》已审批通过", "en": "Contract {title} was approved"},
                    },
                    {"id": "approved", "kind": "end", "outcome": "approved"},
                    {"id": "revise", "kind": "revise"},
                ],
                "edges": [
                    _edge("submitted", "start", "route"),
                    _edge("small", "route", "group_sign", condition=_when(_amount("<", 50000))),
                    _edge(
                        "medium",
                        "route",
                        "manager_review",
                        condition=_when(_amount(">=", 50000), _amount("<=", 500000)),
                    ),
                    _edge("large", "route", "manager_first", condition=_when(_amount(">", 500000))),
                    _edge("signed_small", "group_sign", "mark_signed"),
                    _edge("manager_ok", "manager_review", "mark_signed", outcome="approve"),
                    _edge("manager_no", "manager_review", "revise", outcome="reject"),
                    _edge("first_ok", "manager_first", "director_review", outcome="approve"),
                    _edge("first_no", "manager_first", "revise", outcome="reject"),
                    _edge("director_ok", "director_review", "mark_signed", outcome="approve"),
                    _edge("director_no", "director_review", "revise", outcome="reject"),
                    _edge("signed", "mark_signed", "tell_rep"),
                    _edge("done", "tell_rep", "approved"),
                    _edge("again", "revise", "route"),
                ],
            }
        ],
    }


def discount_app() -> dict[str, Any]:
    """Discounts up to 10% approve themselves, 10–25% the manager, above 25% the manager then the VP."""
    return {
        "format_version": 1,
        "id": "discounts",
        "label": {"zh": "折扣审批", "en": "Discount approval"},
        "roles": [{"id": role, "label": role} for role in ("rep", "manager", "director", "vp")],
        "entities": [
            {
                "id": "quote",
                "label": "Quote",
                "title_field": "customer",
                "fields": [
                    {"id": "customer", "type": "text", "label": "Customer", "required": True},
                    {"id": "discount", "type": "percent", "label": "Discount", "required": True, "min": 0, "max": 100},
                    {"id": "cleared", "type": "boolean", "label": "Cleared", "visibility": "owner"},
                ],
            }
        ],
        "permissions": [grant | {"entity": "quote"} for grant in PERMISSIONS],
        "workflows": [
            {
                "id": "discount_approval",
                "label": "Discount approval",
                "entity": "quote",
                "nodes": [
                    {"id": "start", "kind": "start"},
                    {"id": "route", "kind": "branch"},
                    {"id": "auto", "kind": "auto_approve"},
                    {"id": "manager", "kind": "approval", "approvers": [{"kind": "supervisor"}]},
                    {"id": "manager_first", "kind": "approval", "approvers": [{"kind": "supervisor"}]},
                    {"id": "vp", "kind": "approval", "approvers": [{"kind": "role", "role": "vp"}]},
                    {"id": "clear", "kind": "set_field", "field": "cleared", "value": True},
                    {"id": "approved", "kind": "end", "outcome": "approved"},
                    {"id": "revise", "kind": "revise"},
                ],
                "edges": [
                    _edge("submitted", "start", "route"),
                    _edge("small", "route", "auto", condition=_when(_amount("<=", 10, "discount"))),
                    _edge(
                        "medium",
                        "route",
                        "manager",
                        condition=_when(_amount(">", 10, "discount"), _amount("<=", 25, "discount")),
                    ),
                    _edge("large", "route", "manager_first", condition=_when(_amount(">", 25, "discount"))),
                    _edge("auto_ok", "auto", "clear"),
                    _edge("manager_ok", "manager", "clear", outcome="approve"),
                    _edge("manager_no", "manager", "revise", outcome="reject"),
                    _edge("first_ok", "manager_first", "vp", outcome="approve"),
                    _edge("first_no", "manager_first", "revise", outcome="reject"),
                    _edge("vp_ok", "vp", "clear", outcome="approve"),
                    _edge("vp_no", "vp", "revise", outcome="reject"),
                    _edge("cleared", "clear", "approved"),
                    _edge("again", "revise", "route"),
                ],
            }
        ],
    }


def countersign_app() -> dict[str, Any]:
    """An expert intervention every member of the customer-success group must approve (会签)."""
    return {
        "format_version": 1,
        "id": "interventions",
        "label": "HQ expert intervention",
        "roles": [{"id": role, "label": role} for role in ("rep", "manager", "director")],
        "entities": [
            {
                "id": "intervention",
                "label": "Intervention",
                "title_field": "customer",
                "fields": [{"id": "customer", "type": "text", "label": "Customer", "required": True}],
            }
        ],
        "permissions": [grant | {"entity": "intervention"} for grant in PERMISSIONS],
        "workflows": [
            {
                "id": "countersign",
                "label": "Countersign",
                "entity": "intervention",
                "nodes": [
                    {"id": "start", "kind": "start"},
                    {
                        "id": "squad",
                        "kind": "approval",
                        "policy": "all",
                        "approvers": [{"kind": "group_members", "group": "customer_success"}],
                    },
                    {"id": "approved", "kind": "end", "outcome": "approved"},
                    {"id": "rejected", "kind": "end", "outcome": "rejected"},
                ],
                "edges": [
                    _edge("submitted", "start", "squad"),
                    _edge("ok", "squad", "approved", outcome="approve"),
                    _edge("refused", "squad", "rejected", outcome="reject"),
                ],
            }
        ],
    }
