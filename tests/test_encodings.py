"""Arabic articles as they come: UTF-8 (with or without BOM), UTF-16 (with or without
BOM), Windows-1256; what is none of these, or is binary, is refused with what was tried."""

import codecs
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.errors import ReadError
from kg.read import read_articles

TITLE = "افتتاح مستشفى جديد في طرابلس"
BODY = ("أعلنت وزارة الصحة في بيروت، صباح الأحد، افتتاح مستشفى جديد في مدينة طرابلس الشمالية "
        "بكلفة 25 مليون دولار؛ وقال المتحدث باسم الوزارة لوكالة AFP إن المستشفى سيستقبل المرضى "
        "ابتداءً من الشهر المقبل. هل تكفي الأسرّة؟")
ARTICLE = f"{TITLE}\n\n{BODY}\n"
# Diacritics, tatweel, Arabic punctuation, a French word: all of it in Windows-1256.
VOWELLED = "قالَ الوزيرُ إنّ الـمشروعَ «مهمٌّ جدًّا»، وأضاف في مقهى café قرب الميناء: لا تأخيرَ بعد اليوم."
FRENCH = "Le ministre a déclaré à la presse que le nouvel hôpital ouvrira très bientôt à Tripoli.\n"
SPANISH = "El ministro declaró que el nuevo hospital abrirá sus puertas en Trípoli el próximo año.\n"


def _read(path, **options):
    return list(read_articles([path], **options))


def _one(path, **options):
    [item] = _read(path, **options)
    return item


def _text(path, **options):
    item = _one(path, **options)
    assert not isinstance(item, ReadError), str(item)
    return item.text


# --- what is read -----------------------------------------------------------------

@pytest.mark.parametrize("codec,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""),  # no BOM: found by the NUL pattern
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("cp1256", b""),
])
def test_each_encoding_gives_the_same_article(tmp_path, codec, prefix):
    path = tmp_path / "tripoli-2021-03-07.txt"
    path.write_bytes(prefix + ARTICLE.encode(codec))
    article = _one(path)
    assert article.text == ARTICLE
    assert article.title == TITLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_and_without_any_ascii(tmp_path, codec):
    text = "الحكومة‏تعلن‏افتتاح‏المستشفى"  # joined by RLMs: not one NUL byte in it
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    assert b"\x00" not in text.encode(codec)
    assert _text(tmp_path / "a.txt") == text


def test_windows_1256_with_diacritics_tatweel_and_a_latin_word(tmp_path):
    (tmp_path / "a.txt").write_bytes(VOWELLED.encode("cp1256"))
    assert _text(tmp_path / "a.txt") == VOWELLED


def test_forced_encoding_still_wins(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("iso-8859-6"))
    assert _text(tmp_path / "a.txt", encoding="iso-8859-6") == ARTICLE
    (tmp_path / "b.txt").write_bytes(ARTICLE.encode("cp1256"))
    assert _text(tmp_path / "b.txt", encoding="cp1256") == ARTICLE


# --- what is refused, and how it is said ---------------------------------------------

def test_latin1_text_is_refused_naming_file_line_and_what_was_tried(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes(("Tripoli\n\n" + FRENCH).encode("latin-1"))
    error = str(_one(path))
    assert error.startswith(f"{path}:3: not UTF-8 (byte 0xe9)")
    assert "tried UTF-8, UTF-16 and Windows-1256" in error and "--encoding" in error
    assert "0 of its" in error  # no non-ASCII letter would be Arabic


def test_spanish_latin1_is_not_taken_for_arabic(tmp_path):
    # Read as Windows-1256, á and í become ل and ي: Arabic letters, run into Latin ones.
    (tmp_path / "es.txt").write_bytes(SPANISH.encode("latin-1"))
    error = str(_one(tmp_path / "es.txt"))
    assert "not UTF-8" in error and "run into Latin letters" in error


def test_iso_8859_6_arabic_is_refused_not_misread(tmp_path):
    # ISO-8859-6 bytes read as Windows-1256 are mostly Arabic letters, but the wrong ones,
    # with é, è, ç inside words: refused, and the message names the encoding to force.
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("iso-8859-6"))
    error = str(_one(tmp_path / "a.txt"))
    assert error.startswith(f"{tmp_path / 'a.txt'}:1: not UTF-8")
    assert "run into Latin letters" in error and "iso-8859-6" in error


