"""Readers for the corpora the Polish models are trained and measured on.

- NKJP 1M NER in IOB (`read_iob`): "-DOCSTART" lines, then one token a line, "orth<TAB>base<TAB>ctag<TAB>label",
  a blank line between sentences. Labels are nested layers joined by "#" ("I-persName#B-persName-surname").
  Note: in the shared `nkjp-nested-simplified-v2.iob` the base/ctag columns are NOT disambiguated (they are one
  arbitrary Morfeusz reading: many "voc" cases, "w" → wieś brev); only forms and NER labels are usable.
- Universal Dependencies CoNLL-U (`read_conllu`): one `UdToken` per surface token; a multiword token
  ("zrobiłbym" = zrobił + by + m) takes the lemma, tags and features of its first word that is not an
  agglutinate or the particle "by" (how the morphology layer folds them into one token).
- PolEval 2018 Task 2 gold JSON (`read_poleval`): documents with their text and brat spans.
- Polem TSV (`read_polem`): KPWr name occurrences with their gold base form.

Every reader accepts the file itself or a `.7z` archive holding it (read with py7zr, imported only then).
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


def read_text(path: Path | str) -> str:
    """The UTF-8 text of `path`, or of the single (first) file inside a `.7z` archive."""
    path = Path(path)
    if path.suffix == ".7z":
        try:
            import py7zr
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError(f"{path}: reading .7z needs the py7zr package; extract the file instead") from exc
        with py7zr.SevenZipFile(path, "r") as archive:
            names = [n for n in archive.getnames() if not n.endswith("/")]
            if not names:
                raise ValueError(f"{path}: empty archive")
            data = archive.read([names[0]]) if hasattr(archive, "read") else None
            if data:
                buf = data[names[0]]
                return buf.read().decode("utf-8")
        import tempfile

        with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(path, "r") as archive:
            archive.extractall(tmp)
            return (Path(tmp) / names[0]).read_text("utf-8")
    return path.read_text("utf-8")


def sha256_of_files(paths: list[Path]) -> str:
    """sha256 over the bytes of the given files, in the given order (what a model's manifest records)."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


# --- NKJP IOB --------------------------------------------------------------------------------------------------


@dataclass
class IobToken:
    form: str
    lemma: str
    tag: str
    label: str  # "O" or nested layers joined by "#"


@dataclass
class IobSentence:
    doc: str
    tokens: list[IobToken]


def read_iob(path: Path | str) -> Iterator[IobSentence]:
    """The sentences of an IOB file, each with the id of its document (the last "-DOCSTART FILE" line)."""
    doc = ""
    current: list[IobToken] = []
    for line in io.StringIO(read_text(path)):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART"):
            if current:
                yield IobSentence(doc, current)
                current = []
            parts = line.split()
            if len(parts) >= 3 and parts[1] == "FILE":
                doc = parts[2]
            continue
        if not line.strip():
            if current:
                yield IobSentence(doc, current)
                current = []
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            cols = line.split()
        if len(cols) < 4:
            continue
        current.append(IobToken(cols[0], cols[1], cols[2].rstrip(":"), cols[-1]))
    if current:
        yield IobSentence(doc, current)


# --- CoNLL-U ---------------------------------------------------------------------------------------------------


@dataclass
class UdToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str] = field(default_factory=dict)
    space_after: bool = True

    @property
    def case(self) -> str | None:
        return self.feats.get("Case")


@dataclass
class UdSentence:
    id: str
    text: str
    tokens: list[UdToken]


def _feats(s: str) -> dict[str, str]:
    if s == "_" or not s:
        return {}
    return dict(kv.split("=", 1) for kv in s.split("|") if "=" in kv)


def _is_clitic(cols: list[str]) -> bool:
    return cols[4].startswith("aglt") or (cols[2] == "by" and cols[4] in {"qub", "part"})


