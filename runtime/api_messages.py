"""Problem codes of the live API (records, list queries, migrations) with their English and Chinese messages."""

from __future__ import annotations

from typing import Any

from builder.messages import MessageSpec, error
from builder.model.common import Label
from builder.problems import Problem, problem_from

API_CATALOG: dict[str, MessageSpec] = {
    # Records sent to the API
    "record.not_object": error("A record is a JSON object of field values.", "记录应为字段取值组成的 JSON 对象。"),
    "record.unknown_field": error("'{field}' is not a field of this record.", "“{field}”不是该记录的字段。"),
    "record.not_writable": error(
        "'{field}' is maintained by Dabble (system, computed or read-only) and cannot be set.",
        "“{field}”由系统维护（系统字段、计算字段或只读字段），不能设置。",
    ),
    "record.required": error("'{field_name}' is required.", "“{field_name_zh}”为必填项。"),
    "record.type": error("'{field_name}' must be {expected}.", "“{field_name_zh}”必须是{expected_zh}。"),
    "record.option": error("'{value}' is not an option of '{field_name}'.", "“{value}”不是“{field_name_zh}”的选项。"),
    "record.duplicate_option": error("'{field_name}' lists an option twice.", "“{field_name_zh}”包含重复的选项。"),
    "record.nul": error(
        "'{field_name}' holds a NUL character (U+0000), which no text may hold.",
        "“{field_name_zh}”含有 NUL 字符（U+0000），文本中不能包含该字符。",
    ),
    "record.too_long": error(
        "'{field_name}' has at most {limit} characters.", "“{field_name_zh}”最多 {limit} 个字符。"
    ),
    "record.minimum": error("'{field_name}' must be at least {limit}.", "“{field_name_zh}”不能小于 {limit}。"),
    "record.maximum": error("'{field_name}' must be at most {limit}.", "“{field_name_zh}”不能大于 {limit}。"),
    "record.format": error("'{field_name}' must be {expected}.", "“{field_name_zh}”的格式必须是{expected_zh}。"),
    "record.decimal_places": error(
        "'{field_name}' has at most {limit} decimal place(s).", "“{field_name_zh}”最多 {limit} 位小数。"
    ),
    "record.ref_missing": error(
        "'{field_name}' points at {entity} record {value}, which does not exist.",
        "“{field_name_zh}”指向的{entity}记录 {value} 不存在。",
    ),
    "record.unique": error(
        "Another record already has this '{field_name}'.", "已有其他记录使用了相同的“{field_name_zh}”。"
    ),
    "record.row_version": error("Send the record's row_version to change it.", "修改记录时需要提供 row_version。"),
    "record.stale": error(
        "The record changed (row_version is now {current}); reload it.",
        "记录已被修改（row_version 现为 {current}），请刷新后重试。",
    ),
    "access.field_hidden": error(
        "You may not change '{field_name}' on this record.", "你无权修改该记录的“{field_name_zh}”。"
    ),
    "visibility.field": error(
        "'{field}' is not a field its owner may narrow on a record.", "“{field}”不是负责人可以收窄可见范围的字段。"
    ),
    "visibility.level": error(
        "'{field_name}' can be set to {levels}.", "“{field_name_zh}”的可见范围只能设为：{levels}。"
    ),
    # List queries
    "query.parameter": error("'{parameter}' must be {expected}.", "“{parameter}”应为{expected_zh}。"),
    "query.unknown_parameter": error(
        "'{parameter}' is not a parameter or a field that can be filtered on.",
        "“{parameter}”不是查询参数，也不是可筛选的字段。",
    ),
    "query.filter": error(
        'filter is a condition in JSON: {{"combinator": "and", "rules": [...]}}.',
        'filter 应为 JSON 格式的条件：{{"combinator": "and", "rules": [...]}}。',
    ),
    "query.sort": error("Cannot sort by '{field}'.", "不能按“{field}”排序。"),
    "query.saved_filter": error(
        "View '{view}' has no saved filter '{saved}'.", "视图“{view}”中没有名为“{saved}”的常用筛选。"
    ),
    "query.date_range": error(
        "'to' must not be before 'from', and the range spans at most {limit} days.",
        "“to”不能早于“from”，且范围最多 {limit} 天。",
    ),
    # Migrations on publish
    "migration.conversion_failed": error(
        "{failures} value(s) of {entity}.{source_field} cannot become the new {entity}.{field}; fix them, or "
        'publish with on_failure {{"{entity}.{field}": "clear"}} (old values stay archived).',
        "{entity}.{source_field} 有 {failures} 个值无法转换为新的 {entity}.{field}；请先修正，"
        "或发布时对该字段选择清空（原值会保留在归档列中）。",
    ),
    "migration.archive_column": error(
        "Archives {entity}.{field} ({rows} record(s)); its data is kept and can be recovered.",
        "将归档 {entity}.{field}（{rows} 条记录），数据会保留并可恢复。",
    ),
    "migration.archive_table": error(
        "Archives {entity} ({rows} record(s)); its data is kept and can be recovered.",
        "将归档 {entity}（{rows} 条记录），数据会保留并可恢复。",
    ),
    "migration.duplicate_values": error(
        "{duplicates} value(s) of {entity}.{field} would be held by more than one live record; a unique field "
        "needs distinct values.",
        "{entity}.{field} 有 {duplicates} 个值会被多条记录同时使用；唯一字段的取值必须互不相同。",
    ),
    "migration.missing_values": error(
        "{missing} live record(s) of {entity} would have no value for {field}, which becomes required; give the "
        "field a default (those records get it), or fill the values before making it required.",
        "{entity} 有 {missing} 条记录的 {field} 为空，而该字段将变为必填；请为字段设置默认值（这些记录会使用它），"
        "或先补全这些值再设为必填。",
    ),
}


def api_problem(code: str, path: str, *, label: Label | None = None, **params: Any) -> Problem:
    """A problem of a request to the live API, from its catalog; a `field` is named by its `label` when given."""
    if "field" in params:
        params["field_name"] = label.text("en") if label is not None else params["field"]
        params["field_name_zh"] = label.text("zh") if label is not None else params["field"]
    return problem_from(API_CATALOG, code, path, **params)
