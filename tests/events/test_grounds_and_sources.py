"""Round nine: acts with no grounds, accusations told in the passive with their reporter, people taken up by
what they are ("mężczyzn"), and the places inside an accusation."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys


def _accusations(doc):
    return events_of(doc, "ACCUSE")


def test_no_grounds_to_accuse_is_a_negated_accusation_of_its_own():
    doc = code("Norweska prokuratura oskarżyła dwóch Duńczyków o szpiegostwo w porcie w Bergen. "
               "Sędzia Lars Dahl uznał jednak później, że nie ma wystarczających dowodów, aby oskarżyć mężczyzn o zdradę.")
    acc = _accusations(doc)
    assert len(acc) == 2
    statuses = sorted(e["status"] for e in acc)
    assert statuses == ["asserted", "negated"]
    negated = next(e for e in acc if e["status"] == "negated")
    assert keys(doc, negated["recipient"]) == {"DNK"}


def test_lack_of_grounds_without_nie():
    doc = code("Norweski rząd uznał, że brak podstaw, by aresztować Duńczyków.")
    arrests = events_of(doc, "COERCE")
    assert arrests and all(e["status"] == "negated" for e in arrests)


def test_grounds_named_for_an_act_do_not_negate_it():
    doc = code("Prokurator uznał, że są dowody, aby oskarżyć Duńczyków o szpiegostwo, i Norwegia ich oskarżyła.")
    assert all(e["status"] != "negated" for e in _accusations(doc))


def test_a_passive_accusation_takes_the_source_that_reports_it_as_accuser():
    doc = code("Według rządu Niemiec administracja Trumpa jest oskarżana o uległość wobec Rosji.")
    acc = _accusations(doc)
    assert len(acc) == 1
    assert keys(doc, acc[0]["actor"]) == {"DEU"}
    assert "actor:reported_source" in acc[0]["rules"]


def test_a_passive_accusation_with_no_source_has_no_accuser():
    doc = code("Administracja Trumpa jest oskarżana o uległość wobec Rosji.")
    assert _accusations(doc) == []


def test_authority_of_place_skips_places_inside_the_accused_act():
    # the arrest is Sweden's (named before); "w Norwegii" is where the alleged spying happened
    doc = code("Szwecja prowadzi śledztwo w sprawie szpiegów w Sztokholmie. "
               "Dwóch Duńczyków zostało zatrzymanych i oskarżonych o szpiegostwo w Norwegii.")
    arrests = events_of(doc, "COERCE")
    assert arrests
    assert all(keys(doc, e["actor"]) == {"SWE"} for e in arrests)


def test_the_genitive_pronoun_before_a_verbal_noun_is_its_object_and_europe_is_a_party():
    doc = code("Europa została pominięta w rozmowach ws. Ukrainy. "
               "Amerykanie wiedzą, że jej niezapraszanie jest dla nich wygodne.")
    rejects = events_of(doc, "REJECT")
    assert len(rejects) == 1
    assert keys(doc, rejects[0]["actor"]) == {"USA"}
    assert keys(doc, rejects[0]["recipient"]) == {"Europe"}


def test_a_city_is_never_the_antecedent_of_a_pronoun_recipient():
    doc = code("Delegacja przyjechała do Genewy. Amerykanie wiedzą, że jej niezapraszanie jest dla nich wygodne.")
    assert all("Geneva" not in keys(doc, e["recipient"]) for e in doc.events)


def test_an_abbreviated_preposition_governs_its_noun():
    # "ws. Ukrainy" is no subject: the pronoun "jej" takes up Europe, not Ukraine
    doc = code("Europa nie uczestniczy w negocjacjach ws. Ukrainy. Rosjanie wiedzą, że jej niezapraszanie im pomaga.")
    rejects = events_of(doc, "REJECT")
    assert rejects and all(keys(doc, e["recipient"]) == {"Europe"} for e in rejects)


def test_a_summoned_ambassador_is_an_accusation_of_its_own_against_his_state():
    doc = code("Wielka Brytania oskarżyła Rosję o cyberataki. Dzień później ambasador Rosji w Wielkiej Brytanii "
               "został wezwany do brytyjskiego ministerstwa spraw zagranicznych.")
    acc = _accusations(doc)
    assert len(acc) == 2
    summons = next(e for e in acc if "wezwac_ambasadora" in e["rules"])
    assert keys(doc, summons["recipient"]) == {"RUS"}


def test_a_restated_accusation_still_merges():
    doc = code("Wielka Brytania oskarżyła Rosję o cyberataki. Oskarżenie Rosji przez Wielką Brytanię padło w czwartek.")
    assert len(_accusations(doc)) == 1


def test_me_in_a_quote_is_its_speaker_not_the_attack_after_it():
    doc = code('- Przed chwilą rozmawiałem z ministrem Siergiejem Ławrowem, który poinformował mnie o atakach na '
               'rurociąg - powiedział minister Peter Szijjarto.')
    informs = [e for e in doc.events if "poinformowac_kogos" in e["rules"]]
    assert all("Siergiej Ławrow" not in {x["name"] for x in doc.entities if x["id"] in e["recipient"]}
               for e in informs)
    assert all(not any("attacker_of_attack" in r for r in e["rules"]) for e in doc.events)


def test_sowing_unrest_is_no_riot():
    doc = code("Rosyjskie służby próbują siać chaos i zamieszki w Europie.")
    assert events_of(doc, "PROTEST") == []
    doc = code("W Tbilisi wybuchły zamieszki po ogłoszeniu wyników wyborów przez Gruzję.")
    assert events_of(doc, "PROTEST") != [] or any(d["lexicon_entry"] == "zamieszki"
                                                   for d in doc.spans["event_dropped"])


def test_the_purpose_after_chcac_is_no_act_but_the_act_is():
    doc = code("USA objęły sankcjami rosyjski koncern Łukoil, chcąc w ten sposób wywrzeć presję na Rosję.")
    assert [e["event"] for e in doc.events] == ["SANCTION"]
    doc = code("USA wywierają presję na Rosję.")
    assert [e["event"] for e in doc.events] == ["REQUEST"]


def test_occupied_towns_make_their_state_the_recipient():
    doc = code("Rebelianci z Kongo zajęli w styczniu Gomę. Bojówki M23 nadal okupują dwa duże miasta w regionie - "
               "Gomę i Bukavu. Władze Demokratycznej Republiki Konga protestują.")
    assaults = [e for e in events_of(doc, "ASSAULT") if "recipient:state_of_place" in e["rules"]]
    assert assaults
    assert keys(doc, assaults[0]["recipient"]) == {"COD"}


def test_recognising_breakaway_republics_is_an_act_towards_the_state_they_lie_in():
    doc = code("Rosja od lat wspiera separatystów na wschodzie Ukrainy. W poniedziałek Putin uznał niepodległość "
               "samozwańczych republik w Doniecku i Ługańsku.")
    support = [e for e in events_of(doc, "SUPPORT") if "uznac_niepodleglosc" in e["rules"]]
    assert len(support) == 1 and keys(doc, support[0]["recipient"]) == {"UKR"}


def test_a_dated_talks_noun_in_a_quote_joins_the_talks_just_told_of():
    # the visit to India is told first: the quote's "wtorkowe rozmowy" restate the talks told of last
    doc = code("W czwartek prezydent Rosji Władimir Putin przybył z wizytą do Indii. "
               "We wtorek Putin spotkał się w Moskwie ze Stevem Witkoffem. "
               "Putin zaznaczył, że spotkanie z Witkoffem było pożyteczne. "
               '"Dlatego wtorkowe rozmowy trwały tak długo" - wyjaśnił Putin.')
    talks = [e for e in events_of(doc, "CONSULT") if "Steve Witkoff" in {x["name"] for x in doc.entities
                                                                         if x["id"] in e["actor"] + e["recipient"]}]
    assert len(talks) == 1
    mentions = doc.spans["event_triggers"][doc.events.index(talks[0])]["mentions"]
    assert any(doc.text[m["start"]:m["end"]] == "rozmowy" for m in mentions)


def test_jak_with_any_verb_of_saying_names_the_accuser_of_a_passive_accusation():
    doc = code("Jak podkreślają europejscy sojusznicy Kijowa, administracja Trumpa jest oskarżana o uległość wobec Rosji.")
    acc = _accusations(doc)
    assert len(acc) == 1
    assert keys(doc, acc[0]["actor"]) == {"Europe"}
    assert keys(doc, acc[0]["recipient"]) == {"USA"}


def test_an_outlet_that_reports_an_accusation_does_not_make_it():
    doc = code("Jak podaje agencja Reuters, administracja Trumpa jest oskarżana o uległość wobec Rosji.")
    assert _accusations(doc) == []


def test_a_fronted_jak_clause_ends_at_its_comma():
    # "rząd Niemiec" and "administracja Trumpa" are not one coordinated subject
    doc = code("Jak podaje rząd Niemiec, administracja Trumpa jest oskarżana o uległość wobec Rosji.")
    acc = _accusations(doc)
    assert len(acc) == 1
    assert keys(doc, acc[0]["actor"]) == {"DEU"} and keys(doc, acc[0]["recipient"]) == {"USA"}


def test_force_announced_for_the_future_is_a_threat_against_the_places_state():
    doc = code("Ukraina broni się od lat. Prezydent Rosji Władimir Putin oświadczył, że Rosja przejmie kontrolę nad "
               "Donbasem przy użyciu sił zbrojnych.")
    threats = events_of(doc, "THREATEN")
    assert len(threats) == 1
    assert keys(doc, threats[0]["recipient"]) == {"UKR"}
    assert events_of(doc, "COERCE") == []


def test_force_told_as_done_stays_force():
    doc = code("Ukraina broni się od lat. Rosja przejęła kontrolę nad Donbasem w 2014 roku.")
    assert events_of(doc, "THREATEN") == []
    coerce = events_of(doc, "COERCE")
    assert coerce and keys(doc, coerce[0]["recipient"]) == {"UKR"}


def test_a_noun_of_force_after_zapowiada_is_a_threat():
    doc = code("Ukraina broni się od lat. Rosja zapowiada przejęcie kontroli nad Donbasem.")
    assert [e["event"] for e in doc.events if keys(doc, e["actor"]) == {"RUS"}] == ["THREATEN"]


def test_a_region_of_no_state_is_no_recipient():
    doc = code("Putin zaznaczył, że Rosja nie ma w planach ataku na kraje Zachodu.")
    assert events_of(doc, "ASSAULT") == []


def test_a_person_charged_in_the_passive_is_charged_by_the_state_of_the_place():
    doc = code("Do ataku doszło w Waszyngtonie, gdzie USA wzmocniły ochronę. "
               "O dokonanie ataku oskarżany jest 29-letni Afgańczyk Rahmanullah Lakanwal.")
    acc = _accusations(doc)
    assert len(acc) == 1
    assert keys(doc, acc[0]["actor"]) == {"USA"}
    assert "actor:authority_of_place" in acc[0]["rules"]


def test_a_government_accused_in_the_passive_is_not_charged_by_the_place():
    doc = code("Do spotkania doszło w Waszyngtonie, gdzie USA wzmocniły ochronę. "
               "Rząd Wenezueli jest oskarżany o wspieranie przemytu.")
    assert _accusations(doc) == []


def test_forces_operating_from_a_base_abroad_are_military_help():
    doc = code("Polska poprosiła sojuszników o wsparcie. "
               "Holenderskie myśliwce działały z bazy pod Łaskiem w październiku.")
    aid = events_of(doc, "AID")
    assert len(aid) == 1
    assert keys(doc, aid[0]["actor"]) == {"NLD"} and keys(doc, aid[0]["recipient"]) == {"POL"}


def test_forces_arriving_in_a_country_are_military_help_but_a_plane_landing_at_home_is_not():
    doc = code("Do Litwy trafiły niemieckie czołgi i żołnierze.")
    aid = events_of(doc, "AID")
    assert aid and keys(doc, aid[0]["recipient"]) == {"LTU"} and keys(doc, aid[0]["actor"]) == {"DEU"}
    doc = code("Niemiecki samolot pasażerski wylądował w Berlinie.")
    assert events_of(doc, "AID") == []


def test_a_case_dropped_against_a_person_is_a_concession_to_him():
    doc = code("Rzecznik Kremla Dmitrij Pieskow poinformował, że sprawa karna wobec Prigożyna zostanie umorzona.")
    concede = events_of(doc, "CONCEDE")
    assert len(concede) == 1
    assert {x["name"] for x in doc.entities if x["id"] in concede[0]["recipient"]} == {"Yevgeny Prigozhin"}


def test_every_o_phrase_of_an_accusation_names_an_act_of_the_accused():
    doc = code("Wielka Brytania oskarżyła Rosję o cyberataki w Europie, w tym o planowanie ataku na Polskę.")
    assaults = events_of(doc, "ASSAULT")
    assert assaults
    assert all(keys(doc, e["actor"]) == {"RUS"} and "embedded_in_accusation" in e["rules"] for e in assaults)


def test_sanctions_of_the_west_are_not_the_clause_subjects():
    doc = code("Indie wykorzystały spadek cen ropy, spowodowany zachodnimi sankcjami wobec Moskwy.")
    assert events_of(doc, "SANCTION") == []
    doc = code("Indie wykorzystały spadek cen ropy, spowodowany amerykańskimi sankcjami wobec Moskwy.")
    assert [keys(doc, e["actor"]) for e in events_of(doc, "SANCTION")] == [{"USA"}]


def test_accepting_a_motion_is_no_visit_but_receiving_a_guest_is():
    doc = code("Przyjęcie wniosku CDU i SPD przez Bundestag stanowi istotny sygnał.")
    assert events_of(doc, "CONSULT") == []
    doc = code("Premier Donald Tusk przyjął w Warszawie prezydenta Francji Emmanuela Macrona.")
    assert len(events_of(doc, "CONSULT")) == 1


def test_a_system_sending_an_alert_is_no_aid():
    doc = code("W czwartek amerykański system ShakeAlert wysłał mieszkańcom Kalifornii fałszywy alert o trzęsieniu ziemi.")
    assert events_of(doc, "AID") == []


def test_the_conjunction_a_is_no_preposition_before_a_subject():
    doc = code("Niemcy przekażą Ukrainie sprzęt, a prezydent Francji Emmanuel Macron ogłosił dostawy pocisków dla Ukrainy.",
               date="2023-07-12")
    pledges = [e for e in doc.events if "ogłosic_dostawy" in e["rules"]]
    assert pledges and {x["name"] for x in doc.entities if x["id"] in pledges[0]["actor"]} == {"Emmanuel Macron"}


def test_fighters_of_a_group_act_for_it():
    doc = code("Bojownicy Hamasu zaatakowali Izrael.", date="2023-10-07")
    assaults = events_of(doc, "ASSAULT")
    assert assaults and {x["name"] for x in doc.entities if x["id"] in assaults[0]["actor"]} == {"Hamas"}


def test_an_attack_on_us_in_the_speakers_condition_is_his_threat():
    doc = code("Putin mówił o Europie. - Jeśli Europa zechce rozpocząć z nami wojnę, to szybko nie będziemy mieli "
               "z kim negocjować - stwierdził Putin.")
    threats = events_of(doc, "THREATEN")
    assert len(threats) == 1
    assert keys(doc, threats[0]["recipient"]) == {"Europe"}
    assert events_of(doc, "ASSAULT") == []


def test_an_attack_in_a_condition_without_us_stays_a_hypothetical_attack():
    doc = code("Jeśli Rosja zaatakuje Litwę, NATO odpowie.")
    assert events_of(doc, "THREATEN") == []
    assert [e["status"] for e in events_of(doc, "ASSAULT")] == ["hypothetical"]


def test_an_unfulfilled_promise_negates_the_promised_act():
    doc = code("Władze Konga nie zrealizowały z kolei swojej obietnicy rozbrojenia bojówki FDLR.")
    retreat = events_of(doc, "RETREAT")
    assert len(retreat) == 1 and retreat[0]["status"] == "negated"
    doc = code("Władze Konga zrealizowały swoją obietnicę rozbrojenia bojówki FDLR.")
    assert [e["status"] for e in events_of(doc, "RETREAT")] == ["asserted"]


def test_a_ceasefire_between_two_parties_is_their_reciprocal_retreat():
    doc = code("W niedzielę zaczęło obowiązywać zawieszenie broni między Izraelem a Hamasem.")
    retreat = events_of(doc, "RETREAT")
    assert len(retreat) == 1 and keys(doc, retreat[0]["actor"]) == {"ISR", "PSE"} and retreat[0]["recipient"] == []


def test_taking_part_in_a_council_session_is_a_multilateral_consultation():
    doc = code("Prezydent Ukrainy Wołodymyr Zełenski wziął w środę udział w posiedzeniu Rady NATO-Ukraina.")
    consult = events_of(doc, "CONSULT")
    assert len(consult) == 1 and "multilateral" in consult[0]["mode"] and keys(doc, consult[0]["actor"]) >= {"UKR"}


def test_poll_support_and_a_danger_are_no_acts():
    doc = code("W sondażu Koalicja Obywatelska uzyskała 31 proc. poparcia, a Konfederacja 14 proc. poparcia.")
    assert events_of(doc, "SUPPORT") == []
    doc = code("Rosja stanowi zagrożenie dla Polski - ocenił premier.")
    assert events_of(doc, "THREATEN") == []
    # the verb is still a threat
    doc = code("Rosja zagroziła Polsce odwetem.")
    assert len(events_of(doc, "THREATEN")) == 1


def test_adopting_a_treaty_is_no_visit():
    doc = code("Parlament Meksyku przyjął w 1999 r. statut MTK.")
    assert events_of(doc, "CONSULT") == []
    doc = code("Prezydent Polski przyjął w piątek delegację Ukrainy.")
    assert len(events_of(doc, "CONSULT")) == 1


def test_flying_is_not_ordering():
    # "poleci" is both "will fly" (polecieć) and "will order" (polecić): the tagger reads it
    doc = code("Minister spraw zagranicznych Polski poleci w środę do Waszyngtonu.")
    assert events_of(doc, "REQUEST") == []
    doc = code("Władimir Putin polecił Białorusi przygotować manewry.")
    assert len(events_of(doc, "REQUEST")) == 1


def test_a_time_expression_between_a_trigger_and_its_companion_does_not_count_against_the_window():
    doc = code("Rosyjskie drony wielokrotnie naruszyły nocą z wtorku na środę polską przestrzeń powietrzną.")
    mobilize = events_of(doc, "MOBILIZE")
    assert len(mobilize) == 1 and keys(doc, mobilize[0]["recipient"]) == {"POL"}
