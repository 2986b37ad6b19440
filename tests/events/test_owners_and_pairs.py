"""Parties named inside other phrases: owners of objects in prepositional and infinitive slots, "oba kraje",
and entries that exclude a neighbouring word or need no partner. Sentences of our own."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys


def test_pair_phrase_stands_for_the_two_countries_named_last():
    doc = code("Rosja i Chiny prowadzą rozmowy handlowe od miesięcy. W piątek oba kraje podpisały umowę "
               "o współpracy energetycznej.")
    signed = events_of(doc, "SUPPORT")
    assert len(signed) == 1
    assert keys(doc, signed[0]["actor"]) == {"RUS", "CHN"}


def test_pair_phrase_needs_two_antecedents():
    doc = code("W piątek oba kraje podpisały umowę o współpracy energetycznej.")
    assert events_of(doc, "SUPPORT") == []


def test_owner_inside_a_prepositional_object_is_the_recipient():
    doc = code("Iran nie zgodził się z propozycjami amerykańskiej administracji.")
    ev = events_of(doc, "REJECT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"IRN"} and keys(doc, ev[0]["recipient"]) == {"USA"}
    assert "recipient:z+inst_owner" in ev[0]["rules"]


def test_owner_of_the_infinitives_object_is_the_recipient_of_an_offer():
    doc = code("Rząd Japonii zaproponował pokryć połowę potrzeb Ukrainy.")
    ev = events_of(doc, "AGREE")
    assert len(ev) == 1
    assert keys(doc, ev[0]["recipient"]) == {"UKR"}
    assert "recipient:inf_owner" in ev[0]["rules"]


def test_signing_a_law_is_not_a_treaty():
    doc = code("Prezydent Litwy Gitanas Nausėda podpisał ustawę o obronie cywilnej.")
    assert events_of(doc, "SUPPORT") == []


def test_one_country_taking_part_in_an_exercise_is_cooperation():
    doc = code("Polska uczestniczyła w ćwiczeniach wojskowych NATO na Bałtyku.")
    ev = events_of(doc, "COOPERATE")
    assert len(ev) == 1
    assert "POL" in keys(doc, ev[0]["actor"])


def test_arrest_told_impersonally_has_the_country_of_its_place_as_actor_and_its_genitive_as_target():
    doc = code("Dwaj Polacy spędzali urlop w Szwecji. Do zatrzymania Polaków doszło w Karlskronie 20 marca.")
    ev = events_of(doc, "COERCE")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"SWE"}
    assert keys(doc, ev[0]["recipient"]) == {"POL"}
    assert "actor:authority_of_place" in ev[0]["rules"]


def test_an_accusation_abroad_does_not_take_the_place_as_accuser():
    doc = code("Administracja prezydenta USA jest oskarżana w Brukseli o uległość wobec Rosji.")
    assert all("BEL" not in keys(doc, e["actor"]) for e in doc.events)
    assert any(d["lexicon_entry"] == "oskarzyc" and d["reason"] == "no actor found"
               for d in doc.spans["event_dropped"])


def test_an_interview_with_a_local_station_is_not_talks():
    doc = code("Prokurator Magnus Larsson przyznał w rozmowie z lokalną stacją radiową z Kalmaru, "
               "że nie sprawdzono tych informacji.")
    assert events_of(doc, "CONSULT") == []


def test_a_companion_word_is_never_part_of_a_name():
    doc = code("Rzecznik Stanów Zjednoczonych ogłosił w środę nowe kroki wobec Iranu.")
    assert events_of(doc, "COERCE") == []
    assert not any(d["lexicon_entry"] == "stan_wojenny" for d in doc.spans["event_dropped"])
    doc = code("Prezydent Gruzji ogłosił w środę stan wyjątkowy w Tbilisi.")  # the common word still counts
    assert any(e["event"] == "COERCE" for e in doc.events) or any(
        d["lexicon_entry"] == "stan_wojenny" for d in doc.spans["event_dropped"])


def test_an_act_on_a_noun_outranks_the_participle_describing_its_object():
    doc = code("Stany Zjednoczone ogłosiły w czwartek zawieszenie części sankcji nałożonych na Rosję.")
    assert events_of(doc, "SANCTION") == []
    ev = events_of(doc, "CONCEDE")
    assert len(ev) == 1 and keys(doc, ev[0]["actor"]) == {"USA"}


def test_release_told_in_the_passive_takes_the_pronouns_antecedent_and_the_place_named_before():
    doc = code("Dwaj Łotysze spędzali wakacje w Estonii. Do zatrzymania Łotyszy doszło 3 maja, "
               "dzień później zostali oni zwolnieni z aresztu.")
    ev = events_of(doc, "RETREAT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"EST"}
    assert keys(doc, ev[0]["recipient"]) == {"LVA"}


def test_a_participle_describing_a_prison_regime_is_no_act():
    doc = code("Dziennikarz odbywał karę w Rosji, w kolonii o zaostrzonym rygorze.")
    assert events_of(doc, "COERCE") == []


def test_a_postposed_participle_describes_the_noun_before_it_and_the_subjects_state_convicted():
    doc = code("Prezydent Białorusi Alaksandr Łukaszenka ułaskawił we wtorek obywatela Niemiec Rico Kriegera, "
               "skazanego wcześniej na karę śmierci.")
    ev = events_of(doc, "SANCTION")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"BLR"}
    assert "Alexander Lukashenko" not in {e["name"] for e in doc.entities if e["id"] in ev[0]["recipient"]}


def test_authority_is_an_entry_property_not_a_category():
    from kronika.events.lexicon import load_lexicon

    lex = load_lexicon()
    flagged = {t.name for t in lex.triggers if t.authority}
    assert {"aresztowac", "skazac", "zwolnic_z_aresztu"} <= flagged
    assert "odciac_dostawy" not in flagged  # cutting supplies aims across a border


def test_a_gerund_takes_a_dative_recipient_but_a_bare_noun_does_not():
    doc = code("Biały Dom zarządził wstrzymanie wydawania wiz Afgańczykom.")
    ev = events_of(doc, "COERCE")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"AFG"}
    doc = code("Prezydent Ukrainy Wołodymyr Zełenski podziękował Unii Europejskiej za nowe sankcje.")
    assert events_of(doc, "SANCTION") == []


def test_a_verb_keeps_its_companion_when_the_companion_heads_a_phrase_of_its_own():
    doc = code("Od początku wojny Stany Zjednoczone przekazały Ukrainie pomoc wojskową.")
    ev = events_of(doc, "AID")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"USA"} and keys(doc, ev[0]["recipient"]) == {"UKR"}


def test_passive_keeps_prepositional_recipients_and_a_border_is_closed_with_someone():
    doc = code("Premier Donald Tusk zapowiedział, że od piątku granica z Białorusią zostanie zamknięta.")
    ev = events_of(doc, "COERCE")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"BLR"}


def test_readiness_for_talks_with_someone_names_the_partner():
    doc = code("Ministerstwo Obrony Rosji zadeklarowało gotowość do konsultacji z polskim resortem obrony.")
    ev = events_of(doc, "AGREE")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"POL"}


def test_a_country_adjective_inside_a_time_expression_is_no_party():
    doc = code("W piątek wieczorem czasu polskiego Emmanuel Macron zadzwonił do kanclerza Niemiec.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1 and "POL" not in keys(doc, ev[0]["recipient"])


def test_a_pair_inside_a_role_phrase_is_its_genitive_and_the_agent_of_a_passive():
    doc = code("Litwa i Łotwa prowadziły rozmowy od miesięcy. Porozumienie podpisano w czerwcu w Wilnie przez "
               "szefów dyplomacji obu krajów.")
    ev = events_of(doc, "SUPPORT")
    assert len(ev) == 1 and keys(doc, ev[0]["actor"]) == {"LTU", "LVA"}
