"""A hand-made gold record and prediction (text written for these tests), scored by hand in test_scores.py.

The gold record takes its text from a sibling file named by `doc.source`; the prediction names the same
file by another path (paired by stem) and carries no text, so offsets-only evidence is cut from the gold text.
"""
from __future__ import annotations

import json
from pathlib import Path

from kronika.ingest.document import document_id

TEXT = (
    "Prezydent Francji Emmanuel Macron i kanclerz Niemiec Olaf Scholz rozmawiali w poniedziałek w Berlinie "
    "o wsparciu dla Ukrainy. Według agencji Reuters Aleksandr Łukaszenka zagroził Litwie zamknięciem granicy. "
    "Sojusz Północnoatlantycki potępił rosyjskie ataki na ukraińską infrastrukturę energetyczną. "
    "Macron zapowiedział, że Francja przekaże Ukrainie kolejne systemy obrony powietrznej w przyszłym tygodniu. "
    "„Nie zostawimy Ukrainy samej w tej wojnie” – powiedział francuski prezydent. "
    "Białoruska opozycja wezwała Unię Europejską do zaostrzenia sankcji wobec Mińska."
)


def span(text: str, part: str) -> dict:
    """{start, end} of the first occurrence of `part` in `text`."""
    start = text.index(part)
    return {"start": start, "end": start + len(part)}


def entity(eid: str, name: str, type_: str, country: str | None, aliases: list[str] | None = None) -> dict:
    e = {"id": eid, "name": name, "type": type_, "country": country}
    if aliases is not None:
        e["aliases"] = aliases
    return e


def event(vid: str, category: str, actor: list[str], recipient: list[str], evidence: dict, *,
          date: str | None = None, precision: str = "unknown", status: str = "asserted",
          attribution: list[str] | None = None) -> dict:
    return {"id": vid, "event": category, "actor": actor, "recipient": recipient, "date": date,
            "precision": precision, "status": status, "attribution": attribution or [], "evidence": evidence}


def gold_record() -> dict:
    return {
        "doc": {"source": "macron-scholz.txt", "lang": "pl", "date": {"value": "2024-05-28", "precision": "day"},
                "outlet": None},
        "entities": [
            entity("e1", "Emmanuel Macron", "person", "FRA", ["Macron", "francuski prezydent"]),
            entity("e2", "Olaf Scholz", "person", "DEU", ["Scholz"]),
            entity("e3", "Alexander Lukashenko", "person", "BLR", ["Aleksandr Łukaszenka", "Łukaszenka"]),
            entity("e4", "Lithuania", "country", "LTU", ["Litwa"]),
            entity("e5", "NATO", "organization", "NATO", ["Sojusz Północnoatlantycki"]),
            entity("e6", "Russia", "country", "RUS", ["Rosja"]),
            entity("e7", "Ukraine", "country", "UKR", ["Ukraina"]),
            entity("e8", "Reuters", "organization", "GBR", []),
            entity("e9", "Belarusian opposition", "group", None, ["białoruska opozycja"]),
            entity("e10", "European Union", "organization", "EU", ["Unia Europejska"]),
            entity("e11", "France", "country", "FRA", ["Francja"]),
            entity("e12", "Berlin", "location", "DEU"),
        ],
        "events": [
            event("v1", "CONSULT", ["e1", "e2"], [],
                  {"text": "Emmanuel Macron i kanclerz Niemiec Olaf Scholz rozmawiali w poniedziałek w Berlinie",
                   "trigger": {"text": "rozmawiali"}},
                  date="2024-05-27", precision="day"),
            event("v2", "THREATEN", ["e3"], ["e4"],
                  {"text": "Aleksandr Łukaszenka zagroził Litwie zamknięciem granicy", "trigger": {"text": "zagroził"}},
                  attribution=["e8"]),
            event("v3", "ACCUSE", ["e5"], ["e6"],
                  {"text": "Sojusz Północnoatlantycki potępił rosyjskie ataki", "trigger": {"text": "potępił"}}),
            event("v4", "AID", ["e11"], ["e7"],
                  {"text": "Francja przekaże Ukrainie kolejne systemy obrony powietrznej", "trigger": {"text": "przekaże"}},
                  date="2024-W23", precision="week", status="planned", attribution=["e1"]),
            event("v5", "REQUEST", ["e9"], ["e10"],
                  {"text": "Białoruska opozycja wezwała Unię Europejską do zaostrzenia sankcji wobec Mińska",
                   "trigger": {"text": "wezwała"}}),
            event("v6", "ASSAULT", ["e6"], ["e7"],
                  {"text": "rosyjskie ataki na ukraińską infrastrukturę energetyczną", "trigger": {"text": "ataki"}}),
        ],
        "quotes": [
            {"id": "q1", "speaker": "e1", "kind": "direct", "cue": "powiedzieć", "attribution": [],
             "text": "Nie zostawimy Ukrainy samej w tej wojnie"},
            {"id": "q2", "speaker": "e1", "kind": "indirect", "cue": "zapowiedzieć", "attribution": [],
             "text": "Francja przekaże Ukrainie kolejne systemy obrony powietrznej w przyszłym tygodniu",
             "note": "ignored by the scorer"},
        ],
        "timexes": [
            {"text": "w poniedziałek", "type": "DATE", "value": "2024-05-27"},
            {**span(TEXT, "w przyszłym tygodniu"), "type": "DATE", "value": "2024-W23"},
        ],
    }


