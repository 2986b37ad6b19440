"""Actors: kronika's knowledge base of states, organisations, persons with dated roles, and role words.

The knowledge base is data (`kronika/actors/data/`, documented in its README.md); `kb.load_kb()` reads it and
`kb.validate_kb()` checks it. `forms.polish_forms()` generates the inflected forms of a Polish name.
"""
from __future__ import annotations

from kronika.actors.forms import polish_forms
from kronika.actors.kb import KnowledgeBase, load_kb, validate_kb

__all__ = ["KnowledgeBase", "load_kb", "polish_forms", "validate_kb"]
