"""The fast recogniser (prefilter + cached tests) finds exactly what the plain reference path finds.

`recognize(doc)` skips the rules that cannot start at a token (kronika/time/prefilter.py) and caches matcher
tests; `recognize(doc, prefilter=False)` tries every rule at every token with the plain matcher. These tests
compare the two on sentences of our own, rule by rule and token by token, so an optimisation cannot silently
drop a match.
"""
from __future__ import annotations

import dataclasses

import pytest

from kronika.ingest.document import DocDate, Document
from kronika.lang.pl import polish_stages
from kronika.time.prefilter import RuleIndex, rule_index
from kronika.time.recognizer import _match, _match_memo, recognize, token_views
from kronika.time.rules import Rule, TokenView, compile_matcher, compile_pattern, load_lexicon, load_rules

# Sentences of our own about real international events; each holds at least one time expression.
SENTENCES = [
    "Rosja zaatakowała Ukrainę 24 lutego 2022 r. nad ranem.",
    "Szczyt NATO w Wilnie odbył się 11 i 12 lipca 2023 roku.",
    "Finlandia wstąpiła do NATO 4.04.2023, a Szwecja dopiero 7 marca 2024 r.",
    "Bunt Grupy Wagnera wybuchł nocą z piątku na sobotę, 24 czerwca.",
    "Kim Dzong Un spotkał się z Putinem 13 IX 2023 r. na kosmodromie Wostocznyj.",
    "Atak Hamasu nastąpił w sobotę rano, o godz. 6:30 czasu lokalnego.",
    "Od ponad dwóch lat trwają walki w Donbasie, a rozmowy wznowiono w ubiegłym tygodniu.",
    "Rozejm w Strefie Gazy ma obowiązywać przez sześć tygodni, począwszy od niedzieli.",
    "W latach 2014–2021 misja OBWE monitorowała linię frontu.",
    "W latach 90. XX wieku Gruzja przeżyła dwie wojny domowe.",
    "Unia Europejska przyjęła 18. pakiet sankcji w lipcu tego roku.",
    "Trump i Putin rozmawiali na Alasce 15 sierpnia 2025 r. przez prawie trzy godziny.",
    "Drony wleciały nad Polskę nocą z wtorku na środę, a alarm trwał do godz. 6.",
    "Dwa dni temu wymieniono więźniów w Ankarze, a kolejna wymiana odbędzie się za miesiąc.",
    "Konsulat w Krakowie zamknięto pod koniec listopada, trzy tygodnie po decyzji MSZ.",
    "Co roku w sierpniu Korea świętuje wyzwolenie, a 78. rocznica wyzwolenia Korei wypadła we wtorek.",
    "Parlament Gruzji obraduje we wtorki, a komisja zbiera się codziennie.",
    "Ustawa o agentach zagranicznych weszła w życie latem, po 3-dniowym proteście w Tbilisi.",
    "Jutro wieczorem premier spotka się z prezydentem, a pojutrze poleci do Brukseli.",
    "Wybory zaplanowano na 2026 rok, poprzednie odbyły się w październiku 2023 r.",
    "Rada Bezpieczeństwa obradowała w ubiegły piątek przez pięć godzin.",
    "Tegoroczny szczyt G7 odbył się w czerwcu, a zeszłoroczny w maju.",
    "Trybunał w Hadze zebrał się 1 grudnia, a dzień później wydał orzeczenie.",
    "Od lat 20. XXI wieku nie było tak wielu wojen, a konflikt w Sudanie trwa od kwietnia 2023 r.",
    "Sankcje obowiązują od 18.08.2023 r., a kolejny pakiet ma wejść w życie w przyszłym miesiącu.",
    "Obrady trwały dwie godziny, a głosowanie zaplanowano na czwartek o 17.45.",
    "Nowa umowa zbożowa będzie obowiązywać przez 120 dni od 1 września.",
    "Wczoraj wieczorem Izrael ogłosił zawieszenie broni na 72 godziny.",
    # a paragraph break: matching must not run across it
    "Misja ONZ działała tam w latach 90.\n\nXX wiek przyniósł też inne konflikty od 1914 roku.",
]

