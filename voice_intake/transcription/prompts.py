"""Initial prompts that steer whisper towards sales vocabulary (and simplified Chinese) in each language."""

from __future__ import annotations

# Short sentences in the style of a request work better than word lists: a list makes small models
# drop timestamps and skip speech. The Chinese one also steers whisper towards simplified characters.
SALES_PROMPTS = {
    "zh": "每个合同有客户、金额和阶段。5万以下自动签署，5万到50万直属经理审批。按阶段看板展示，提醒负责人跟进。",
    "en": (
        "Each lead has an owner and a status. Deals over 50,000 need the manager's approval. "
        "Show a kanban board and a chart of amount by stage."
    ),
}


def initial_prompt(language: str) -> str:
    """The sales-vocabulary prompt for a language ("zh" or "en")."""
    return SALES_PROMPTS[language]
