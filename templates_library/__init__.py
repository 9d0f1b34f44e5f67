"""Template apps users start from: definitions and sample-data specs (data), an index, a loader and a generator."""

# Data only plus an index and loader (DESIGN.md): apps/<id>/definition.json is the app definition,
# apps/<id>/sample_data.json says how its sample records are drawn, index.json names, tags and grants them.
# Imports builder only: installing a template (publish, grant roles, fill) is runtime.template_install.

from templates_library.draws import SampleSpecError
from templates_library.index import LibraryError, Template, TemplateIndex, TemplateNotFound, Text, library, load_index
from templates_library.sample_data import SampleData, SampleRecord, SampleRef
from templates_library.sample_generator import generate_sample_data

__all__ = [
    "LibraryError",
    "SampleData",
    "SampleRecord",
    "SampleRef",
    "SampleSpecError",
    "Template",
    "TemplateIndex",
    "TemplateNotFound",
    "Text",
    "generate_sample_data",
    "library",
    "load_index",
]
