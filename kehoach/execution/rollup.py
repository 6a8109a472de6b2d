"""Roll-up arithmetic: progress of a tree as the weighted mean of its children, any depth.

Pure functions over plain values so the same arithmetic serves tasks under tasks, tasks under a
plan and plans under plans (a province plan over its cities' plans over their cells). The
database side (which rows to load, which to write) lives in ``kehoach.execution.services.recompute``.

The rule (docs/execution.md §2):

- a node with included children gets Σ(weightᵢ × progressᵢ) / Σ weightᵢ over those children;
- a node without included children keeps its own progress (a leaf);
- excluded children (cancelled, not applicable), children of weight 0 and children without a
  progress value (an empty sub-plan) do not count, in numerator or denominator;
- results are percentages rounded half up to two decimals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Node:
    """One task or plan in a roll-up tree."""

    key: Hashable
    parent: Hashable | None
    weight: Decimal = Decimal(1)
    progress: Decimal | None = None
    excluded: bool = False


def clamp_progress(value: Decimal | int | float | str) -> Decimal:
    """A progress percentage between 0 and 100, two decimals."""
    d = Decimal(str(value))
    return min(HUNDRED, max(Decimal(0), d)).quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_mean(items: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """Σ(w × p) / Σ w over items with w > 0 and a progress; None when nothing counts."""
    total_w = Decimal(0)
    total = Decimal(0)
    for weight, progress in items:
        if progress is None or weight <= 0:
            continue
        total_w += weight
        total += weight * progress
    if total_w == 0:
        return None
    return (total / total_w).quantize(CENT, rounding=ROUND_HALF_UP)


def rollup(nodes: Iterable[Node]) -> dict[Hashable, Decimal | None]:
    """The rolled-up progress of every node of a forest, keyed like the nodes.

    Parents missing from ``nodes`` are treated as roots (their subtree still rolls up to the
    nodes that are present). Cycles are refused with ``ValueError``.
    """
    by_key: dict[Hashable, Node] = {n.key: n for n in nodes}
    children: dict[Hashable, list[Node]] = defaultdict(list)
    for n in by_key.values():
        if n.parent is not None and n.parent in by_key:
            children[n.parent].append(n)
    depth = _depths(by_key)
    result: dict[Hashable, Decimal | None] = {}
    # Deepest first: every child is computed before its parent, without recursion.
    for key in sorted(by_key, key=lambda k: -depth[k]):
        included = [c for c in children.get(key, ()) if not c.excluded]
        if included:
            result[key] = weighted_mean((c.weight, result[c.key]) for c in included)
        else:
            result[key] = by_key[key].progress
    return result


def _depths(by_key: Mapping[Hashable, Node]) -> dict[Hashable, int]:
    """Distance of every node from its root, walking up iteratively (long chains are fine)."""
    depth: dict[Hashable, int] = {}
    for start in by_key:
        chain: list[Hashable] = []
        seen: set[Hashable] = set()
        cur: Hashable | None = start
        while cur is not None and cur in by_key and cur not in depth:
            if cur in seen:
                raise ValueError(f"cycle in roll-up tree at {cur!r}")
            chain.append(cur)
            seen.add(cur)
            cur = by_key[cur].parent
        base = depth[cur] if cur is not None and cur in depth else -1
        for k in reversed(chain):
            base += 1
            depth[k] = base
    return depth
