"""A diff as readable text in zh or en, one line per change: `+ field deal.region (text)`."""

from __future__ import annotations

from typing import Any

from builder.diff.describe import label_text, value_text
from builder.diff.model import AppDiff, Change
from builder.diff.values import is_label

_NOUNS = {
    "app": ("app", "应用"),
    "role": ("role", "角色"),
    "entity": ("entity", "实体"),
    "field": ("field", "字段"),
    "option": ("option", "选项"),
    "form": ("form", "表单"),
    "view": ("view", "视图"),
    "widget": ("widget", "组件"),
    "workflow": ("workflow", "流程"),
    "node": ("node", "节点"),
    "edge": ("edge", "连线"),
    "permission": ("permission", "权限"),
    "rule": ("rule", "规则"),
    "definition": ("definition", "语义定义"),
}
PROPERTY_NAMES_ZH = {
    "required": "必填",
    "unique": "唯一",
    "default": "默认值",
    "help": "帮助说明",
    "visibility": "可见范围",
    "owner_may_narrow": "负责人可收窄",
    "read_only": "只读",
    "max_length": "最大长度",
    "min": "最小值",
    "max": "最大值",
    "scale": "小数位数",
    "currency": "币种",
    "target_entity": "关联实体",
    "formula": "公式",
    "format": "显示格式",
    "label": "名称",
    "description": "说明",
    "timezone": "时区",
    "default_language": "默认语言",
    "format_version": "格式版本",
    "title_field": "标题字段",
    "icon": "图标",
    "color": "颜色",
    "kind": "类型",
    "entity": "实体",
    "columns": "列",
    "filter": "筛选条件",
    "sort": "排序",
    "saved_filters": "常用筛选",
    "page_size": "每页条数",
    "group_by": "分组",
    "card_fields": "卡片字段",
    "date_field": "日期字段",
    "end_field": "结束日期字段",
    "fields": "字段",
    "related": "相关列表",
    "timeline": "时间线",
    "sections": "分区",
    "trigger": "触发条件",
    "condition": "条件",
    "actions": "动作",
    "enabled": "启用",
    "approvers": "审批人",
    "policy": "审批方式",
    "outcome": "结果",
    "value": "值",
    "field": "字段",
    "recipients": "接收人",
    "message": "消息",
    "source": "来源",
    "target": "目标",
    "is_default": "默认分支",
    "aggregate": "统计",
    "compare": "对比",
    "limit": "条数上限",
    "read": "读取",
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "where": "行条件",
}


def render_text(diff: AppDiff, lang: str = "en") -> str:
    """The diff as text in `lang` ('zh' or 'en'), one line per change; an empty diff says so."""
    if diff.is_empty:
        return "没有变化" if lang == "zh" else "no changes"
    return "\n".join(change_line(change, lang) for change in diff.changes)


def change_line(change: Change, lang: str) -> str:
    """One change as one line of text."""
    area, verb = str(change.kind).split(".")
    zh = lang == "zh"
    if area in ("workflow", "view") and "_" in verb:  # a part of a flow or dashboard: node_added, widget_changed…
        part, verb = verb.split("_")
        owner, _, part_id = change.subject.partition(".")
        shown = change.note if part == "edge" and change.note else part_id
        head = f"{_noun(area, zh)} {owner}{'：' if zh else ': '}"
        if part == "condition":
            return "~ " + head + _condition_change(change, zh)
        return _sign(verb) + " " + head + _describe(verb, part, shown, change, zh)
    if area == "permission":
        return _permission_line(change, verb, zh)
    return _sign(verb) + " " + _describe(verb, area, change.subject, change, zh)


def _sign(verb: str) -> str:
    return {"added": "+", "removed": "-"}.get(verb, "~")


def _noun(area: str, zh: bool) -> str:
    en, chinese = _NOUNS[area]
    return chinese if zh else en


