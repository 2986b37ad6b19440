"""Who is the subject when a clause names none of its own: the case of a name Morfeusz does not know, read
from its visible ending; quantities and common nouns as subjects, which the previous sentence's subject does
not replace."""
from __future__ import annotations

from .helpers import code, events_of, keys, names


def test_an_unknown_name_with_a_genitive_ending_is_an_attribute_not_the_subject():
    # "Witkoffa" is unknown to Morfeusz; its ending shows the genitive, so the refusal is the spokesman's
    doc = code("Rzecznik Kremla Dmitrij Pieskow powiedział dziennikarzom, że spotkanie Witkoffa z Putinem "
               "odbędzie się we wtorek, ale odmówił ujawnienia szczegółów.")
    reject = events_of(doc, "REJECT")
    assert len(reject) == 1 and names(doc, reject[0]["actor"]) == {"Dmitry Peskov"}


def test_a_quantity_after_the_verb_is_its_subject():
    doc = code("Prezydent Wołodymyr Zełenski cieszy się zaufaniem większości obywateli. "
               "Nie zgadza się z tym natomiast 34 proc. badanych.")
    assert events_of(doc, "REJECT") == []


def test_a_clause_continuing_a_common_noun_subject_does_not_take_the_previous_sentence():
    doc = code("Premier Włoch Giorgia Meloni przyjęła w piątek raport. "
               "Rzeczniczka rządu nie potwierdziła tych informacji, ale im nie zaprzeczyła.")
    assert events_of(doc, "REJECT") == []


def test_a_dropped_subject_still_continues_a_named_subject_of_the_previous_sentence():
    # the mechanisms above must not cut the ordinary case
    doc = code("Minister spraw zagranicznych Rosji Siergiej Ławrow przyjechał do Ankary. "
               "Odrzucił propozycję Turcji.")
    reject = events_of(doc, "REJECT")
    assert len(reject) == 1 and keys(doc, reject[0]["actor"]) == {"RUS"}


def test_a_nominative_noun_after_the_verb_is_its_subject():
    # "sąsiadka" is no actor, but it is the subject: the agency of the sentence before did not call
    doc = code("Agencja Reutera opisała w piątek historię rolnika. Wkrótce potem zadzwoniła do niego sąsiadka.")
    assert events_of(doc, "CONSULT") == []


def test_an_active_participle_is_the_act_of_the_noun_it_describes():
    doc = code("Prokuratura poinformowała w piątek, że zatrzymano dwóch Białorusinów współpracujących z rosyjskim "
               "wywiadem.")
    cooperate = events_of(doc, "COOPERATE")
    assert len(cooperate) == 1 and keys(doc, cooperate[0]["actor"]) == {"BLR"}
    assert keys(doc, cooperate[0]["recipient"]) == {"RUS"}
    # the noun described is no actor: the clause's subject (the viewers) did not attack anyone
    doc = code("Widzowie z Polski obejrzeli nagranie pokazujące żołnierzy atakujących cywilów w Ukrainie.")
    assert events_of(doc, "ASSAULT") == []


def test_a_document_described_by_an_active_participle_is_its_issuers_act():
    doc = code("Bundestag przegłosował w środę rezolucję wzywającą rząd Niemiec do budowy pomnika.")
    request = events_of(doc, "REQUEST")
    assert len(request) == 1 and names(doc, request[0]["actor"]) == {"Bundestag"}


def test_the_impersonal_sie_has_no_doer_from_the_previous_sentence():
    doc = code("Rząd Ukrainy przyjął nowe przepisy. Nie wprowadza się jednak żadnych ograniczeń dla firm z Polski.")
    assert events_of(doc, "COERCE") == []
    doc = code("Wojska rosyjskie weszły do obwodu. Dlaczego atakuje się wioski w Ukrainie?")
    assert events_of(doc, "ASSAULT") == []


def test_an_infinitive_after_an_impersonal_modal_has_no_doer_from_the_previous_sentence():
    # "Nie da się zaprzeczyć" is "undeniably"; "trzeba było" and "można" are anyone's
    for text in ("Nie da się zaprzeczyć, że projekt jest potrzebny.", "Trzeba było odrzucić ten projekt.",
                 "Można odrzucić ten projekt."):
        doc = code("Ministerstwo Finansów Polski przedstawiło projekt ustawy. " + text)
        assert events_of(doc, "REJECT") == [], text


def test_an_infinitive_whose_governing_verb_has_a_common_noun_subject_has_no_doer_from_the_previous_sentence():
    doc = code("Ministerstwo Finansów Polski przedstawiło projekt ustawy. System musi bowiem odrzucić fałszywe dane.")
    assert events_of(doc, "REJECT") == []


