"""Compiled inner loops.

`njit(fn)` compiles `fn` with numba (nopython mode, no GIL, compiled code cached on disk beside the module, so a
process after the first loads it instead of compiling) when numba is installed and KRONIKA_NO_JIT is not set to
1; otherwise `fn` stays the plain Python function, which gives the same results, only slower. Kernels take and
return numpy arrays and integers only. `python_function(kernel)` is the plain function behind a compiled one
(tests compare the two).
"""
from __future__ import annotations

import os
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

try:  # pragma: no cover - depends on the installation
    import numba as _numba
except ImportError:  # pragma: no cover
    _numba = None

ENABLED = _numba is not None and os.environ.get("KRONIKA_NO_JIT", "") != "1"


def njit(fn: F) -> F:
    """`fn` compiled (see the module's doc), or `fn` itself."""
    if not ENABLED:
        return fn
    return _numba.njit(cache=True, nogil=True)(fn)


def python_function(kernel: Callable) -> Callable:
    """The plain Python function of a kernel made by `njit`."""
    return getattr(kernel, "py_func", kernel)
