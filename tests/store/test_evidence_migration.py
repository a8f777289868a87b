"""Migration 0004 rewrites stored results into the compact format, losing nothing, and back."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, create_engine, select, update

from mockroom.core.bank import load_paths
from mockroom.core.scorer import Scorer
from mockroom.store import Store, evidence
from tests.helpers.migrations import migrate, table_names
from tests.helpers.store_builders import make_result, make_timing

GOOD_BANK = Path(__file__).resolve().parent.parent / "data" / "good"
ANSWERS = [
    "我会先道歉并说明影响，然后回滚恢复业务。Then I keep the customer updated every hour.",
    "I would apologize, roll back first, and not blame anyone; 事后复盘，改进流程。",
    "不知道。",
]
COPIES = 2_345  # more than one page (0004 reads 1,000 at a time)


def results(store_url: str) -> dict[str, object]:
    """Every attempt's stored result, parsed, by attempt id."""
    engine = create_engine(store_url)
    attempt = Table("attempt", MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        rows = conn.execute(select(attempt.c.id, attempt.c.result)).all()
    engine.dispose()
    return {aid: json.loads(r) if isinstance(r, str) else r for aid, r in rows}


def practise(store_url: str, clock):
    bank = load_paths([GOOD_BANK])
    scorer = Scorer(bank)
    q = bank.questions["good.apology"]
    with Store.open(store_url, clock=clock) as store:
        cand = store.set_candidate_name("Upgrade")
        sess = store.start_session(cand.id, "good", "mock", "zh", [q.id], None, True)
        recs = [
            store.record_attempt(sess.id, q.id, "v1", "zh", a, scorer.score(q, a), make_timing())
            for a in ANSWERS
        ]
        # Evidence that does not line up with the answer: the match texts must be kept.
        odd = make_result("good.apology")
        recs.append(store.record_attempt(sess.id, q.id, "v1", "zh", "短", odd, make_timing()))
    return sess, recs


def test_downgrade_writes_the_first_format_and_0004_brings_it_back(store_url: str, clock) -> None:
    sess, recs = practise(store_url, clock)

    migrate(store_url, "downgrade", "0003")
    assert "rubric_point" not in table_names(store_url)
    stored = results(store_url)
    # Exactly what 0003 kept: ScoreResult.to_dict() as JSON.
    assert stored == {r.id: json.loads(json.dumps(r.result.to_dict())) for r in recs}

    with Store.open(store_url) as store:  # upgrades through 0004
        assert store.attempts_for_session(sess.id) == recs
        assert [i.attempt for i in store.transcript(sess.id).items] == recs
    stored = results(store_url)
    assert all(r["v"] == evidence.FORMAT for r in stored.values())  # type: ignore[index]
    # The ids 0004 gave are the ones the store gives: recording again adds no rubric point.
    engine = create_engine(store_url)
    points = Table("rubric_point", MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        before = set(conn.execute(select(points.c.id)).scalars())
    with Store.open(store_url) as store:
        again = store.record_attempt(
            sess.id, "good.apology", "v1", "zh", recs[0].answer, recs[0].result, make_timing()
        )
        assert again.result == recs[0].result
    with engine.connect() as conn:
        assert set(conn.execute(select(points.c.id)).scalars()) == before
    engine.dispose()
    assert len(before) == len({(c.key, c.tip_en) for r in recs for c in r.result.criteria})


def test_0004_rewrites_every_page_and_leaves_what_it_cannot_read(store_url: str, clock) -> None:
    sess, recs = practise(store_url, clock)
    migrate(store_url, "downgrade", "0003")
    engine = create_engine(store_url)
    attempt = Table("attempt", MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        [template] = conn.execute(select(attempt).where(attempt.c.id == recs[0].id)).mappings()
        copies = [{**template, "id": uuid.uuid4().hex} for _ in range(COPIES)]
        conn.execute(attempt.insert(), copies)
        odd = copies[-1]["id"]
        conn.execute(update(attempt).where(attempt.c.id == odd).values(result={"odd": [1]}))
    engine.dispose()

    Store.open(store_url).close()

    stored = results(store_url)
    assert stored.pop(odd) == {"odd": [1]}
    assert len(stored) == len(recs) + COPIES - 1
    assert all(r["v"] == evidence.FORMAT for r in stored.values())  # type: ignore[index]
    with Store.open(store_url) as store:
        assert [store.get_attempt(c["id"]).result for c in copies[:-1:500]] == [
            recs[0].result
        ] * len(copies[:-1:500])


@pytest.mark.parametrize("target", ["0001", "base"])
def test_downgrade_past_0004_and_up_again(store_url: str, clock, target: str) -> None:
    sess, recs = practise(store_url, clock)
    migrate(store_url, "downgrade", target)
    if target == "base":
        return  # the tables are gone with the data; test_store_open covers the way up
    with Store.open(store_url) as store:
        assert store.attempts_for_session(sess.id) == recs
