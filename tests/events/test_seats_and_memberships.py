"""Organs named by their seat, joining an organisation, declared support, and pronouns and role phrases as
parties. Sentences of our own."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys, mention


def test_an_organ_named_by_its_seat_stands_for_the_seats_country():
    doc = code("Parlament w Budapeszcie ratyfikował akcesję Szwecji 26 lutego.")
    ev = events_of(doc, "SUPPORT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"HUN"} and keys(doc, ev[0]["recipient"]) == {"SWE"}
    assert any("seat" in r for r in ev[0]["rules"])


def test_a_person_noun_before_a_place_is_no_seat():
    doc = code("To pierwsza wizyta amerykańskiego przywódcy w Ukrainie od początku wojny.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"USA"} and keys(doc, ev[0]["recipient"]) == {"UKR"}


def test_the_genitive_after_an_attack_is_its_doer_after_a_criticism_its_target():
    doc = code("Rząd w Kijowie potępił atak Rosji na elektrownię.")
    accuse = events_of(doc, "ACCUSE")
    assert len(accuse) == 1
    assert keys(doc, accuse[0]["actor"]) == {"UKR"} and keys(doc, accuse[0]["recipient"]) == {"RUS"}
    assert all("UKR" not in keys(doc, e["actor"]) for e in events_of(doc, "ASSAULT"))


def test_becoming_a_member_is_joining_the_organisation():
    doc = code("Szwecja została w czwartek 32. członkiem NATO.")
    ev = events_of(doc, "SUPPORT")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"NATO"}


def test_a_companion_asked_in_a_case_must_be_in_that_case():
    # "członek:inst": becoming a member takes the instrumental; a report sent to members (dative) joins nothing
    assert events_of(code("Raport został w środę przesłany członkom Kongresu."), "SUPPORT") == []
    doc = code("Finlandia została członkinią Sojuszu w kwietniu 2023 roku.")
    assert len(events_of(doc, "SUPPORT")) == 1


def test_assuring_someone_of_support_and_the_pronoun_for_the_person_just_called():
    doc = code("Prezydent USA zadzwonił do premiera Izraela i zapewnił go o niezachwianym wsparciu.")
    ev = events_of(doc, "SUPPORT")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"ISR"}


def test_a_person_named_by_an_adjective_and_role_noun_is_in_the_nouns_case():
    doc = code("Kanclerz Niemiec Friedrich Merz zaprosił rosyjskiego przywódcę do Berlina.")
    ev = events_of(doc, "AGREE")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"RUS"}


def test_the_day_of_speaking_about_talks_is_not_the_day_of_the_talks():
    doc = code("W czwartek prezydent Rosji Władimir Putin zabrał głos na temat niedawnej rozmowy z amerykańską "
               "delegacją.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1 and ev[0]["precision"] == "unknown"
    doc = code("W czwartek prezydent Rosji Władimir Putin rozmawiał z amerykańską delegacją.")
    assert events_of(doc, "CONSULT")[0]["date"] == "2025-12-04"


def test_a_denial_needs_a_denied_act_with_its_companions_and_the_act_stays_an_event():
    doc = code("Botanik Piotr Grześ podkreślił, że grzyb nie jest objęty ochroną prawną.")
    assert events_of(doc, "REJECT") == []
    doc = code("Rosyjskie ministerstwo obrony oświadczyło, że nie planowało atakowania obiektów na terytorium Polski.")
    assert len(events_of(doc, "REJECT")) == 1
    assault = events_of(doc, "ASSAULT")
    assert len(assault) == 1 and assault[0]["status"] == "denied"


def test_a_war_on_a_country_told_with_na_and_the_locative():
    doc = code("Prezydent konsekwentnie popiera zakończenie wojny na Ukrainie wywołanej przez Federację Rosyjską.")
    ev = events_of(doc, "ASSAULT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"RUS"} and keys(doc, ev[0]["recipient"]) == {"UKR"}


def test_a_bare_offer_or_visit_with_nobody_to_receive_it_is_no_event():
    doc = code("Ekspert Piotr Nowak proponuje prosty eksperyment. Wystarczy odwiedzić sklep z aplikacjami.")
    assert events_of(doc, "AGREE") == [] and events_of(doc, "CONSULT") == []


def test_a_mention_without_recipient_still_dates_the_act_it_restates():
    from kronika.events.merge import merge_events

    entities = [{"id": "e1", "name": "European Commission", "country": "EU"},
                {"id": "e2", "name": "Ukraine", "country": "UKR"}, {"id": "e3", "name": "Poland", "country": "POL"}]
    main = mention("AGREE", ["e1"], ["e2"], entry="zaproponowac")
    weak_same = mention("AGREE", ["e1"], [], "2025-12-03", entry="zaproponowac")
    weak_other = mention("AGREE", ["e3"], [], "2025-12-01", entry="zaproponowac")
    events, internal = merge_events([main[0]], [main[1]], entities, [weak_same, weak_other])
    assert len(events) == 1
    assert events[0]["date"] == "2025-12-03" and events[0]["actor"] == ["e1"]
    assert len(internal[0]["mentions"]) == 2


def test_an_interview_is_not_talks_but_a_call_with_a_leader_is():
    doc = code("Ekspert Jan Kowalski powiedział w rozmowie z portalem, że rynek rośnie.")
    assert events_of(doc, "CONSULT") == []
    doc = code("W rozmowie z Donaldem Trumpem Wołodymyr Zełenski powiedział, że Ukraina potrzebuje obrony "
               "powietrznej.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1 and keys(doc, ev[0]["actor"]) == {"USA", "UKR"}


def test_a_noun_under_a_negated_verb_is_negated():
    doc = code("Prezydent Rosji Władimir Putin zaznaczył, że Rosja nie ma w planach ataku na Polskę.")
    ev = events_of(doc, "ASSAULT")
    assert len(ev) == 1 and ev[0]["status"] == "negated"
    doc = code("Prezydent Rosji Władimir Putin zaznaczył, że Rosja ma w planach atak na Polskę.")
    assert events_of(doc, "ASSAULT")[0]["status"] != "negated"


def test_a_promise_not_kept_was_still_made():
    doc = code("Władze Konga nie zrealizowały swojej obietnicy wobec Rwandy.")
    assert all(e["status"] != "negated" for e in events_of(doc, "AGREE"))


def test_a_bare_msz_in_a_polish_text_summons_the_ambassador_introduced_before():
    doc = code("Ambasadorem Rosji w Polsce był Siergiej Andriejew. Ministerstwo Spraw Zagranicznych wielokrotnie "
               "wzywało ambasadora do składania wyjaśnień.")
    ev = events_of(doc, "ACCUSE")
    assert len(ev) == 1
    by_id = {e["id"]: e for e in doc.entities}
    assert [by_id[a]["name"] for a in ev[0]["actor"]] == ["Ministry of Foreign Affairs (Poland)"]
    assert [by_id[r]["name"] for r in ev[0]["recipient"]] == ["Siergiej Andriejew"]


def test_a_name_with_a_genitive_tail_is_in_the_case_of_its_head():
    from kronika.events.frames import _mention_features

    doc = code("Ministerstwo Spraw Zagranicznych Ukrainy wydało oświadczenie.")
    i = next(k for k, t in enumerate(doc.tokens) if t.text == "Ministerstwo")
    cases, _numbers, known = _mention_features(doc, i, i + 3, False)
    assert "nom" in cases and known


def test_a_base_near_a_city_lies_in_the_citys_country_and_hosts_the_talks():
    doc = code("Prezydent USA Donald Trump i prezydent Rosji Władimir Putin rozmawiali w piątek w bazie "
               "Elmendorf-Richardson pod Anchorage na Alasce.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"USA"} and keys(doc, ev[0]["actor"]) == {"RUS"}


def test_a_journalist_arrested_in_a_city_is_the_one_introduced_as_journalist():
    doc = code("Rosja zwolniła amerykańskiego dziennikarza. Na wolność wyszedł amerykański dziennikarz „Wall Street "
               "Journal” Evan Gershkovich oraz opozycjonista Władimir Kara-Murza. Dziennikarz został zatrzymany "
               "w Jekaterynburgu w marcu 2023 roku.")
    ev = events_of(doc, "COERCE")
    assert len(ev) == 1 and keys(doc, ev[0]["actor"]) == {"RUS"}
    assert [e["name"] for e in doc.entities if e["id"] in ev[0]["recipient"]] == ["Evan Gershkovich"]


def test_an_adverbial_phrase_governs_no_name_and_a_modal_far_ahead_still_plans():
    doc = code("W zamian Izrael ma w nocy z niedzieli na poniedziałek uwolnić 90 palestyńskich więźniów.")
    ev = events_of(doc, "RETREAT")
    assert len(ev) == 1 and keys(doc, ev[0]["actor"]) == {"ISR"} and ev[0]["status"] == "planned"


def test_the_goal_of_urging_or_inviting_is_no_act_of_its_own():
    doc = code("USA nałożyły sankcje na Rosję, chcąc skłonić Moskwę do rozmów o pokoju.")
    assert events_of(doc, "CONSULT") == []
    doc = code("Kanclerz Niemiec Friedrich Merz zaprosił prezydenta Francji do złożenia wizyty w Berlinie.")
    assert events_of(doc, "CONSULT") == [] and len(events_of(doc, "AGREE")) == 1


def test_a_decision_to_send_aid_is_a_pledge_and_keeps_the_announcements_date():
    doc = code("Minister obrony Niemiec Boris Pistorius ogłosił w październiku decyzję o wysłaniu myśliwców "
               "do Polski.")
    ev = events_of(doc, "AGREE")
    assert len(ev) == 1 and keys(doc, ev[0]["recipient"]) == {"POL"}
    assert ev[0]["date"] == "2025-10" and ev[0]["status"] == "asserted"


def test_the_day_of_commenting_on_a_visit_is_not_the_day_of_the_visit():
    doc = code("W środę wizytę amerykańskich wysłanników w Moskwie skomentował prezydent USA Donald Trump.")
    ev = events_of(doc, "CONSULT")
    assert len(ev) == 1 and ev[0]["date"] is None and "date:topic_noun" in ev[0]["rules"]


def test_a_blow_at_a_person_is_criticism_and_at_a_city_an_attack():
    doc = code("Prezydent USA Donald Trump uderza w Joe Bidena.")
    assert [e["event"] for e in doc.events] == ["ACCUSE"]
    doc = code("Rosja uderzyła w Kijów rakietami.")
    assert [e["event"] for e in doc.events] == ["ASSAULT"]


def test_an_attack_that_only_times_the_clause_is_not_the_subjects():
    doc = code("Administracja prezydenta USA podjęła decyzję po ataku na żołnierzy Gwardii Narodowej.")
    assert all("USA" not in keys(doc, e["actor"]) for e in events_of(doc, "ASSAULT"))
    assert any(d["lexicon_entry"] == "zaatakowac" for d in doc.spans["event_dropped"])


def test_one_politicians_attack_on_another_is_words_unless_a_weapon_is_named():
    doc = code("Premier Donald Tusk ostro zaatakował Jarosława Kaczyńskiego w Sejmie.")
    assert [e["event"] for e in doc.events] == ["ACCUSE"]
    doc = code("Prezydent Joe Biden zaatakował nożem premiera Benjamina Netanjahu.")
    ev = events_of(doc, "ASSAULT")
    assert len(ev) == 1 and ev[0]["mode"] == ["primitive"]


def test_not_inviting_is_a_refusal_whether_told_by_nie_or_a_negative_gerund():
    doc = code("Amerykanie wiedzą, że niezapraszanie Europy do rozmów jest dla nich wygodne.")
    ev = events_of(doc, "REJECT")
    assert len(ev) == 1 and ev[0]["status"] == "asserted" and events_of(doc, "AGREE") == []
    doc = code("Prezydent Francji Emmanuel Macron nie zaprosił premiera Węgier na szczyt.")
    assert len(events_of(doc, "REJECT")) == 1 and events_of(doc, "AGREE") == []


def test_a_predicative_adjective_takes_the_copulas_subject_and_needs_what_one_is_pleased_with():
    doc = code("Prezydent USA Donald Trump jest zadowolony z rozmów z Ukrainą.")
    assert events_of(doc, "SUPPORT") == [] or keys(doc, events_of(doc, "SUPPORT")[0]["actor"]) == {"USA"}
    from kronika.events.frames import verb_info

    i = next(k for k, t in enumerate(doc.tokens) if t.text == "zadowolony")
    v = verb_info(doc, i, 0)
    assert not v.nominal and v.numbers == frozenset({"sg"})