def pred_entity(eid: str, name: str, type_: str, country: str | None) -> dict:
    return {"id": eid, "name": name, "type": type_, "country": country, "mentions": [{"start": 0, "end": 1}]}


def pred_record() -> dict:
    ev = lambda part, trigger: {**span(TEXT, part), "text": part, "trigger": span(TEXT, trigger)}  # noqa: E731
    return {
        "doc": {"id": document_id(TEXT), "source": "/data/inbox/macron-scholz.txt", "lang": "pl",
                "date": {"value": "2024-05-28", "precision": "day"}},
        "entities": [
            pred_entity("p1", "Emmanuel Macron", "person", "FRA"),
            pred_entity("p2", "Scholz", "person", "DEU"),
            pred_entity("p3", "Aleksandr Lukaszenka", "person", "BLR"),
            pred_entity("p4", "Litwa", "country", "LTU"),
            pred_entity("p5", "Federacja Rosyjska", "country", "RUS"),
            pred_entity("p6", "Kijów", "location", "UKR"),
            pred_entity("p7", "Sojusz Północnoatlantycki", "organization", "NATO"),
            pred_entity("p8", "Lithuania", "country", "LTU"),
            pred_entity("p9", "Białoruska opozycja", "group", None),
            pred_entity("p10", "Unia Europejska", "organization", "EU"),
            pred_entity("p11", "Reuters", "organization", "GBR"),
            pred_entity("p12", "Francja", "country", "FRA"),
        ],
        "events": [
            # offsets only: its text is cut from the gold text (same doc.id)
            event("pv1", "CONSULT", ["p1", "p2"], [],
                  {**span(TEXT, "Macron i kanclerz Niemiec Olaf Scholz rozmawiali w poniedziałek"),
                   "trigger": span(TEXT, "rozmawiali")},
                  date="2024-05-27", precision="day"),
            event("pv2", "CONSULT", ["p1"], [], ev("Prezydent Francji Emmanuel Macron", "Macron"),
                  date="2024-05", precision="month"),
            event("pv3", "THREATEN", ["p3"], ["p4"], ev("Łukaszenka zagroził Litwie", "zagroził"),
                  attribution=["p11"]),
            event("pv4", "ACCUSE", ["p7"], ["p5"], ev("Sojusz Północnoatlantycki potępił", "potępił"),
                  date="2024-05-28", precision="day"),
            event("pv5", "AID", ["p12"], ["p6"], ev("Francja przekaże Ukrainie kolejne systemy", "przekaże"),
                  date="2024-06-03", precision="day"),
            event("pv6", "REQUEST", ["p9"], ["p10"], ev("Białoruska opozycja wezwała Unię Europejską", "wezwała")),
        ],
        "quotes": [
            {"id": "pq1", "speaker": "p1", "kind": "direct", "text": "Nie zostawimy Ukrainy samej",
             **span(TEXT, "Nie zostawimy Ukrainy samej")},
            {"id": "pq2", "speaker": "p12", "kind": "indirect", "text": "Francja przekaże Ukrainie",
             **span(TEXT, "Francja przekaże Ukrainie")},
            {"id": "pq3", "speaker": "p3", "kind": "direct", "text": "Nie zostawimy Ukrainy samej w tej wojnie",
             **span(TEXT, "Nie zostawimy Ukrainy samej w tej wojnie")},
        ],
        "timexes": [
            {**span(TEXT, "w poniedziałek"), "text": "w poniedziałek", "type": "DATE", "value": "2024-05-27"},
            {**span(TEXT, "przyszłym tygodniu"), "text": "przyszłym tygodniu", "type": "DATE", "value": "2024-W22"},
            {"start": 0, "end": 0, "text": "W poniedziałek", "type": "DATE", "value": "2024-05-20"},
        ],
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def write_case(tmp_path: Path) -> tuple[Path, Path]:
    """(gold_dir, pred.jsonl): the gold record, its text file, the prediction and one prediction without gold."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "macron-scholz.txt").write_text(TEXT, encoding="utf-8")
    (gold_dir / "macron-scholz.json").write_text(json.dumps(gold_record(), ensure_ascii=False), encoding="utf-8")
    stray = {"doc": {"id": document_id("Inny tekst."), "source": "/data/inbox/inny.txt", "lang": "pl",
                     "date": {"value": None, "precision": "unknown"}},
             "entities": [], "events": [], "quotes": [], "timexes": []}
    pred = write_jsonl(tmp_path / "pred.jsonl", [pred_record(), stray])
    return gold_dir, pred
