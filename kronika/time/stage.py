"""The `timex` pipeline stage: recognise, resolve, write SPEC.md TIMEX dicts to doc.timexes."""
from __future__ import annotations

import datetime as dt
import re

from kronika.time.anchoring import _Clauses
from kronika.time.anniversaries import find_anniversaries
from kronika.time.recognizer import Candidate, recognize, token_views
from kronika.time.resolver import Context, resolve_value
from kronika.time.rules import TokenView, load_lexicon
from kronika.time.tense import FUTURE, PAST

_DAY = re.compile(r"\d{4}-\d\d-\d\d(T|$)")
CLOCK_PLACEHOLDER = "UNDEF-ref-dayT"
SAME_DAY = "UNDEF-ref-sameday"
NIGHT = "UNDEF-ref-dayTNI"
_MONTH = re.compile(r"\d{4}-\d\d")
# a dated value a later "wówczas", "wtedy" can point back to: a year, month or day, and a season, half, quarter
# or week of a year ("jesienią ubiegłego roku … Rosja odpowiedziała wówczas" is that autumn)
_DATED = re.compile(r"\d{4}(-\d\d(-\d\d)?|-(SP|SU|FA|WI|H[12]|Q[1-4])|-W\d\d(-WE)?)?(T.*)?$")
# a bare four-digit number ("Orzeł 2020", "2000-2500 lat") is a year too weak to set the story's year, and a
# season of two years ("sezon 2006/07") is no one year
WEAK_YEAR_RULES = frozenset({"year_bare", "year_list_next", "year_pair_season"})
_EXPLICIT_YEAR = re.compile(r"(\d{4})(?:-\d\d|-(?:SP|SU|FA|WI|H[12]|Q[1-4]))*(?:T.*)?$")


