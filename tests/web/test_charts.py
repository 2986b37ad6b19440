"""Chart geometry: bars above the axis for cooperation, below for conflict; arrows between actors."""
from __future__ import annotations

from kronika.web.charts import network, timeline


def _month(month, q1=0, q2=0, q3=0, q4=0, scale=0.0):
    return {"month": month, "quad1": q1, "quad2": q2, "quad3": q3, "quad4": q4, "events": q1 + q2 + q3 + q4,
            "cooperation": q1 + q2, "conflict": q3 + q4, "event_scale": scale}


def test_timeline_puts_cooperation_up_and_conflict_down():
    t = timeline([_month("2023-01", q1=2, q2=1, scale=5), _month("2023-02"), _month("2023-03", q4=3, scale=-9)])
    up = [b for b in t.bars if b["cls"] in ("q1", "q2")]
    down = [b for b in t.bars if b["cls"] in ("q3", "q4")]
    assert all(b["y"] + b["h"] <= t.zero_y + 0.1 for b in up)
    assert all(b["y"] >= t.zero_y - 0.1 for b in down)
    assert {b["month"] for b in down} == {"2023-03"}
    assert abs(sum(b["h"] for b in up) - down[0]["h"]) < 0.2  # 3 events each way: same height
    assert len(t.scale_points.split()) == 3 and len(t.xlabels) == 3
    assert timeline([]) is None


def test_network_layout_has_a_node_per_actor_and_an_edge_per_pair():
    edges = [
        {"source": "A", "source_country": "RUS", "target": "B", "target_country": "PRK", "events": 3, "cooperation": 3,
         "conflict": 0, "event_scale": 3.0},
        {"source": "B", "source_country": "PRK", "target": "A", "target_country": "RUS", "events": 1, "cooperation": 0,
         "conflict": 1, "event_scale": -2.0},
        {"source": "C", "source_country": None, "target": "A", "target_country": "RUS", "events": 1, "cooperation": 1,
         "conflict": 1, "event_scale": None},
    ]
    net = network(edges)
    assert sorted(n["name"] for n in net.nodes) == ["A", "B", "C"]
    assert [e["cls"] for e in net.edges] == ["coop", "conflict", "mixed"]
    assert net.edges[0]["w"] > net.edges[1]["w"]
    assert network([]) is None
