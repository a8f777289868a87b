"""JSON Schema of the bank formats, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from mockroom.core.models import Question, QuestionFile, Rubric


def schema(kind: str = "all") -> dict[str, Any]:
    if kind == "question":
        return {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "anyOf": [Question.model_json_schema(), QuestionFile.model_json_schema()]}
    if kind == "rubric":
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Rubric.model_json_schema()}
    # One document accepting any bank file: a question, a list of questions, or a rubric.
    defs: dict[str, Any] = {}
    refs = []
    for model in (Question, QuestionFile, Rubric):
        s = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(s.pop("$defs", {}))
        defs[model.__name__] = s
        refs.append({"$ref": f"#/$defs/{model.__name__}"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mockroom bank file",
        "anyOf": refs,
        "$defs": defs,
    }
