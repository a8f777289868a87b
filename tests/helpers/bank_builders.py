"""Small question banks written to a temporary folder, so scorer tests control every phrase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mockroom.core.bank import Bank, load_paths
from mockroom.core.models import Question
from mockroom.core.scorer import Scorer

QID = "t.q"


def criterion(
    cid: str,
    zh: list[str] | None = None,
    en: list[str] | None = None,
    *,
    weight: float = 1.0,
    required: bool = False,
) -> dict[str, Any]:
    return {
        "id": cid,
        "label": {"zh": f"要点{cid}", "en": f"point {cid}"},
        "tip": {"zh": f"提示{cid}", "en": f"tip {cid}"},
        "weight": weight,
        "required": required,
        "phrases": {"zh": zh or [], "en": en or []},
    }


def red_flag(fid: str, zh: list[str] | None = None, en: list[str] | None = None, penalty: float = 10) -> dict[str, Any]:
    return {
        "id": fid,
        "label": {"zh": f"红线{fid}", "en": f"red flag {fid}"},
        "penalty": penalty,
        "phrases": {"zh": zh or [], "en": en or []},
    }


def question_data(qid: str = QID, **fields: Any) -> dict[str, Any]:
    track = qid.split(".")[0]
    data: dict[str, Any] = {
        "id": qid,
        "track": track,
        "category": "scenario",
        "difficulty": 2,
        "prompt": {"zh": "客户很生气，你怎么办？", "en": "The customer is angry. What do you do?"},
        "intent": {"zh": "考察沟通。", "en": "Communication."},
        "timing": {"zh_chars": [20, 400], "en_words": [12, 300]},
        "rubric": qid,
        "outline": {"zh": ["道歉"], "en": ["Apologise"]},
    }
    data.update(fields)
    return data


def rubric_data(rid: str = QID, criteria: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": rid,
        "title": {"zh": "测试评分表", "en": "Test rubric"},
        "criteria": criteria or [criterion("apologise", ["道歉"], ["apologise"])],
    }
    data.update(fields)
    return data


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def write_bank(root: Path, question: dict[str, Any], rubric: dict[str, Any]) -> Path:
    write_yaml(root / "questions" / f"{question['id']}.yaml", question)
    write_yaml(root / "rubrics" / f"{rubric['id']}.yaml", rubric)
    return root


def build(
    root: Path,
    criteria: list[dict[str, Any]],
    *,
    red_flags: list[dict[str, Any]] | None = None,
    **question_fields: Any,
) -> tuple[Scorer, Question]:
    """A scorer and its one question, from criteria (and red flags) written as YAML under root."""
    rubric = rubric_data(criteria=criteria, red_flags=red_flags or [])
    write_bank(root, question_data(**question_fields), rubric)
    bank = load_paths([root])
    assert not bank.problems, [str(p) for p in bank.problems]
    return Scorer(bank), bank.questions[QID]


def load(root: Path) -> Bank:
    return load_paths([root])
