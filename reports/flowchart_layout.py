"""The geometry of a process stage's flowchart, for the PDF manual and the window alike.

``layout_stage`` places every step of a stage in its own row and in the lane of its
responsible role, so boxes can never overlap. Edges are orthogonal polylines: a step
flows into the next row directly; skips and loops run in the channels between lanes
(which hold no boxes) and enter their target from above. Coordinates are top-down (y
grows downwards) in points. Text is measured by the caller's ``measure`` (reportlab's
``stringWidth`` for the PDF, ``QFontMetricsF`` of the painted font in the window), and
``chart_shapes`` lists what to paint (rectangles, lines, texts with their colours), so
``reports.flowchart`` and the window's preview draw the same chart.

This module imports neither reportlab nor Qt: opening the 流程 tab must not load
reportlab (its modules and the parsed CJK face cost the window about 35 MiB).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dutydesk.process.model import END, Edge, Stage, Step, role_label, successors

NAME_SIZE = 8.5
NAME_LEADING = 11.0
SMALL_SIZE = 6.5
LANE_HEADER = 22.0
ROW_GAP = 30.0
TERMINAL_H = 20.0
TRACK_STEP = 6.0

# Colours as #rrggbb text, which both painters read.
LANE_FILLS = ("#f4f7fa", "#eaf0f5")
LANE_STROKE = "#cbd2d9"
LANE_HEADER_FILL = "#dde7f0"
TITLE = "#1f2933"
TERMINAL_FILL = "#e4ecf3"
BOX_FILL = "#ffffff"
BOX_STROKE = "#1f5f8b"
DECISION_FILL = "#fff6e0"
DECISION_STROKE = "#b7791f"
HIGHLIGHT_FILL = "#d9ecff"
DIM_STROKE = "#9aa5b1"
LINE = "#3e4c59"
LOOP = "#b7791f"
MUTED = "#616e7c"
LABEL = "#8a4b08"
TEXT = "#000000"
WHITE = "#ffffff"

Measure = Callable[[str, float], float]
"""The width of a text at a font size, in the layout's units (points)."""


