"""kronika.time.anchoring.event_date on sentences of our own."""
from __future__ import annotations

from kronika.time.anchoring import date_of_value, event_date
from tests.time.helpers import analyse, timex_for


def _trigger(doc, word: str) -> tuple[int, tuple[int, int]]:
    start = doc.text.index(word)
    end = start + len(word)
    index = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
    return index, (start, end)


def test_the_clause_timex_governs():
    doc = analyse("We wtorek Putin przyjął wysłanników, a w czwartek skrytykował Europę.")
    i, span = _trigger(doc, "skrytykował")
    assert event_date(doc, i, span) == {"date": "2025-12-04", "precision": "day", "enddate": None,
                                        "date_text": "w czwartek", "reach": "clause"}
    i, span = _trigger(doc, "przyjął")
    assert event_date(doc, i, span)["date"] == "2025-12-02"


def test_a_timex_elsewhere_in_the_sentence_frames_the_event():
    doc = analyse("Rosyjskie wojska zajęły Awdijiwkę w lutym 2024 roku po miesiącach walk.")
    i, span = _trigger(doc, "zajęły")
    result = event_date(doc, i, span)
    assert (result["date"], result["precision"], result["date_text"]) == ("2024-02", "month", "w lutym 2024 roku")


def test_the_paragraph_opening_frame():
    text = ("W czwartkowy poranek kanclerz Niemiec przyjechał do Sejmu.\n\n"
            "W czwartkowy poranek premier przemawiał w Brukseli. Następnie zabrał głos w sprawie Ukrainy.")
    doc = analyse(text)
    i, span = _trigger(doc, "zabrał")
    result = event_date(doc, i, span)
    assert result["date"] == "2025-12-04" and result["precision"] == "day"
    assert result["date_text"] == "W czwartkowy poranek"
    assert doc.text.index("W czwartkowy poranek premier") < doc.text.index("zabrał")


def test_no_evidence_means_unknown_never_the_publication_date():
    doc = analyse("Ambasador został wezwany do ministerstwa.\n\nRząd zapowiedział nowe sankcje.")
    i, span = _trigger(doc, "zapowiedział")
    assert event_date(doc, i, span) == {"date": None, "precision": "unknown", "enddate": None, "date_text": None}


def test_durations_and_vague_references_do_not_date_an_event():
    doc = analyse("Teraz rząd od lat zapowiada reformę.")
    i, span = _trigger(doc, "zapowiada")
    assert event_date(doc, i, span)["precision"] == "unknown"


def test_date_of_value():
    assert date_of_value("2023-08-15T17:46") == ("2023-08-15", "day")
    assert date_of_value("2023-08") == ("2023-08", "month")
    assert date_of_value("2023-FA") == ("2023", "year")
    assert date_of_value("PAST_REF") == (None, "unknown")
    assert date_of_value("2023-W33") == (None, "unknown")


def test_a_relative_clause_timex_dates_only_its_own_clause():
    doc = analyse("Premier Indii przyjmuje gości w Delhi, gdzie pozostaną do 5 grudnia.")
    i, span = _trigger(doc, "przyjmuje")
    assert event_date(doc, i, span)["precision"] == "unknown"
    i, span = _trigger(doc, "pozostaną")
    # "do 5 grudnia" is how long they stay, not the day anything happened
    assert event_date(doc, i, span)["precision"] == "unknown"


def test_a_deadline_is_not_the_event_date_but_a_date_in_the_clause_is():
    doc = analyse("W czwartek USA zawiesiły sankcje, które mają obowiązywać do 29 kwietnia 2026 roku.")
    i, span = _trigger(doc, "zawiesiły")
    assert event_date(doc, i, span)["date"] == "2025-12-04"


def test_the_scene_setting_timex_dates_the_next_narrated_acts():
    text = ("W środę prezydent Francji przyleciał do Pekinu. Rozmawiał z przewodniczącym Chin o handlu. "
            "Wcześniej odwiedził Japonię. Skrytykował politykę celną USA.")
    doc = analyse(text)
    i, span = _trigger(doc, "Rozmawiał")
    assert event_date(doc, i, span)["date"] == "2025-12-03"
    assert event_date(doc, i, span)["date_text"] == "W środę"
    # three sentences on, the frame no longer reaches
    i, span = _trigger(doc, "Skrytykował")
    assert event_date(doc, i, span)["precision"] == "unknown"


def test_no_frame_for_a_sentence_with_a_time_of_its_own_or_a_bare_noun():
    doc = analyse("W piątek ministrowie przyjęli pakiet sankcji. Przez kilka tygodni Węgry blokowały porozumienie. "
                  "Po spotkaniu doszło do kłótni.")
    i, span = _trigger(doc, "blokowały")
    assert event_date(doc, i, span)["precision"] == "unknown"
    i, span = _trigger(doc, "spotkaniu")
    assert event_date(doc, i, span)["precision"] == "unknown"


def test_a_future_clause_does_not_become_the_frame():
    doc = analyse("Nowe cła zaczną obowiązywać 1 stycznia. Rząd Chin zapowiedział odwet.")
    i, span = _trigger(doc, "zapowiedział")
    assert event_date(doc, i, span)["precision"] == "unknown"


def test_the_same_day_refers_past_a_future_date():
    doc = analyse("W piątek Rada UE zatwierdziła sankcje. Nowy limit zacznie obowiązywać 3 września. "
                  "Wielka Brytania ogłosiła tego samego dnia własne sankcje.")
    assert timex_for(doc, "tego samego dnia")["value"] == "2025-11-28"  # the past Friday


def test_a_date_says_how_far_it_is_from_the_trigger():
    doc = analyse("Rząd zebrał się w poniedziałek, a premier, jak podano, skrytykował opozycję.")
    i, span = _trigger(doc, "skrytykował")
    assert event_date(doc, i, span)["reach"] == "sentence"
    i, span = _trigger(doc, "zebrał")
    assert event_date(doc, i, span)["reach"] == "clause"


def test_a_noun_inside_what_is_reported_is_not_dated_by_the_time_of_the_report():
    doc = analyse("Komisja oznajmiła w czwartkowym raporcie, że Putin zezwolił na operację otrucia Skripala.")
    i, span = _trigger(doc, "otrucia")
    assert event_date(doc, i, span)["date"] is None
    i, span = _trigger(doc, "oznajmiła")
    assert event_date(doc, i, span)["date"] == "2025-12-04"
    # a verb inside the report still takes the sentence's date (the report is of that day's act)
    doc = analyse("Rzecznik przekazał w czwartek, że premier spotkał się z prezydentem.")
    i, span = _trigger(doc, "spotkał")
    assert event_date(doc, i, span)["date"] == "2025-12-04"
