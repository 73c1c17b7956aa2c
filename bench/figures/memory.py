"""Peak memory after opening all seven tabs (goal ≤ 2×).

The start-up probes with ``--all-tabs``: after the first paint each opens every tab in
turn (each tab builds its views and loads its data from the bench's copy of the
realistic database; the probe waits for worker threads) and reports the process's peak
RSS (``ru_maxrss``). Baseline: the bare seven-tab QMainWindow doing the same. Fresh
processes, interleaved; medians.
"""

from __future__ import annotations

from bench.common import Context, Row, failed
from bench.figures.startup import _errors, _median_of, interleaved_probes

NAME = "memory"
NEEDS_DB = True
TITLE = "peak memory after opening all 7 tabs"


def run(ctx: Context) -> list[Row]:
    bare, desk = interleaved_probes(ctx, "--all-tabs")
    error = _errors(desk) or _errors(bare)
    if error:
        return [failed(NAME, TITLE, error)]
    return [
        Row(
            NAME,
            TITLE,
            _median_of(desk, "peak_rss_mib"),
            _median_of(bare, "peak_rss_mib"),
            "bare 7-tab window, every tab opened",
            unit="MiB",
            goal=2.0,
            samples={
                "app": [s["peak_rss_mib"] for s in desk],
                "base": [s["peak_rss_mib"] for s in bare],
            },
        )
    ]
