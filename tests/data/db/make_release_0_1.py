"""How release-0.1.sqlite was made: run with the FIRST release's code (schema revision 0001),

    git archive a024db3 src question_bank rubrics | tar -x -C /tmp/rel01
    PYTHONPATH=/tmp/rel01/src MOCKROOM_HOME=/tmp/rel01/home \\
        python tests/data/db/make_release_0_1.py tests/data/db/release-0.1.sqlite

so test_upgrade_old_database.py can prove a later release upgrades it with nothing lost.
Never regenerate it with newer code: that would defeat its purpose.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer
from mockroom.store import AttemptTiming, Store

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now


def main(out: Path) -> None:
    if out.exists():
        raise SystemExit(f"{out} exists; it is a fixture, never regenerated")
    bank = load_bank()
    scorer = Scorer(bank)
    qids = sorted(bank.questions)[:3]
    answers = [
        "我会先道歉，承认影响，然后回滚到上一个版本恢复业务，每半小时同步一次进展，事后组织复盘。",
        "I would apologise, restore service first by rolling back, and run a blameless postmortem.",
        "不知道。",
    ]
    with Store.open(f"sqlite:///{out.resolve()}", clock=Clock()) as store:
        cand = store.set_candidate_name("李雷 Li Lei")
        for n, (mode, end) in enumerate([("mock", "finish"), ("single", "abandon"), ("due", None)]):
            sess = store.start_session(cand.id, qids[0].split(".")[0], mode, ["zh", "en"][n % 2],
                                       qids, 600 if mode == "mock" else None, n != 1)
            for i, qid in enumerate(qids if end else qids[:1]):
                q = bank.questions[qid]
                answer = answers[(n + i) % len(answers)]
                result = scorer.score(q, answer)
                timing = AttemptTiming(T0 + timedelta(minutes=n * 10 + i), 2.5 + i, 20.0, 95.5,
                                       float(i), 55.0 if i else None)
                store.save_draft(sess.id, qid, answer[:5], {"phase": "answer", "elapsed": 12.5})
                rec = store.record_attempt(sess.id, qid, bank.version_of(qid), sess.lang, answer,
                                           result, timing, self_rating=i + 1 if i < 2 else None)
                missed = [c.key for c in result.criteria if not c.hit]
                if missed and i == 0:
                    follow = scorer.score_follow_up(q, missed[0], "补充：" + answer[:12])
                    store.record_attempt(sess.id, qid, bank.version_of(qid), sess.lang,
                                         "补充：" + answer[:12], follow, timing,
                                         follow_up_of=rec.id, follow_up_criterion=missed[0])
            if end == "finish":
                store.finish_session(sess.id)
            elif end == "abandon":
                store.abandon_session(sess.id)
            else:
                store.save_draft(sess.id, qids[1], "一个没写完的回答 a draft in progress",
                                 {"phase": "answer", "elapsed": 42.0})


if __name__ == "__main__":
    main(Path(sys.argv[1]))
