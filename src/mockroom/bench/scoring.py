"""Scoring throughput: mixed Chinese/English answers of 200-3,000 characters, each against its
question's rubrics, on the generated bank: once as each question is first met (its phrases are
compiled then), and again with every question compiled (the live meter, repeated practice).

Floor: the least any keyword scorer does - normalise the answer and look for every phrase of
the question's rubrics as an exact substring.
"""

from __future__ import annotations

import time

from mockroom.bench.gen import Answer
from mockroom.bench.table import Row, ms
from mockroom.core.bank import Bank
from mockroom.core.scorer import Scorer, prepare
from mockroom.core.text import normalize, normalize_phrase

TARGET_MEAN_S = 0.005
"""The issue's budget: scoring stays under 5 ms an answer."""


def run(bank: Bank, answers: list[Answer]) -> list[Row]:
    scorer = Scorer(bank)
    first = _times(scorer, answers)  # most answers meet their question for the first time
    again = _times(scorer, answers)  # the live meter and follow-ups score compiled questions
    floor = _floor(bank, answers)
    chars = sum(len(a.text) for a in answers) / len(answers)
    rows = []
    for what, times in (("first use of each question", first), ("question already seen", again)):
        mean = sum(times) / len(times)
        rows.append(
            Row(
                f"scoring: mean per answer, {what} ({len(answers):,} answers, avg {chars:,.0f} chars)",
                f"{ms(mean)} ({1 / mean:,.0f}/s)",
                f"{ms(floor)} ({1 / floor:,.0f}/s)",
                "< 5 ms",
                mean < TARGET_MEAN_S,
            )
        )
    rows.append(Row("scoring: slowest single answer (first use / seen)",
                    f"{ms(max(first))} / {ms(max(again))}", "", "", None))
    rows.append(Row("  reference: preparing each answer (normalise, words, clauses), no phrase looked up",
                    ms(_prepare(scorer, answers)), "", "", None))
    return rows


def _prepare(scorer: Scorer, answers: list[Answer]) -> float:
    """Mean time of the work every answer needs before its first phrase is looked for."""
    start = time.perf_counter()
    for a in answers:
        prepare(a.text, scorer.vocabulary(a.question))
    return (time.perf_counter() - start) / len(answers)


def _times(scorer: Scorer, answers: list[Answer]) -> list[float]:
    times = []
    for a in answers:
        start = time.perf_counter()
        scorer.score(a.question, a.text)
        times.append(time.perf_counter() - start)
    return times


def _floor(bank: Bank, answers: list[Answer]) -> float:
    start = time.perf_counter()
    for a in answers:
        text = normalize(a.text).text
        for r in bank.rubrics_for(a.question):
            for c in r.criteria:
                for p in c.phrases.all():
                    _ = normalize_phrase(p) in text
    return (time.perf_counter() - start) / len(answers)