def wrap_text(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Break text into lines no wider than ``width``: between any CJK characters,
    and between words of Latin text."""
    lines: list[str] = []
    current = ""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char.isascii() and not char.isspace():
            word += char
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(char)
    if word:
        tokens.append(word)
    for token in tokens:
        candidate = current + token
        if current and measure(candidate, size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def balanced_lines(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Wrapped like ``wrap_text`` but with lines of similar length (no lone last word)."""
    lines = wrap_text(text, width, size, measure)
    if len(lines) < 2:
        return lines
    trial_width = width
    while trial_width > 24:
        trial_width -= 4
        trial = wrap_text(text, trial_width, size, measure)
        if len(trial) > len(lines):
            break
        lines = trial
    return lines


@dataclass(frozen=True)
class Node:
    """A placed step (or the start/end terminal): centre x, top y, width, height."""

    key: str
    kind: str  # "task", "decision", "start", "end"
    lane: int
    row: int
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    note: str = ""
    role: str = ""

    @property
    def top(self) -> float:
        return self.y

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def mid(self) -> float:
        return self.y + self.h / 2

    @property
    def left(self) -> float:
        return self.x - self.w / 2

    @property
    def right(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Route:
    """One edge as a polyline ending with an arrow head at its last point."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    label: str = ""
    label_at: tuple[float, float] = (0.0, 0.0)
    label_anchor: str = "start"  # "start" or "end"
    loop: bool = False


@dataclass(frozen=True)
class Lane:
    role: str
    title: str
    x: float
    w: float


@dataclass(frozen=True)
class StageLayout:
    width: float
    height: float
    lanes: tuple[Lane, ...]
    nodes: tuple[Node, ...]
    routes: tuple[Route, ...]
    highlight_role: str | None = None

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)


@dataclass
class _Channels:
    """Vertical tracks between lanes; each routed edge takes a fresh track."""

    bounds: list[float]
    used: dict[int, int] = field(default_factory=dict)

    def take(self, boundary: int) -> float:
        k = self.used.get(boundary, 0)
        self.used[boundary] = k + 1
        x = self.bounds[boundary]
        if boundary == 0:
            return x + 6 + k * TRACK_STEP
        if boundary == len(self.bounds) - 1:
            return x - 6 - k * TRACK_STEP
        offset = ((k + 1) // 2) * TRACK_STEP
        return x + offset if k % 2 else x - offset


def layout_stage(
    stage: Stage,
    measure: Measure,
    *,
    width: float = 480.0,
    lang: str = "zh_CN",
    highlight_role: str | None = None,
) -> StageLayout:
    """Place the steps of ``stage`` in role lanes, one row each, and route every edge;
    ``measure`` gives the width of a text in the font the chart is painted with."""
    roles = _lane_roles(stage)
    lane_w = width / len(roles)
    gutter = max(20.0, min(34.0, lane_w * 0.14))
    box_w = min(lane_w - 2 * gutter, 170.0)
    lanes = tuple(
        Lane(role, role_label(role, lang), i * lane_w, lane_w) for i, role in enumerate(roles)
    )
    lane_of = {role: i for i, role in enumerate(roles)}
    nodes: list[Node] = []
    y = LANE_HEADER + 12.0
    first_lane = lane_of[stage.steps[0].role]
    start_label = "开始" if not lang.startswith("en") else "Start"
    nodes.append(_terminal("START", "start", first_lane, 0, lanes, y, start_label))
    y += TERMINAL_H + ROW_GAP
    for row, step in enumerate(stage.steps, start=1):
        node = _step_node(step, lane_of[step.role], row, lanes, y, box_w, lang, measure)
        nodes.append(node)
        y += node.h + ROW_GAP
    end_label = "结束" if not lang.startswith("en") else "End"
    last_lane = lane_of[stage.steps[-1].role]
    nodes.append(_terminal(END, "end", last_lane, len(stage.steps) + 1, lanes, y, end_label))
    height = y + TERMINAL_H + 10.0
    by_key = {n.key: n for n in nodes}
    channels = _Channels([i * lane_w for i in range(len(roles) + 1)])
    routes = [_straight(by_key["START"], by_key[stage.steps[0].key], "")]
    for index, step in enumerate(stage.steps):
        routes.extend(_routes_for(stage, index, step, by_key, channels, len(roles)))
    return StageLayout(
        width=width,
        height=height,
        lanes=lanes,
        nodes=tuple(nodes),
        routes=tuple(routes),
        highlight_role=highlight_role,
    )


def _lane_roles(stage: Stage) -> list[str]:
    from dutydesk.process.model import PROCESS_ROLES

    used = {s.role for s in stage.steps}
    return [r for r in PROCESS_ROLES if r in used] or [stage.steps[0].role]


def _terminal(
    key: str, kind: str, lane: int, row: int, lanes: tuple[Lane, ...], y: float, text: str
) -> Node:
    centre = lanes[lane].x + lanes[lane].w / 2
    return Node(key, kind, lane, row, centre, y, 56.0, TERMINAL_H, (text,))


def _step_node(
    step: Step,
    lane: int,
    row: int,
    lanes: tuple[Lane, ...],
    y: float,
    box_w: float,
    lang: str,
    measure: Measure,
) -> Node:
    centre = lanes[lane].x + lanes[lane].w / 2
    title = f"{step.key} {step.name}"
    note = step.time_limit
    if step.is_decision:
        lines = balanced_lines(title, box_w * 0.52, NAME_SIZE, measure)
        inner = len(lines) * NAME_LEADING + 6
        height = max(46.0, 2 * inner)
        return Node(step.key, "decision", lane, row, centre, y, box_w, height, tuple(lines))
    lines = balanced_lines(title, box_w - 10, NAME_SIZE, measure)
    height = 8 + len(lines) * NAME_LEADING + (SMALL_SIZE + 4 if note else 0) + 5
    label = ("时限 " if not lang.startswith("en") else "Limit ") + note if note else ""
    note_lines = wrap_text(label, box_w - 10, SMALL_SIZE, measure) if label else []
    height += max(0, len(note_lines) - 1) * (SMALL_SIZE + 2)
    return Node(
        step.key,
        "task",
        lane,
        row,
        centre,
        y,
        box_w,
        max(height, 32.0),
        tuple(lines),
        note="\n".join(note_lines),
        role=step.role,
    )


def _straight(source: Node, target: Node, label: str) -> Route:
    """Source bottom to target top, through the gap just below the source."""
    y_turn = source.bottom + ROW_GAP * 0.4
    points: tuple[tuple[float, float], ...]
    if abs(source.x - target.x) < 0.5:
        points = ((source.x, source.bottom), (target.x, target.top))
    else:
        points = (
            (source.x, source.bottom),
            (source.x, y_turn),
            (target.x, y_turn),
            (target.x, target.top),
        )
    return Route(
        source.key,
        target.key,
        points,
        label,
        (source.x + 3, source.bottom + 7.5),
        "start",
    )


def _routes_for(
    stage: Stage,
    index: int,
    step: Step,
    nodes: dict[str, Node],
    channels: _Channels,
    lane_count: int,
) -> list[Route]:
    source = nodes[step.key]
    edges: list[Edge] = successors(stage, index)
    # The edge into the next row leaves from the bottom; the others from the sides.
    following = stage.steps[index + 1].key if index + 1 < len(stage.steps) else END
    ordered = sorted(edges, key=lambda e: 0 if (e.to == following and not e.loop) else 1)
    routes: list[Route] = []
    side_order = (
        ["right", "left"]
        if source.lane < lane_count - 1 or lane_count == 1
        else [
            "left",
            "right",
        ]
    )
    for number, edge in enumerate(ordered):
        target = nodes[edge.to]
        if number == 0 and target.row == source.row + 1:
            route = _straight(source, target, edge.label)
        elif number == 0:
            route = _via_channel_from_bottom(source, target, edge, channels)
        else:
            side = side_order[(number - 1) % 2] if source.kind == "decision" else "right"
            route = _via_channel_from_side(source, target, edge, channels, side)
        routes.append(route)
    return routes


def _entry(target: Node, x: float) -> list[tuple[float, float]]:
    y_in = target.top - ROW_GAP * 0.3
    return [(x, y_in), (target.x, y_in), (target.x, target.top)]


def _via_channel_from_bottom(source: Node, target: Node, edge: Edge, channels: _Channels) -> Route:
    x = channels.take(source.lane + 1)
    y_out = source.bottom + ROW_GAP * 0.4
    points = [(source.x, source.bottom), (source.x, y_out), (x, y_out), *_entry(target, x)]
    return Route(
        source.key,
        target.key,
        tuple(points),
        edge.label,
        (source.x + 3, source.bottom + 7.5),
        "start",
        edge.loop,
    )


def _via_channel_from_side(
    source: Node, target: Node, edge: Edge, channels: _Channels, side: str
) -> Route:
    boundary = source.lane + 1 if side == "right" else source.lane
    x = channels.take(boundary)
    start_x = source.right if side == "right" else source.left
    y = source.mid
    points = [(start_x, y), (x, y), *_entry(target, x)]
    label_x = start_x + 3 if side == "right" else start_x - 3
    return Route(
        source.key,
        target.key,
        tuple(points),
        edge.label,
        (label_x, y - 4),
        "start" if side == "right" else "end",
        edge.loop,
    )


# ---------------------------------------------------------------- what to paint


@dataclass(frozen=True)
class Box:
    """A rectangle (rounded when ``radius``); top-left corner, width, height."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None
    stroke_width: float = 1.0
    radius: float = 0.0


@dataclass(frozen=True)
class Lines:
    """A polyline, or a filled polygon when ``closed``."""

    points: tuple[tuple[float, float], ...]
    stroke: str
    stroke_width: float
    fill: str | None = None
    closed: bool = False


@dataclass(frozen=True)
class Text:
    """One line of text; ``x`` is where ``anchor`` ("start", "middle", "end") sits."""

    x: float
    baseline: float
    text: str
    size: float
    colour: str = TEXT
    anchor: str = "middle"


Shape = Box | Lines | Text


def chart_shapes(layout: StageLayout, measure: Measure) -> list[Shape]:
    """Everything the chart paints, back to front: lanes, edges, boxes, edge labels."""
    shapes: list[Shape] = []
    for number, lane in enumerate(layout.lanes):
        shapes.append(
            Box(lane.x, 0, lane.w, layout.height, LANE_FILLS[number % 2], LANE_STROKE, 0.5)
        )
        shapes.append(Box(lane.x, 0, lane.w, LANE_HEADER, LANE_HEADER_FILL, LANE_STROKE, 0.5))
        shapes.append(Text(lane.x + lane.w / 2, LANE_HEADER - 7, lane.title, 9, TITLE))
    for route in layout.routes:
        colour = LOOP if route.loop else LINE
        shapes.append(Lines(route.points, colour, 0.9))
        shapes.append(_arrow_head(route.points[-2], route.points[-1], colour))
    for node in layout.nodes:
        shapes.extend(_node_shapes(node, layout.highlight_role))
    for route in layout.routes:
        if route.label:
            shapes.extend(_label_shapes(route, measure))
    return shapes


def _arrow_head(tail: tuple[float, float], tip: tuple[float, float], colour: str) -> Lines:
    size, half = 6.0, 2.8
    (x0, y0), (x1, y1) = tail, tip
    dx, dy = x1 - x0, y1 - y0
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * size, y1 - uy * size
    points = ((x1, y1), (bx + uy * half, by - ux * half), (bx - uy * half, by + ux * half))
    return Lines(points, colour, 0.5, fill=colour, closed=True)


def _node_shapes(node: Node, highlight_role: str | None) -> list[Shape]:
    dim = highlight_role is not None and node.role and node.role != highlight_role
    if node.kind in ("start", "end"):
        radius = node.h / 2
        return [
            Box(node.left, node.top, node.w, node.h, TERMINAL_FILL, BOX_STROKE, 0.8, radius),
            Text(node.x, node.mid + 3, node.lines[0], 8),
        ]
    if node.kind == "decision":
        corners = ((node.x, node.top), (node.right, node.mid), (node.x, node.bottom))
        diamond = Lines(
            (*corners, (node.left, node.mid)),
            DIM_STROKE if dim else DECISION_STROKE,
            1.0,
            fill=DECISION_FILL,
            closed=True,
        )
        first = node.mid - (len(node.lines) - 1) * NAME_LEADING / 2 + NAME_SIZE * 0.35
        return [
            diamond,
            *(
                Text(node.x, first + number * NAME_LEADING, line, NAME_SIZE)
                for number, line in enumerate(node.lines)
            ),
        ]
    fill = HIGHLIGHT_FILL if highlight_role and node.role == highlight_role else BOX_FILL
    stroke = DIM_STROKE if dim else BOX_STROKE
    shapes: list[Shape] = [Box(node.left, node.top, node.w, node.h, fill, stroke, 1.0, 3.0)]
    y = node.top + 8 + NAME_SIZE
    for line in node.lines:
        shapes.append(Text(node.x, y, line, NAME_SIZE))
        y += NAME_LEADING
    if node.note:
        y += 1
        for line in node.note.split("\n"):
            shapes.append(Text(node.x, y - 3, line, SMALL_SIZE, MUTED))
            y += SMALL_SIZE + 2
    return shapes


def _label_shapes(route: Route, measure: Measure) -> list[Shape]:
    x, y = route.label_at
    width = measure(route.label, SMALL_SIZE)
    left = x if route.label_anchor == "start" else x - width
    height = SMALL_SIZE + 2.2
    return [
        Box(left - 1, y + 1.8 - height, width + 2, height, WHITE, None),
        Text(x, y, route.label, SMALL_SIZE, LABEL, route.label_anchor),
    ]
