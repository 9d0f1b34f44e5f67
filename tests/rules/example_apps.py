"""The three example rules of issue 6 as small apps: leads (72 h / 96 h), customers (longer purchase cycle),
stock (less than two weeks of sales)."""

from __future__ import annotations

from typing import Any

PERMISSIONS_BY_OWNER = [
    {"role": "rep", "read": "own", "create": "own", "update": "own"},
    {"role": "manager", "read": "team", "create": "team", "update": "team"},
]


def _permissions(*entities: str) -> list[dict[str, Any]]:
    return [{**grant, "entity": entity} for entity in entities for grant in PERMISSIONS_BY_OWNER]


def _app(app_id: str, label: dict[str, str], entities: list, rules: list, **extra: Any) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": app_id,
        "label": label,
        "timezone": "Asia/Shanghai",
        "roles": [{"id": "rep", "label": "Rep"}, {"id": "manager", "label": "Manager"}],
        "entities": entities,
        "rules": rules,
        "permissions": _permissions(*(entity["id"] for entity in entities)),
        **extra,
    }


def condition(*rules: dict[str, Any]) -> dict[str, Any]:
    """An 'and' group."""
    return {"combinator": "and", "rules": list(rules)}


def leads_app() -> dict[str, Any]:
    """If a high-intent lead is not followed up within 72 hours remind the rep; after 96 hours their supervisor."""
    not_followed_up = condition({"definition": "high_intent_lead"}, {"field": "followed_up_at", "operator": "null"})
    lead = {
        "id": "lead",
        "label": {"zh": "线索", "en": "Lead"},
        "title_field": "name",
        "fields": [
            {"id": "name", "type": "text", "label": "Name", "required": True},
            {
                "id": "intent",
                "type": "choice",
                "label": {"zh": "意向", "en": "Intent"},
                "options": [
                    {"id": "high", "label": {"zh": "高", "en": "High"}},
                    {"id": "low", "label": {"zh": "低", "en": "Low"}},
                ],
            },
            {"id": "followed_up_at", "type": "datetime", "label": "Followed up at"},
            {"id": "budget_note", "type": "text", "label": "Budget note", "visibility": "owner"},
        ],
    }
    rules = [
        {
            "id": "remind_rep",
            "label": {"zh": "72小时未跟进提醒销售", "en": "Remind the rep after 72 hours"},
            "entity": "lead",
            "trigger": {"kind": "time_elapsed", "field": "created_at", "after": {"amount": 72, "unit": "hours"}},
            "condition": not_followed_up,
            "actions": [
                {
                    "kind": "alert",
                    "to": [{"kind": "owner"}],
                    "severity": "warning",
                    "message": {
                        "zh": "高意向线索{name}已超过72小时未跟进（预算：{budget_note}）",
                        "en": "High-intent lead {name} has waited 72 hours (budget: {budget_note})",
                    },
                }
            ],
        },
        {
            "id": "tell_supervisor",
            "label": {"zh": "96小时未跟进提醒上级", "en": "Tell the supervisor after 96 hours"},
            "entity": "lead",
            "trigger": {"kind": "time_elapsed", "field": "created_at", "after": {"amount": 96, "unit": "hours"}},
            "condition": not_followed_up,
            "actions": [
                {
                    "kind": "alert",
                    "to": [{"kind": "supervisor"}],
                    "severity": "critical",
                    "message": {
                        "zh": "{owner}的高意向线索{name}已超过96小时未跟进（预算：{budget_note}）",
                        "en": "{owner}'s high-intent lead {name} has waited 96 hours (budget: {budget_note})",
                    },
                }
            ],
        },
    ]
    definitions = [
        {
            "id": "high_intent_lead",
            "label": {"zh": "高意向线索", "en": "High-intent lead"},
            "entity": "lead",
            "condition": condition({"field": "intent", "operator": "=", "value": "high"}),
        }
    ]
    return _app("leads", {"zh": "线索跟进", "en": "Lead follow-up"}, [lead], rules, definitions=definitions)


