"""Figures for reports, drawn with matplotlib (Agg backend, no display needed): `kronika plot dyad A B`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

QUAD_COLOURS = {1: "#8cc9a1", 2: "#2e8b57", 3: "#f2a481", 4: "#cc3f2c"}
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def dyad_figure(series: dict[str, Any], output: str | os.PathLike[str], *, title: str | None = None,
                dpi: int = 150) -> Path:
    """Draw a dyad time series (`kronika.store.analytics.dyad_series`) to `output` (PNG, SVG or PDF by its
    suffix) and return the path: one column per month, quad classes 1–2 stacked above the axis and 3–4 below
    it, the summed PLOVER score as a line on a second axis. ValueError when the series has no dated event."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    months = series["months"]
    if not months:
        raise ValueError(f"no dated events between {series['a']} and {series['b']}: nothing to plot")
    xs = list(range(len(months)))
    fig, ax = plt.subplots(figsize=(max(6.0, min(16.0, 0.45 * len(months) + 4)), 4.2), layout="constrained")
    up = [0.0] * len(months)
    for q in (1, 2):
        vals = [m[f"quad{q}"] for m in months]
        ax.bar(xs, vals, bottom=up, color=QUAD_COLOURS[q], label=QUAD_LABELS[q], width=0.7)
        up = [u + v for u, v in zip(up, vals)]
    down = [0.0] * len(months)
    for q in (3, 4):
        vals = [-m[f"quad{q}"] for m in months]
        ax.bar(xs, vals, bottom=down, color=QUAD_COLOURS[q], label=QUAD_LABELS[q], width=0.7)
        down = [d + v for d, v in zip(down, vals)]
    peak = max(1.0, max(up), -min(down))
    ax.set_ylim(-peak * 1.15, peak * 1.15)
    ax.axhline(0, color="#555", linewidth=0.8)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_ylabel("events per month (conflict below 0)")
    every = max(1, -(-len(months) // 14))
    ax.set_xticks(xs[::every], [m["month"] for m in months][::every], rotation=45, ha="right")
    ax.spines[["top"]].set_visible(False)
    ax2 = ax.twinx()
    scores = [m["event_scale"] for m in months]
    speak = max(1.0, max(abs(s) for s in scores))
    ax2.plot(xs, scores, color="#6a4fa0", linestyle="--", marker="o", markersize=3, linewidth=1.4,
             label="summed PLOVER score")
    ax2.set_ylim(-speak * 1.15, speak * 1.15)
    ax2.set_ylabel("summed PLOVER score", color="#6a4fa0")
    ax2.tick_params(axis="y", colors="#6a4fa0")
    ax2.spines[["top"]].set_visible(False)
    arrow = "→" if series.get("directed") else "↔"
    ax.set_title(title or f"{series['a']} {arrow} {series['b']}: events per month", loc="left", fontsize=12)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    fig.legend(handles, [h.get_label() for h in handles], loc="outside lower center", fontsize=8, frameon=False, ncol=5)
    out = Path(output)
    fig.savefig(out, dpi=dpi)
    plt.close(fig)
    return out
