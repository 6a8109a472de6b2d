"""Import and export of the unit tree as XLSX or CSV.

One row per unit, identified by its code; the parent is named by its code. Import is
transactional: every row is checked, then applied through the services; if any row fails,
nothing is saved and the report lists every bad row in Vietnamese ("Dòng 7: ...").
"""

from kehoach.organizations.tree_io.export import export_rows, units_export
from kehoach.organizations.tree_io.format import (
    COLUMNS,
    MAX_IMPORT_BYTES,
    ImportResult,
    TreeImportError,
)
from kehoach.organizations.tree_io.importing import units_import
from kehoach.organizations.tree_io.reading import parse_rows, read_table

__all__ = [
    "COLUMNS",
    "MAX_IMPORT_BYTES",
    "ImportResult",
    "TreeImportError",
    "export_rows",
    "parse_rows",
    "read_table",
    "units_export",
    "units_import",
]
