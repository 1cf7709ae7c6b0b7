"""Automated grading of lesson transcripts: deterministic, bounded, pure Python (no Django).

    from playground.grading import grade
    report = grade("pods", open("alice.txt").read())
    print(report.to_json())           # {"lesson": "pods", "score": 7, "max_score": 7, ...}

``python manage.py grade`` is the command line (``cli.main``); ``docs/grading.md`` explains how
a transcript runs and what each limit is.
"""

from __future__ import annotations

from playground.grading.budget import GradingLimits
from playground.grading.grader import GRADING_NOW, UnknownLesson, grade, grade_transcript
from playground.grading.report import Report, StepOutcome
from playground.grading.transcript import (
           GradingError,
           Transcript,
           TranscriptError,
           parse_transcript,
           read_transcript,
)

__all__ = ["GRADING_NOW", "GradingError", "GradingLimits", "Report", "StepOutcome", "Transcript",
           "TranscriptError", "UnknownLesson", "grade", "grade_transcript", "parse_transcript", "read_transcript"]
