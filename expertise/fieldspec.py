"""Which fields each kind has, how they map to model attributes, and their types.

The table itself is the registry (expertise/fields); this module keeps the
names the record conversion, revisions, import and export were written
against, so a field added there appears everywhere at once.
"""

from __future__ import annotations

from expertise.fields import FieldSpec, field_by_name, fields_of, ref_fields

Field = FieldSpec

__all__ = ["Field", "field_by_name", "fields_of", "ref_fields"]