def resolve_candidates(doc, candidates: list[Candidate], views: list[TokenView] | None = None) -> list[dict]:
    """TIMEX dicts for the candidates, in text order, each resolved against doc.date, the anniversaries of the
    text, the last dated expression before it (not one of a future-tense clause
    when the expression's own clause is past) (for 'dzień później', 'wtedy', a bare clock time) and the last
    year written out before it (the year of "18 sierpnia" in a story about 2005, else the document's). `views`
    are token_views(doc.tokens) when the caller has them already."""
    found = find_anniversaries(doc, views)
    anchors = [a.date for a in found]
    doc.spans["time_anchors"] = [
        {"start": a.start, "end": a.end, "event": a.event, "number": a.number, "date": a.date.isoformat()}
        for a in found
    ]
    date = getattr(doc, "date", None)
    ctx = Context(getattr(date, "value", None), getattr(date, "precision", "unknown"), anchors)
    if ctx.doc_precision == "month":
        ctx.reference_days = reference_days(doc, candidates, ctx)
    bound_leads = load_lexicon().get("bound_lead", {})
    deadline_leads = load_lexicon().get("deadline_lead", {})
    cued = cue_sentences(doc)
    habitual = habitual_sentences(doc, candidates, cued)
    yearly = yearly_sentences(doc, candidates)
    timexes = []
    clauses: dict[int, _Clauses] = {}  # the clauses of each sentence, as needed
    clock_day: str | None = None  # the day a later bare clock time falls on (see below)
    last_any: str | None = None
    last_not_future: str | None = None  # "ogłosiła tego samego dnia" looks past "zacznie obowiązywać 3 września"
    last_month: tuple[str, int, int] | None = None  # the last month named ("w lipcu"): value, paragraph, sentence
    sentence_days: dict[int, set[str]] = {}  # the days each sentence names (DATEs only, ranges and lists too)
    # "tego samego dnia" is the day of the story's last act, not of a clause about a noun ("Słowacja, która
    # w czwartek wieczorem wycofała sprzeciw"): the last dated expression outside such clauses (and not future)
    last_main: str | None = None
    for c in candidates:
        ctx.here = (c.start, c.paragraph)
        ctx.last_value = last_not_future if c.tense == PAST and last_not_future else last_any
        if c.placeholder == SAME_DAY and last_main is not None:
            ctx.last_value = last_main
        is_clock = c.placeholder.startswith(CLOCK_PLACEHOLDER)
        if is_clock and clock_day is not None:
            ctx.last_value = clock_day
        t_part = c.placeholder[len(CLOCK_PLACEHOLDER) - 1:] if is_clock else ""
        if is_clock and habitual.get(c.sentence, c.start) < c.start:
            # opening hours: no one day; within a month its sentence names ("od czerwca czynna do godz. 18"), or
            # the one month of all the days its sentence names before it ("od poniedziałku do piątku od 10 do 12"
            # in a week of February: '2005-02-XXT10:00'; days of several months leave it 'XXXX-XX-XX') — not
            # in a sentence with a habitual word, whose weekdays recur ("otwarta od poniedziałku do soboty")
            months = {v[:7] for v in sentence_days.get(c.sentence, ())} if c.sentence not in cued else set()
            if last_month is not None and last_month[2] == c.sentence:
                value = f"{last_month[0]}-XX" + t_part
            elif len(months) == 1:
                value = f"{months.pop()}-XX" + t_part
            else:
                value = "XXXX-XX-XX" + t_part
        elif (is_clock and clock_day is None and last_month is not None and last_any == last_month[0]
              and last_month[1] == c.paragraph):
            # no day named yet, but a month ("po jednym z lipcowych weekendów … o północy"): a day of that month
            value = f"{last_month[0]}-XX" + t_part
        else:
            value = resolve_value(c.placeholder, ctx, c.tense)
        if (c.placeholder == NIGHT and c.tense == PAST and ctx.day is not None
                and value == ctx.day.isoformat() + "TNI"):
            # "w nocy" told in the past on the document's day is the night before it (a night is dated on the
            # day it began: the night of Tuesday to Wednesday is Tuesday's): it has not come yet on this day
            value = (ctx.day - dt.timedelta(days=1)).isoformat() + "TNI"
        if c.sentence in yearly and _YEARLESS.match(c.placeholder) and _is_adjective(doc, c) and value[:4].isdigit():
            value = "XXXX" + value[4:]  # "wiosenna trasa, która rokrocznie…": a kind of event, every year's
        if c.pair == "end" and timexes and c.placeholder.startswith("UNDEF-weekday-"):
            value = _after_start(timexes[-1]["value"], value)
        # a clock time ("o godz. 10.30", "12.00 – 13.00") falls on the last single day named before it: not on a
        # range or list of days ("w dniach 3–10 sierpnia"), nor a deadline ("zgłoszenia do 2 października"),
        # and a year or month named in between ("po roku 1989") does not move it to the document's day
        if (c.type in ("DATE", "TIME") and _DAY.match(value) and not (c.type == "DATE" and c.pair)
                and doc.text[c.start:c.end].split(None, 1)[0].lower() not in deadline_leads):
            clock_day = value[:10]
        if c.type == "DATE" and _MONTH.fullmatch(value):
            last_month = (value, c.paragraph, c.sentence)
        if c.type == "DATE" and _DAY.match(value):
            sentence_days.setdefault(c.sentence, set()).add(value[:10])
        if c.type in ("DATE", "TIME") and _DATED.match(value):
            last_any = value
            if c.tense != FUTURE:
                last_not_future = value
                if not _in_modifier(doc, c, clauses):
                    last_main = value
        if (c.type in ("DATE", "TIME") and not c.placeholder.startswith("UNDEF") and c.rule not in WEAK_YEAR_RULES
                and doc.text[c.start:c.end].split(None, 1)[0].lower() not in bound_leads
                and not _in_modifier(doc, c, clauses)):
            m = _EXPLICIT_YEAR.match(value)
            if m:  # a year written out in the text ("w 2005 r.", "16 czerwca 2005 r.") sets the story's year
                ctx.story_year = int(m.group(1))
        timexes.append(
            {"start": c.start, "end": c.end, "text": doc.text[c.start:c.end], "type": c.type, "value": value,
             "rule": c.rule}
        )
    link_ranges(doc, candidates, timexes)
    return timexes


