"""What happens around the recogniser's labels: training sentences cut the way the tokenizer cuts running text,
stray letters trimmed from spans, persons repeated over a document, countries inside organisations, adjectives
derived from place names, and the PolEval adapter."""
from __future__ import annotations

from kronika.lang.base import Analysis
from kronika.lang.pl.evaluation import POLEVAL_CATEGORY, poleval_counts
from kronika.lang.pl.ner import (
    NerModel,
    char_spans,
    clean_spans,
    country_lemmas,
    geo_adjective_base,
    glued_parts,
    nest_countries,
    repeat_persons,
    split_glued,
)
from kronika.lang.pl.tokenizer import tokenize
from kronika.lang.pl.training import runtime_tokens


# --- training sentences in run-time tokens ----------------------------------------------------------------------


def test_abbreviation_and_initial_keep_their_dot_and_label():
    forms = ["W", "1999", "r", ".", "J", ".", "Nowak", "przyjechał", "."]
    labels = ["O", "B-date", "I-date", "I-date", "B-persName#B-persName-forename", "I-persName#I-persName-forename",
              "I-persName#B-persName-surname", "O", "O"]
    f, l = runtime_tokens(forms, labels)
    assert f == ["W", "1999", "r.", "J.", "Nowak", "przyjechał", "."]
    assert l == ["O", "B-date", "I-date", "B-persName#B-persName-forename", "I-persName#B-persName-surname", "O", "O"]


def test_hyphen_inside_a_name_is_glued_but_a_dash_between_words_is_not():
    forms = ["Jadę", "do", "Bielsko", "-", "Białej", "-", "mówi", "Anna", "."]
    labels = ["O", "O", "B-placeName-settlement", "I-placeName-settlement", "I-placeName-settlement", "O", "O",
              "B-persName#B-persName-forename", "O"]
    f, l = runtime_tokens(forms, labels)
    assert f == ["Jadę", "do", "Bielsko-Białej", "-", "mówi", "Anna", "."]
    assert l[2] == "B-placeName-settlement" and l[3] == "O"


def test_a_token_split_by_the_tokenizer_continues_its_span():
    # the run-time tokenizer cuts a bare number's dot off before a capitalised word: "2000" + "." of one token
    f, l = runtime_tokens(["Rok", "2000.", "Potem", "cisza"], ["O", "B-date", "O", "O"])
    assert f == ["Rok", "2000", ".", "Potem", "cisza"]
    assert l == ["O", "B-date", "I-date", "O", "O"]


# --- spans ----------------------------------------------------------------------------------------------------


def test_stray_letters_are_trimmed_and_wordless_spans_dropped():
    forms = ["Wuj", "Ø", "odepchnął", "„", "Ø", "Tęcza", "”", "Ø"]
    spans = [("orgName", 1, 2), ("orgName", 3, 8), ("geogName", 3, 5), ("persName", 0, 2)]
    got = clean_spans(spans, forms)
    assert ("orgName", 1, 2) not in got  # the elision mark alone
    assert ("orgName", 3, 7) in got  # trailing "Ø" cut off, the quotes stay
    assert ("geogName", 3, 5) not in got  # a quote and a stray letter: no word
    assert ("persName", 0, 1) in got


def test_ordinary_one_letter_names_stay():
    assert clean_spans([("orgName", 1, 2)], ["platforma", "X"]) == [("orgName", 1, 2)]


def test_repeats_of_a_person_get_the_whole_nest():
    forms = ["Bąk", "przyszedł", ".", "Potem", "Bąk", "wyszedł", ",", "a", "Bąk", "Senior", "został", "."]
    spans = [("persName", 0, 1), ("persName_surname", 0, 1), ("persName", 8, 10), ("persName_surname", 8, 9)]
    got = repeat_persons(forms, spans, [0, 3])
    assert ("persName", 4, 5) in got and ("persName_surname", 4, 5) in got
    assert len(got) == len(spans) + 2  # the word inside the longer name is not filled again


