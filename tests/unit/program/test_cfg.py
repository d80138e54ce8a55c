"""Control dependence over a method's blocks: which blocks a branch or a throwing instruction decides."""

from __future__ import annotations

from analyzer.program.cfg import Body, control_dependents


def _body(insns: list[tuple[int, int]], succ: list[tuple[int, ...]],
          exc: list[tuple[tuple[str | None, int], ...]] | None = None) -> Body:
    """A body of (pc, opcode) instructions, each one a block."""
    full = [(pc, op, 0, 0, 0, ()) for pc, op in insns]
    n = len(full)
    return Body(full, {pc: k for k, (pc, _op) in enumerate(insns)}, succ, exc or [()] * n, 4, [],
                [(k, k) for k in range(n)], {k: k for k in range(n)}, {})


def test_an_if_decides_its_arms_not_where_they_meet() -> None:
    # 0: if-eqz -> 1 | 2; 1: const, goto 3; 2: const; 3: return-void
    body = _body([(0, 0x38), (1, 0x12), (2, 0x12), (3, 0x0E)], [(1, 2), (3,), (3,), ()])
    assert control_dependents(body) == {0: frozenset({1, 2})}


def test_an_early_return_decides_the_rest_and_a_nested_branch_adds_its_own() -> None:
    # 0: if -> 1 | 2; 1: return; 2: if -> 3 | 4; 3: const; 4: return
    body = _body([(0, 0x38), (1, 0x0E), (2, 0x38), (3, 0x12), (4, 0x0E)],
                 [(1, 2), (), (3, 4), (4,), ()])
    assert control_dependents(body) == {0: frozenset({1, 2, 3, 4}), 2: frozenset({3})}


def test_a_throwing_instruction_decides_its_handler() -> None:
    # 0: new-array (handler 2), 1: return; 2: handler, return
    body = _body([(0, 0x23), (1, 0x0E), (2, 0x0E)], [(1,), (), ()], [((None, 2),), (), ()])
    assert control_dependents(body) == {0: frozenset({1, 2})}
