import codecs
import datetime as dt

from kg.errors import ReadError
from kg.read import read_articles

HEADLINE = "غارات على ريف حلب"
BODY = "قصفت طائرات حربية بلدة في ريف حلب الشمالي صباح اليوم."


def _items(*paths, **kw):
    return list(read_articles(paths, **kw))


def test_txt_first_line_is_headline_and_stem_is_id(tmp_path):
    path = tmp_path / "aleppo-2016-12-10.txt"
    path.write_text(f"{HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    [article] = _items(path)
    assert article.id == "aleppo-2016-12-10"
    assert article.title == HEADLINE
    assert article.text == f"{HEADLINE}\n\n{BODY}\n"  # offsets index the whole file
    assert article.published == dt.date(2016, 12, 10)  # from the file name


def test_published_option_fills_in_and_file_name_date_wins(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b-20180623.txt").write_text(BODY, encoding="utf-8")
    a, b = _items(tmp_path, published=dt.date(2020, 1, 1))
    assert a.published == dt.date(2020, 1, 1)
    assert b.published == dt.date(2020, 1, 1)  # an explicit option applies to every article


def test_jsonl_fields_and_metadata(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "x1", "text": "%s", "title": "t", "published": "2018-06-06", '
                    '"url": "https://example.org/x1", "source": "AFP", "section": "سوريا", "rank": 3}\n' % BODY,
                    encoding="utf-8")
    [article] = _items(path)
    assert (article.id, article.title, article.source, article.url) == ("x1", "t", "AFP", "https://example.org/x1")
    assert article.published == dt.date(2018, 6, 6)
    assert dict(article.metadata) == {"section": "سوريا", "rank": "3"}
    assert article.origin == f"{path}:1"


def test_bad_lines_are_reported_with_path_and_line_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        ('{"id": "good1", "text": "%s"}\n' % BODY).encode()
        + b'{"id": "broken", "text": \n'
        + b'{"id": "empty", "text": "   "}\n'
        + b'["not", "an", "object"]\n'
        + b'{"id": "bad-date", "text": "x", "published": "yesterday"}\n'
        + '{"id": "latin1", "text": "caf\xe9"}\n'.encode("latin-1")
        + ('{"id": "good2", "text": "%s"}\n' % BODY).encode()
    )
    items = _items(path)
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["good1", "good2"]
    errors = [str(i) for i in items if isinstance(i, ReadError)]
    assert errors[0].startswith(f"{path}:2: invalid JSON")
    assert errors[1] == f'{path}:3: empty article: the "text" field is missing or empty'
    assert errors[2].startswith(f"{path}:4: expected a JSON object")
    assert errors[3].startswith(f"{path}:5: \"published\" is not a YYYY-MM-DD date")
    assert errors[4].startswith(f"{path}:6: not UTF-8")


def test_undecidable_empty_binary_and_missing_files(tmp_path):
    (tmp_path / "a-cp1256.txt").write_bytes(BODY.encode("cp1256"))  # Arabic in Windows-1256: decoded
    (tmp_path / "b-latin1.txt").write_bytes("Le café est fermé.".encode("latin-1"))  # neither
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    items = _items(tmp_path, tmp_path / "missing.txt")
    assert items[0].text == BODY
    errors = [str(e) for e in items[1:]]
    assert errors[0].startswith(f"{tmp_path / 'b-latin1.txt'}:1: not UTF-8") and "--encoding" in errors[0]
    assert errors[1] == f"{tmp_path / 'empty.txt'}:1: empty article (no text)"
    assert "binary" in errors[2]
    assert errors[3] == f"{tmp_path / 'missing.txt'}: no such file or folder"


def test_forced_encoding_and_boms(tmp_path):
    (tmp_path / "a.txt").write_bytes(BODY.encode("cp1256"))
    (tmp_path / "b.txt").write_bytes(codecs.BOM_UTF8 + BODY.encode())
    (tmp_path / "c.txt").write_bytes(BODY.encode("utf-16"))
    [a] = _items(tmp_path / "a.txt", encoding="cp1256")
    assert a.text == BODY
    b, c = _items(tmp_path / "b.txt", tmp_path / "c.txt")
    assert b.text == BODY and c.text == BODY


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [a.id for a in _items(tmp_path)] == ["a", "b"]