def test_repeats_are_not_made_of_other_types_short_words_or_across_sentences():
    forms = ["Orlen", "rośnie", ".", "Orlen", "spada", ".", "Al", "i", "Al", ".", "Jan", "Nowak", "spał", ".",
             "Był", "Jan", "Nowak", "."]
    spans = [("orgName", 0, 1), ("persName", 6, 7), ("persName", 10, 12)]
    assert repeat_persons(forms, spans, [0, 3, 6, 10, 14]) == [*spans[:2], spans[2], ("persName", 15, 17)]
    # "Jan | Nowak" cut by a sentence start is no repeat
    got = repeat_persons(forms, spans, [0, 3, 6, 10, 14, 16])
    assert got == spans


def _subst(lemma: str, names=("nazwa_geograficzna",)) -> Analysis:
    return Analysis(lemma, "subst:sg:gen:f", names, ())


def test_a_country_inside_an_organisation_is_nested():
    forms = ["Ambasada", "Francji", "w", "Polsce", "i", "Francji"]
    readings = [[_subst("ambasada", ())], [_subst("Francja")], [], [_subst("Polska")], [], [_subst("Francja")]]
    spans = [("orgName", 0, 2), ("placeName_country", 3, 4)]
    got = nest_countries(spans, forms, readings, frozenset({"Francja", "Polska"}))
    assert ("placeName_country", 1, 2) in got
    assert ("placeName_country", 5, 6) not in got  # outside any organisation: the model's business
    assert nest_countries(spans, forms, readings, frozenset()) == spans


def test_the_first_word_of_an_organisation_is_not_nested():
    forms = ["Polska", "Akcja", "Humanitarna"]
    readings = [[_subst("Polska")], [], []]
    assert nest_countries([("orgName", 0, 3)], forms, readings, frozenset({"Polska"})) == [("orgName", 0, 3)]


def test_country_lemmas_come_from_the_model_meta():
    model = NerModel({"b": {"O": 1.0}}, ["O"], {"country_lemmas": ["Francja"]})
    assert country_lemmas(model) == frozenset({"Francja"})
    assert country_lemmas(NerModel({"b": {"O": 1.0}}, ["O"], {})) == frozenset()


def test_adjectives_derived_from_place_names():
    assert geo_adjective_base("ostrzeszowski") == "Ostrzeszów"
    assert geo_adjective_base("elbląski") == "Elbląg"
    assert geo_adjective_base("gdański") == "Gdańsk"
    assert geo_adjective_base("wielki") is None
    assert geo_adjective_base("dom") is None


# --- glued words and double-barrelled names ------------------------------------------------------------------


def _words(form: str):
    parts = glued_parts(form)
    return [form[a:b] for a, b in parts] if parts else None


def test_glued_names_are_cut_into_words():
    assert _words("#WicemarszalekAnnaNowak") == ["#", "Wicemarszalek", "Anna", "Nowak"]
    assert _words("SenatorJanKowalski") == ["Senator", "Jan", "Kowalski"]
    assert _words("PiotrZielinski") == ["Piotr", "Zielinski"]  # a first name, then a word


def test_brand_names_and_plain_words_stay_whole():
    for form in ("YouTube", "TikTok", "PiS", "McDonald", "PlayStation", "#Polska", "Kowalski", "iPhone", "SpaceX"):
        assert glued_parts(form) is None, form


def test_split_glued_keeps_offsets_and_owners():
    text = "Mówił SenatorJanKowalski dziś."
    tokens, _ = tokenize(text)
    pieces, owner = split_glued(tokens)
    assert [t.text for t in pieces] == ["Mówił", "Senator", "Jan", "Kowalski", "dziś", "."]
    assert owner == [0, 1, 1, 1, 2, 3]
    assert all(text[t.start:t.end] == t.text for t in pieces)
    assert not pieces[1].space_after and pieces[3].space_after


