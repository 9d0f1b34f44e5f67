"""The benchmark's entity as a Dabble app definition: one sales deal with five fields.

The hand-written apps (handwritten_sqlmodel.py, raw_sqlite.py) implement exactly these rules:
name text required (1–200 characters), amount money required ≥ 0 with at most 2 decimals,
stage one of open/won/lost (required), quantity optional integer ≥ 1, closes_on optional date.
"""

from __future__ import annotations

APP_ID = "bench_deals"
ENTITY_ID = "deal"
STAGES = ("open", "won", "lost")

DEFINITION: dict = {
    "format_version": 1,
    "id": APP_ID,
    "label": {"zh": "商机基准", "en": "Deals benchmark"},
    "entities": [
        {
            "id": ENTITY_ID,
            "label": {"zh": "商机", "en": "Deal"},
            "title_field": "name",
            "fields": [
                {
                    "id": "name",
                    "type": "text",
                    "label": {"zh": "名称", "en": "Name"},
                    "required": True,
                    "max_length": 200,
                },
                {
                    "id": "amount",
                    "type": "money",
                    "currency": "CNY",
                    "label": {"zh": "金额", "en": "Amount"},
                    "required": True,
                    "min": 0,
                },
                {
                    "id": "stage",
                    "type": "choice",
                    "label": {"zh": "阶段", "en": "Stage"},
                    "required": True,
                    "options": [
                        {"id": "open", "label": {"zh": "进行中", "en": "Open"}},
                        {"id": "won", "label": {"zh": "赢单", "en": "Won"}},
                        {"id": "lost", "label": {"zh": "输单", "en": "Lost"}},
                    ],
                },
                {"id": "quantity", "type": "integer", "label": {"zh": "数量", "en": "Quantity"}, "min": 1},
                {"id": "closes_on", "type": "date", "label": {"zh": "预计成交日", "en": "Closes on"}},
            ],
        }
    ],
}
