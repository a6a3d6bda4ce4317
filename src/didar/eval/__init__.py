"""didar.eval: score the pipeline's records against gold annotations (../shared/eval/)."""

from didar.eval.score import Report, evaluate, format_report, score

__all__ = ["Report", "evaluate", "format_report", "score"]