def test_a_double_barrelled_surname_is_one_span_per_word():
    text = "Hanna Gronkiewicz-Waltz i Jan Kowalski-Nowak-Wiśniewski z Bielsko-Białej"
    tokens, _ = tokenize(text)
    spans = [("persName", 0, 2), ("persName_surname", 1, 2), ("persName_forename", 0, 1),
             ("persName_surname", 4, 5), ("placeName_settlement", 6, 7)]
    got = {(t, text[a:b]) for t, a, b in char_spans(tokens, spans)}
    assert got == {("persName", "Hanna Gronkiewicz-Waltz"), ("persName_surname", "Gronkiewicz"),
                   ("persName_surname", "Waltz"), ("persName_forename", "Hanna"), ("persName_surname", "Kowalski"),
                   ("persName_surname", "Nowak"), ("persName_surname", "Wiśniewski"),
                   ("placeName_settlement", "Bielsko-Białej")}


# --- PolEval adapter -------------------------------------------------------------------------------------------


def test_poleval_files_peoples_without_a_state_under_country():
    assert POLEVAL_CATEGORY["placeName"] == "placeName_country"
    assert POLEVAL_CATEGORY["persName_addName"] == "persName_addname"


def test_poleval_counts_exact_and_overlap():
    gold = [("persName", 0, 10), ("persName_surname", 5, 10)]
    pred = [("persName", 0, 10), ("persName_surname", 4, 12), ("orgName", 20, 25)]
    ex_tp, ex_fp, ex_fn, ov_tp, ov_fp, ov_fn = poleval_counts(gold, pred)
    assert (ex_tp, ex_fp, ex_fn) == (1, 2, 1)
    assert (ov_tp, ov_fp, ov_fn) == (2, 1, 0)


def test_stage_gives_spans_over_whole_glued_tokens_only():
    from kronika.lang.pl.ner import _recognise_glued

    model = NerModel({"b": {"O": 1.0}, "w=jan": {"B-persName": 5.0}, "w=kowalski": {"I-persName": 5.0}},
                     ["B-persName", "I-persName", "O"], {})
    for text, expected in (("Mówił JanKowalski dziś", [("persName", 1, 2)]),
                           ("Mówił #JanKowalski dziś", []),  # the name starts inside the hashtag
                           ("Mówił Jan Kowalski dziś", [("persName", 1, 3)])):
        tokens, _ = tokenize(text)
        assert _recognise_glued(tokens, model) == expected, text


def test_poleval_files_the_european_union_as_a_bloc_and_other_organisations_unchanged():
    from kronika.lang.pl.evaluation import _poleval_category

    assert _poleval_category("orgName", "Unii Europejskiej") == "placeName_bloc"
    assert _poleval_category("orgName", "UE") == "placeName_bloc"
    assert _poleval_category("orgName", "Komisja Europejska") == "orgName"
    assert _poleval_category("orgName", "NATO") == "orgName"  # PolEval is split on NATO; kept as predicted
    assert _poleval_category("placeName", "Żydzi") == "placeName_country"


# --- a man's foreign name run on after an organisation -------------------------------------------------------------


def _names(text: str) -> list[tuple[str, str, str]]:
    from kronika.ingest.document import DocDate, Document
    from kronika.pipeline import default_pipeline

    doc = Document(text=text, source="test", date=DocDate.parse("2025-12-01"), lang="pl")
    default_pipeline()(doc)
    return [(s.type, s.text, s.base_form) for s in doc.spans["ner"] if "_" not in s.type]


def test_an_inflected_foreign_mans_name_after_an_organisation_is_a_person():
    # the recogniser reads "Duńskiego Radia Larsa Petersena" as one organisation; the endings of the two words
    # Morfeusz does not know make them a man's name in the genitive
    assert _names("Według korespondenta Duńskiego Radia Larsa Petersena rozmowy utknęły.") == [
        ("orgName", "Duńskiego Radia", "Duńskie Radio"), ("persName", "Larsa Petersena", "Lars Petersen")]


def test_an_organisations_foreign_words_without_an_ending_stay_its_name():
    assert _names("Dziennikarze Radia Free Europe opisali sprawę.") == [
        ("orgName", "Radia Free Europe", "Radio Free Europe")]