def _describe(verb: str, area: str, subject: str, change: Change, zh: bool) -> str:
    noun = _noun(area, zh)
    if verb in ("added", "removed"):
        detail = _detail(area, change.new if verb == "added" else change.old, zh)
        if zh:
            return f"{'新增' if verb == 'added' else '删除'}{noun} {subject}{f'（{detail}）' if detail else ''}"
        return f"{noun} {subject}{f' ({detail})' if detail else ''}"
    if verb == "renamed":
        scope = subject.rpartition(".")[0]
        old = f"{scope}.{change.old}" if scope else str(change.old)
        return f"{noun} {old} 改名为 {subject}" if zh else f"{noun} {old} renamed to {subject}"
    if verb == "relabelled":
        was, now = _quoted(change.old, zh), _quoted(change.new, zh)
        return f"{noun} {subject} 名称 {was} → {now}" if zh else f"{noun} {subject} label {was} → {now}"
    if verb == "retyped":
        lang = "zh" if zh else "en"
        was, now = value_text(change.old, lang, "type"), value_text(change.new, lang, "type")
        return f"{noun} {subject} 类型 {was} → {now}" if zh else f"{noun} {subject} type {was} → {now}"
    separator = "：" if zh else ": "
    return f"{noun} {subject}{separator}" + _properties(change, zh)


def _detail(area: str, value: Any, zh: bool) -> str:
    """What an added or removed part is, in a few words: a field's type, a node's kind, an option's label."""
    lang = "zh" if zh else "en"
    if value is None:
        return ""
    if not isinstance(value, dict) or is_label(value):
        return label_text(value, lang)
    if area == "field":
        return value_text(value.get("type"), lang, "type")
    if area == "node":
        return str(value.get("kind", ""))
    if area == "edge":
        condition = value.get("condition")
        return (("条件 " if zh else "when ") + value_text(condition, lang)) if condition else ""
    label = value.get("label")
    return label_text(label, lang) if label is not None else ""


def _quoted(value: Any, zh: bool) -> str:
    text = label_text(value, "zh" if zh else "en") if value is not None else ""
    return f"“{text}”" if zh else f'"{text}"'


def _properties(change: Change, zh: bool) -> str:
    lang = "zh" if zh else "en"
    parts = []
    for item in change.properties:
        first, dot, rest = item.name.partition(".")
        name = PROPERTY_NAMES_ZH.get(first, first) + dot + rest if zh else item.name
        last = item.name.rpartition(".")[2]
        parts.append(f"{name} {value_text(item.old, lang, last)} → {value_text(item.new, lang, last)}")
    if not parts:  # a change without properties carries its old and new values
        parts.append(f"{value_text(change.old, lang)} → {value_text(change.new, lang)}")
    return ("；" if zh else "; ").join(parts)


def _condition_change(change: Change, zh: bool) -> str:
    lang = "zh" if zh else "en"
    was, now = value_text(change.old, lang), value_text(change.new, lang)
    edge = change.note or change.subject.partition(".")[2]
    return f"连线 {edge} 条件 {was} → {now}" if zh else f"edge {edge} condition {was} → {now}"


def _permission_line(change: Change, verb: str, zh: bool) -> str:
    lang = "zh" if zh else "en"
    role, _, entity = change.subject.partition(".")
    who = f"{role} 对 {entity}" if zh else f"{role} on {entity}"
    noun = _noun("permission", zh)
    if verb in ("added", "removed"):
        scopes = change.new if verb == "added" else change.old
        listed = ("，" if zh else ", ").join(
            f"{PROPERTY_NAMES_ZH[key] if zh else key} {value_text(value, lang, key)}" for key, value in scopes.items()
        )
        action = ("新增" if verb == "added" else "删除") if zh else ""
        return f"{_sign(verb)} {action}{noun} {who}" + (f"（{listed}）" if zh else f" ({listed})")
    operation = change.note or "where"
    name = PROPERTY_NAMES_ZH[operation] if zh else operation
    was, now = value_text(change.old, lang, operation), value_text(change.new, lang, operation)
    return f"~ {noun} {who}{'：' if zh else ': '}{name} {was} → {now}"
