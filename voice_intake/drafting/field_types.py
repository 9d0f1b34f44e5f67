"""A field's type from its name and what is said of it: 电话 → phone, 金额 → money, 是否… → boolean."""

from __future__ import annotations

import re

from builder.model.fields import FieldType

# Chinese names are judged by how they end (签约日期 is a date, 毛利说明 a text), then by what they hold.
_ZH_ENDINGS: tuple[tuple[FieldType, tuple[str, ...]], ...] = (
    (FieldType.LONGTEXT, ("备注", "说明", "描述", "详情", "内容", "纪要", "总结", "意见")),
    (FieldType.PHONE, ("电话", "手机", "手机号", "手机号码", "电话号码", "联系方式", "座机")),
    (FieldType.EMAIL, ("邮箱", "邮件", "电子邮件", "邮箱地址")),
    (FieldType.URL, ("网址", "网站", "官网", "链接")),
    (FieldType.RATING, ("满意度", "评分", "星级", "评级")),
    (FieldType.PERCENT, ("率", "比例", "百分比", "概率", "折扣", "占比")),
    (FieldType.MONEY, ("金额", "价格", "单价", "总价", "预算", "费用", "成本", "收入", "销售额", "回款", "报价", "价值",
                       "价", "额")),
    (FieldType.DATE, ("日期", "生日", "截止日", "到期日", "有效期", "期限")),
    (FieldType.DATETIME, ("时间", "时刻")),
    (FieldType.INTEGER, ("数量", "个数", "次数", "人数", "件数", "数目", "客流量", "流量", "库存", "数")),
    (FieldType.NUMBER, ("面积", "重量", "距离", "体积")),
    (FieldType.USER, ("负责人", "跟进人", "销售员", "业务员", "经办人", "审批人", "客户经理", "店长", "申请人",
                      "销售代表", "处理人", "对接人", "销售")),
)  # fmt: skip
# English names are judged by their last words ('contract amount' is money, 'order number' a text).
_EN_ENDINGS: tuple[tuple[FieldType, tuple[str, ...]], ...] = (
    (FieldType.LONGTEXT, ("notes", "note", "description", "details", "comments", "comment", "remarks", "summary",
                          "minutes", "content")),
    (FieldType.PHONE, ("phone", "mobile", "telephone", "tel", "phone number", "mobile number", "cell")),
    (FieldType.EMAIL, ("email", "e-mail", "email address")),
    (FieldType.URL, ("website", "url", "link", "homepage", "web site")),
    (FieldType.RATING, ("rating", "satisfaction", "score", "stars")),
    (FieldType.PERCENT, ("percentage", "percent", "rate", "probability", "discount", "margin", "ratio", "share",
                         "progress")),
    (FieldType.MONEY, ("amount", "price", "budget", "cost", "revenue", "value", "fee", "spend", "salary", "income",
                       "expense", "deal size", "total")),
    (FieldType.DATE, ("date", "deadline", "birthday", "due", "until", "valid until")),
    (FieldType.DATETIME, ("time", "timestamp")),
    (FieldType.INTEGER, ("quantity", "count", "qty", "headcount", "traffic", "units", "stock", "visits")),
    (FieldType.NUMBER, ("area", "weight", "distance", "volume")),
    (FieldType.USER, ("owner", "assignee", "sales rep", "rep", "account manager", "salesperson", "responsible",
                      "handler", "applicant", "store manager")),
)  # fmt: skip
_CHOICE_WORDS_ZH = (
    "状态",
    "阶段",
    "优先级",
    "严重程度",
    "等级",
    "级别",
    "类型",
    "类别",
    "分类",
    "来源",
    "行业",
    "渠道",
)
_CHOICE_WORDS_EN = (
    "status",
    "stage",
    "priority",
    "severity",
    "tier",
    "level",
    "type",
    "category",
    "source",
    "industry",
    "channel",
)
_MULTIPLE = re.compile(r"标签|多选|tags?\b|multiple", re.IGNORECASE)
_EN_BOOLEAN = re.compile(r"^(?:whether|is|has|needs|was|are)\b|\?$|\bneeded$|\b(?:yes|no)/(?:yes|no)\b")


def infer_type(phrase: str, language: str, *, has_options: bool) -> FieldType:
    """The type a field of this name most likely has."""
    if has_options:
        return FieldType.MULTICHOICE if _MULTIPLE.search(phrase) else FieldType.CHOICE
    if language == "zh":
        if phrase.startswith("是否") or phrase.endswith("与否"):
            return FieldType.BOOLEAN
        return _by_ending(phrase, _ZH_ENDINGS, lambda name, ending: name.endswith(ending))
    lowered = phrase.lower().strip()
    if _EN_BOOLEAN.search(lowered):
        return FieldType.BOOLEAN
    if lowered.startswith("number of") or lowered.startswith("no. of"):
        return FieldType.INTEGER
    return _by_ending(lowered, _EN_ENDINGS, lambda name, ending: re.search(rf"\b{re.escape(ending)}s?$", name))


def choice_word(phrase: str, language: str) -> str | None:
    """The choice-like word a field name ends with (状态, stage…), if any."""
    words = _CHOICE_WORDS_ZH if language == "zh" else _CHOICE_WORDS_EN
    lowered = phrase.lower()
    return next((word for word in words if lowered.endswith(word)), None)


def _by_ending(phrase: str, table: tuple[tuple[FieldType, tuple[str, ...]], ...], ends: object) -> FieldType:
    best: tuple[int, FieldType] | None = None
    for field_type, endings in table:
        for ending in endings:
            if ends(phrase, ending) and (best is None or len(ending) > best[0]):  # type: ignore[operator]
                best = (len(ending), field_type)
    return best[1] if best else FieldType.TEXT
