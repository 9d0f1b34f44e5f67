"""Every problem code with its severity and its message in English and Chinese."""

# Codes are stable: the designer, the tests and the docs (docs/definition.md) rely on them.

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """Severity and message templates of one problem code."""

    severity: str
    en: str
    zh: str


def error(en: str, zh: str) -> MessageSpec:
    """An error's message templates."""
    return MessageSpec("error", en, zh)


def warning(en: str, zh: str) -> MessageSpec:
    """A warning's message templates."""
    return MessageSpec("warning", en, zh)


CATALOG: dict[str, MessageSpec] = {
    # The document as a whole
    "document.not_object": error(
        "The definition must be a JSON object.",
        "应用定义必须是一个 JSON 对象。",
    ),
    "document.too_deep": error(
        "The definition is nested too deeply to be checked.",
        "应用定义嵌套过深，无法检查。",
    ),
    # JSON Schema layer
    "schema.required": error(
        "Required property '{property}' is missing.",
        "缺少必填属性“{property}”。",
    ),
    "schema.unknown_property": error(
        "Unknown property '{property}'.",
        "未知属性“{property}”。",
    ),
    "schema.not_applicable": error(
        "Property '{property}' does not apply to '{kind}'.",
        "属性“{property}”不适用于“{kind}”。",
    ),
    "schema.type": error(
        "Expected a value of type {expected}.",
        "值的类型应为 {expected}。",
    ),
    "schema.enum": error(
        "'{value}' is not allowed here; use one of: {allowed}.",
        "此处不允许“{value}”，可选值：{allowed}。",
    ),
    "schema.const": error(
        "Expected {expected}, not '{value}'.",
        "此处应为 {expected}，而不是“{value}”。",
    ),
    "schema.min_items": error("At least {limit} item(s) are needed.", "至少需要 {limit} 项。"),
    "schema.max_items": error("At most {limit} items are allowed.", "最多允许 {limit} 项。"),
    "schema.min_length": error("At least {limit} character(s) are needed.", "至少需要 {limit} 个字符。"),
    "schema.max_length": error("At most {limit} characters are allowed.", "最多允许 {limit} 个字符。"),
    "schema.minimum": error("The value must be at least {limit}.", "数值不能小于 {limit}。"),
    "schema.maximum": error("The value must be at most {limit}.", "数值不能大于 {limit}。"),
    "schema.min_properties": error("At least {limit} propert(ies) are needed.", "至少需要 {limit} 个属性。"),
    "schema.max_properties": error("At most {limit} properties are allowed.", "最多允许 {limit} 个属性。"),
    "schema.pattern": error("The value does not have the required form.", "取值格式不正确。"),
    "schema.invalid": error("Invalid value: {detail}", "取值无效：{detail}"),
    # Identifiers
    "id.empty": error("An id cannot be empty.", "标识不能为空。"),
    "id.too_long": error(
        "Id '{id}' is longer than {limit} characters.",
        "标识“{id}”超过 {limit} 个字符。",
    ),
    "id.invalid_start": error(
        "Id '{id}' must start with a lower-case letter a–z.",
        "标识“{id}”必须以小写英文字母 a–z 开头。",
    ),
    "id.invalid_characters": error(
        "Id '{id}' may contain only lower-case letters a–z, digits and '_'.",
        "标识“{id}”只能包含小写英文字母 a–z、数字和下划线。",
    ),
    "id.reserved_word": error(
        "Id '{id}' is a reserved SQL word; choose another id.",
        "标识“{id}”是 SQL 保留字，请换一个标识。",
    ),
    "id.reserved_system_field": error(
        "Field id '{id}' is the name of a system field; choose another id.",
        "字段标识“{id}”与系统字段重名，请换一个标识。",
    ),
    "id.reserved_parameter": error(
        "Field id '{id}' is a parameter of record lists (page, page_size, sort, q, filter); choose another id.",
        "字段标识“{id}”与记录列表的查询参数（page、page_size、sort、q、filter）冲突，请换一个标识。",
    ),
    "id.reserved_route": error(
        "Entity id '{id}' names a route of every app (/api/apps/<app>/{id}); choose another id.",
        "实体标识“{id}”与应用的接口路径（/api/apps/<app>/{id}）冲突，请换一个标识。",
    ),
    "id.duplicate": error(
        "Id '{id}' is already used at {first}.",
        "标识“{id}”已在 {first} 使用。",
    ),
    # Labels and texts
    "label.empty": error("A label cannot be empty.", "名称不能为空。"),
    "label.too_long": error("A text may have at most {limit} characters.", "文本最多 {limit} 个字符。"),
    "label.control_characters": error(
        "A label cannot contain control characters (line breaks, tabs, NUL…).",
        "名称不能包含控制字符（换行、制表符、NUL 等）。",
    ),
    "label.invalid": error(
        'A label is a text or {{"zh": "…", "en": "…"}}.',
        '名称应为文本或 {{"zh": "…", "en": "…"}}。',
    ),
    # References
    "ref.unknown_entity": error("Entity '{entity}' does not exist.", "实体“{entity}”不存在。"),
    "ref.unknown_field": error(
        "Field '{field}' does not exist in entity '{entity}'.",
        "实体“{entity}”中不存在字段“{field}”。",
    ),
    "ref.unknown_role": error("Role '{role}' does not exist.", "角色“{role}”不存在。"),
    "ref.unknown_definition": error(
        "Definition '{definition}' does not exist.",
        "语义定义“{definition}”不存在。",
    ),
    "ref.unknown_workflow": error("Workflow '{workflow}' does not exist.", "流程“{workflow}”不存在。"),
    "ref.unknown_option": error(
        "'{option}' is not an option of field '{field}'.",
        "“{option}”不是字段“{field}”的选项。",
    ),
    "ref.unknown_node": error(
        "Node '{node}' does not exist in workflow '{workflow}'.",
        "流程“{workflow}”中不存在节点“{node}”。",
    ),
    "ref.unknown_group": error("Group '{group}' does not exist in the org chart.", "组织架构中不存在小组“{group}”。"),
    "ref.unknown_user": error("User '{user}' does not exist.", "用户“{user}”不存在。"),
    "ref.not_a_reference": error(
        "Field '{field}' of entity '{entity}' is not a ref to entity '{target}'.",
        "实体“{entity}”的字段“{field}”不是指向实体“{target}”的关联字段。",
    ),
    # App settings
    "app.unknown_timezone": error(
        "Unknown time zone '{timezone}' (use an IANA name such as Asia/Shanghai).",
        "未知时区“{timezone}”（请使用 IANA 名称，例如 Asia/Shanghai）。",
    ),
    # Conditions
    "condition.operator_type": error(
        "Operator '{operator}' cannot be used with field '{field}' of type {type}.",
        "运算符“{operator}”不能用于 {type_zh} 类型的字段“{field}”。",
    ),
    "condition.value_type": error(
        "The value compared with field '{field}' ({type}) must be {expected}.",
        "与字段“{field}”（{type_zh}）比较的值必须是{expected_zh}。",
    ),
    "condition.value_too_long": error(
        "The value is too long (at most {limit}).",
        "比较值过长（最多 {limit}）。",
    ),
    "condition.invalid_range": error(
        "The range starts at {low}, after its end {high}.",
        "区间起点 {low} 大于终点 {high}。",
    ),
    "condition.duration_unit": error(
        "Field '{field}' holds dates without time; use days or weeks, not hours.",
        "字段“{field}”只有日期没有时间，请使用天或周，而不是小时。",
    ),
    "condition.too_deep": error(
        "Condition groups are nested more than {limit} levels deep.",
        "条件分组嵌套超过 {limit} 层。",
    ),
    "condition.definition_entity": error(
        "Definition '{definition}' is about '{definition_entity}', not '{entity}'.",
        "语义定义“{definition}”针对实体“{definition_entity}”，不能用于“{entity}”。",
    ),
    "definition.cycle": error(
        "Definition '{definition}' refers to itself: {cycle}.",
        "语义定义“{definition}”循环引用自身：{cycle}。",
    ),
    # Fields
    "field.default_invalid": error(
        "The default of field '{field}' ({type}) must be {expected}.",
        "字段“{field}”（{type_zh}）的默认值必须是{expected_zh}。",
    ),
    "field.bounds": error(
        "The minimum {min} is greater than the maximum {max}.",
        "最小值 {min} 大于最大值 {max}。",
    ),
    "field.unique_default": error(
        "Field '{field}' is unique, so it cannot have a default: the second record left at the default would "
        "repeat it.",
        "字段“{field}”要求唯一，不能设置默认值：第二条使用默认值的记录就会重复。",
    ),
    "field.read_only_required": error(
        "Field '{field}' is required and read-only but has no default, so a new record could never get a value; "
        "give it a default, or make it editable or optional.",
        "字段“{field}”为必填且只读，却没有默认值，新记录永远无法得到取值；请设置默认值，或改为可编辑或非必填。",
    ),
    "field.narrowing_needs_owner_scope": warning(
        "Field '{field}' is visible only to its owner already; narrowing by the owner changes nothing.",
        "字段“{field}”已经仅本人可见，允许本人收窄可见范围没有意义。",
    ),
    "entity.title_field_type": error(
        "The title field must be a text field; '{field}' is {type}.",
        "标题字段必须是文本字段，“{field}”的类型是 {type_zh}。",
    ),
    # Computed fields
    "formula.syntax": error(
        "The formula cannot be read at character {position} (near '{near}'); use numbers, field ids, + - * / and "
        "parentheses.",
        "公式第 {position} 个字符处（“{near}”附近）无法识别；公式只能包含数字、字段标识、+ - * / 和括号。",
    ),
    "formula.unknown_field": error(
        "The formula uses field '{field}', which does not exist.",
        "公式引用的字段“{field}”不存在。",
    ),
    "formula.system_field": error(
        "The formula uses system field '{field}'; formulas compute from the app's own numeric fields.",
        "公式引用了系统字段“{field}”；公式只能基于应用自己的数值字段计算。",
    ),
    "formula.not_numeric": error(
        "The formula uses field '{field}' of type {type}; only numeric fields can be used.",
        "公式引用的字段“{field}”类型为 {type_zh}，只能引用数值字段。",
    ),
    "formula.cycle": error(
        "Computed fields depend on each other in a loop: {cycle}.",
        "计算字段之间存在循环依赖：{cycle}。",
    ),
    # Forms
    "form.duplicate_field": error(
        "Field '{field}' is already placed at {first}.",
        "字段“{field}”已放在 {first}。",
    ),
    "form.required_field_missing": warning(
        "Required field '{field}' has no default and is not on form '{form}'; records cannot be created with it.",
        "必填字段“{field}”没有默认值，也不在表单“{form}”中，将无法通过该表单创建记录。",
    ),
    # Views and widgets
    "view.kanban_field_type": error(
        "Kanban lanes need a choice field; '{field}' is {type}.",
        "看板分栏需要单选字段，“{field}”的类型是 {type_zh}。",
    ),
    "view.group_by_type": error(
        "Cannot group by field '{field}' of type {type}.",
        "不能按 {type_zh} 类型的字段“{field}”分组。",
    ),
    "view.bucket_type": error(
        "A time bucket needs a date or datetime field; '{field}' is {type}.",
        "时间分组需要日期或日期时间字段，“{field}”的类型是 {type_zh}。",
    ),
    "view.bucket_required": error(
        "Grouping by datetime field '{field}' needs a time bucket (day, week, month, quarter or year).",
        "按日期时间字段“{field}”分组需要指定时间粒度（日、周、月、季度或年）。",
    ),
    "view.date_field_type": error(
        "Field '{field}' must be a date or datetime field; it is {type}.",
        "字段“{field}”必须是日期或日期时间字段，当前类型是 {type_zh}。",
    ),
    "view.sort_type": error(
        "Cannot sort by field '{field}' of type {type}.",
        "不能按 {type_zh} 类型的字段“{field}”排序。",
    ),
    "aggregate.field_type": error(
        "Cannot compute {function} of field '{field}' of type {type}.",
        "不能对 {type_zh} 类型的字段“{field}”计算 {function}。",
    ),
    # Values written by defaults, rules and flows
    "value.invalid": error(
        "The value for field '{field}' ({type}) must be {expected}.",
        "字段“{field}”（{type_zh}）的取值必须是{expected_zh}。",
    ),
    "value.not_settable": error(
        "Field '{field}' is computed or maintained by the system and cannot be set.",
        "字段“{field}”是计算字段或系统字段，不能赋值。",
    ),
    "value.copy_type": error(
        "Cannot copy field '{source}' ({source_type}) into field '{field}' ({type}).",
        "不能把字段“{source}”（{source_type_zh}）的值复制到字段“{field}”（{type_zh}）。",
    ),
    # Rules
    "rule.trigger_field_type": error(
        "Time triggers need a date or datetime field; '{field}' is {type}.",
        "时间触发需要日期或日期时间字段，“{field}”的类型是 {type_zh}。",
    ),
    "rule.template_syntax": error(
        "The message template has a malformed placeholder near '{near}'; insert a field as {{field_id}} and write "
        "{{{{ or }}}} for a literal brace.",
        "消息模板中“{near}”附近的占位符格式有误；插入字段请写 {{字段标识}}，字面大括号请写 {{{{ 或 }}}}。",
    ),
    "rule.workflow_entity": error(
        "Workflow '{workflow}' is for entity '{workflow_entity}', not '{entity}'.",
        "流程“{workflow}”属于实体“{workflow_entity}”，不能用于“{entity}”。",
    ),
    "rule.missing_required_value": error(
        "The new '{entity}' record needs a value for required field '{field}'.",
        "新建的“{entity}”记录缺少必填字段“{field}”的值。",
    ),
    "rule.compare_kind": error(
        "'{against}' comparisons need the interval measure, and the interval measure needs 'previous_interval' or "
        "'threshold'.",
        "“{against}”比较需要与间隔度量配合，间隔度量只能与“previous_interval”或“threshold”比较。",
    ),
    "party.field_type": error(
        "Field '{field}' must be a user field to name a person; it is {type}.",
        "字段“{field}”必须是人员字段才能指定人员，当前类型是 {type_zh}。",
    ),
    # Permissions
    "permission.duplicate": error(
        "Role '{role}' already has permissions on entity '{entity}' at {first}.",
        "角色“{role}”对实体“{entity}”的权限已在 {first} 定义。",
    ),
    "permission.write_without_read": warning(
        "Role '{role}' may change records of '{entity}' it cannot read.",
        "角色“{role}”可以修改但无法查看实体“{entity}”的记录。",
    ),
    # Flows
    "flow.no_start": error("The flow has no start node.", "流程没有开始节点。"),
    "flow.multiple_starts": error(
        "The flow already starts at '{first}'; a flow has exactly one start node.",
        "流程已有开始节点“{first}”，一个流程只能有一个开始节点。",
    ),
    "flow.no_end": error("The flow has no end node.", "流程没有结束节点。"),
    "flow.start_has_incoming": error(
        "Edges cannot lead back into the start node.",
        "连线不能指回开始节点。",
    ),
    "flow.end_has_outgoing": error(
        "End node '{node}' cannot have outgoing edges.",
        "结束节点“{node}”不能有流出连线。",
    ),
    "flow.no_outgoing_edge": error(
        "Node '{node}' has no outgoing edge, so the flow stops there.",
        "节点“{node}”没有流出连线，流程会停在这里。",
    ),
    "flow.too_many_outgoing": error(
        "Node '{node}' ({kind}) can have only one outgoing edge.",
        "节点“{node}”（{kind}）只能有一条流出连线。",
    ),
    "flow.unreachable_node": error(
        "Node '{node}' cannot be reached from the start.",
        "从开始节点无法到达节点“{node}”。",
    ),
    "flow.trap": error(
        "Node '{node}' cannot reach any end node; records would be stuck in a loop.",
        "节点“{node}”无法到达任何结束节点，记录会陷入死循环。",
    ),
    "flow.approval_missing_approve": error(
        "Approval node '{node}' has no edge for 'approve'.",
        "审批节点“{node}”缺少“通过”连线。",
    ),
    "flow.approval_missing_reject": error(
        "Approval node '{node}' has no edge for 'reject'.",
        "审批节点“{node}”缺少“驳回”连线。",
    ),
    "flow.duplicate_outcome": error(
        "Approval node '{node}' already has an edge for '{outcome}'.",
        "审批节点“{node}”已有“{outcome}”连线。",
    ),
    "flow.outcome_missing": error(
        "Edges leaving approval node '{node}' need an outcome: approve or reject.",
        "从审批节点“{node}”流出的连线需要指定结果：通过或驳回。",
    ),
    "flow.outcome_unexpected": error(
        "Only edges leaving an approval node have an outcome; '{node}' is {kind}.",
        "只有审批节点的流出连线才能指定结果，“{node}”是 {kind} 节点。",
    ),
    "flow.condition_missing": error(
        "An edge leaving branch node '{node}' needs a condition, or must be the default edge.",
        "分支节点“{node}”的流出连线需要条件，或设为默认连线。",
    ),
    "flow.condition_unexpected": error(
        "Only edges leaving a branch node have conditions or a default; '{node}' is {kind}.",
        "只有分支节点的流出连线才能设置条件或默认，“{node}”是 {kind} 节点。",
    ),
    "flow.default_with_condition": error(
        "The default edge takes what no other edge takes; it cannot have a condition.",
        "默认连线承接其他连线都不满足的情况，不能再设置条件。",
    ),
    "flow.multiple_defaults": error(
        "Branch node '{node}' already has a default edge.",
        "分支节点“{node}”已有默认连线。",
    ),
    "flow.branch_gap": error(
        "{range} matches no branch of node '{node}' (for example {example}).",
        "{range} 不满足分支节点“{node}”的任何分支（例如 {example}）。",
    ),
    "flow.branch_overlap": error(
        "{range} matches more than one branch of node '{node}': {edges} (for example {example}).",
        "{range} 同时满足分支节点“{node}”的多个分支：{edges}（例如 {example}）。",
    ),
    "flow.coverage_unprovable": warning(
        "Cannot prove that the branches of node '{node}' cover every case ({reason}); add a default edge.",
        "无法证明分支节点“{node}”的分支覆盖所有情况（{reason_zh}），请添加默认连线。",
    ),
    "flow.fewer_levels": warning(
        "{larger} gets {larger_levels} approval level(s) but {smaller} gets {smaller_levels}.",
        "{larger} 只需 {larger_levels} 级审批，而 {smaller} 需要 {smaller_levels} 级。",
    ),
    # Org chart (when the validator is given one)
    "org.no_supervisor": warning(
        "Users without a supervisor cannot submit to node '{node}': {users}.",
        "以下用户没有直属上级，无法提交到节点“{node}”：{users}。",
    ),
}


