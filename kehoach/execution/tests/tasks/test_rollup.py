"""Roll-up: weighted mean normalised by total weight, exclusions, any depth (worked examples)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.execution.rollup import Node, clamp_progress, rollup, weighted_mean

D = Decimal


def test_a_parent_is_the_weighted_mean_of_its_children_normalised_by_total_weight():
    # Given a plan with three tasks of weights 2, 1, 1 at 100%, 50% and 0%
    nodes = [
        Node("plan", None),
        Node("a", "plan", D(2), D(100)),
        Node("b", "plan", D(1), D(50)),
        Node("c", "plan", D(1), D(0)),
    ]
    # Then the plan is (2×100 + 1×50 + 1×0) / 4 = 62.5%
    assert rollup(nodes)["plan"] == D("62.50")


def test_cancelled_and_not_applicable_children_leave_numerator_and_denominator():
    nodes = [
        Node("plan", None),
        Node("a", "plan", D(2), D(100)),
        Node("b", "plan", D(1), D(50)),
        Node("c", "plan", D(1), D(0), excluded=True),
    ]
    # (2×100 + 1×50) / 3 = 83.33%, not (250)/4
    assert rollup(nodes)["plan"] == D("83.33")


def test_deleting_a_child_recomputes_from_the_remaining_ones():
    nodes = [Node("p", None), Node("a", "p", D(1), D(90)), Node("b", "p", D(1), D(10))]
    assert rollup(nodes)["p"] == D("50.00")
    assert rollup([n for n in nodes if n.key != "b"])["p"] == D("90.00")


def test_roll_up_goes_through_any_depth_province_city_cell():
    # Province plan ← two city plans (weights 1 and 3) ← cells' tasks.
    nodes = [
        Node("province", None),
        Node("city A", "province", D(1)),
        Node("city B", "province", D(3)),
        Node("A cell 1", "city A", D(1), D(100)),
        Node("A cell 2", "city A", D(1), D(0)),
        Node("B cell 1", "city B", D(1), D(20)),
        Node("B task 1.1", "B cell 1", D(1), D(40)),
        Node("B task 1.2", "B cell 1", D(3), D(80)),
    ]
    got = rollup(nodes)
    assert got["B cell 1"] == D("70.00")  # (40 + 3×80) / 4, its own 20% is overridden
    assert got["city A"] == D("50.00")
    assert got["city B"] == D("70.00")
    assert got["province"] == D("65.00")  # (1×50 + 3×70) / 4


def test_a_parent_whose_children_are_all_excluded_keeps_its_own_progress():
    nodes = [Node("p", None, progress=D(40)), Node("a", "p", D(1), D(100), excluded=True)]
    assert rollup(nodes)["p"] == D(40)


def test_an_empty_sub_plan_does_not_drag_its_parent_to_zero():
    nodes = [Node("p", None), Node("empty", "p", D(5)), Node("a", "p", D(1), D(60))]
    got = rollup(nodes)
    assert got["empty"] is None
    assert got["p"] == D("60.00")


def test_zero_weight_children_do_not_count_and_nothing_counted_gives_none():
    assert weighted_mean([(D(0), D(100)), (D(1), D(30))]) == D("30.00")
    assert weighted_mean([(D(0), D(100))]) is None


def test_a_cycle_is_refused():
    with pytest.raises(ValueError, match="cycle"):
        rollup([Node("a", "b"), Node("b", "a")])


def test_a_chain_ten_thousand_deep_rolls_up_without_recursion():
    nodes = [Node(0, None)] + [Node(i, i - 1) for i in range(1, 10_000)]
    nodes[-1] = Node(9_999, 9_998, D(1), D(42))
    assert rollup(nodes)[0] == D("42.00")


def test_progress_is_clamped_to_0_100_with_two_decimals():
    assert clamp_progress(120) == D("100.00")
    assert clamp_progress(-3) == D("0.00")
    assert clamp_progress("33.335") == D("33.34")


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=10),
            st.integers(min_value=0, max_value=100),
            st.booleans(),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_a_rolled_up_value_lies_between_its_included_childrens_extremes(children):
    nodes = [Node("p", None)] + [
        Node(i, "p", D(w), D(p), excluded=x) for i, (w, p, x) in enumerate(children)
    ]
    value = rollup(nodes)["p"]
    counted = [p for (_w, p, x) in children if not x]
    if not counted:
        assert value is None
    else:
        assert min(counted) <= value <= max(counted)
