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


# The shipped queries answer what these plain queries answer on the seed and dev store: the
# queries read tallies instead of every event, or stop at a LIMIT the small store stays under.
PLAIN = {
    "events": """
        SELECT DISTINCT ?event ?type ?date ?actors ?targets ?places ?claimant ?trigger WHERE {
          ?event a kg:Event ; kg:eventType ?t ; kg:modality kg:Asserted ; kg:text ?trigger .
          BIND(STRAFTER(STR(?t), STR(plover:)) AS ?type)
          OPTIONAL { ?event kg:date ?d BIND(STR(?d) AS ?date) }
          OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?al; separator="، ") AS ?actors)
                     WHERE { ?event kg:actor/rdfs:label ?al FILTER(LANG(?al) = "ar") } GROUP BY ?event }
          OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?tl; separator="، ") AS ?targets)
                     WHERE { ?event kg:target/rdfs:label ?tl FILTER(LANG(?tl) = "ar") } GROUP BY ?event }
          OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?pl; separator="، ") AS ?places)
                     WHERE { ?event kg:place/rdfs:label ?pl FILTER(LANG(?pl) = "ar") } GROUP BY ?event }
          OPTIONAL { ?event prov:wasAttributedTo/rdfs:label ?claimant FILTER(LANG(?claimant) = "ar") } }""",
    "events-in-place": """
        SELECT DISTINCT ?event ?type ?date ?where ?trigger WHERE {
          VALUES ?region { kgid:entity\\/aleppo }
          ?event a kg:Event ; kg:eventType ?t ; kg:place ?p ; kg:text ?trigger .
          ?p kg:locatedIn* ?region . ?p rdfs:label ?where FILTER(LANG(?where) = "ar")
          BIND(STRAFTER(STR(?t), STR(plover:)) AS ?type) OPTIONAL { ?event kg:date ?d BIND(STR(?d) AS ?date) } }""",
    "casualties-by-place": """
        SELECT DISTINCT ?place ?countType ?number ?qualifier ?counted ?claimant ?date ?sentence WHERE {
          ?count a kg:Count ; kg:countType ?ct ; kg:number ?number ; kg:inSentence/kg:text ?sentence .
          BIND(STRAFTER(STR(?ct), STR(kgc:)) AS ?countType)
          OPTIONAL { ?count kg:qualifier ?qualifier } OPTIONAL { ?count kg:counted ?counted }
          OPTIONAL { ?count prov:wasAttributedTo/rdfs:label ?claimant FILTER(LANG(?claimant) = "ar") }
          OPTIONAL { ?count kg:countOf ?event . OPTIONAL { ?event kg:date ?d BIND(STR(?d) AS ?date) }
                     OPTIONAL { ?event kg:place/rdfs:label ?place FILTER(LANG(?place) = "ar") } } }""",
    "fact-sentence": """
        SELECT ?fact ?kind ?article ?start ?end ?text ?sentence WHERE {
          VALUES ?class { kg:Event kg:Count kg:RelationStatement }
          ?fact a ?class ; kg:inArticle ?article ; kg:start ?start ; kg:end ?end ; kg:text ?text ;
                kg:inSentence/kg:text ?sentence .
          BIND(STRAFTER(STR(?class), "#") AS ?kind) }""",
    "articles-with-two-actors": """
        SELECT ?article ?headline ?published WHERE {
          VALUES (?first ?second) { (kgid:entity\\/russia kgid:entity\\/syrian-government) }
          ?m1 kg:denotes ?first ; kg:inArticle ?article . ?m2 kg:denotes ?second ; kg:inArticle ?article .
          OPTIONAL { ?article schema:headline ?headline } OPTIONAL { ?article schema:datePublished ?published } }
        GROUP BY ?article ?headline ?published""",
    "actor-pairs": """
        SELECT ?actor ?target (COUNT(DISTINCT ?event) AS ?events) (GROUP_CONCAT(DISTINCT ?type; separator=" ") AS ?types)
        WHERE { ?event a kg:Event ; kg:modality kg:Asserted ; kg:actor ?a ; kg:target ?b ; kg:eventType ?t .
                ?a rdfs:label ?actor FILTER(LANG(?actor) = "ar") ?b rdfs:label ?target FILTER(LANG(?target) = "ar")
                BIND(STRAFTER(STR(?t), STR(plover:)) AS ?type) } GROUP BY ?actor ?target""",
    "actor-profile": """
        SELECT ?month ?role ?type (COUNT(DISTINCT ?event) AS ?events) WHERE {
          VALUES ?actor { kgid:entity\\/sdf }
          { ?event kg:actor ?actor BIND("actor" AS ?role) } UNION { ?event kg:target ?actor BIND("target" AS ?role) }
          UNION { ?event prov:wasAttributedTo ?actor BIND("claimant" AS ?role) }
          ?event a kg:Event ; kg:eventType ?t . OPTIONAL { ?event kg:date ?d }
          BIND(SUBSTR(STR(?d), 1, 7) AS ?month) BIND(STRAFTER(STR(?t), STR(plover:)) AS ?type) }
        GROUP BY ?month ?role ?type""",
    "claimants": """
        SELECT ?claimant (COUNT(DISTINCT ?fact) AS ?facts) (GROUP_CONCAT(DISTINCT ?outlet; separator=", ") AS ?outlets)
        WHERE { ?fact prov:wasAttributedTo ?c ; kg:inArticle ?article .
                ?c rdfs:label ?claimant FILTER(LANG(?claimant) = "ar") OPTIONAL { ?article kg:source ?outlet } }
        GROUP BY ?claimant""",
    "events-by-type-per-month": """
        SELECT ?month ?type (COUNT(?event) AS ?events) WHERE {
          ?event a kg:Event ; kg:eventType ?t ; kg:modality kg:Asserted ; kg:date ?d .
          BIND(SUBSTR(STR(?d), 1, 7) AS ?month) BIND(STRAFTER(STR(?t), STR(plover:)) AS ?type) }
        GROUP BY ?month ?type""",
    "relations": """
        SELECT ?subject ?predicate ?object (COUNT(DISTINCT ?r) AS ?statements) WHERE {
          ?r a kg:RelationStatement ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:inArticle ?article .
          ?s rdfs:label ?subject FILTER(LANG(?subject) = "ar") ?o rdfs:label ?object FILTER(LANG(?object) = "ar")
          BIND(STRAFTER(STR(?p), STR(kgr:)) AS ?predicate) } GROUP BY ?subject ?predicate ?object""",
    "co-actors": """
        SELECT ?other (COUNT(DISTINCT ?article) AS ?articles) WHERE {
          VALUES ?actor { kgid:entity\\/russia }
          ?x a kg:Event ; kg:modality kg:Asserted ; kg:actor|kg:target ?actor ; kg:inArticle ?article .
          ?y a kg:Event ; kg:modality kg:Asserted ; kg:actor|kg:target ?o ; kg:inArticle ?article .
          FILTER(?o != ?actor) ?o rdfs:label ?other FILTER(LANG(?other) = "ar") } GROUP BY ?other""",
}


def _rows(rows):
    """Rows as comparable values, a concatenated list of names in any order."""
    return sorted((tuple(" ".join(sorted(v.replace("،", " ").replace(",", " ").split())) if isinstance(v, str) else v
                         for v in row) for row in rows), key=repr)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_queries_answer_as_the_plain_queries(seed_store, name):
    tallied = select(seed_store, QUERIES[name].read_text(encoding="utf-8")).rows
    assert tallied and _rows(tallied) == _rows(select(seed_store, PLAIN[name]).rows)
