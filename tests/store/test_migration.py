"""A database written before coach review (revision 0001) upgrades to head, keeping its data."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from mockroom.store import Store
from tests.helpers.review_builders import OUTAGE, practise


def test_upgrade_from_0001_keeps_answers(store_url: str, clock) -> None:
    from alembic import command
    from alembic.config import Config

    from mockroom.store.db import MIGRATIONS

    with Store.open(store_url, clock=clock) as store:
        sess, (attempt,) = practise(store, [OUTAGE])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(store_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert "comment" not in inspect(engine).get_table_names()
    engine.dispose()

    with Store.open(store_url, clock=clock) as store:  # upgrades to head
        assert store.get_candidate() is not None
        [item] = store.transcript(sess.id).items
        assert item.attempt == attempt and item.review.coached_at is None
        store.add_comment(attempt.id, "Coach Li", "still works")
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0008"
    engine.dispose()