def test_a_file_mixing_utf8_and_windows_1256_is_refused_at_the_first_bad_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(TITLE.encode() + b"\n\n" + BODY.encode() + b"\n" + VOWELLED.encode("cp1256") + b"\n")
    error = str(_one(path))
    assert error.startswith(f"{path}:4: not UTF-8")
    assert "line 1 is UTF-8: the file mixes encodings" in error


def test_utf8_with_one_broken_character_is_refused_at_its_line(tmp_path):
    path = tmp_path / "cut.txt"
    data = ARTICLE.encode()
    cut = data.index("الشمالية".encode()) + 1  # the middle of a two-byte letter
    path.write_bytes(data[:cut] + data[cut + 1:])
    error = str(_one(path))
    assert error.startswith(f"{path}:3: not UTF-8") and "mixes encodings" in error


def test_utf8_mojibake_saved_again_as_windows_1256_is_not_taken_for_arabic(tmp_path):
    # UTF-8 bytes shown as Windows-1256 ("ط§ظ„…") and saved: a classic of Arabic web pages.
    mojibake = BODY.encode("utf-8").decode("cp1256")
    (tmp_path / "a.txt").write_bytes(mojibake.encode("utf-8"))
    assert _text(tmp_path / "a.txt") == mojibake  # valid UTF-8: read as it is, not guessed at
    (tmp_path / "b.txt").write_bytes(BODY.encode("utf-8")[:-1] + b"\xff")  # not valid: refused
    assert "not UTF-8" in str(_one(tmp_path / "b.txt"))


@pytest.mark.parametrize("data,what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a ZIP archive, .docx or .odt"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (b"{\\rtf1\\ansi\\ansicpg1256 \\'c7\\'e1", "an RTF document"),
    (b"\x1f\x8b\x08\x00", "a gzip file"),
])
def test_binary_files_are_refused_by_their_magic(tmp_path, data, what):
    (tmp_path / "a.txt").write_bytes(data + bytes(range(256)))
    assert str(_one(tmp_path / "a.txt")) == f"{tmp_path / 'a.txt'}: binary file ({what}), not a text article; skipped"


def test_nul_bytes_that_are_not_utf16_are_binary(tmp_path):
    (tmp_path / "a.bin.txt").write_bytes(b"\x00\x01\x02\x03" * 64 + BODY.encode())
    (tmp_path / "odd.txt").write_bytes(ARTICLE.encode("utf-16-le") + b"\n")  # odd length
    (tmp_path / "utf8-nul.txt").write_bytes(BODY.encode() + b"\x00\n")
    for name in ("a.bin.txt", "odd.txt", "utf8-nul.txt"):
        error = str(_one(tmp_path / name))
        assert "binary file (NUL bytes, not in the pattern of UTF-16 text)" in error, error
    assert str(_one(tmp_path / "utf8-nul.txt")).startswith(f"{tmp_path / 'utf8-nul.txt'}:1:")


def test_a_bom_that_lies_is_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")[:-1])
    error = str(_one(tmp_path / "a.txt"))
    assert "byte-order mark but is not UTF-16" in error


def test_unknown_forced_encoding(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode())
    (tmp_path / "b.jsonl").write_bytes(b'{"text": "x"}\n')
    assert "unknown encoding 'klingon'" in str(_one(tmp_path / "a.txt", encoding="klingon"))
    assert "unknown encoding 'klingon'" in str(_one(tmp_path / "b.jsonl", encoding="klingon"))


# --- JSON Lines: streamed, decided per file --------------------------------------------

def _line(ident, text):
    return json.dumps({"id": ident, "text": text}, ensure_ascii=False) + "\n"


def test_jsonl_in_windows_1256_is_read_line_by_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_line("ascii", "AFP: no Arabic here").encode("cp1256")
                     + _line("a1", BODY).encode("cp1256")
                     + _line("a2", VOWELLED).encode("cp1256"))
    items = _read(path)
    assert [(i.id, i.text, i.origin) for i in items] == [
        ("ascii", "AFP: no Arabic here", f"{path}:1"), ("a1", BODY, f"{path}:2"), ("a2", VOWELLED, f"{path}:3")]


