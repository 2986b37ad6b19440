"""Evaluation: gold loading and scoring (SPEC.md section 3), behind `kronika eval`.

`evaluate(gold_dir, pred, articles=None)` pairs predicted records with gold records and returns an
`EvalReport` (`.lines()` for people, `.as_dict()` for programs).
"""
from kronika.eval.gold import EvalError
from kronika.eval.report import EvalReport
from kronika.eval.scoring import evaluate

__all__ = ["EvalError", "EvalReport", "evaluate"]
