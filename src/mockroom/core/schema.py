"""JSON Schema of the bank formats, generated from the pydantic models.

Each field's description is its one-line docstring in models.py, read from the source
here rather than by pydantic at import time (see `models.Strict`).
"""

from __future__ import annotations

import ast
import inspect
from typing import Any

from mockroom.core import models
from mockroom.core.models import Question, QuestionFile, Rubric


def schema(kind: str = "all") -> dict[str, Any]:
    return _described(_schema(kind), field_docs())


def _schema(kind: str) -> dict[str, Any]:
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


def field_docs() -> dict[str, dict[str, str]]:
    """Model name -> field -> the docstring under the field, inherited fields included."""
    own: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(models)).body:
        if isinstance(node, ast.ClassDef):
            own[node.name] = {
                field.target.id: inspect.cleandoc(doc.value.value)
                for field, doc in zip(node.body, node.body[1:], strict=False)
                if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    docs: dict[str, dict[str, str]] = {}
    for name in own:
        docs[name] = {}
        for base in reversed(getattr(models, name).__mro__):
            docs[name].update(own.get(base.__name__, {}) if base.__module__ == models.__name__ else {})
    return docs


def _described(node: Any, docs: dict[str, dict[str, str]]) -> Any:
    """The schema with each model's properties described (in place)."""
    if isinstance(node, dict):
        fields = docs.get(node.get("title", ""), {}) if "properties" in node else {}
        for prop, sub in node.get("properties", {}).items():
            if prop in fields:
                sub.setdefault("description", fields[prop])
        for value in node.values():
            _described(value, docs)
    elif isinstance(node, list):
        for value in node:
            _described(value, docs)
    return node
