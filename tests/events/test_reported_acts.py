"""Speech acts coded as the act they perform across a "że" clause, and the previous-sentence actor
fallback with gender agreement (sentences of our own)."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys, names


def test_announced_response_is_a_threat_at_the_owner_of_the_decision():
    doc = code("Rzeczniczka rosyjskiego MSZ Maria Zacharowa zapowiedziała, że decyzja Warszawy "
               "nie pozostanie bez odpowiedzi.")
    threats = events_of(doc, "THREATEN")
    assert len(threats) == 1
    assert names(doc, threats[0]["actor"]) == {"Maria Zakharova"}
    assert keys(doc, threats[0]["recipient"]) == {"POL"}
    assert "zapowiedziec_ze_odpowie" in threats[0]["rules"]


def test_a_speech_verb_without_a_cue_in_its_that_clause_is_not_a_threat():
    doc = code("Rzeczniczka rosyjskiego MSZ Maria Zacharowa zapowiedziała, że delegacja Warszawy przyjedzie w piątek.")
    assert events_of(doc, "THREATEN") == []


def test_warning_that_another_state_may_act_is_an_allegation_against_it():
    doc = code("Waszyngton od tygodni ostrzegał, że Pjongjang może dostarczyć Rosji pociski artyleryjskie.")
    acc = events_of(doc, "ACCUSE")
    assert len(acc) == 1
    assert keys(doc, acc[0]["actor"]) == {"USA"}
    assert keys(doc, acc[0]["recipient"]) == {"PRK"}
    assert acc[0]["mode"] == ["allege"]


def test_the_speakers_own_side_in_the_that_clause_is_not_the_recipient():
    doc = code("Rzecznik Kremla Dmitrij Pieskow stwierdził, że Rosja popełniła błąd.")
    assert events_of(doc, "ACCUSE") == []


def test_calling_something_a_mistake_accuses_its_owner():
    doc = code("Rzecznik Kremla Dmitrij Pieskow ocenił w środę, że rozszerzenie NATO to „poważny błąd”.")
    acc = events_of(doc, "ACCUSE")
    assert len(acc) == 1 and acc[0]["mode"] == ["disapprove"]
    assert names(doc, acc[0]["actor"]) == {"Dmitry Peskov"}
    assert keys(doc, acc[0]["recipient"]) == {"NATO"}


def test_that_clause_ends_at_a_contrasting_clause():
    doc = code("Prezydent Rwandy Paul Kagame ostrzegł, że wdrażanie porozumień będzie trudne, zaś prezydent Konga "
               "Felix Tshisekedi ocenił, że to początek nowej drogi.")
    assert events_of(doc, "ACCUSE") == []


def test_previous_sentence_subject_must_agree_in_gender():
    # "zapowiedziała" (feminine) cannot continue the masculine "Ławrow" of the sentence before
    doc = code("Siergiej Ławrow przyjechał do Ankary. Zapowiedziała, że decyzja Turcji nie pozostanie bez odpowiedzi.")
    assert events_of(doc, "THREATEN") == []
    doc = code("Siergiej Ławrow przyjechał do Ankary. Zapowiedział, że decyzja Turcji nie pozostanie bez odpowiedzi.")
    threats = events_of(doc, "THREATEN")
    assert len(threats) == 1 and "actor:previous_sentence" in threats[0]["rules"]
    assert keys(doc, threats[0]["recipient"]) == {"TUR"}


def test_participles_do_not_take_the_previous_sentence_subject():
    doc = code("Białoruski sąd skazał Niemca na karę śmierci. Łukaszenka spotkał się z ambasadorem. "
               "Skazanego mężczyznę przewieziono do Mińska.")
    assert not [e for e in events_of(doc, "SANCTION") if "actor:previous_sentence" in e["rules"]]


def test_a_two_word_country_name_in_the_nominative_is_a_subject():
    # "Wielka" also reads as a genitive surname; the name as a whole is nominative
    doc = code("W związku z ustaleniami śledczych Wielka Brytania nałożyła nowe sankcje na Rosję.")
    sanctions = events_of(doc, "SANCTION")
    assert len(sanctions) == 1
    assert keys(doc, sanctions[0]["actor"]) == {"GBR"}
    assert keys(doc, sanctions[0]["recipient"]) == {"RUS"}


def test_hosting_a_guest_is_the_guests_visit_to_the_host():
    doc = code("Recep Tayyip Erdoğan przyjął w czwartek Wołodymyra Zełenskiego w Ankarze.")
    visits = events_of(doc, "CONSULT")
    assert len(visits) == 1 and "visit" in visits[0]["mode"]
    assert names(doc, visits[0]["actor"]) == {"Volodymyr Zelenskyy"}
    assert names(doc, visits[0]["recipient"]) == {"Recep Tayyip Erdoğan"}


def test_a_parliament_passing_a_law_is_not_a_visit():
    doc = code("Parlament Gruzji przyjął we wtorek ustawę o agentach zagranicznych.")
    assert events_of(doc, "CONSULT") == []


def test_congratulating_a_state_supports_it():
    doc = code("Premier Donald Tusk pogratulował Finlandii.")
    support = events_of(doc, "SUPPORT")
    assert len(support) == 1
    assert keys(doc, support[0]["recipient"]) == {"FIN"}
