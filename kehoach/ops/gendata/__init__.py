"""Generated data at scale (``kehoach gen-data``): a whole province for benchmarks and load tests.

A province after the 2025 reform (two levels of local government): the Party committee with its
boards, the Party committees of the province's agencies, the People's Committee with its
departments and offices, the Fatherland Front with the mass organisations, and ~30 communes and
wards, each with its Party committee and cells (villages, residential groups, schools, health
station, police, military), its People's Committee and Front committee.

On top of it: directives of the centre (registry documents), a tree of plans that implement one
another (province → commune or agency → cell, depth 3–4), each issued plan a registry document
citing its parent; tasks with lead and supporting units and dates; a report template per plan
with its periods; progress reports over the past periods with indicator figures and evidence
links; cascade requirements; users at every level with a membership; a few notifications.

Rows are written with ``bulk_create`` in batches (no per-row services: that would take hours),
then ``recompute_all`` rolls progress up once, exactly as the services would have. The data obey
the domain's rules: a leaf task's progress is the figure of its lead unit's latest accepted
report (or 100 when done), parent tasks and plans are roll-ups, reports exist only for a task's
lead or supporting units, rates keep their raw counts.

Everything generated is marked: unit codes start with ``GEN-``, usernames with ``gen.``,
document keys with ``gen:``. ``generate`` refuses to run twice; ``reset`` removes it all.
"""

from kehoach.ops.gendata.base import PASSWORD, SCALES, Generated, has_generated_data
from kehoach.ops.gendata.province import generate, reset

__all__ = ["PASSWORD", "SCALES", "Generated", "generate", "has_generated_data", "reset"]
