"""Who takes part: speakers of dash speech, persons named by a common noun, the unnamed party of a noun
trigger, hosts of talks, the outlet's own voice; and which mentions are one act. Sentences of our own."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys, names


def test_first_person_dash_speech_is_the_speakers_request():
    doc = code("Szef MSZ Węgier Péter Szijjártó skrytykował Kijów. - Wzywamy Ukraińców do natychmiastowego "
               "wstrzymania ataków na rurociąg. Te ataki szkodzą całemu regionowi - stwierdził Szijjártó.")
    assert doc.quotes and doc.quotes[0]["text"].startswith("Wzywamy")
    requests = events_of(doc, "REQUEST")
    assert len(requests) == 1
    assert names(doc, requests[0]["actor"]) == {"Péter Szijjártó"}
    assert keys(doc, requests[0]["recipient"]) == {"UKR"}


def test_first_person_outside_quotes_is_the_outlet_not_an_act():
    doc = code("Zapraszamy Czytelników na naszą stronę. Prezydent Francji Emmanuel Macron zaprosił "
               "premiera Indii do Paryża.")
    agree = events_of(doc, "AGREE")
    assert [names(doc, e["actor"]) for e in agree] == [{"Emmanuel Macron"}]
    assert any(d["reason"].startswith("first or second person") for d in doc.spans["event_dropped"])


def test_jak_poinformowal_names_a_source_not_an_act_of_informing():
    doc = code("Jak poinformował amerykański Departament Skarbu, sankcje wobec Rosji pozostają w mocy.")
    assert events_of(doc, "CONSULT") == []


def test_common_noun_subject_takes_up_the_person_named_before_in_the_nominative():
    doc = code("O podpalenie magazynu oskarżony jest 31-letni Ukrainiec Ołeh Marczenko, były żołnierz armii "
               "prezydenta Wiktora Janukowycza. Mężczyzna nie przyznaje się do winy.")
    rejects = events_of(doc, "REJECT")
    assert len(rejects) == 1
    assert names(doc, rejects[0]["actor"]) == {"Ołeh Marczenko"}
    # the "nie" is part of the act (REJECT), so it neither negates it nor drops out of its trigger
    assert rejects[0]["status"] == "asserted"
    assert rejects[0]["evidence"]["trigger"]["text"].startswith("nie przyznaje")


def test_nie_zgodzic_sie_is_an_asserted_rejection():
    doc = code("Iran nie zgodził się na inspekcje Międzynarodowej Agencji Energii Atomowej.")
    ev = events_of(doc, "REJECT")
    assert len(ev) == 1 and ev[0]["status"] == "asserted"
    assert ev[0]["evidence"]["trigger"]["text"].startswith("nie zgodził")


def test_talks_named_in_a_quote_have_the_speaker_as_party_and_the_kremlin_as_host():
    doc = code('Władimir Putin ocenił, że "spotkanie na Kremlu z amerykańskim wysłannikiem Steve\'em '
               'Witkoffem było bardzo pożyteczne".')
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"USA"}
    assert keys(doc, ev[0]["recipient"]) == {"RUS"}


def test_possessive_before_a_noun_trigger_points_to_the_previous_subject():
    doc = code("Prezydent USA Donald Trump mówił w środę o wojnie. Zaznaczył, że jego rozmowy z Kijowem "
               "przebiegają bardzo dobrze.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"USA", "UKR"}


def test_genitive_owner_after_the_place_of_a_noun_trigger_and_the_host():
    doc = code("Sankcje złagodzono dwa dni po spotkaniu w Moskwie prezydenta Rosji Władimira Putina "
               "z wysłannikiem prezydenta USA Donalda Trumpa.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"USA"}
    assert keys(doc, ev[0]["recipient"]) == {"RUS"}
    assert any(r.startswith("host_by_place") for r in ev[0]["rules"])


def test_parties_from_two_countries_in_a_third_meet_at_a_neutral_venue():
    doc = code("Szef MSZ Rosji Siergiej Ławrow spotkał się w Stambule z szefem MSZ Ukrainy Andrijem Sybihą.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"RUS", "UKR"}
    assert ev[0]["recipient"] == []


def test_a_visit_elsewhere_is_not_merged_with_talks_of_other_parties():
    doc = code("Władimir Putin składa w czwartek wizytę w Indiach. Wcześniej Putin rozmawiał na Kremlu "
               "z amerykańskimi wysłannikami.")
    consult = events_of(doc, "CONSULT")
    assert len(consult) == 2
    assert {frozenset(keys(doc, e["actor"] + e["recipient"])) for e in consult} == {
        frozenset({"RUS", "IND"}), frozenset({"RUS", "USA"})}


def test_talks_in_a_relative_clause_take_the_place_of_its_antecedents_clause():
    doc = code("W poniedziałek w Warszawie gościł kanclerz Niemiec Friedrich Merz, który rozmawiał z premierem "
               "Donaldem Tuskiem.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"DEU"} and keys(doc, ev[0]["recipient"]) == {"POL"}
