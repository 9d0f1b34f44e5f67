"""The benchmarked app: deals of a sales team, and a dashboard of four widgets over them."""

from __future__ import annotations

from typing import Any

APP_ID = "bench_sales"
ENTITY_ID = "deal"
DASHBOARD_ID = "board"
STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
WON = {"combinator": "and", "rules": [{"field": "stage", "operator": "=", "value": "won"}]}

DEFINITION: dict[str, Any] = {
    "format_version": 1,
    "id": APP_ID,
    "label": {"zh": "销售看板基准", "en": "Sales dashboard benchmark"},
    "timezone": "Asia/Shanghai",
    "roles": [
        {"id": "rep", "label": {"zh": "销售", "en": "Rep"}},
        {"id": "manager", "label": {"zh": "经理", "en": "Manager"}},
        {"id": "director", "label": {"zh": "总监", "en": "Director"}},
    ],
    "entities": [
        {
            "id": ENTITY_ID,
            "label": {"zh": "商机", "en": "Deal"},
            "title_field": "name",
            "fields": [
                {"id": "name", "type": "text", "label": {"zh": "名称", "en": "Name"}, "required": True},
                {"id": "amount", "type": "money", "currency": "CNY", "label": {"zh": "金额", "en": "Amount"}, "min": 0},
                {
                    "id": "stage",
                    "type": "choice",
                    "label": {"zh": "阶段", "en": "Stage"},
                    "options": [{"id": stage, "label": stage} for stage in STAGES],
                },
                {"id": "sign_date", "type": "date", "label": {"zh": "签约日期", "en": "Signing date"}},
            ],
        }
    ],
    "views": [
        {
            "id": DASHBOARD_ID,
            "kind": "dashboard",
            "label": {"zh": "销售看板", "en": "Sales board"},
            "widgets": [
                {
                    "id": "won_month",
                    "kind": "kpi",
                    "label": {"zh": "本月赢单", "en": "Won this month"},
                    "entity": ENTITY_ID,
                    "aggregate": {"function": "sum", "field": "amount"},
                    "filter": WON,
                    "compare": {"date_field": "sign_date", "period": "month"},
                    "target": 50000000,
                },
                {
                    "id": "by_rep",
                    "kind": "bar",
                    "label": {"zh": "销售额排行", "en": "Amount by rep"},
                    "entity": ENTITY_ID,
                    "aggregate": {"function": "sum", "field": "amount"},
                    "group_by": {"field": "owner"},
                },
                {
                    "id": "monthly",
                    "kind": "line",
                    "label": {"zh": "月度金额", "en": "Monthly amount"},
                    "entity": ENTITY_ID,
                    "aggregate": {"function": "sum", "field": "amount"},
                    "group_by": {"field": "sign_date", "bucket": "month"},
                },
                {
                    "id": "funnel",
                    "kind": "funnel",
                    "label": {"zh": "阶段漏斗", "en": "Stage funnel"},
                    "entity": ENTITY_ID,
                    "aggregate": {"function": "count"},
                    "group_by": {"field": "stage"},
                },
            ],
        }
    ],
    "permissions": [
        {"role": "rep", "entity": ENTITY_ID, "read": "own", "create": "own", "update": "own"},
        {"role": "manager", "entity": ENTITY_ID, "read": "team", "create": "own"},
        {"role": "director", "entity": ENTITY_ID, "read": "all", "create": "own"},
    ],
}
