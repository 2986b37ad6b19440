"""`kronika eval timex --kpwr PATH`: the time stage against KPWr TIMEX3 (CCL XML + .ini document dates).

The text of a document is rebuilt from its tokens (`<ns/>` = no space; sentences joined by a space, chunks by a
blank line) and read by the full Polish pipeline. Conventions mapped before comparing (documented, not tuned):
- KPWr extents leave out a governing preposition ("w [środę]", "w [weekendy]"); kronika's include it ("we
  wtorek"), so a predicted extent loses its leading preposition tokens before the strict comparison — not the
  "co" of a SET, nor a quantity's "ponad", "około", "niespełna" (tagged prepositions, kept by KPWr: "[ponad dwa
  lata]");
- KPWr writes an unspecified duration as VAGUE where TIMEX3 (and kronika) write PXY, PXM …;
- values are compared case-insensitively (KPWr mixes 'xxxx-Wxx-3' and 'XXXX'), and a time of an unknown day is
  'T18:00' in KPWr, 'XXXX-XX-XXT18:00' in kronika;
- KPWr sometimes writes hours without the T ('P20000H'); H (and S) can only be clock units, so that is 'PT20000H'
  (a bare 'P5M' is five months and is not rewritten).
Only gold expressions with a normalised value (t3_*:val; KPWr SETs have none) count for value accuracy.

Where KPWr's annotation convention differs from kronika's own (the one of ../shared/gold/dev and SPEC.md),
kronika keeps its convention and the evaluation reports two figures: `raw` (kronika's timexes as they are) and
`kpwr` (the timexes mapped to KPWr's convention by `kpwr_convention` before scoring):
- vague references ("teraz", "niedawno", "wkrótce", "wtedy": rules in VAGUE_RULES) are not KPWr timexes: dropped;
- a year range ("w latach 1990–2006", one DURATION in kronika) is two DATEs in KPWr ("1990", "2006");
- "dwa dni temu / później / wcześniej" (one DATE in kronika) is the DURATION "dwa dni" (P2D) in KPWr, and
  "za dwa tygodnie" the DURATION "dwa tygodnie" (P2W), "przed rokiem" the DURATION "rokiem" (P1Y), "przed laty"
  the DURATION "laty" (vague);
- "w ciągu miesiąca" is "miesiąca" in KPWr (like a preposition, "w ciągu" is left out), but a SET keeps its "co";
- "w ostatnich latach", "w najbliższych dniach" (PAST_REF / FUTURE_REF in kronika) are a date of unknown value
  at the unit's precision in KPWr: 'xxxx', 'xxxx-xx', 'xxxx-Wxx', 'xxxx-xx-xx', and a TIME 'txx:xx' for hours
  and minutes ("w ostatnich minutach");
- KPWr does not number weeks: "w przyszłym tygodniu" is '2012-Wxx' where kronika writes '2012-W49' (and a
  weekend '2009-Wxx-WE' where kronika writes '2009-W30-WE').
"""
from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from kronika.ingest.document import DocDate, Document

CHANNELS = {"t3_date": "DATE", "t3_time": "TIME", "t3_duration": "DURATION", "t3_set": "SET"}


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


def split_files(kpwr_dir: Path, split: str) -> list[Path]:
    """The documents of the split(s) ('test', 'train,tune') present in kpwr_dir (dap/ or kap/ by file name)."""
    files = []
    for name in split.split(","):
        index = kpwr_dir / f"index_time_{name.strip()}.txt"
        if not index.is_file():
            raise FileNotFoundError(f"no split list {index}")
        for line in index.read_text(encoding="utf-8").split():
            base = Path(line).name
            for sub in ("dap", "kap"):
                path = kpwr_dir / sub / base
                if path.is_file():
                    files.append(path)
                    break
    return files


def document_date(xml_path: Path) -> DocDate:
    """The date in the .ini beside the document, or an unknown date."""
    ini = xml_path.with_suffix(".ini")
    if not ini.is_file():
        return DocDate()
    cp = configparser.ConfigParser(interpolation=None)
    try:
        cp.read(ini, encoding="utf-8")
        return DocDate.parse(cp.get("document", "date", fallback="") or None)
    except (configparser.Error, ValueError):
        return DocDate()


