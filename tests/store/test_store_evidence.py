"""Attempt evidence is stored compactly (rubric points once) and reads back exactly as scored."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mockroom.core.bank import load_paths
from mockroom.core.result import ScoreResult
from mockroom.core.scorer import Scorer
from mockroom.store import SessionRec, Store, StoreError, evidence
from tests.helpers.store_builders import make_result, make_timing

GOOD_BANK = Path(__file__).resolve().parent.parent / "data" / "good"
ANSWERS = [
    "我会先道歉并说明影响，然后回滚恢复业务。Then I keep the customer updated every hour.",
    "I would apologize, roll back first, and not blame anyone; 事后复盘，改进流程。",
    "不知道。",
]


@pytest.fixture(scope="module")
def scored() -> list[tuple[str, ScoreResult]]:
    bank = load_paths([GOOD_BANK])
    q = bank.questions["good.apology"]
    scorer = Scorer(bank)
    return [(a, scorer.score(q, a)) for a in ANSWERS]


@pytest.fixture
def session(store: Store) -> SessionRec:
    cand = store.set_candidate_name("Evidence")
    return store.start_session(cand.id, "good", "mock", "zh", ["good.apology"], None, True)


def raw(store_url: str, sql: str, **params: object) -> list[tuple]:
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            found = conn.execute(text(sql), params)
            return [tuple(r) for r in found] if found.returns_rows else []
    finally:
        engine.dispose()


def stored_json(store_url: str, attempt_id: str) -> str:
    # CAST: PostgreSQL's json column comes back as text, as SQLite's does.
    [(value,)] = raw(
        store_url, "SELECT CAST(result AS TEXT) FROM attempt WHERE id = :id", id=attempt_id
    )
    return value


def record(store: Store, session: SessionRec, answer: str, result: ScoreResult):
    return store.record_attempt(
        session.id, result.question_id, "v1", "zh", answer, result, make_timing()
    )


def test_real_results_read_back_as_scored(
    store: Store, session: SessionRec, store_url: str, scored
) -> None:
    recs = [record(store, session, answer, result) for answer, result in scored]
    with Store.open(store_url) as other:
        assert [a.result for a in other.attempts_for_session(session.id)] == [r for _, r in scored]
        assert [other.get_attempt(r.id) for r in recs] == recs
        assert [i.attempt.result for i in other.transcript(session.id).items] == [
            r for _, r in scored
        ]


def test_rubric_points_are_kept_once_not_in_each_answer(
    store: Store, session: SessionRec, store_url: str, scored
) -> None:
    answer, result = scored[0]
    recs = [record(store, session, answer, result) for _ in range(3)]
    assert raw(store_url, "SELECT count(*) FROM rubric_point") == [(len(result.criteria),)]
    for rec in recs:
        stored = stored_json(store_url, rec.id)
        for c in result.criteria:
            assert c.tip_en not in stored and c.tip_zh not in stored
        assert len(stored.encode()) < len(json.dumps(result.to_dict(), ensure_ascii=False).encode())


def test_text_is_stored_as_utf8_not_escapes(
    store: Store, session: SessionRec, store_url: str
) -> None:
    result = make_result()
    rec = record(
        store, session, "先恢复服务，再同步客户", replace(result, question_id="good.apology")
    )
    stored = stored_json(store_url, rec.id)
    assert "回答太短" in stored and "\\u" not in stored


def test_a_match_keeps_its_text_only_when_the_answer_does_not_hold_it() -> None:
    result = make_result()  # its matches are at the right places in this answer ...
    matches = evidence.CRITERION.index("matches")

    def sizes(packed: dict) -> list[int]:
        return [len(m) for c in packed["criteria"] for m in c[matches]]

    packed, points = evidence.pack(result, "先恢复服务，再同步客户")
    assert sizes(packed) == [len(evidence.MATCH)] * 2
    assert evidence.unpack(packed, "先恢复服务，再同步客户", points) == result
    packed, points = evidence.pack(result, "a different answer")  # ... and not in this one
    assert sizes(packed) == [len(evidence.MATCH) + 1] * 2
    assert evidence.unpack(packed, "a different answer", points) == result


def test_the_same_point_shares_one_id_and_a_changed_one_does_not() -> None:
    c = make_result().criteria[0]
    point = {k: getattr(c, k) for k in evidence.POINT}
    assert evidence.point_id(point) == evidence.point_id(dict(point))
    for change in ({"tip_en": "Changed"}, {"weight": 3.0}, {"required": False}, {"key": "k2"}):
        assert evidence.point_id({**point, **change}) != evidence.point_id(point)


def test_a_result_in_the_first_format_still_reads(
    store: Store, session: SessionRec, store_url: str
) -> None:
    rec = record(store, session, "答", replace(make_result(), question_id="good.apology"))
    first = json.dumps(rec.result.to_dict(), ensure_ascii=True)
    raw(store_url, "UPDATE attempt SET result = :r WHERE id = :id", r=first, id=rec.id)
    assert store.get_attempt(rec.id) == rec


def test_a_missing_rubric_point_is_a_store_error(
    store: Store, session: SessionRec, store_url: str
) -> None:
    rec = record(store, session, "答", replace(make_result(), question_id="good.apology"))
    raw(store_url, "DELETE FROM rubric_point")
    with pytest.raises(StoreError, match="rubric point [0-9a-f]{32} of a stored answer is missing"):
        store.get_attempt(rec.id)
