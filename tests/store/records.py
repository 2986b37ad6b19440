"""Three hand-made document records (Polish sentences written for these tests) with every layer filled.

Offsets are computed from the texts, so the records stay consistent if a sentence is edited.
A: Duda and Zelensky meet in Lviv (day-precision dates, a planned event, an attributed event).
B: a Russian missile strike on Kyiv (document dated only to the month).
C: the EU's eleventh sanctions package (undated, alleged and multi-month events, an IGO actor).
"""
from __future__ import annotations

from kronika.ingest.document import document_id, normalize_text


class Text:
    """A document text and helpers that find spans in it."""

    def __init__(self, text: str) -> None:
        self.text = normalize_text(text)

    def span(self, surface: str, nth: int = 0, within: dict | None = None) -> dict:
        """{start, end, text} of the nth occurrence of `surface` (inside the `within` span if given)."""
        start = within["start"] if within else 0
        pos = self.text.index(surface, start)
        for _ in range(nth):
            pos = self.text.index(surface, pos + 1)
        if within and pos + len(surface) > within["end"]:
            raise ValueError(f"{surface!r} is not inside the span")
        return {"start": pos, "end": pos + len(surface), "text": surface}

    def sentence(self, beginning: str) -> dict:
        """The span of the sentence that starts with `beginning` (up to and including its final dot)."""
        start = self.text.index(beginning)
        end = self.text.index(".", start) + 1
        return {"start": start, "end": end}

    def evidence(self, beginning: str, trigger: str, *, with_text: bool = False) -> dict:
        sent = self.sentence(beginning)
        ev = {"start": sent["start"], "end": sent["end"]}
        if with_text:
            ev["text"] = self.text[sent["start"]:sent["end"]]
        ev["trigger"] = self.span(trigger, within=sent)
        return ev


def _doc(t: Text, **meta) -> dict:
    doc = {"id": document_id(t.text), "source": meta.pop("source"), "lang": "pl", "date": meta.pop("date")}
    doc.update(meta)
    doc["text"] = t.text
    return doc


def _mentions(t: Text, *surfaces: str | tuple[str, int]) -> list[dict]:
    out = []
    for s in surfaces:
        surface, nth = (s, 0) if isinstance(s, str) else s
        out.append(t.span(surface, nth))
    return out


TEXT_A = (
    "Prezydent Andrzej Duda spotkał się w środę we Lwowie z prezydentem Ukrainy Wołodymyrem Zełenskim. "
    "Rozmowy dotyczyły dostaw czołgów Leopard dla ukraińskiej armii.\n\n"
    "„Polska przekaże Ukrainie kompanię czołgów” – zapowiedział Duda na wspólnej konferencji prasowej. "
    "Według agencji Ukrinform obaj przywódcy omówili też odbudowę zniszczonej infrastruktury energetycznej."
)

TEXT_B = (
    "W nocy z poniedziałku na wtorek Rosja przeprowadziła zmasowany atak rakietowy na Kijów. "
    "Ukraińskie siły powietrzne poinformowały, że zestrzeliły wszystkie 18 pocisków wystrzelonych w stronę stolicy. "
    "Kreml zaprzeczył, jakoby celem ataku była infrastruktura cywilna.\n\n"
    "Mer Kijowa Witalij Kliczko wezwał mieszkańców do pozostania w schronach."
)

TEXT_C = (
    "Rada Unii Europejskiej przyjęła w piątek jedenasty pakiet sankcji wobec Rosji. "
    "Nowe przepisy mają utrudnić omijanie wcześniejszych restrykcji przez państwa trzecie. "
    "Moskwa zagroziła Unii „bolesnymi konsekwencjami”. "
    "Według portalu Politico Węgry miały wcześniej blokować porozumienie."
)