def read_ccl(xml_path: Path) -> tuple[str, list[GoldTimex]]:
    """The document text and its gold TIMEX3 expressions with character offsets into that text."""
    root = ET.parse(xml_path).getroot()
    parts: list[str] = []
    pos = 0
    gold: list[GoldTimex] = []

    def emit(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for ci, chunk in enumerate(root.iter("chunk")):
        if ci and parts:
            emit("\n\n")
        for si, sentence in enumerate(chunk.iter("sentence")):
            if si:
                emit(" ")
            offsets: list[tuple[int, int]] = []
            anns: list[dict[str, str]] = []
            props: list[dict[str, str]] = []
            no_space = True
            for el in sentence:
                if el.tag == "ns":
                    no_space = True
                    continue
                if el.tag != "tok":
                    continue
                if not no_space:
                    emit(" ")
                no_space = False
                orth = el.findtext("orth") or ""
                offsets.append((pos, pos + len(orth)))
                emit(orth)
                anns.append({a.get("chan"): (a.text or "0").strip() for a in el.findall("ann")})
                props.append({p.get("key"): (p.text or "") for p in el.findall("prop")})
            for chan, ttype in CHANNELS.items():
                i = 0
                while i < len(anns):
                    label = anns[i].get(chan, "0")
                    if label == "0":
                        i += 1
                        continue
                    j = i
                    while j + 1 < len(anns) and anns[j + 1].get(chan, "0") == label:
                        j += 1
                    value = next((props[k][f"{chan}:val"] for k in range(i, j + 1) if f"{chan}:val" in props[k]),
                                 None)
                    s, e = offsets[i][0], offsets[j][1]
                    gold.append(GoldTimex(s, e, "", ttype, value))
                    i = j + 1
    text = "".join(parts)
    for g in gold:
        g.text = text[g.start:g.end]
    return text, gold


def _kpwr_value(value: str) -> str:
    if re.fullmatch(r"PTX[HMS]|PX[A-Z]+", value):
        return "vague"
    # hours or seconds written without the T ('P20000H'): H and S are clock units only, so this is 'PT20000H'
    # ('P5M' stays: M before the T is months)
    value = re.sub(r"^P(?=[\d.]+[HS]$)", "PT", value)
    # a time of an unknown day: TIMEX3 'XXXX-XX-XXT18:00', KPWr 'T18:00'
    return re.sub(r"^xxxx-xx-xx(?=t)", "", value.casefold())


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


VAGUE_RULES = frozenset({"now", "recently", "soon", "then"})
SHIFT_RULES = frozenset({"units_ago_number", "units_ago_word", "unit_ago", "units_later", "unit_later",
                         "units_earlier", "unit_earlier"})
AHEAD_RULES = frozenset({"units_ahead_number", "units_ahead_word", "unit_ahead", "unit_ago_before", "years_ago_vague"})
RANGE_RULES = frozenset({"year_range", "year_range_split", "year_range_split_short"})
_SHIFT_WORDS = ("temu", "później", "wcześniej", "potem")
_YEARS = re.compile(r"(\d{4})(\s*[-–—]\s*)(\d{4}|\d{2})")
VAGUE_UNIT_RULES = frozenset({"recent_days", "coming_days"})
_UNKNOWN_AT = {"year": ("DATE", "xxxx"), "decade": ("DATE", "xxxx"), "century": ("DATE", "xxxx"),
               "month": ("DATE", "xxxx-xx"), "week": ("DATE", "xxxx-Wxx"), "day": ("DATE", "xxxx-xx-xx"),
               "hour": ("TIME", "txx:xx"), "minute": ("TIME", "txx:xx"), "second": ("TIME", "txx:xx")}
_WEEK = re.compile(r"(\d{4})-W\d\d(-WE)?")  # a week, or its weekend ('2009-W30-WE')
_NOT_KPWR_LEAD = {"ciągu", "przeciągu", "dniach", "godzinach"}  # "w dniach 3–10 sierpnia": "3"
# words tagged as prepositions that modify a quantity rather than govern the expression: KPWr keeps them
# ("[ponad dwa lata]", "w ciągu [około godziny]", "[ok. 12.00]")
_KPWR_QUANTITY_PREP = {"ponad", "około", "ok.", "blisko", "niespełna"}
CONVENTIONS = ("raw", "kpwr")


def kpwr_convention(doc: Document, timexes: list[dict] | None = None) -> list[dict]:
    """The timexes (default doc.timexes) mapped to KPWr's annotation convention (see the module docstring):
    vague references dropped, year ranges split into two DATEs, "N units temu/później/wcześniej" cut to the
    DURATION "N units", "za N units" made the DURATION it names, "w ostatnich latach" valued 'xxxx', week
    numbers written 'Wxx'. Other timexes are returned unchanged; the input is not modified."""
    from kronika.time.resolver import normalize_duration

    timexes = doc.timexes if timexes is None else timexes
    captures = {(c.start, c.end): c.captures for c in doc.spans.get("timex_candidates", [])}
    out: list[dict] = []
    for t in timexes:
        rule = t.get("rule", "")
        if rule in VAGUE_RULES:
            continue
        if rule in RANGE_RULES:
            m = _YEARS.search(t["text"])
            if m:
                y1 = int(m.group(1))
                y2 = int(m.group(3)) if len(m.group(3)) == 4 else y1 // 100 * 100 + int(m.group(3))
                base = t["start"] + m.start()
                out.append({**t, "start": base, "end": base + 4, "text": m.group(1), "type": "DATE",
                            "value": f"{y1:04d}"})
                s2 = base + m.start(3) - m.start()
                out.append({**t, "start": s2, "end": s2 + len(m.group(3)), "text": m.group(3), "type": "DATE",
                            "value": f"{y2:04d}"})
                continue
        if rule in SHIFT_RULES:
            words = t["text"].rsplit(None, 1)
            if len(words) == 2 and words[1].lower() in _SHIFT_WORDS:
                caps = captures.get((t["start"], t["end"]), {})
                unit = caps.get("unit") or {}
                n = caps.get("n", 1)
                value = normalize_duration(f"P{n}{unit.get('dur', 'X')}")
                out.append({**t, "end": t["start"] + len(words[0]), "text": words[0], "type": "DURATION",
                            "value": value})
                continue
        if rule in VAGUE_UNIT_RULES and t["value"] in ("PAST_REF", "FUTURE_REF"):
            unit = (captures.get((t["start"], t["end"]), {}).get("unit") or {}).get("cal")
            if unit in _UNKNOWN_AT:
                ttype, value = _UNKNOWN_AT[unit]
                out.append({**t, "type": ttype, "value": value})
                continue
        if rule in AHEAD_RULES:
            caps = captures.get((t["start"], t["end"]), {})
            unit = caps.get("unit") or {}
            n = "X" if rule == "years_ago_vague" else caps.get("n", 1)
            dur = unit.get("dur", "Y" if rule == "years_ago_vague" else "X")
            out.append({**t, "type": "DURATION", "value": normalize_duration(f"P{n}{dur}")})
            continue
        week = _WEEK.fullmatch(t.get("value") or "")
        if week:
            out.append({**t, "value": t["value"][:4] + "-Wxx" + (week.group(2) or "")})
            continue
        out.append(t)
    return out


def _core_extent(doc: Document, t: dict) -> tuple[int, int]:
    """The timex extent without its leading preposition tokens (the KPWr convention; "w ciągu" counts as a
    preposition, the "co" of a SET does not, nor a quantity's "ponad", "około")."""
    start = t["start"]
    for tok in doc.tokens:
        if tok.start < start or tok.end > t["end"]:
            continue
        lower = tok.text.lower()
        if tok.start == start and (lower in _KPWR_QUANTITY_PREP or (lower == "co" and t.get("type") == "SET")):
            break
        if tok.start == start and (tok.tag.startswith("prep") or lower in _NOT_KPWR_LEAD) \
                and tok.end < t["end"]:
            nxt = [x for x in doc.tokens if x.start >= tok.end]
            if nxt:
                start = nxt[0].start
    return start, t["end"]


@dataclass
class TimexScore:
    """Counts of one evaluation: gold and predicted expressions, strict (same extent) and relaxed (overlap)
    matches, matched expressions of the right type, and gold-valued matches with the right value."""

    n_gold: int = 0
    n_pred: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    type_ok: int = 0
    valued: int = 0
    value_ok: int = 0

    @property
    def strict(self) -> tuple[float, float, float]:
        return _prf(self.strict_tp, self.n_pred, self.n_gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return _prf(self.relaxed_tp, self.n_pred, self.n_gold)

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.valued if self.valued else 0.0


def score_document(doc: Document, gold: list[GoldTimex], score: TimexScore, convention: str = "raw") -> None:
    """Adds one document's counts to `score`: doc.timexes (mapped by `kpwr_convention` when convention is
    'kpwr') against gold expressions whose offsets point into doc.text (see shifted_gold)."""
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; choose one of {', '.join(CONVENTIONS)}")
    timexes = kpwr_convention(doc) if convention == "kpwr" else doc.timexes
    preds = [(*_core_extent(doc, t), t) for t in timexes]
    golds = [(g.start, g.end, g) for g in gold]
    score.n_gold += len(golds)
    score.n_pred += len(preds)
    score.strict_tp += len({(s, e) for s, e, _ in preds} & {(s, e) for s, e, _ in golds})
    used: set[int] = set()
    for gs, ge, g in golds:
        best, best_overlap = None, 0
        for k, (ps, pe, t) in enumerate(preds):
            overlap = min(ge, pe) - max(gs, ps)
            if k not in used and overlap > best_overlap:
                best, best_overlap = k, overlap
        if best is None:
            continue
        used.add(best)
        score.relaxed_tp += 1
        t = preds[best][2]
        score.type_ok += t["type"] == g.type
        if g.value:
            score.valued += 1
            score.value_ok += _kpwr_value(t["value"]) == _kpwr_value(g.value)


def eval_timex(kpwr_dir: Path, split: str = "test") -> list[str]:
    """Extent P/R/F1 (strict, and relaxed = overlap) and value accuracy of the time stage on a KPWr split, raw
    and under the KPWr convention mapping (kpwr_convention); the headline is the last line (both figures)."""
    from kronika.lang.pl import polish_stages
    from kronika.time.stage import TimexStage

    kpwr_dir = Path(kpwr_dir)
    stages = [*polish_stages(), TimexStage()]  # polish_stages() is the language layer only
    scores = {c: TimexScore() for c in CONVENTIONS}
    files = split_files(kpwr_dir, split)
    for path in files:
        text, gold = read_ccl(path)
        doc = Document(text=text, source=path.name, date=document_date(path))
        for stage in stages:
            stage(doc)
        for convention, score in scores.items():
            score_document(doc, shifted_gold(text, gold), score, convention)
    lines: list[str] = []
    for convention, sc in scores.items():
        sp, sr, sf = sc.strict
        rp, rr, rf = sc.relaxed
        lines += [
            f"KPWr timex, split {split}, convention {convention}: {len(files)} documents, {sc.n_gold} gold, "
            f"{sc.n_pred} predicted",
            f"  extent strict:  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}",
            f"  extent relaxed: P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}",
            f"  type accuracy (matched): {sc.type_ok / sc.relaxed_tp if sc.relaxed_tp else 0.0:.3f}",
            f"  value accuracy (matched, gold valued): {sc.value_accuracy:.3f} ({sc.value_ok}/{sc.valued})",
        ]
    head = ", ".join(f"{c}: extent F1 strict {s.strict[2]:.3f} relaxed {s.relaxed[2]:.3f}, value accuracy "
                     f"{s.value_accuracy:.3f}" for c, s in scores.items())
    lines.append(f"timex {split}: {head}")
    return lines


def shifted_gold(text: str, gold: list[GoldTimex]) -> list[GoldTimex]:
    """read_ccl's gold expressions with offsets into the Document made from `text` (which strips the text's
    leading whitespace)."""
    offset = len(text) - len(text.lstrip())
    return [GoldTimex(g.start - offset, g.end - offset, g.text, g.type, g.value) for g in gold]
