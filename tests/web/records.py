"""Hand-made document records for the web tests (Polish sentences written for these tests), on top of the
store tests' three records: Russia–North Korea events over several months (one reported by KCNA according to
Reuters, one alleged), and an article whose title, text, entity name and URL carry HTML and script.
"""
from __future__ import annotations

from tests.store.records import Text, _doc, _mentions, all_records

TEXT_KIM_PUTIN = (
    "Przywódca Korei Północnej Kim Dzong Un spotkał się w środę z Władimirem Putinem na kosmodromie Wostocznyj. "
    "Według agencji Reuters, powołującej się na KCNA, Kim zapewnił Putina o pełnym poparciu dla Moskwy. "
    "Rozmowy trwały ponad cztery godziny."
)

TEXT_SHELLS = (
    "Biały Dom oskarżył w piątek Koreę Północną o przekazanie Rosji ponad tysiąca kontenerów ze sprzętem wojskowym. "
    "Według Białego Domu ładunki trafiły koleją do składów w pobliżu granicy z Ukrainą. "
    "Pjongjang i Moskwa zaprzeczają, by doszło do takiej wymiany."
)

TEXT_TREATY = (
    "Władimir Putin i Kim Dzong Un podpisali w środę w Pjongjangu układ o wszechstronnym partnerstwie strategicznym. "
    "Dokument przewiduje wzajemną pomoc wojskową w razie napaści na jedną ze stron. "
    "Korea Południowa wezwała Moskwę do zakończenia współpracy wojskowej z Pjongjangiem."
)

TEXT_SHOIGU = (
    "Minister obrony Rosji Siergiej Szojgu przybył we wtorek do Pjongjangu na obchody rocznicy zakończenia wojny. "
    "Kim Dzong Un oprowadził rosyjskiego gościa po wystawie nowego uzbrojenia."
)

# Untrusted text: markup and scripts that must be shown as text, never run.
SCRIPT = "<script>window.pwned = 'text';</script>"
IMG = "<img src=x onerror=\"window.pwned = 'img'\">"
TEXT_MALICIOUS = (
    f"Rzecznik MSZ poinformował, że <b>Polska</b> wezwała ambasadora Rosji {SCRIPT} na rozmowę. "
    f"Dyplomata otrzymał notę protestacyjną {IMG} w sprawie naruszenia przestrzeni powietrznej."
)
MALICIOUS_TITLE = "Nota <script>window.pwned = 'title';</script> dla ambasadora"
MALICIOUS_ENTITY = "Rzecznik MSZ <script>window.pwned = 'entity';</script>"


