"""Property test: any valid stage lays out without overlapping boxes, arrows on targets."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from dutydesk.process.model import END, Edge, Stage, Step, check
from reports.flowchart import pdf_measure
from reports.flowchart_layout import layout_stage

ROLES = ("officer", "leader", "admin")


@st.composite
def stages(draw: st.DrawFn) -> Stage:
    count = draw(st.integers(min_value=1, max_value=9))
    keys = [f"K{n}" for n in range(count)]
    steps = []
    for index, key in enumerate(keys):
        role = draw(st.sampled_from(ROLES))
        name = draw(st.text(alphabet="值班交接处理报告确认是否完成核对", min_size=1, max_size=24))
        decision = index < count - 1 and draw(st.booleans())
        if not decision:
            steps.append(Step(key, name, role))
            continue
        forward = draw(st.sampled_from([*keys[index + 2 :], END]))
        back = draw(st.sampled_from(keys[: index + 1]))
        edges = [Edge(keys[index + 1], "是"), Edge(forward, "否")]
        if draw(st.booleans()):
            edges.append(Edge(back, "重做", loop=True))
        steps.append(Step(key, name, role, kind="decision", next=tuple(edges)))
    return Stage("s", "阶段", steps=tuple(steps))


@settings(max_examples=25, deadline=None)
@given(stages())
def test_layout_never_overlaps_and_every_arrow_reaches_its_box(stage: Stage) -> None:
    assert check_stage(stage)
    layout = layout_stage(stage, pdf_measure, width=480)
    nodes = sorted(layout.nodes, key=lambda n: n.top)
    for upper, lower in itertools.pairwise(nodes):
        assert upper.bottom < lower.top
    by_key = {n.key: n for n in layout.nodes}
    for node in layout.nodes:
        lane = layout.lanes[node.lane]
        assert lane.x <= node.left and node.right <= lane.x + lane.w
    for route in layout.routes:
        target = by_key[route.target]
        assert route.points[-1] == (target.x, target.top)
        for (x0, y0), (x1, y1) in zip(route.points, route.points[1:], strict=False):
            assert x0 == x1 or y0 == y1  # orthogonal segments only
    assert len(layout.routes) == 1 + sum(max(1, len(s.next)) for s in stage.steps)


def check_stage(stage: Stage) -> bool:
    from dutydesk.process.model import ProcessDefinition

    return check(ProcessDefinition("t", (stage,))) == []