def test_an_infinitive_governed_by_a_subjectless_verb_still_continues_the_previous_subject():
    doc = code("Minister spraw zagranicznych Rosji Siergiej Ławrow przyjechał do Ankary. "
               "Postanowił odrzucić propozycję Turcji.")
    reject = events_of(doc, "REJECT")
    assert len(reject) == 1 and keys(doc, reject[0]["actor"]) == {"RUS"}


def test_a_role_noun_reaches_its_country_past_genitive_words():
    doc = code("Minister obrony Malezji skrytykował w piątek Chiny.")
    accuse = events_of(doc, "ACCUSE")
    assert len(accuse) == 1 and keys(doc, accuse[0]["actor"]) == {"MYS"}
    # but the members of a president's party are not the president
    doc = code("W październiku członkowie partii prezydenta USA zablokowali rezolucję w Senacie.")
    assert all("USA" not in keys(doc, e["actor"]) for e in doc.events)


def test_a_role_holder_opening_the_sentence_is_its_subject():
    # "Minister obrony Rosji" names the minister on the date; at the start of the sentence its case is still its
    # role noun's, the nominative, not that of "Rosji"
    doc = code("Minister obrony Rosji skrytykował w piątek Chiny.", "2025-12-05")
    accuse = events_of(doc, "ACCUSE")
    assert len(accuse) == 1 and keys(doc, accuse[0]["actor"]) == {"RUS"}


def test_an_unknown_name_after_a_title_takes_the_titles_case():
    # "Erdoğan" is unknown to Morfeusz: "prezydent" makes it nominative, so it is the subject and no longer joins
    # the instrumental list before the comma
    doc = code("Po spotkaniu z premierem Szwecji i sekretarzem generalnym NATO Jensem Stoltenbergiem, prezydent "
               "Turcji Recep Tayyip Erdoğan zgodził się przekazać wniosek parlamentowi.")
    agree = events_of(doc, "AGREE")
    assert len(agree) == 1 and keys(doc, agree[0]["actor"]) == {"TUR"}


def test_a_title_followed_by_genitive_nouns_still_reaches_the_name():
    doc = code("Szef unijnej dyplomacji Josep Borrell skrytykował w piątek rząd Gruzji.")
    accuse = events_of(doc, "ACCUSE")
    assert len(accuse) == 1 and names(doc, accuse[0]["actor"]) == {"Josep Borrell"}
    assert keys(doc, accuse[0]["recipient"]) == {"GEO"}


def test_a_summoned_charge_daffaires_is_an_accusation_of_his_state():
    # "d'affaires" is a foreign word between the role noun and its genitive
    doc = code("Polska zareagowała stanowczo. Do MSZ wezwano w piątek chargé d'affaires Białorusi.")
    accuse = events_of(doc, "ACCUSE")
    assert len(accuse) == 1 and keys(doc, accuse[0]["recipient"]) == {"BLR"}


def test_an_indeclinable_name_after_a_role_noun_is_its_genitive():
    doc = code("Przywódcy państw NATO zakończyli w środę dwudniowy szczyt w Wilnie.")
    consult = events_of(doc, "CONSULT")
    assert len(consult) == 1 and names(doc, consult[0]["actor"]) == {"NATO"}


def test_a_speech_verb_after_a_dash_attributes_the_words_before_it():
    doc = code("Polskie samoloty zestrzeliły obiekty nad Lubelszczyzną - poinformowało Dowództwo Operacyjne Rodzajów "
               "Sił Zbrojnych.")
    assert events_of(doc, "CONSULT") == []


def test_a_noun_deep_in_a_phrase_is_no_act_of_the_reporting_subject():
    doc = code("Prokurator Anthony Hughes podkreślił, że wszyscy zaangażowani w próbę zabójstwa Siergieja Skripala "
               "ponoszą odpowiedzialność.")
    assert events_of(doc, "ASSAULT") == []


def test_an_impersonal_speech_act_is_the_latest_speakers():
    doc = code("Przewodnicząca Komisji Europejskiej Ursula von der Leyen zapowiedziała, że Unia udzieli Ukrainie "
               "pożyczki. O planie poinformowano Amerykanów.")
    consult = events_of(doc, "CONSULT")
    assert len(consult) == 1 and names(doc, consult[0]["actor"]) == {"Ursula von der Leyen"}
    assert keys(doc, consult[0]["recipient"]) == {"USA"}
    # an indirect question tells of no act
    doc = code("Przewodnicząca Komisji Europejskiej Ursula von der Leyen zapowiedziała, że Unia udzieli Ukrainie "
               "pożyczki. Nie wiadomo, czy o planie poinformowano Amerykanów.")
    assert events_of(doc, "CONSULT") == []