def record_a() -> dict:
    t = Text(TEXT_A)
    quote = t.span("Polska przekaże Ukrainie kompanię czołgów")
    return {
        "doc": _doc(t, source="przyklady/duda-zelenski-lwow.txt", date={"value": "2023-01-11", "precision": "day"},
                    title="Duda i Zełenski rozmawiali we Lwowie o czołgach", outlet="Gazeta Przykładowa",
                    url="https://example.org/2023/01/11/duda-zelenski-lwow"),
        "entities": [
            {"id": "e1", "name": "Andrzej Duda", "type": "person", "country": "POL", "sector": "GOV",
             "mentions": _mentions(t, "Andrzej Duda", ("Duda", 1))},
            {"id": "e2", "name": "Volodymyr Zelenskyy", "type": "person", "country": "UKR", "sector": "GOV",
             "wikidata": "Q3874799", "mentions": _mentions(t, "Wołodymyrem Zełenskim")},
            {"id": "e3", "name": "Poland", "type": "country", "country": "POL", "sector": None, "wikidata": "Q36",
             "mentions": _mentions(t, "Polska")},
            {"id": "e4", "name": "Ukraine", "type": "country", "country": "UKR", "sector": None, "wikidata": "Q212",
             "mentions": _mentions(t, "Ukrainy", "Ukrainie")},
            {"id": "e5", "name": "Ukrinform", "type": "organization", "country": "UKR", "sector": "MED",
             "wikidata": None, "mentions": _mentions(t, "Ukrinform")},
            {"id": "e6", "name": "Lviv", "type": "location", "country": "UKR", "sector": None,
             "mentions": _mentions(t, "Lwowie")},
        ],
        "events": [
            {"id": "v1", "event": "CONSULT", "mode": ["visit"], "context": ["diplomatic"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2023-01-11", "precision": "day", "date_text": "w środę",
             "status": "asserted", "attribution": [], "location": {"name": "Lviv", "country": "UKR"},
             "event_scale": 1, "quad_code": 1, "cameo": "042",
             "evidence": t.evidence("Prezydent Andrzej Duda", "spotkał się", with_text=True),
             "confidence": 0.9, "rules": ["pl.consult.spotkac_sie", "pl.date.weekday"]},
            {"id": "v2", "event": "AGREE", "mode": ["military"], "context": [],
             "actor": ["e3"], "recipient": ["e4"], "date": None, "precision": "unknown", "date_text": None,
             "status": "planned", "attribution": [], "location": None,
             "event_scale": 2.5, "quad_code": 1, "cameo": "0332",
             "evidence": t.evidence("„Polska przekaże", "przekaże"), "confidence": 0.7, "rules": []},
            {"id": "v3", "event": "CONSULT", "mode": [], "context": ["economic"],
             "actor": ["e1", "e2"], "recipient": [], "date": "2023-01-11", "precision": "day", "date_text": None,
             "status": "asserted", "attribution": ["e5"],
             "evidence": t.evidence("Według agencji Ukrinform", "omówili")},
        ],
        "quotes": [
            {"id": "q1", "speaker": "e1", "addressee": None, "kind": "direct", "text": quote["text"],
             "start": quote["start"], "end": quote["end"], "cue": "zapowiedzieć", "attribution": []},
        ],
        "timexes": [
            {**t.span("w środę"), "type": "DATE", "value": "2023-01-11", "rule": "pl.weekday.past"},
        ],
    }


def record_b() -> dict:
    t = Text(TEXT_B)
    call = t.span("do pozostania w schronach")
    denial = t.span("celem ataku była infrastruktura cywilna")
    return {
        "doc": _doc(t, source="przyklady/atak-na-kijow.txt", date={"value": "2023-05", "precision": "month"},
                    title="Zmasowany atak rakietowy na Kijów", outlet="Serwis Testowy", url=None),
        "entities": [
            {"id": "e1", "name": "Russia", "type": "country", "country": "RUS", "sector": None, "wikidata": "Q159",
             "mentions": _mentions(t, "Rosja")},
            {"id": "e2", "name": "Kyiv", "type": "location", "country": "UKR", "sector": None, "wikidata": "Q1899",
             "mentions": _mentions(t, "Kijów", "Kijowa")},
            {"id": "e3", "name": "Kremlin", "type": "organization", "country": "RUS", "sector": "GOV",
             "wikidata": None, "mentions": _mentions(t, "Kreml")},
            {"id": "e4", "name": "Ukrainian Air Force", "type": "organization", "country": "UKR", "sector": "MIL",
             "wikidata": None, "mentions": _mentions(t, "Ukraińskie siły powietrzne")},
            {"id": "e5", "name": "Vitali Klitschko", "type": "person", "country": "UKR", "sector": "GOV",
             "wikidata": None, "mentions": _mentions(t, "Witalij Kliczko")},
            {"id": "e6", "name": "mieszkańcy", "type": "group", "country": "UKR", "sector": "CVL",
             "wikidata": None, "mentions": _mentions(t, "mieszkańców")},
        ],
        "events": [
            {"id": "v1", "event": "ASSAULT", "mode": ["aerial"], "context": ["military"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2023-05", "precision": "month",
             "date_text": "W nocy z poniedziałku na wtorek", "status": "asserted", "attribution": [],
             "location": {"name": "Kyiv", "country": "UKR"}, "event_scale": -9.5, "quad_code": 4, "cameo": "195",
             "evidence": t.evidence("W nocy", "atak rakietowy"), "confidence": 0.95, "rules": ["pl.assault.atak"]},
            {"id": "v2", "event": "REJECT", "mode": [], "context": [],
             "actor": ["e3"], "recipient": [], "date": "2023-05", "precision": "month", "date_text": None,
             "status": "asserted", "attribution": [], "location": None, "event_scale": -4.0, "quad_code": 3,
             "cameo": "016", "evidence": t.evidence("Kreml", "zaprzeczył"), "confidence": 0.6,
             "rules": ["pl.reject.zaprzeczyc"]},
            {"id": "v3", "event": "REQUEST", "mode": [], "context": ["humanitarian"],
             "actor": ["e5"], "recipient": ["e6"], "date": "2023-05", "precision": "month", "date_text": None,
             "status": "asserted", "attribution": [], "location": {"name": "Kyiv", "country": "UKR"},
             "event_scale": None, "quad_code": 3, "cameo": None,
             "evidence": t.evidence("Mer Kijowa", "wezwał"), "confidence": None, "rules": ["pl.request.wezwac"]},
        ],
        "quotes": [
            {"id": "q1", "speaker": "e5", "addressee": "e6", "kind": "indirect", "text": call["text"],
             "start": call["start"], "end": call["end"], "cue": "wezwać", "attribution": []},
            {"id": "q2", "speaker": "e3", "kind": "indirect", "text": denial["text"],
             "start": denial["start"], "end": denial["end"], "cue": "zaprzeczyć"},
        ],
        "timexes": [
            {**t.span("W nocy z poniedziałku na wtorek"), "type": "TIME", "value": None},
        ],
    }


def record_c() -> dict:
    t = Text(TEXT_C)
    threat = t.span("bolesnymi konsekwencjami")
    return {
        "doc": _doc(t, source="przyklady/sankcje-ue.txt", date={"value": "2023-06-23", "precision": "day"},
                    title="Jedenasty pakiet sankcji przyjęty", outlet="Gazeta Przykładowa",
                    url="https://example.org/2023/06/23/sankcje"),
        "entities": [
            {"id": "e1", "name": "Council of the European Union", "type": "organization", "country": "EU",
             "sector": "IGO", "mentions": _mentions(t, "Rada Unii Europejskiej")},
            {"id": "e2", "name": "Russia", "type": "country", "country": "RUS", "sector": None, "wikidata": "Q159",
             "mentions": _mentions(t, "Rosji", "Moskwa")},
            {"id": "e3", "name": "Hungary", "type": "country", "country": "HUN", "sector": None, "wikidata": "Q28",
             "mentions": _mentions(t, "Węgry")},
            {"id": "e4", "name": "Politico", "type": "organization", "country": None, "sector": "MED",
             "wikidata": None, "mentions": _mentions(t, "Politico")},
            {"id": "e5", "name": "European Union", "type": "organization", "country": "EU", "sector": "IGO",
             "wikidata": "Q458", "mentions": _mentions(t, ("Unii", 1))},
        ],
        "events": [
            {"id": "v1", "event": "SANCTION", "mode": ["economic"], "context": ["economic"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2023-06-23", "enddate": None, "precision": "day",
             "date_text": "w piątek", "status": "asserted", "attribution": [], "location": None,
             "event_scale": -5.0, "quad_code": 3, "cameo": "163",
             "evidence": t.evidence("Rada Unii", "pakiet sankcji"), "confidence": 0.88, "rules": ["pl.sanction.pakiet"]},
            {"id": "v2", "event": "THREATEN", "mode": [], "context": [],
             "actor": ["e2"], "recipient": ["e5"], "date": None, "precision": "unknown", "date_text": None,
             "status": "asserted", "attribution": [], "location": None, "event_scale": -6.0, "quad_code": 3,
             "cameo": "130", "evidence": t.evidence("Moskwa", "zagroziła"), "confidence": 0.8, "rules": []},
            {"id": "v3", "event": "REJECT", "mode": [], "context": [],
             "actor": ["e3"], "recipient": ["e5"], "date": "2023-05", "enddate": "2023-06", "precision": "month",
             "date_text": "wcześniej", "status": "alleged", "attribution": ["e4"], "location": None,
             "event_scale": -4.0, "quad_code": 3, "cameo": "120",
             "evidence": t.evidence("Według portalu", "blokować"), "confidence": 0.5, "rules": [],
             "note": "blocking before the vote; months approximate"},
        ],
        "quotes": [
            {"id": "q1", "speaker": "e2", "addressee": "e5", "kind": "partial", "text": threat["text"],
             "start": threat["start"], "end": threat["end"], "cue": "zagrozić", "attribution": []},
        ],
        "timexes": [
            {**t.span("w piątek"), "type": "DATE", "value": "2023-06-23", "rule": "pl.weekday.past"},
            {**t.span("wcześniej", 1), "type": "DATE", "value": "PAST_REF"},
        ],
    }


def all_records() -> list[dict]:
    return [record_a(), record_b(), record_c()]
