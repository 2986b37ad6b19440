"""`kronika eval timex --kpwr PATH`: the time stage against KPWr TIMEX3 (CCL XML + .ini document dates).

The text of a document is rebuilt from its tokens (`<ns/>` = no space; sentences joined by a space, chunks by a
blank line) and read by the full Polish pipeline. Conventions mapped before comparing (documented, not tuned):
- KPWr extents leave out a governing preposition ("w [środę]"); kronika's include it ("we wtorek"), so a
  predicted extent loses its leading preposition tokens before the strict comparison;
- KPWr writes an unspecified duration as VAGUE where TIMEX3 (and kronika) write PXY, PXM …;
- values are compared case-insensitively (KPWr mixes 'xxxx-Wxx-3' and 'XXXX').
Only gold expressions with a normalised value (t3_*:val; KPWr SETs have none) count for value accuracy.
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
    return value.casefold()


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _core_extent(doc: Document, t: dict) -> tuple[int, int]:
    """The timex extent without its leading preposition tokens (the KPWr convention)."""
    start = t["start"]
    for tok in doc.tokens:
        if tok.start < start or tok.end > t["end"]:
            continue
        if tok.start == start and tok.tag.startswith("prep") and tok.end < t["end"]:
            nxt = [x for x in doc.tokens if x.start >= tok.end]
            if nxt:
                start = nxt[0].start
    return start, t["end"]


def eval_timex(kpwr_dir: Path, split: str = "test") -> list[str]:
    """Extent P/R/F1 (strict, and relaxed = overlap) and value accuracy of the time stage on a KPWr split;
    the headline is the last line."""
    from kronika.lang.pl import polish_stages
    from kronika.time.stage import TimexStage

    kpwr_dir = Path(kpwr_dir)
    stages = [*polish_stages(), TimexStage()]  # polish_stages() is the language layer only
    n_gold = n_pred = strict_tp = relaxed_tp = 0
    valued = value_ok = type_ok = 0
    files = split_files(kpwr_dir, split)
    for path in files:
        text, gold = read_ccl(path)
        doc = Document(text=text, source=path.name, date=document_date(path))
        offset = len(text) - len(text.lstrip())
        for stage in stages:
            stage(doc)
        preds = [(*_core_extent(doc, t), t) for t in doc.timexes]
        golds = [(g.start - offset, g.end - offset, g) for g in gold]
        n_gold += len(golds)
        n_pred += len(preds)
        strict_tp += len({(s, e) for s, e, _ in preds} & {(s, e) for s, e, _ in golds})
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
            relaxed_tp += 1
            t = preds[best][2]
            type_ok += t["type"] == g.type
            if g.value:
                valued += 1
                value_ok += _kpwr_value(t["value"]) == _kpwr_value(g.value)
    sp, sr, sf = _prf(strict_tp, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed_tp, n_pred, n_gold)
    acc = value_ok / valued if valued else 0.0
    return [
        f"KPWr timex, split {split}: {len(files)} documents, {n_gold} gold, {n_pred} predicted",
        f"extent strict:  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}",
        f"extent relaxed: P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}",
        f"type accuracy (matched): {type_ok / relaxed_tp if relaxed_tp else 0.0:.3f}",
        f"value accuracy (matched, gold valued): {acc:.3f} ({value_ok}/{valued})",
        f"timex {split}: extent F1 strict {sf:.3f} relaxed {rf:.3f}, value accuracy {acc:.3f}",
    ]