def read_conllu(path: Path | str) -> Iterator[UdSentence]:
    """The sentences of a CoNLL-U file, one `UdToken` per surface token (multiword tokens: see module doc)."""
    sid, text = "", ""
    rows: list[list[str]] = []

    def build() -> UdSentence:
        out: list[UdToken] = []
        i = 0
        while i < len(rows):
            cols = rows[i]
            if "-" in cols[0]:
                a, b = (int(x) for x in cols[0].split("-"))
                words = [r for r in rows[i + 1 : i + 1 + (b - a + 1)]]
                main = next((w for w in words if not _is_clitic(w)), words[0])
                space = "SpaceAfter=No" not in cols[9]
                out.append(UdToken(cols[1], main[2], main[3], main[4], _feats(main[5]), space))
                i += 1 + len(words)
                continue
            if "." in cols[0]:
                i += 1
                continue
            out.append(UdToken(cols[1], cols[2], cols[3], cols[4], _feats(cols[5]), "SpaceAfter=No" not in cols[9]))
            i += 1
        return UdSentence(sid, text, out)

    for line in io.StringIO(read_text(path)):
        line = line.rstrip("\n")
        if line.startswith("#"):
            if line.startswith("# sent_id"):
                sid = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            continue
        if not line.strip():
            if rows:
                yield build()
            rows, sid, text = [], "", ""
            continue
        rows.append(line.split("\t"))
    if rows:
        yield build()


# --- PolEval 2018 Task 2 ---------------------------------------------------------------------------------------


@dataclass
class PolEvalDoc:
    id: str  # the path below the corpus root, as the official scorer keys documents
    text: str
    spans: list[tuple[str, int, int]]  # (category, start, end) of the most recent answer; fragments split
    answers: int  # how many annotator answers the document has


def parse_brat(brat: str) -> list[tuple[str, int, int]]:
    """(category, start, end) of every text-bound annotation ("T1<TAB>persName 12 20<TAB>…"); a fragmented one
    ("cat 1 5;7 9") gives one span per fragment; derivType attributes are left out."""
    out: list[tuple[str, int, int]] = []
    for line in brat.split("\n"):
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].startswith("T"):
            continue
        head = cols[1]
        cat, _, rest = head.partition(" ")
        if "derivType" in cat:
            continue
        for frag in rest.split(";"):
            nums = frag.split()
            if len(nums) >= 2:
                out.append((cat, int(nums[0]), int(nums[-1])))
    return out


def read_poleval(path: Path | str) -> list[PolEvalDoc]:
    """The documents of the PolEval gold file (`.json` or `.json.7z`)."""
    data = json.loads(read_text(path))
    docs: list[PolEvalDoc] = []
    for q in data["questions"]:
        fname = q["input"]["fname"]
        doc_id = "/".join(fname.split("/")[4:])
        answers = q.get("answers") or []
        latest = max(answers, key=lambda a: a.get("created", "")) if answers else None
        spans = parse_brat(latest["data"]["brat"]) if latest else []
        docs.append(PolEvalDoc(doc_id, q["input"]["fileContent"], spans, len(answers)))
    return docs


# --- Polem -----------------------------------------------------------------------------------------------------


@dataclass
class PolemEntry:
    lemma: str  # gold base form
    orth: str
    tokens: list[str]
    space_after: list[bool]  # whether a space follows each token, as recorded (the column's flags are space-after:
    # "Park im . Tadeusza" has False after "im"); a multi-word row of all False carries no spacing
    # (see evaluation._tokens_of)
    category: str
    bases: list[str] = field(default_factory=list)  # the file's base form of each token
    ctags: list[str] = field(default_factory=list)  # the file's tag of each token

    @property
    def text(self) -> str:
        """The name as written (tokens joined with the recorded spacing)."""
        out = ""
        for tok, sp in zip(self.tokens, self.space_after):
            out += tok + (" " if sp else "")
        return out.rstrip(" ")


def read_polem(path: Path | str) -> list[PolemEntry]:
    """The entries of a Polem TSV file (gold lemma, orth, bases, ctags, spacing flags, category)."""
    out: list[PolemEntry] = []
    for line in io.StringIO(read_text(path)):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 6:
            continue
        tokens = cols[1].split(" ")
        flags = [f == "True" for f in cols[4].split()]
        if len(flags) != len(tokens):  # the flags are of the original tokens; this orth is the text as written
            flags = [True] * len(tokens)
        out.append(PolemEntry(cols[0], cols[1], tokens, flags, cols[5], cols[2].split(), cols[3].split()))
    return out