def _in_modifier(doc, c: Candidate, clauses: dict) -> bool:
    """Whether the expression lies in a clause that modifies a noun ("Rubcowa, zatrzymanego … pod koniec lutego
    2022 roku", "wyrok, który dostał w 2019 roku"): a background year there does not set the story's year."""
    sentences = getattr(doc, "sentences", None) or []
    if not 0 <= c.sentence < len(sentences):
        return False
    if c.sentence not in clauses:
        clauses[c.sentence] = _Clauses(doc, sentences[c.sentence])
    k = clauses[c.sentence]
    return k.modifies(k.of(c.start))


# a day written out with its month ("12 września", "12 września 2023 r."), not a weekday or a relative day
_WRITTEN_DAY = re.compile(r"(\d{4}|UNDEF-year)-\d\d-\d\d$")


def reference_days(doc, candidates: list[Candidate], ctx: Context) -> list[tuple[int, int, dt.date]]:
    """The days the text writes out, each with its offset and paragraph: what a weekday is read against when the
    document is dated only to the month (resolver `_week_of`). Each resolved on its own against the document
    date; not the two days of a range or list ("w dniach 3–10 sierpnia" is no one day)."""
    out = []
    for c in candidates:
        if c.type != "DATE" or c.pair or not _WRITTEN_DAY.match(c.placeholder):
            continue
        value = resolve_value(c.placeholder, Context(ctx.doc_value, ctx.doc_precision), c.tense)
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            out.append((c.start, c.paragraph, dt.date.fromisoformat(value)))
    return out


# the placeholder of an expression that names one day ("18 sierpnia", "we wtorek", "dziś", "tego dnia")
_ONE_DAY = re.compile(r"(\d{4}|UNDEF-year|PLUS-0)-\d\d-\d\d|UNDEF-(weekday|monthweekday)-|UNDEF-(this|ref)-(same)?day")


def habitual_sentences(doc, candidates: list[Candidate], cued: dict[int, int]) -> dict[int, int]:
    """The sentences whose clock times recur rather than fall on one day, each with the offset from which on
    they do: opening hours ("czynny do godz. 18", "jak zwykle o godz. 18", "od poniedziałku do soboty w
    godzinach 7.00–15.00", "w weekendy od godz. 23") — a clock time after a recurring time (a SET) or a range of
    weekdays in its sentence ("od 20.06 do 31.08 od poniedziałku do soboty w godzinach 7–15": the dates bound
    the period), or after a habitual word (lexicon `habitual_cue`) in a sentence with no expression that names
    one day ("w czwartek 4 grudnia czynna od 9 do 15" is that Thursday's). A cue after the clock time belongs
    to another clause ("protest w południe – od godz. 12 do 14, gdy ruch zwykle rośnie")."""
    recurring: dict[int, int] = {}
    one_day: set[int] = set()
    for c in candidates:
        if c.type == "SET" or c.rule == "weekday_range":
            recurring.setdefault(c.sentence, c.start)
        elif (c.type in ("DATE", "TIME") and not c.pair and not c.placeholder.startswith(CLOCK_PLACEHOLDER)
              and _ONE_DAY.match(c.placeholder)):
            one_day.add(c.sentence)
    out = {si: at for si, at in cued.items() if si not in one_day}
    for si, at in recurring.items():
        out[si] = min(at, out.get(si, at))
    return out


# a month or season without a year ("UNDEF-year-05", "UNDEF-year-SP")
_YEARLESS = re.compile(r"UNDEF-year-(\d\d|SP|SU|FA|WI)$")


def _is_adjective(doc, c: Candidate) -> bool:
    """Whether the expression is one adjective ("wiosenna", "majowy"), not a phrase ("w maju")."""
    if c.tok_end - c.tok_start != 1:
        return False
    tag = doc.tokens[c.tok_start].tag or ""
    return tag.startswith("adj")


