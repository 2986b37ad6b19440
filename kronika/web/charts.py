"""Geometry of the server-side SVG charts: the dyad timeline (monthly cooperation above the axis, conflict
below, the summed PLOVER score as a line) and the actor network (actors on a circle, arrows from actor to
recipient). Functions return plain numbers and strings; templates draw them with escaping on."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

QUAD_CLASSES = {1: "q1", 2: "q2", 3: "q3", 4: "q4"}


def _nice_max(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is >= value (1 for 0)."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for f in (1, 2, 5, 10):
        if f * exp >= value:
            return f * exp
    return 10 * exp  # pragma: no cover


@dataclass
class Timeline:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    zero_y: float
    bars: list[dict[str, Any]] = field(default_factory=list)
    yticks: list[dict[str, Any]] = field(default_factory=list)
    scale_ticks: list[dict[str, Any]] = field(default_factory=list)
    xlabels: list[dict[str, Any]] = field(default_factory=list)
    scale_points: str = ""
    scale_dots: list[dict[str, Any]] = field(default_factory=list)


def timeline(months: list[dict[str, Any]], width: int = 920, height: int = 340) -> Timeline | None:
    """Layout of a dyad timeline from `analytics.dyad_series(...)["months"]`, or None with no months.

    Each month gets a column: quad 1 and 2 stacked upwards from the zero line, quad 3 and 4 downwards
    (one axis, events per month, left); the summed event_scale is a polyline on its own axis (right)."""
    if not months:
        return None
    left, right, top, bottom = 52.0, width - 56.0, 18.0, height - 54.0
    zero = (top + bottom) / 2
    half = (bottom - top) / 2
    peak = _nice_max(max(max(m["cooperation"], m["conflict"]) for m in months))
    speak = _nice_max(max(abs(m["event_scale"]) for m in months))
    step = (right - left) / len(months)
    bar_w = max(2.0, min(step * 0.7, 48.0))
    t = Timeline(width, height, left, right, top, bottom, zero)
    for frac in (-1, -0.5, 0, 0.5, 1):
        y = zero - frac * half
        t.yticks.append({"y": round(y, 1), "label": _fmt(abs(frac * peak))})
        t.scale_ticks.append({"y": round(y, 1), "label": _fmt(frac * speak)})
    every = max(1, math.ceil(len(months) / 12))
    points = []
    for i, m in enumerate(months):
        cx = left + step * (i + 0.5)
        x = cx - bar_w / 2
        up = zero
        for q in (1, 2):
            h = m[f"quad{q}"] / peak * half
            if h:
                t.bars.append({"x": round(x, 1), "y": round(up - h, 1), "w": round(bar_w, 1), "h": round(h, 1),
                               "cls": QUAD_CLASSES[q], "title": f"{m['month']}: {m[f'quad{q}']} × quad {q}",
                               "month": m["month"]})
                up -= h
        down = zero
        for q in (3, 4):
            h = m[f"quad{q}"] / peak * half
            if h:
                t.bars.append({"x": round(x, 1), "y": round(down, 1), "w": round(bar_w, 1), "h": round(h, 1),
                               "cls": QUAD_CLASSES[q], "title": f"{m['month']}: {m[f'quad{q}']} × quad {q}",
                               "month": m["month"]})
                down += h
        sy = zero - m["event_scale"] / speak * half
        points.append(f"{cx:.1f},{sy:.1f}")
        t.scale_dots.append({"x": round(cx, 1), "y": round(sy, 1),
                             "title": f"{m['month']}: summed score {_fmt(m['event_scale'])}"})
        if i % every == 0:
            t.xlabels.append({"x": round(cx, 1), "label": m["month"]})
    t.scale_points = " ".join(points)
    return t


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


@dataclass
class Network:
    width: int
    height: int
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


def _node_key(name: str, country: str | None) -> str:
    return f"{name}\x1f{country or ''}"


def network(edges: list[dict[str, Any]], width: int = 920, height: int = 600, max_nodes: int = 40) -> Network | None:
    """Layout of the actor network from `analytics.network_edges(...)`, or None without edges.

    Nodes (the `max_nodes` actors with most events; edges to others dropped) sit on a circle, largest first;
    a node's radius grows with its events. Each edge is a path from actor to recipient, curved when both
    directions exist, its width growing with the events and its class `coop`, `conflict` or `mixed` by the
    majority of quad classes."""
    if not edges:
        return None
    weight: dict[str, int] = {}
    label: dict[str, tuple[str, str | None]] = {}
    for e in edges:
        for name, country in ((e["source"], e["source_country"]), (e["target"], e["target_country"])):
            k = _node_key(name, country)
            weight[k] = weight.get(k, 0) + e["events"]
            label[k] = (name, country)
    keys = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 90
    pos: dict[str, tuple[float, float]] = {}
    net = Network(width, height)
    top = max(weight[k] for k in keys)
    for i, k in enumerate(keys):
        angle = -math.pi / 2 + 2 * math.pi * i / len(keys)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        pos[k] = (x, y)
        name, country = label[k]
        r = 7 + 13 * math.sqrt(weight[k] / top)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        lx = x + (r + 6) * math.cos(angle)
        ly = y + (r + 6) * math.sin(angle) + (4 if anchor != "middle" else (14 if math.sin(angle) > 0 else -6))
        net.nodes.append({"x": round(x, 1), "y": round(y, 1), "r": round(r, 1), "name": name, "country": country or "",
                          "events": weight[k], "lx": round(lx, 1), "ly": round(ly, 1), "anchor": anchor})
    pairs = {(_node_key(e["source"], e["source_country"]), _node_key(e["target"], e["target_country"])) for e in edges}
    most = max(e["events"] for e in edges)
    for e in edges:
        s, t = _node_key(e["source"], e["source_country"]), _node_key(e["target"], e["target_country"])
        if s not in pos or t not in pos or s == t:
            continue
        (x1, y1), (x2, y2) = pos[s], pos[t]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        bend = 0.18 * dist if (t, s) in pairs else 0.0
        mx, my = (x1 + x2) / 2 - dy / dist * bend, (y1 + y2) / 2 + dx / dist * bend
        # stop the arrow at the target's circle
        r_t = next(n["r"] for n in net.nodes if _node_key(n["name"], n["country"] or None) == t)
        tx, ty = x2 - mx, y2 - my
        tl = math.hypot(tx, ty) or 1.0
        ex, ey = x2 - tx / tl * (r_t + 3), y2 - ty / tl * (r_t + 3)
        cls = "coop" if e["cooperation"] > e["conflict"] else "conflict" if e["conflict"] > e["cooperation"] else "mixed"
        net.edges.append({
            "d": f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}",
            "w": round(1.2 + 4.5 * e["events"] / most, 1), "cls": cls,
            "title": (f"{e['source']} → {e['target']}: {e['events']} event(s), {e['cooperation']} cooperation, "
                      f"{e['conflict']} conflict"),
            "source": e["source"], "target": e["target"],
        })
    return net
