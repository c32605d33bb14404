"""Every shipped query parses and runs on the store built from the seed and dev articles."""

import pytest

from kg.query import named_queries, query_description, select

QUERIES = named_queries()


def test_at_least_eight_queries_each_saying_what_it_answers():
    assert len(QUERIES) >= 8
    for name, path in QUERIES.items():
        assert len(query_description(path)) > 20, name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_runs_and_answers(seed_store, name):
    rows = select(seed_store, QUERIES[name].read_text(encoding="utf-8"))
    assert rows.rows, f"{name} returned no rows on the seed and dev articles"


def test_events_in_a_place_follow_the_hierarchy(seed_store):
    rows = select(seed_store, QUERIES["events-in-place"].read_text(encoding="utf-8"))
    assert {"ASSAULT"} <= {row[1] for row in rows.rows}