# What a valid value looks like, named in problems about values (condition values, defaults, assignments).
EXPECTATIONS: dict[str, tuple[str, str]] = {
    "number": ("a number", "数字"),
    "text": ("a text", "文本"),
    "nonempty_text": ("a non-empty text", "非空文本"),
    "boolean": ("true or false", " true 或 false"),
    "option": ("an option id", "选项标识"),
    "one_option": ("one of the options: {options}", "以下选项之一：{options}"),
    "option_list": ("a list of option ids: {options}", "选项标识列表：{options}"),
    "option_ids": ("a list of option ids", "选项标识列表"),
    "user": ("a user name", "用户名"),
    "record": ("a record id (a whole number from 1)", "记录编号（从 1 开始的整数）"),
    "list": ("a non-empty list", "非空列表"),
    "range": ("a [low, high] pair", " [下限, 上限] 数组"),
    "duration": (
        '{{"amount": N, "unit": "hours" | "days" | "weeks"}}',
        ' {{"amount": N, "unit": "hours" | "days" | "weeks"}}',
    ),
    "duration_amount": ("a whole number of units from 1 to 100000", " 1 到 100000 之间的整数"),
    "duration_unit": ("in hours, days or weeks", "以 hours、days 或 weeks 为单位"),
    "date": ("a date YYYY-MM-DD", "日期 YYYY-MM-DD"),
    "datetime": ("an ISO 8601 date and time", " ISO 8601 日期时间"),
    "email": ("an email address", "邮箱地址"),
    "phone": ("a phone number", "电话号码"),
    "url": ("an http(s) URL", " http(s) 网址"),
    "max_length": ("a text of at most {limit} characters", "不超过 {limit} 个字符的文本"),
    "whole_number": ("a whole number", "整数"),
    "decimal_places": ("a number with at most {scale} decimal places", "最多 {scale} 位小数的数字"),
    "number_range": ("a number from {low} to {high}", " {low} 到 {high} 之间的数字"),
    "whole_number_range": ("a whole number from {low} to {high}", " {low} 到 {high} 之间的整数"),
    "valid": ("a valid value", "有效的值"),
}


def expectation(key: str, **params: object) -> tuple[str, str]:
    """The English and Chinese description of what a valid value looks like."""
    english, chinese = EXPECTATIONS[key]
    return english.format(**params), chinese.format(**params)


# Chinese names of the field types, for messages that name a field's type.
FIELD_TYPE_NAMES_ZH: dict[str, str] = {
    "text": "文本",
    "longtext": "长文本",
    "integer": "整数",
    "number": "数字",
    "money": "金额",
    "percent": "百分比",
    "boolean": "是/否",
    "date": "日期",
    "datetime": "日期时间",
    "choice": "单选",
    "multichoice": "多选",
    "email": "邮箱",
    "phone": "电话",
    "url": "网址",
    "rating": "评分",
    "user": "人员",
    "ref": "关联",
    "computed": "计算",
}
