"""The on-disk format of kronika's Polish models: named numpy arrays, string lists and a JSON header in one
zip file (loadable with `numpy.load`), written byte-for-byte reproducibly (fixed entry dates and order).

`write_arrays(arrays, strings, meta) -> bytes` and `read_arrays(blob) -> (arrays, strings, meta)` are inverse:
string lists are stored newline-joined (so an entry may not contain a newline) and the header as UTF-8 JSON.
"""
from __future__ import annotations

import io
import json
import zipfile

import numpy as np

_DATE = (2020, 1, 1, 0, 0, 0)


def write_arrays(arrays: dict[str, np.ndarray], strings: dict[str, list[str]], meta: dict) -> bytes:
    """The model file's bytes; the same inputs always give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name in sorted(arrays):
            a = io.BytesIO()
            np.lib.format.write_array(a, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            z.writestr(zipfile.ZipInfo(name + ".npy", _DATE), a.getvalue(), zipfile.ZIP_DEFLATED)
        for name in sorted(strings):
            items = strings[name]
            if any("\n" in s for s in items):
                raise ValueError(f"an entry of {name!r} contains a newline")
            z.writestr(zipfile.ZipInfo(name + ".txt", _DATE), "\n".join(items).encode("utf-8"), zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("meta.json", _DATE),
                   json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def read_arrays(blob: bytes) -> tuple[dict[str, np.ndarray], dict[str, list[str]], dict]:
    """(arrays, string lists, header) of a model file written by `write_arrays`."""
    arrays: dict[str, np.ndarray] = {}
    strings: dict[str, list[str]] = {}
    meta: dict = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for info in z.infolist():
            data = z.read(info)
            if info.filename.endswith(".npy"):
                arrays[info.filename[:-4]] = np.lib.format.read_array(io.BytesIO(data), allow_pickle=False)
            elif info.filename.endswith(".txt"):
                text = data.decode("utf-8")
                strings[info.filename[:-4]] = text.split("\n") if text else []
            elif info.filename == "meta.json":
                meta = json.loads(data.decode("utf-8"))
    return arrays, strings, meta


def is_array_file(blob: bytes) -> bool:
    """Whether `blob` is in this format (a zip) rather than the first version's lzma-compressed pickle."""
    return blob[:2] == b"PK"