# Texts that must give no time expression at all (so the comparison does not pass by both finding something)
NO_TIMEX = ["Według art. 2024 ustawy nr 1995 nikt nie zapłaci kary.", "Powierzchnia wynosi 10² km, a działka ①."]


@pytest.fixture(scope="module")
def stages():
    return polish_stages()


def language(text: str, stages) -> Document:
    """The document after the language stages only (what the time stage reads)."""
    doc = Document(text=text, source="test", date=DocDate.parse("2025-12-04"))
    for stage in stages:
        stage(doc)
    return doc


def limits_of(doc: Document) -> list[int]:
    """For each token, the end of its paragraph (as recognize computes it)."""
    para = [0] * len(doc.tokens)
    for s in doc.sentences:
        for k in range(s.token_start, s.token_end):
            para[k] = s.paragraph
    limits = []
    for k in range(len(para)):
        j = k
        while j < len(para) and para[j] == para[k]:
            j += 1
        limits.append(j)
    return limits


def as_dicts(cands) -> list[dict]:
    return [dataclasses.asdict(c) for c in cands]


@pytest.mark.parametrize("text", SENTENCES)
def test_fast_recognize_equals_the_reference(text, stages):
    doc = language(text, stages)
    slow = recognize(doc, prefilter=False)
    assert slow, "the sentence has a time expression; the comparison must not be vacuous"
    assert as_dicts(recognize(doc)) == as_dicts(slow)


@pytest.mark.parametrize("text", NO_TIMEX)
def test_texts_without_time_expressions(text, stages):
    doc = language(text, stages)
    assert recognize(doc) == [] == recognize(doc, prefilter=False)


def check_rule_by_rule(doc: Document, rules) -> int:
    """Rule by rule, token by token: a rule with a non-empty match is among the prefilter's candidates, and the
    cached matcher returns the very list (ends, captures, order) the plain one does. Returns how many non-empty
    matches were checked."""
    views = token_views(doc.tokens)
    limits = limits_of(doc)
    index = rule_index(rules)
    masks = index.token_masks(views)
    starts = index.starts(masks, limits)
    tests: dict = {}
    kept = 0
    for i in range(len(views)):
        names = {rule.name for _, rule in index.candidates(masks, i, limits[i])} if starts[i] else set()
        for rule in rules:
            plain = _match(rule.pattern, views, i, limits[i])
            assert _match_memo(rule.pattern, views, i, limits[i], tests) == plain, (rule.name, i)
            if any(end > i for end, _ in plain):
                assert rule.name in names, f"prefilter dropped {rule.name} at {views[i].text!r}"
                kept += 1
    return kept


@pytest.mark.parametrize("text", SENTENCES[:12])
def test_prefilter_keeps_every_rule_that_matches(text, stages):
    assert check_rule_by_rule(language(text, stages), load_rules()) > 0


def test_index_answers_exactly_as_the_matchers_do(stages):
    """For every indexed matcher and token, the index bit is set exactly when the matcher's test is true."""
    rules = load_rules()
    index = rule_index(rules)
    views = [v for text in SENTENCES + NO_TIMEX for v in token_views(language(text, stages).tokens)]
    views += [
        TokenView("XII", set(), "", 0, 3),  # Roman numeral: matched as written
        TokenView("xii", set(), "", 0, 3),
        TokenView("latem", {"lato"}, "subst:sg:inst:n", 0, 5),  # "=latem": the form only
        TokenView("Lipcowe", {"lipcowy"}, "adj:pl:nom:n:pos", 0, 7),  # prefix class
        TokenView("sobotni", {"sobotni"}, "adj:sg:nom:m3:pos", 0, 7),  # the whole word is a prefix key
        TokenView("letni", {"letni"}, "adj:sg:nom:m3:pos", 0, 5),
        TokenView("dni", {"dzień"}, "subst:pl:gen:m3", 0, 3),  # plural unit: feature [pl]
        TokenView("dzień", {"dzień"}, "subst:sg:nom:m3", 0, 5),  # singular unit: feature [sg]
        TokenView("dzień", {"dzień"}, "", 0, 5),  # no tag: no feature
        TokenView("12\u00a0000", set(), "", 0, 6),
        TokenView("2014-21", set(), "", 0, 7),
        TokenView("90-tych", set(), "", 0, 7),
        TokenView("dwudniowy", set(), "adj:sg:nom:m3:pos", 0, 9),
        TokenView("18/08/2023", set(), "", 0, 10),
        TokenView("2023r.", set(), "", 0, 6),
        TokenView("", set(), "", 0, 0),
    ]
    masks = index.token_masks(views)
    checked = 0
    for m in index._matchers:
        bit = index._bit[id(m)]
        for v, mask in zip(views, masks):
            assert bool(mask & bit) == m.test(v)[0], (m.source, v.text, v.tag)
            checked += 1
    assert checked > 1000