def yearly_sentences(doc, candidates: list[Candidate]) -> set[int]:
    """The sentences that say something recurs every year: a yearly SET ("co roku", "corocznie") or a word of the
    lexicon's `yearly_cue` ("rokrocznie"). A season or month adjective there names a kind of event ("wiosenna
    trasa, która rokrocznie odwiedza…"), in no one year: XXXX-SP."""
    out = {c.sentence for c in candidates if c.type == "SET" and c.placeholder == "P1Y"}
    cues = load_lexicon().get("yearly_cue", {})
    for si, sentence in enumerate(doc.sentences):
        for tok in doc.tokens[sentence.token_start:sentence.token_end]:
            lemma = tok.chosen.lemma.lower() if tok.chosen is not None else tok.text.lower()
            if lemma in cues or tok.text.lower() in cues:
                out.add(si)
                break
    return out


def cue_sentences(doc) -> dict[int, int]:
    """The sentences with a habitual word (lexicon `habitual_cue`: "czynny", "otwarty", "zwykle"), each with the
    offset of its first such word; a past participle or past-tense form ("otwarta w 2005 r.") is no cue, unless
    a present-tense "być" goes right before the participle ("jest otwarta": a state, not an event)."""
    cues = load_lexicon().get("habitual_cue", {})
    cued: dict[int, int] = {}
    if cues:
        for si, sentence in enumerate(doc.sentences):
            toks = doc.tokens[sentence.token_start:sentence.token_end]
            for k, tok in enumerate(toks):
                lemma = tok.chosen.lemma.lower() if tok.chosen is not None else tok.text.lower()
                if lemma not in cues and tok.chosen is not None:
                    # the cue's adjective reading ("otwarta" also read as the verb's participle); cue words are
                    # common words, whose lemmas are lowercase
                    lemma = next((a.lemma for a in (getattr(tok, "analyses", None) or []) if a.lemma in cues), lemma)
                if lemma not in cues:
                    continue
                tag = tok.tag or ""
                stative = (tag.startswith("ppas") and k > 0 and (toks[k - 1].tag or "").startswith("fin")
                           and toks[k - 1].chosen is not None and toks[k - 1].chosen.lemma == "być")
                if stative or not tag.startswith(("ppas", "praet")):
                    cued[si] = tok.start
                    break
    return cued


def _after_start(start: str, end: str) -> str:
    """The end of a range of weekdays ("od piątku do niedzieli") on or after its start: a week later when the
    two were resolved apart (Friday ahead, Sunday behind the document's day)."""
    if not (re.fullmatch(r"\d{4}-\d\d-\d\d", start) and re.fullmatch(r"\d{4}-\d\d-\d\d", end)):
        return end
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    while b < a:
        b += dt.timedelta(days=7)
    return b.isoformat()


def link_ranges(doc, candidates: list[Candidate], timexes: list[dict]) -> None:
    """Both expressions of a range ("w dniach 3–10 sierpnia", "10.30 – 13.30") get `range`: the start and end
    values and the text from the first's start to the second's end (what an event's `enddate` comes from)."""
    for k in range(len(candidates) - 1):
        if candidates[k].pair == "start" and candidates[k + 1].pair == "end":
            a, b = timexes[k], timexes[k + 1]
            link = {"start": a["value"], "end": b["value"], "text": doc.text[a["start"]:b["end"]]}
            a["range"] = b["range"] = link


class TimexStage:
    """Pipeline stage `timex`: needs tokens, sentences and morphology; assigns doc.timexes."""

    name = "timex"
    assigns = ("timexes",)

    def __call__(self, doc) -> None:
        views = token_views(doc.tokens)
        candidates = recognize(doc, views=views)
        doc.spans["timex_candidates"] = candidates
        doc.timexes = resolve_candidates(doc, candidates, views)
