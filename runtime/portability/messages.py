"""Problem codes of export files and imports, with their English and Chinese messages, and the errors they raise."""

from __future__ import annotations

from typing import Any

from builder.messages import MessageSpec, error
from builder.problems import Problem, problem_from
from builder.service.errors import ApiError

PORTABILITY_CATALOG: dict[str, MessageSpec] = {
    "export_file.not_json": error("The file is not JSON: {reason}.", "文件不是 JSON：{reason}。"),
    "export_file.not_export": error(
        'The file is not a Dabble export (it has no "dabble_export" marker).',
        "该文件不是 Dabble 导出文件（缺少 dabble_export 标记）。",
    ),
    "export_file.version": error(
        "The file is in export format {value}; this Dabble reads format {expected}.",
        "文件的导出格式为 {value}，当前 Dabble 只能读取格式 {expected}。",
    ),
    "export_file.type": error("This must be {expected}.", "此处应为{expected_zh}。"),
    "export_file.missing": error("'{key}' is missing.", "缺少“{key}”。"),
    "export_file.unknown_key": error("'{key}' is not part of an export file.", "“{key}”不属于导出文件的内容。"),
    "export_file.app_id": error(
        "The definition's id '{value}' is not the file's app '{expected}'.",
        "应用定义的标识“{value}”与文件中的应用“{expected}”不一致。",
    ),
    "export_file.unknown_entity": error("'{entity}' is not an entity of the app.", "“{entity}”不是该应用的实体。"),
    "export_file.unknown_field": error("'{field}' is not a field of {entity}.", "“{field}”不是{entity}的字段。"),
    "export_file.missing_value": error(
        "Record {id} of {entity} has no '{field}'.", "{entity} 的记录 {id} 缺少“{field}”。"
    ),
    "export_file.value": error(
        "'{field}' of {entity} record {id} does not fit the field: {reason}.",
        "{entity} 记录 {id} 的“{field}”取值不符合字段定义：{reason}。",
    ),
    "export_file.duplicate_id": error("{entity} has two records with id {id}.", "{entity} 有两条记录的编号都是 {id}。"),
    "export_file.duplicate_version": error(
        "The history has version {version} twice.", "版本历史中版本 {version} 出现了两次。"
    ),
    "export_file.ref_missing": error(
        "'{field}' of {entity} record {id} points at {target} record {value}, which the file does not hold.",
        "{entity} 记录 {id} 的“{field}”指向的{target}记录 {value} 不在文件中。",
    ),
    "export_file.unique": error(
        "Two live records of {entity} share the value of the unique field '{field}'.",
        "{entity} 有两条有效记录的唯一字段“{field}”取值相同。",
    ),
}
TYPE_NAMES_ZH = {
    "an object": "对象",
    "a list": "列表",
    "a text": "文本",
    "a whole number": "整数",
    "a whole number or null": "整数或 null",
    "a record id (a whole number from 1)": "记录编号（从 1 开始的整数）",
    "a moment (ISO 8601)": "时间（ISO 8601）",
}


def file_problem(code: str, path: str, **params: Any) -> Problem:
    """A problem of an export file, from the catalog."""
    if "expected" in params and "expected_zh" not in params:
        params["expected_zh"] = TYPE_NAMES_ZH.get(params["expected"], params["expected"])
    return problem_from(PORTABILITY_CATALOG, code, path, **params)


class ExportFileInvalid(ApiError):
    """An export file that cannot be imported as it is: unreadable, malformed, or holding data that does not fit."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            400,
            "import.invalid_file",
            "The file cannot be imported; nothing was changed. / 文件无法导入，未做任何更改。",
            [problem.to_json() for problem in problems],
        )