def record_kim_putin() -> dict:
    t = Text(TEXT_KIM_PUTIN)
    support = t.span("o pełnym poparciu dla Moskwy")
    return {
        "doc": _doc(t, source="testy/kim-putin-wostocznyj.txt", date={"value": "2023-09-14", "precision": "day"},
                    title="Kim Dzong Un u Putina na kosmodromie", outlet="Dziennik Testowy",
                    url="https://example.org/2023/09/14/kim-putin"),
        "entities": [
            {"id": "e1", "name": "Kim Jong Un", "type": "person", "country": "PRK", "sector": "GOV",
             "wikidata": "Q56226", "mentions": _mentions(t, "Kim Dzong Un", ("Kim", 1))},
            {"id": "e2", "name": "Vladimir Putin", "type": "person", "country": "RUS", "sector": "GOV",
             "wikidata": "Q7747", "mentions": _mentions(t, "Władimirem Putinem", "Putina")},
            {"id": "e3", "name": "Russia", "type": "country", "country": "RUS", "sector": None, "wikidata": "Q159",
             "mentions": _mentions(t, "Moskwy")},
            {"id": "e4", "name": "Korean Central News Agency", "type": "organization", "country": "PRK",
             "sector": "MED", "mentions": _mentions(t, "KCNA")},
            {"id": "e5", "name": "Reuters", "type": "organization", "country": "GBR", "sector": "MED",
             "mentions": _mentions(t, "Reuters")},
            {"id": "e6", "name": "Vostochny Cosmodrome", "type": "location", "country": "RUS",
             "mentions": _mentions(t, "kosmodromie Wostocznyj")},
            {"id": "e7", "name": "North Korea", "type": "country", "country": "PRK", "wikidata": "Q423",
             "mentions": _mentions(t, "Korei Północnej")},
        ],
        "events": [
            {"id": "v1", "event": "CONSULT", "mode": ["visit"], "context": ["diplomatic"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2023-09-13", "precision": "day", "date_text": "w środę",
             "status": "asserted", "attribution": [], "location": {"name": "Vostochny Cosmodrome", "country": "RUS"},
             "event_scale": 1.0, "quad_code": 1, "cameo": "040",
             "evidence": t.evidence("Przywódca Korei", "spotkał się"), "confidence": 0.9,
             "rules": ["pl.consult.spotkac_sie"]},
            {"id": "v2", "event": "SUPPORT", "mode": [], "context": ["military"],
             "actor": ["e1"], "recipient": ["e3"], "date": "2023-09-13", "precision": "day", "date_text": None,
             "status": "asserted", "attribution": ["e4", "e5"], "location": None,
             "event_scale": 3.0, "quad_code": 1, "cameo": "051",
             "evidence": t.evidence("Według agencji Reuters", "zapewnił"), "confidence": 0.7, "rules": []},
        ],
        "quotes": [
            {"id": "q1", "speaker": "e1", "addressee": "e2", "kind": "indirect", "text": support["text"],
             "start": support["start"], "end": support["end"], "cue": "zapewnić", "attribution": ["e4", "e5"]},
        ],
        "timexes": [{**t.span("w środę"), "type": "DATE", "value": "2023-09-13"}],
    }


def record_shells() -> dict:
    t = Text(TEXT_SHELLS)
    return {
        "doc": _doc(t, source="testy/amunicja-dla-rosji.txt", date={"value": "2023-10-13", "precision": "day"},
                    title="USA: Korea Północna dostarcza Rosji amunicję", outlet="Serwis Testowy", url=None),
        "entities": [
            {"id": "e1", "name": "White House", "type": "organization", "country": "USA", "sector": "GOV",
             "mentions": _mentions(t, "Biały Dom", "Białego Domu")},
            {"id": "e2", "name": "North Korea", "type": "country", "country": "PRK", "wikidata": "Q423",
             "mentions": _mentions(t, "Koreę Północną", "Pjongjang")},
            {"id": "e3", "name": "Russia", "type": "country", "country": "RUS", "wikidata": "Q159",
             "mentions": _mentions(t, "Rosji", "Moskwa")},
            {"id": "e4", "name": "Ukraine", "type": "country", "country": "UKR", "mentions": _mentions(t, "Ukrainą")},
        ],
        "events": [
            {"id": "v1", "event": "ACCUSE", "mode": [], "context": ["military"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2023-10-13", "precision": "day", "date_text": "w piątek",
             "status": "asserted", "attribution": [], "event_scale": -2.0, "quad_code": 3, "cameo": "112",
             "evidence": t.evidence("Biały Dom", "oskarżył"), "confidence": 0.85, "rules": ["pl.accuse.oskarzyc"]},
            {"id": "v2", "event": "AID", "mode": ["military"], "context": ["military"],
             "actor": ["e2"], "recipient": ["e3"], "date": "2023-10", "precision": "month", "date_text": None,
             "status": "alleged", "attribution": ["e1"], "event_scale": 6.0, "quad_code": 2, "cameo": "072",
             "evidence": t.evidence("Biały Dom", "przekazanie"), "confidence": 0.6, "rules": []},
            {"id": "v3", "event": "REJECT", "mode": [], "context": [],
             "actor": ["e2", "e3"], "recipient": ["e1"], "date": "2023-10-13", "precision": "day", "date_text": None,
             "status": "asserted", "attribution": [], "event_scale": -4.0, "quad_code": 3, "cameo": "125",
             "evidence": t.evidence("Pjongjang i Moskwa", "zaprzeczają"), "confidence": 0.7, "rules": []},
        ],
        "quotes": [],
        "timexes": [{**t.span("w piątek"), "type": "DATE", "value": "2023-10-13"}],
    }


def record_treaty() -> dict:
    t = Text(TEXT_TREATY)
    return {
        "doc": _doc(t, source="testy/uklad-pjongjang.txt", date={"value": "2024-06-20", "precision": "day"},
                    title="Rosja i Korea Północna podpisały układ", outlet="Dziennik Testowy",
                    url="https://example.org/2024/06/20/uklad"),
        "entities": [
            {"id": "e1", "name": "Vladimir Putin", "type": "person", "country": "RUS", "sector": "GOV",
             "wikidata": "Q7747", "mentions": _mentions(t, "Władimir Putin")},
            {"id": "e2", "name": "Kim Jong Un", "type": "person", "country": "PRK", "sector": "GOV",
             "wikidata": "Q56226", "mentions": _mentions(t, "Kim Dzong Un")},
            {"id": "e3", "name": "Pyongyang", "type": "location", "country": "PRK",
             "mentions": _mentions(t, "Pjongjangu", "Pjongjangiem")},
            {"id": "e4", "name": "South Korea", "type": "country", "country": "KOR", "mentions": _mentions(t, "Korea Południowa")},
            {"id": "e5", "name": "Russia", "type": "country", "country": "RUS", "mentions": _mentions(t, "Moskwę")},
        ],
        "events": [
            {"id": "v1", "event": "AGREE", "mode": [], "context": ["military", "diplomatic"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2024-06-19", "precision": "day", "date_text": "w środę",
             "status": "asserted", "attribution": [], "location": {"name": "Pyongyang", "country": "PRK"},
             "event_scale": 4.0, "quad_code": 1, "cameo": "057",
             "evidence": t.evidence("Władimir Putin", "podpisali"), "confidence": 0.9, "rules": ["pl.agree.podpisac"]},
            {"id": "v2", "event": "REQUEST", "mode": [], "context": ["military"],
             "actor": ["e4"], "recipient": ["e5"], "date": "2024-06-19", "precision": "day", "date_text": None,
             "status": "asserted", "attribution": [], "event_scale": -2.0, "quad_code": 3, "cameo": "10",
             "evidence": t.evidence("Korea Południowa", "wezwała"), "confidence": 0.6, "rules": []},
        ],
        "quotes": [],
        "timexes": [{**t.span("w środę"), "type": "DATE", "value": "2024-06-19"}],
    }


def record_shoigu() -> dict:
    t = Text(TEXT_SHOIGU)
    return {
        "doc": _doc(t, source="testy/szojgu-pjongjang.txt", date={"value": "2023-07-26", "precision": "day"},
                    title="Szojgu w Pjongjangu", outlet="Serwis Testowy", url="https://example.org/2023/07/26/szojgu"),
        "entities": [
            {"id": "e1", "name": "Sergei Shoigu", "type": "person", "country": "RUS", "sector": "MIL",
             "mentions": _mentions(t, "Siergiej Szojgu", "rosyjskiego gościa")},
            {"id": "e2", "name": "Kim Jong Un", "type": "person", "country": "PRK", "sector": "GOV",
             "mentions": _mentions(t, "Kim Dzong Un")},
            {"id": "e3", "name": "Pyongyang", "type": "location", "country": "PRK", "mentions": _mentions(t, "Pjongjangu")},
        ],
        "events": [
            {"id": "v1", "event": "CONSULT", "mode": ["visit"], "context": ["military"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2023-07-25", "precision": "day", "date_text": "we wtorek",
             "status": "asserted", "attribution": [], "location": {"name": "Pyongyang", "country": "PRK"},
             "event_scale": 1.0, "quad_code": 1, "cameo": "043",
             "evidence": t.evidence("Minister obrony", "przybył"), "confidence": 0.8, "rules": []},
        ],
        "quotes": [],
        "timexes": [{**t.span("we wtorek"), "type": "DATE", "value": "2023-07-25"}],
    }


def _whole_sentence(t: Text, beginning: str, ending: str, trigger: str) -> dict:
    """Evidence from `beginning` to the end of `ending` (for a sentence with dots inside, like a script)."""
    start = t.text.index(beginning)
    end = t.text.index(ending, start) + len(ending)
    return {"start": start, "end": end, "trigger": t.span(trigger, within={"start": start, "end": end})}


def record_malicious() -> dict:
    t = Text(TEXT_MALICIOUS)
    return {
        "doc": _doc(t, source="testy/<script>zrodlo</script>.txt", date={"value": "2025-09-10", "precision": "day"},
                    title=MALICIOUS_TITLE, outlet="<i>Portal</i> Testowy",
                    url="javascript:window.pwned='url'"),
        "entities": [
            {"id": "e1", "name": "Poland", "type": "country", "country": "POL", "mentions": _mentions(t, "Polska")},
            {"id": "e2", "name": "Russia", "type": "country", "country": "RUS", "mentions": _mentions(t, "Rosji")},
            {"id": "e3", "name": MALICIOUS_ENTITY, "type": "person", "country": "POL", "sector": "GOV",
             "mentions": _mentions(t, "Rzecznik MSZ")},
        ],
        "events": [
            {"id": "v1", "event": "ACCUSE", "mode": [], "context": ["diplomatic"],
             "actor": ["e1"], "recipient": ["e2"], "date": "2025-09-10", "precision": "day", "date_text": None,
             "status": "asserted", "attribution": ["e3"], "event_scale": -3.0, "quad_code": 3, "cameo": "111",
             "evidence": _whole_sentence(t, "Rzecznik MSZ", "na rozmowę.", "wezwała"), "confidence": 0.7,
             "rules": ["<script>window.pwned='rule'</script>"]},
        ],
        "quotes": [],
        "timexes": [],
    }


def web_records() -> list[dict]:
    """The store tests' three records and this module's five, in that order."""
    return all_records() + [record_kim_putin(), record_shells(), record_treaty(), record_shoigu(), record_malicious()]