def test_identical_pattern_items_are_one_matcher():
    rules = {r.name: r for r in load_rules()}
    a = rules["date_month"].pattern[0]
    b = rules["date_month_year"].pattern[0]
    assert a.source == b.source == "@prep?"
    assert a is b


def _custom_rules() -> list[Rule]:
    """Rules with shapes the shipped files do not use yet: a repeated item, all-optional patterns (one where
    taking and skipping an item end alike, so their order shows), a first mandatory item as far from the start
    as any, a featured first item, a regex, a capture, a keyless hand-made matcher."""
    lexicon = load_lexicon()
    cache: dict = {}
    specs = [
        ("repeat", "@prep? bardzo+ dawno", "PAST_REF"),
        ("all_optional", "@prep? @weekday?", "UNDEF-weekday-{weekday}-{tense}"),
        ("twin", "a=@weekday? b=@weekday?", "X"),
        ("span_edge", "@prep? @this_mod? @unit", "UNDEF-this-{unit}"),
        ("triple", "x=~bardz? y=~bardz? z=~bardz?", "X"),
        ("feature_first", "@unit[pl] temu", "PAST_REF"),
        ("regex_first", "/[0-9]{2}/ @month", "UNDEF-year-{month:02d}"),
        ("number_words", "n=@numeral @unit", "P{n}{unit}"),
    ]
    rules = [Rule(name, "DATE", "custom", compile_pattern(p, lexicon, cache), value) for name, p, value in specs]
    plain = compile_matcher("wtedy", lexicon)
    keyless = dataclasses.replace(plain, keys=None)
    rules.append(Rule("keyless", "DATE", "custom", [keyless], "UNDEF-ref-any"))
    return rules


CUSTOM_TEXTS = [
    "Było to bardzo bardzo bardzo dawno, we wtorek, gdy Rada obradowała trzy dni.",
    "Dwa lata temu, 12 maja, wtedy jeszcze nikt nie wiedział o wojnie.",
    "Przez wiele miesięcy w piątek nic się nie działo, a w tym tygodniu wybuchł kryzys.",
]


@pytest.mark.parametrize("keyed_only", [False, True])
@pytest.mark.parametrize("text", CUSTOM_TEXTS)
def test_custom_rule_shapes_agree_with_the_reference(text, keyed_only, stages):
    doc = language(text, stages)
    rules = _custom_rules()
    if keyed_only:  # without all-optional rules, which the prefilter tries wherever their first item matches
        rules = [r for r in rules if not all(m.optional for m in r.pattern)]
    slow = recognize(doc, rules, prefilter=False)
    assert slow
    assert as_dicts(recognize(doc, rules)) == as_dicts(slow)
    assert check_rule_by_rule(doc, rules) > 0
    assert isinstance(rule_index(rules), RuleIndex)


def test_a_class_takes_the_value_of_the_first_lemma_in_sorted_order():
    """With several readings in a class, the value is that of the alphabetically first one (as before the
    lemmas were sorted once per token)."""
    weekday = compile_matcher("@weekday", load_lexicon())
    cases = [({"wtorek", "środa"}, 2), ({"środa", "piątek"}, 5), ({"sobota", "niedziela", "wtorek"}, 7),
             ({"czwartek", "poniedziałek"}, 4), ({"sobota", "piątek"}, 5), ({"wtorek", "sobota"}, 6)]
    for lemmas, value in cases:
        assert weekday.test(TokenView("x", lemmas, "", 0, 1)) == (True, value), lemmas
