"""Keep only what validates: drop defaults the field cannot hold and read-only flags that block new records."""

from __future__ import annotations

import re
from typing import Any

from builder.schema_import.result import Unsupported
from builder.validation import validate_definition

_DEFAULT_PATH = re.compile(r"/entities/0/fields/(\d+)/default\Z")


def drop_invalid_defaults(document: dict[str, Any], default_pointers: dict[str, str], notes: list[Unsupported]) -> None:
    """Remove each field default the validator refuses, noting it at the schema's `default`."""
    fields = document["entities"][0]["fields"]
    dropped: set[int] = set()
    for problem in validate_definition(document).errors:
        match = _DEFAULT_PATH.match(problem.path)
        if match and int(match.group(1)) not in dropped:
            index = int(match.group(1))
            dropped.add(index)
            field_id = fields[index]["id"]
            reason = f"the default is not a valid value of the field: {problem.message('en')}"
            notes.append(Unsupported("default", default_pointers[field_id], reason))
    for index in sorted(dropped, reverse=True):
        del fields[index]["default"]
    for field in fields:
        if field.get("read_only") and field.get("required") and "default" not in field:
            del field["read_only"]
            pointer = default_pointers.get(field["id"], "")
            reason = "a required read-only field needs a default, or no record could be created; it stays editable"
            notes.append(Unsupported("readOnly", pointer, reason))