def customers_app() -> dict[str, Any]:
    """When a customer's purchase cycle is 15% longer than last time and they ask about the same product line,
    suggest longer payment terms plus free on-site training."""
    customer = {
        "id": "customer",
        "label": {"zh": "客户", "en": "Customer"},
        "title_field": "name",
        "fields": [
            {"id": "name", "type": "text", "label": "Name", "required": True},
            {
                "id": "same_line_inquiry",
                "type": "boolean",
                "label": {"zh": "询价产品与上次同类", "en": "Asks about the same line"},
                "default": False,
            },
            {"id": "needs_care", "type": "boolean", "label": "Needs care", "default": False, "read_only": True},
        ],
    }
    order = {
        "id": "purchase",
        "label": {"zh": "订单", "en": "Order"},
        "title_field": "title",
        "fields": [
            {"id": "title", "type": "text", "label": "Title", "required": True},
            {"id": "customer", "type": "ref", "entity": "customer", "label": "Customer", "required": True},
            {"id": "ordered_on", "type": "date", "label": "Ordered on"},
            {"id": "amount", "type": "money", "currency": "CNY", "label": "Amount"},
        ],
    }
    rule = {
        "id": "longer_cycle",
        "label": {"zh": "采购周期变长建议", "en": "Longer purchase cycle play"},
        "entity": "customer",
        "trigger": {
            "kind": "aggregate",
            "source": {"entity": "purchase", "via": "customer", "date_field": "ordered_on"},
            "measure": {"function": "interval"},
            "window": {"amount": 365, "unit": "days"},
            "compare": {"with": "previous_interval", "operator": ">=", "value": 15, "unit": "percent"},
        },
        "condition": condition({"field": "same_line_inquiry", "operator": "=", "value": True}),
        "actions": [
            {
                "kind": "suggest",
                "title": {"zh": "推荐策略", "en": "Recommended play"},
                "message": {
                    "zh": "{name}的采购周期比上次长15%以上：建议延长账期并提供免费上门培训",
                    "en": "{name} buys 15% more slowly than before: "
                    "offer longer payment terms and free on-site training",
                },
            },
            {"kind": "set_field", "field": "needs_care", "value": True},
            {
                "kind": "alert",
                "to": [{"kind": "owner"}],
                "message": "Recommended play for {name}: longer terms + training",
            },
        ],
    }
    return _app("customers", {"zh": "客户经营", "en": "Customer care"}, [customer, order], [rule])


def stock_app() -> dict[str, Any]:
    """When stock covers less than two weeks of sales, alert the account manager."""
    item = {
        "id": "stock_item",
        "label": {"zh": "经销商库存", "en": "Dealer stock"},
        "title_field": "product",
        "fields": [
            {"id": "product", "type": "text", "label": "Product", "required": True},
            {"id": "on_hand", "type": "integer", "label": {"zh": "库存", "en": "On hand"}, "min": 0},
            {"id": "weekly_sales", "type": "number", "label": {"zh": "周销量", "en": "Weekly sales"}},
            {
                "id": "weeks_of_cover",
                "type": "computed",
                "label": "Weeks of cover",
                "formula": "on_hand / weekly_sales",
                "scale": 1,
            },
            {"id": "account_manager", "type": "user", "label": {"zh": "客户经理", "en": "Account manager"}},
            {"id": "note", "type": "text", "label": "Note"},
        ],
    }
    rule = {
        "id": "low_cover",
        "label": {"zh": "库存不足两周预警", "en": "Less than two weeks of stock"},
        "entity": "stock_item",
        "trigger": {"kind": "record_updated"},
        "condition": condition({"field": "weeks_of_cover", "operator": "<", "value": 2}),
        "actions": [
            {
                "kind": "alert",
                "to": [{"kind": "field", "field": "account_manager"}],
                "severity": "warning",
                "message": {
                    "zh": "{product} 库存仅够 {weeks_of_cover} 周销售（库存 {on_hand}）",
                    "en": "{product}: stock covers {weeks_of_cover} weeks of sales ({on_hand} on hand)",
                },
            }
        ],
    }
    return _app("stock", {"zh": "库存健康", "en": "Stock health"}, [item], [rule])