def test_jsonl_the_first_non_utf8_line_decides_for_the_file(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_line("u", BODY).encode()                     # UTF-8: always read as UTF-8
                     + _line("fr", FRENCH).encode("latin-1")       # decides: not Windows-1256
                     + _line("ar", VOWELLED).encode("cp1256")      # so this is refused too
                     + _line("u2", TITLE).encode())
    items = _read(path)
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["u", "u2"]
    first, second = (str(i) for i in items if isinstance(i, ReadError))
    assert first.startswith(f"{path}:2: not UTF-8") and "--encoding" in first
    assert second.startswith(f"{path}:3: not UTF-8") and "(line 2) was not Windows-1256 Arabic" in second

    other = tmp_path / "other.jsonl"  # the decision is per file
    other.write_bytes(_line("ar", VOWELLED).encode("cp1256") + _line("fr", FRENCH).encode("latin-1"))
    assert [i.text for i in _read(other)] == [VOWELLED, FRENCH]  # the file is Windows-1256: é is é there


@pytest.mark.parametrize("codec,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                       ("utf-16-le", b""), ("utf-16-be", b"")])
def test_jsonl_in_utf16_is_streamed(tmp_path, codec, bom):
    # U+2028 is legal unescaped in JSON: it must not split a line.
    records = [("a1", BODY), ("a2", VOWELLED + "\u2028" + TITLE), ("a3", TITLE)]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(bom + "".join(_line(i, t) for i, t in records).encode(codec))
    items = _read(path)
    assert [(i.id, i.text, i.origin) for i in items] == [(i, t, f"{path}:{n}") for n, (i, t) in enumerate(records, 1)]


def test_jsonl_forced_utf16(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes((_line("a1", BODY) + _line("a2", TITLE)).encode("utf-16"))
    assert [i.text for i in _read(path, encoding="utf-16")] == [BODY, TITLE]


def test_jsonl_binary_file_is_one_error_and_a_nul_line_is_one_error(tmp_path):
    (tmp_path / "zip.jsonl").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8 + b"\n" * 20)
    assert [str(i) for i in _read(tmp_path / "zip.jsonl")] == [
        f"{tmp_path / 'zip.jsonl'}: binary file (a ZIP archive, .docx or .odt), not a text article; skipped"]
    path = tmp_path / "nul.jsonl"
    path.write_bytes(_line("a1", BODY).encode() * 40 + b'{"id": "x", "text": "a\x00b"}\n' + _line("a2", TITLE).encode())
    items = _read(path)
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["a1"] * 40 + ["a2"]
    [error] = [str(i) for i in items if isinstance(i, ReadError)]
    assert error.startswith(f"{path}:41: binary file (NUL bytes")


# --- properties -----------------------------------------------------------------------

ARABIC_WORD = st.text(st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة"), min_size=2, max_size=8)
MARKS = st.sampled_from(["", "", "", "َ", "ُ", "ِ", "ّ", "ْ", "ً", "ـ", "\u200f", "\u200c"])
WORD = st.one_of(st.tuples(ARABIC_WORD, MARKS).map("".join), ARABIC_WORD,
                 st.sampled_from(["AFP", "2019", "25", "،", "؛", "؟", ".", "«", "»", "-", "(رويترز)"]))
TEXT = st.lists(WORD, min_size=3, max_size=60).map(" ".join).filter(
    lambda t: sum("\u0621" <= c <= "\u064a" for c in t) >= 4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"]),
       newlines=st.sampled_from(["\n", "\r\n"]))
def test_arabic_text_in_any_of_the_encodings_reads_back_exactly(tmp_path, text, codec, newlines):
    article = text.replace(" . ", f" .{newlines}")
    path = tmp_path / "a.txt"
    path.write_bytes(article.encode(codec))
    assert _text(path) == article


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_any_bytes_give_articles_or_read_errors_never_an_exception(tmp_path, data, suffix):
    path = tmp_path / f"a{suffix}"
    path.write_bytes(data)
    first = [(type(i).__name__, str(i)) for i in read_articles([path])]
    assert first == [(type(i).__name__, str(i)) for i in read_articles([path])]  # deterministic
