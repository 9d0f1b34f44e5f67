"""The template index: which templates exist, their names, tags and demo role grants, and their files."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from builder import parse_definition
from builder.model import AppDefinition
from templates_library.sample_data import SampleData
from templates_library.sample_generator import generate_sample_data
from templates_library.sample_spec import SampleSpec, parse_sample_spec

LIBRARY_ROOT = Path(__file__).resolve().parent
INDEX_FILE = "index.json"
APPS_FOLDER = "apps"
DEFINITION_FILE = "definition.json"
SAMPLE_DATA_FILE = "sample_data.json"
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
_ENTRY_KEYS = {"id", "name", "description", "tags", "demo_roles", "sample_seed"}


class LibraryError(ValueError):
    """The library's files are malformed (a packaging mistake, caught by the library's tests)."""


class TemplateNotFound(KeyError):
    """No template has the requested id."""

    def __init__(self, template_id: str) -> None:
        super().__init__(template_id)
        self.template_id = template_id


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def in_language(self, language: str) -> str:
        """The text in `language` (zh or en)."""
        return self.zh if language == "zh" else self.en

    def to_json(self) -> dict[str, str]:
        """{"zh": ..., "en": ...}."""
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Template:
    """One template app: its index entry and, read on first use, its definition and sample-data spec."""

    id: str
    name: Text
    description: Text
    tags: tuple[str, ...]
    demo_roles: Mapping[str, tuple[str, ...]]  # template role → demo users granted it
    sample_seed: int
    folder: Path

    @cached_property
    def definition(self) -> dict[str, Any]:
        """The app definition document (JSON); callers copy it before changing it."""
        return _read_json(self.folder / DEFINITION_FILE)

    @cached_property
    def model(self) -> AppDefinition:
        """The typed model of the definition (raises builder.DefinitionInvalid when it has errors)."""
        return parse_definition(self.definition)

    @cached_property
    def sample_spec(self) -> SampleSpec:
        """How to generate the template's sample data."""
        return parse_sample_spec(_read_json(self.folder / SAMPLE_DATA_FILE))

    def sample_data(self, now: datetime) -> SampleData:
        """The template's sample records, drawn with its seed around `now` (a timezone-aware moment)."""
        return generate_sample_data(self.sample_spec, self.model, seed=self.sample_seed, now=now)

    def counts(self) -> dict[str, int]:
        """How many entities, views, workflows and rules the definition has (for the gallery)."""
        return {part: len(self.definition.get(part, ())) for part in ("entities", "views", "workflows", "rules")}

    def summary(self) -> dict[str, Any]:
        """What the gallery lists of the template: id, names, descriptions, tags and counts."""
        return {
            "id": self.id,
            "name": self.name.to_json(),
            "description": self.description.to_json(),
            "tags": list(self.tags),
            "counts": self.counts(),
        }

    def demo_grants(self) -> list[tuple[str, str]]:
        """(user, role) pairs to grant in an installed copy, by user then role."""
        return sorted((user, role) for role, users in self.demo_roles.items() for user in users)


@dataclass(frozen=True, slots=True)
class TemplateIndex:
    """Every template of the library, in the index's order."""

    templates: tuple[Template, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The template ids, in order."""
        return tuple(template.id for template in self.templates)

    def get(self, template_id: str) -> Template:
        """A template by id; raise TemplateNotFound when there is none."""
        for template in self.templates:
            if template.id == template_id:
                return template
        raise TemplateNotFound(template_id)


@cache
def library() -> TemplateIndex:
    """The index of the templates shipped with Dabble (read once per process)."""
    return load_index(LIBRARY_ROOT)


def load_index(root: Path) -> TemplateIndex:
    """Read `root`/index.json; raise LibraryError when an entry is malformed or its files are missing."""
    document = _read_json(root / INDEX_FILE)
    entries = document.get("templates") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise LibraryError(f"{root / INDEX_FILE}: expected {{'templates': [entries...]}}")
    templates = tuple(_template(root, entry, position) for position, entry in enumerate(entries))
    ids = [template.id for template in templates]
    duplicates = sorted({template_id for template_id in ids if ids.count(template_id) > 1})
    if duplicates:
        raise LibraryError(f"template ids used twice: {', '.join(duplicates)}")
    return TemplateIndex(templates)


def _template(root: Path, entry: Any, position: int) -> Template:
    where = f"{INDEX_FILE} entry {position}"
    if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
        raise LibraryError(f"{where}: expected exactly the keys {sorted(_ENTRY_KEYS)}")
    template_id = entry["id"]
    if not isinstance(template_id, str) or not _ID.fullmatch(template_id):
        raise LibraryError(f"{where}: id {template_id!r} is not an app id")
    tags = entry["tags"]
    if not isinstance(tags, list) or not all(isinstance(tag, str) and _ID.fullmatch(tag) for tag in tags):
        raise LibraryError(f"{where}: tags are ids such as 'leads'")
    seed = entry["sample_seed"]
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise LibraryError(f"{where}: sample_seed is a whole number")
    folder = root / APPS_FOLDER / template_id
    for name in (DEFINITION_FILE, SAMPLE_DATA_FILE):
        if not (folder / name).is_file():
            raise LibraryError(f"{where}: {folder / name} is missing")
    return Template(
        id=template_id,
        name=_text(entry["name"], f"{where} name"),
        description=_text(entry["description"], f"{where} description"),
        tags=tuple(tags),
        demo_roles=_demo_roles(entry["demo_roles"], where),
        sample_seed=seed,
        folder=folder,
    )


def _text(value: Any, where: str) -> Text:
    if not isinstance(value, dict) or set(value) != {"zh", "en"} or not all(map(_is_text, value.values())):
        raise LibraryError(f"{where}: expected {{'zh': text, 'en': text}}")
    return Text(zh=value["zh"], en=value["en"])


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _demo_roles(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not value:
        raise LibraryError(f"{where}: demo_roles maps each role to the demo users granted it")
    roles = {}
    for role, users in value.items():
        if not isinstance(users, list) or not users or not all(isinstance(user, str) for user in users):
            raise LibraryError(f"{where}: demo_roles[{role!r}] is a non-empty list of user names")
        roles[role] = tuple(users)
    return roles


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LibraryError(f"{path}: {error}") from None
