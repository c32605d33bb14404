"""Build kg/lexicons/names/name-words.tsv and name-words-patterns.tsv: how English writes
each Arabic name word, counted over the lexicons' own Arabic-English name pairs.

Every row of actors.tsv, countries.tsv and places.tsv pairs Arabic names with English
ones (places and countries only where Arabic is spoken: elsewhere the Arabic is itself a
transliteration; actors of Turkey, Iran, Afghanistan, Pakistan and Azerbaijan left out,
whose own romanisations spell Arabic-script names their way: Mehmet, Selahattin). A
pair is aligned word by word where the words correspond one to one - after the article
(الميادين ↔ al-Mayadin, Al Mayadin, Ad Dimnah's "Ad") and the units عبد + ال-word,
X الله, X الدين (Abdullah, Abdel Fattah, Zahreddine) - and every pair of words sounds
alike (their consonant skeletons, kg.romanise.skeleton_ar/_en, are at least half the
same): "الولايات المتحدة" ↔ "United States" is no alignment. A row votes once per Arabic
word key, for the spelling its first English name showing the word uses (canonical
name before aliases); the table keeps, per key and kind (per, place, org), the spelling
with most votes (ties: the first in sort order). The same alignments give:

* the vowel patterns (name-words-patterns.tsv): the letters of each aligned word matched
  to its spelling (kg.romanise.learn_vowels), the most frequent per word shape and kind;
* conventions, as rows with * in the key: how عبد ال*, * الله, * الدين are joined; how a
  final ة is spelled (*ة: a or ah); head nouns that English translates or drops
  (محافظة * → * Governorate, مدينة * → *; kept with at least MIN_HEAD votes).

name-words-hand.tsv is written by hand and wins over both files at lookup time.

    python scripts/build_name_words.py            # rewrite both files
    python scripts/build_name_words.py --heldout  # build from 4/5 of the rows, score romanise() on the rest

The output depends only on the lexicon files: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analyse import key  # noqa: E402
from kg.romanise import (  # noqa: E402
    HAND_FILE,
    PATTERNS_FILE,
    WORDS_FILE,
    Romaniser,
    ascii_fold,
    clean,
    is_arabic,
    learn_vowels,
    read_table,
    similarity,
    skeleton_ar,
    skeleton_en,
    split_article,
)

LEXICONS = ROOT / "kg" / "lexicons"
# Arab League members and Palestine: their places' English names transliterate Arabic.
ARABIC_SPEAKING = {
    "algeria", "bahrain", "comoros", "djibouti", "egypt", "iraq", "jordan", "kuwait", "lebanon", "libya",
    "mauritania", "morocco", "oman", "palestine", "qatar", "saudi-arabia", "somalia", "sudan", "syria",
    "tunisia", "united-arab-emirates", "yemen", "western-sahara",
}
# Actors of countries whose own romanisation spells Arabic-script names its way (Mehmet,
# Selahattin, Ruhollah, Hibatullah): not news spellings of Arabic names.
OTHER_ROMANISATIONS = {"turkey", "iran", "afghanistan", "pakistan", "azerbaijan"}
# Nouns that head place names and that English may translate and move (محافظة تعز → Taiz
# Governorate) or drop (مدينة الباب → Al-Bab): the lexicons' pairs decide, per noun.
HEADS = ("محافظة", "مديرية", "مدينة", "مخيم", "ناحية", "قضاء", "بلدة", "قرية", "حي", "ولاية",
         "جزيرة", "جزر", "بحيرة", "نهر", "جبل", "جبال", "صحراء", "مطار", "معبر", "سد", "شعبية", "إمارة")
MIN_HEAD = 3  # votes a head-noun convention needs
MIN_WORD = 0.5  # every aligned word pair at least this similar
MIN_MEAN = 0.6  # and the name on average
_PIECE = re.compile(r"\S+")
_ARTICLE_TOKENS = {"al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed", "er", "es", "esh",
                   "et", "ez", "en", "l"}
_ARTICLE_PREFIX = re.compile(r"^(al|el|ad|adh|ar|as|ash|at|ath|az|an|ed|er|es|esh|et|ez|en|ul|il|l)-(.+)$", re.I)
_PARTICLES = {"bin", "ibn", "bint", "bani", "ben"}


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    kind: str  # per, org, place
    ar: tuple[str, ...]
    en: tuple[str, ...]
    country: str = ""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The votes one (Arabic, English) name pair gives."""

    words: tuple[tuple[str, str], ...]  # (Arabic key, English) - whole words and stems
    compounds: tuple[tuple[str, str], ...]  # (Arabic key of a two-word unit, English)
    letters: tuple[tuple[str, str], ...]  # (Arabic word without the article, English word), for patterns


def read_rows() -> list[Row]:
    """The name rows of the lexicons (places outside Arabic-speaking countries left out)."""
    rows = []
    for name, kinds in (("actors.tsv", None), ("countries.tsv", "place"), ("places.tsv", "place")):
        country_column = "id" if name == "countries.tsv" else "country"
        header = None
        for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cell = dict(zip(header, cells))
            if kinds and cell.get(country_column) not in ARABIC_SPEAKING:
                continue
            if not kinds and cell.get("country") in OTHER_ROMANISATIONS:
                continue
            kind = kinds or ("per" if cell["type"] == "PER" else "org")
            en = tuple(e for e in [cell["en"], *cell.get("en_aliases", "").split("|")] if e)
            ar = tuple(a for a in cell.get("ar", "").split("|") if a)
            rows.append(Row(cell["id"], kind, ar, en, cell.get(country_column, "")))
    return rows


def english_tokens(name: str) -> list[str] | None:
    """The words of an English name, folded to ASCII, without a disambiguator; None when it
    holds digits or nothing."""
    name = re.sub(r"\s*\(.*?\)\s*", " ", name)
    name = ascii_fold(name)
    tokens = name.replace(",", " ").split()
    if not tokens or any(re.search(r"[^A-Za-z-]", t) or (len(t) > 1 and t.isupper()) for t in tokens):
        return None  # digits, symbols, abbreviations (SYR, UN, II)
    return tokens


def arabic_words(name: str) -> list[str] | None:
    """The words of an Arabic name (shadda dropped); None when it holds anything else."""
    pieces = _PIECE.findall(clean(name).replace("-", " "))
    if not pieces or not all(is_arabic(p) and all(is_arabic(ch) for ch in p.replace("\u0651", "")) for p in pieces):
        return None
    return [p.replace("\u0651", "") for p in pieces]


def _parse(token: str) -> tuple[bool, str]:
    """(has an article, the rest) of one English word: al-Bab → (True, Bab)."""
    m = _ARTICLE_PREFIX.match(token)
    if m and len(m.group(2)) >= 2:
        return True, m.group(2)
    return False, token


def _cap(word: str) -> str:
    """A word title-cased, a particle (bin, ibn) lower-cased."""
    if word.lower() in _PARTICLES:
        return word.lower()
    return word[:1].upper() + word[1:]


def _eligible(first: str, second: str) -> bool:
    """Whether two Arabic words may be written as one unit in English."""
    article, _ = split_article(second)
    return (key(first) == "عبد" and article) or key(second) in ("الله", "الدين")


def _unit_tokens(first: str, tokens: list[str]) -> bool:
    """Whether English words can spell a two-word unit: one word (Abdullah, Nasrallah),
    Abdel + word, or word + al-Din / al + Din."""
    if len(tokens) == 1:
        return True
    if key(first) == "عبد":
        return tokens[0].lower().startswith("abd") and len(tokens[0]) <= 6 and (
            len(tokens) == 2 or tokens[1].lower() in _ARTICLE_TOKENS)
    if len(tokens) == 2:
        return _parse(tokens[1])[0] or tokens[1].lower() in ("allah", "eddine", "eddin", "uddin")
    return tokens[1].lower() in _ARTICLE_TOKENS


def align(ar_words: list[str], en_tokens: list[str]) -> Alignment | None:
    """The best word alignment of an Arabic and an English name, or None."""
    n, m = len(ar_words), len(en_tokens)
    memo: dict[tuple[int, int], tuple[float, tuple] | None] = {}

    def best(i: int, j: int) -> tuple[float, tuple] | None:
        if i == n and j == m:
            return 0.0, ()
        if i == n or j == m:
            return None
        if (i, j) in memo:
            return memo[(i, j)]
        options = []
        word = ar_words[i]
        article, stem = split_article(word)
        after_abd = i > 0 and key(ar_words[i - 1]) == "عبد"
        # one word for one word
        art_e, stem_e = _parse(en_tokens[j])
        if article or not art_e:
            sim = similarity(skeleton_ar(stem), skeleton_en(stem_e))
            # the article written into the word: العربي ↔ Elaraby
            joined = similarity(skeleton_ar("ل" + stem), skeleton_en(stem_e)) if article and not art_e else 0.0
            merged = joined > sim
            sim = max(sim, joined)
            if sim >= MIN_WORD:
                options.append((sim, 1, 1, ("word", word, art_e, stem_e, merged, after_abd)))
        # one word with the article for "Al" + word
        if article and j + 1 < m and en_tokens[j].lower() in _ARTICLE_TOKENS and not _parse(en_tokens[j + 1])[0]:
            sim = similarity(skeleton_ar(stem), skeleton_en(en_tokens[j + 1]))
            if sim >= MIN_WORD:
                options.append((sim, 1, 2, ("word", word, True, en_tokens[j + 1], False, after_abd)))
        # two words as one unit
        if i + 1 < n and _eligible(word, ar_words[i + 1]):
            _, second = split_article(ar_words[i + 1])
            skel = skeleton_ar(word + "ل" + second)
            for k in (1, 2, 3):
                if j + k <= m and _unit_tokens(word, en_tokens[j:j + k]):
                    english = " ".join(en_tokens[j:j + k])
                    sim = similarity(skel, skeleton_en(english))
                    if sim >= MIN_WORD:
                        options.append((2 * sim + 0.01, 2, k, ("compound", word, ar_words[i + 1], en_tokens[j:j + k])))
        found = None
        for sim, di, dj, move in options:
            rest = best(i + di, j + dj)
            if rest is not None:
                total = (sim + rest[0], (move, *rest[1]))
                if found is None or total[0] > found[0]:
                    found = total
        memo[(i, j)] = found
        return found

    result = best(0, 0)
    if result is None:
        return None
    total, moves = result
    if total / max(n, 1) < MIN_MEAN:
        return None
    words, compounds, letters = [], [], []
    for move in moves:
        if move[0] == "word":
            _, word, art_e, stem_e, merged, after_abd = move
            article, stem = split_article(word)
            stem_e = _cap(stem_e)
            if merged:
                words.append((key(word), stem_e))
                continue
            if article:
                if not after_abd:
                    words.append((key(word), ("al-" + stem_e) if art_e else stem_e))
                words.append((key(stem), stem_e))
                letters.append((stem, stem_e))
            else:
                words.append((key(word), stem_e))
                letters.append((word, stem_e))
        else:
            _, first, second, english = move
            compounds.append((key(f"{first} {second}"), " ".join(_cap(e) if not _parse(e)[0] else e
                                                                      for e in english)))
            if key(first) == "عبد" and len(english) >= 2:
                art_e, stem_e = _parse(english[-1])
                words.append((key(split_article(second)[1]), _cap(stem_e)))
    return Alignment(tuple(words), tuple(compounds), tuple(letters))


def alignments(row: Row) -> Iterator[tuple[str, str, Alignment]]:
    """Every (Arabic name, English name, alignment) of a row that aligns."""
    for ar in row.ar:
        ar_words = arabic_words(ar)
        if not ar_words:
            continue
        for en in row.en:
            tokens = english_tokens(en)
            if not tokens:
                continue
            found = align(ar_words, tokens)
            if found:
                yield ar, en, found


# --- conventions for the units ----------------------------------------------------------

_ABD_STYLES = (
    (re.compile(r"^abd (al|el)-", re.I), "Abd al-*"),
    (re.compile(r"^abd[ -](al|el|ul) ", re.I), "Abd al-*"),
    (re.compile(r"^abdel ", re.I), "Abdel *"),
    (re.compile(r"^abdel-", re.I), "Abdel-*"),
    (re.compile(r"^abdul ", re.I), "Abdul *"),
    (re.compile(r"^abdul-", re.I), "Abdul-*"),
    (re.compile(r"^abdel[a-z]", re.I), "Abdel*"),
    (re.compile(r"^abdul[a-z]", re.I), "Abdul*"),
)
_ALLAH_STYLES = (
    (re.compile(r"[a-z]allah$", re.I), "*allah"),
    (re.compile(r"[a-z]ullah$", re.I), "*ullah"),
    (re.compile(r"[a-z]ollah$", re.I), "*ollah"),
)
_DIN_STYLES = (
    (re.compile(r"[ -](al|el|ad|ed|ud|ul)[ -]din$", re.I), "* al-Din"),
    (re.compile(r"(eddine|eddin)$", re.I), "*eddine"),
    (re.compile(r"(uddin|udin)$", re.I), "*uddin"),
    (re.compile(r"(addin|aldin|aldeen)$", re.I), "*addin"),
)


def _style(english: str, styles: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    for pattern, style in styles:
        if pattern.search(english):
            return style
    return None


def build(rows: Iterable[Row]) -> tuple[list[tuple[str, str, str, int]], list[tuple[str, str, str, int]]]:
    """(word rows: Arabic key, kind, English, votes; pattern rows: shape, kind, pattern, votes).

    A row votes once per Arabic key, for the spelling of its first English name (canonical
    name, then aliases in order) that shows the key: Haider al-Abadi rather than the alias
    Haider Abadi."""
    votes: Counter[tuple[str, str, str]] = Counter()
    pattern_votes: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        chosen: dict[str, str] = {}
        letters: dict[str, str] = {}
        for en in row.en:
            for _ar, found in _aligned(row, en):
                for ar_key, english in (*found.words, *found.compounds):
                    chosen.setdefault(ar_key, english)
                for ar_key, english in found.compounds:
                    style = _unit_style(ar_key, english)
                    if style:
                        chosen.setdefault(style[0], style[1])
                for ar_word, english in found.letters:
                    letters.setdefault(ar_word, english)
            for head, convention in _head_conventions(row, en):
                chosen.setdefault(head, convention)
        votes.update((ar_key, row.kind, english) for ar_key, english in chosen.items())
        final: Counter[str] = Counter()
        for shape_key, pattern in sorted({learn_vowels(ar, en) for ar, en in letters.items()} - {None}):
            pattern_votes[(shape_key, row.kind, pattern)] += 1
        for ar, en in letters.items():
            if ar.endswith("ة"):
                final[_final_spelling(en)] += 1
        for spelling in final:
            votes[("*ة", row.kind, spelling)] += 1
    words = [w for w in _winners(votes) if not w[0].endswith(" *") or w[3] >= MIN_HEAD]
    return words, _winners(pattern_votes)


def _aligned(row: Row, en: str) -> Iterator[tuple[str, Alignment]]:
    tokens = english_tokens(en)
    if not tokens:
        return
    for ar in row.ar:
        ar_words = arabic_words(ar)
        if ar_words:
            found = align(ar_words, tokens)
            if found:
                yield ar, found


def _head_conventions(row: Row, en: str) -> Iterator[tuple[str, str]]:
    """("محافظة *", "* Governorate") where a row's Arabic name is a head noun + a name that
    aligns with the English name less its last word, ("مدينة *", "*") where it aligns with
    the whole English name, ("جبل *", "Jabal *") where the head itself aligns."""
    tokens = english_tokens(en)
    if not tokens or row.kind != "place":
        return
    for ar in row.ar:
        ar_words = arabic_words(ar)
        if not ar_words or len(ar_words) < 2 or ar_words[0] not in HEADS:
            continue
        head, rest = key(ar_words[0]) + " *", ar_words[1:]
        if align(rest, tokens):
            yield head, "*"
        elif len(tokens) > 1 and align(rest, tokens[:-1]):
            yield head, "* " + tokens[-1]
        elif len(tokens) > 1 and align(rest, tokens[1:]) and align(ar_words[:1], tokens[:1]):
            yield head, _cap(tokens[0]) + " *"


def _final_spelling(english: str) -> str:
    """How an English spelling writes a final ة: a, ah, eh, e or at."""
    for ending in ("ah", "eh", "at", "et", "a", "e"):
        if english.lower().endswith(ending):
            return ending
    return ""


def _unit_style(ar_key: str, english: str) -> tuple[str, str] | None:
    """(convention key, style) that a spelled unit shows: عبد الفتاح, Abdel Fattah →
    (عبد ال*, Abdel *)."""
    if ar_key == "عبد الله":
        return None  # Abdullah is a name of its own, not an instance of the convention
    if ar_key.startswith("عبد ال"):
        name, styles = "عبد ال*", _ABD_STYLES
    elif ar_key.endswith(" الدين"):
        name, styles = "* الدين", _DIN_STYLES
    elif ar_key.endswith(" الله"):
        name, styles = "* الله", _ALLAH_STYLES
    else:
        return None
    style = _style(english, styles)
    return (name, style) if style else None


def _winners(votes: Counter[tuple[str, str, str]]) -> list[tuple[str, str, str, int]]:
    """Per (key, kind), the value with most votes (ties: the first in sort order)."""
    by_key: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for (ar, kind, en), count in votes.items():
        by_key[(ar, kind)].append((count, en))
    out = []
    for (ar, kind), options in by_key.items():
        count, en = min(options, key=lambda o: (-o[0], o[1]))
        out.append((ar, kind, en, count))
    return sorted(out)


# --- output ---------------------------------------------------------------------------------

def render(rows: list[Row] | None = None) -> dict[Path, str]:
    """The text of both files, built from ``rows`` (the lexicons' rows by default)."""
    words, patterns = build(read_rows() if rows is None else rows)
    head = ("# Generated by scripts/build_name_words.py from kg/lexicons/{source}; name-words-hand.tsv"
            " wins over it. Do not edit.\n")
    return {
        WORDS_FILE: head.format(source="actors.tsv, countries.tsv and places.tsv") + "ar\tkind\ten\tcount\n"
        + "".join("\t".join(map(str, r)) + "\n" for r in words),
        PATTERNS_FILE: head.format(source="actors.tsv, countries.tsv and places.tsv (vowel patterns)")
        + "shape\tkind\tpattern\tcount\n" + "".join("\t".join(map(str, r)) + "\n" for r in patterns),
    }


def held_out(row: Row) -> bool:
    """Whether a row is in the held-out fifth (by a hash of its id)."""
    return int(hashlib.sha1(row.id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def norm(text: str) -> str:
    """An English name as the scorer compares it: lower case, punctuation and hyphens as spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\"'`’‘«»()\[\]{}.,،:;!?؟\-–—_/]", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(text.split())


def _loose(text: str) -> str:
    """``norm`` with every form of the article as "al" and a word-final -ah as -a."""
    words = norm(text).split()
    out = []
    for i, w in enumerate(words):
        if w in _ARTICLE_TOKENS and i + 1 < len(words):
            w = "al"
        out.append(w[:-1] if w.endswith("ah") and len(w) > 3 else w)
    return " ".join(out)


def evaluate_held_out(rows: list[Row], *, show: int = 0) -> dict[str, tuple[int, int]]:
    """Build from four fifths of the rows; for each held-out row with an aligned name,
    whether romanise() of that Arabic name equals one of the row's English names."""
    train = [r for r in rows if not held_out(r)]
    words, patterns = build(train)
    romaniser = Romaniser.from_rows(words, patterns, [(r[0], r[1]) for r in read_table(HAND_FILE) if len(r) >= 2])
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if not held_out(row) or row.kind == "org":
            continue
        first = next(alignments(row), None)
        if not first:
            continue
        ar = first[0]
        got = romaniser(ar, kind=row.kind)
        ok = norm(got) in {norm(e) for e in row.en}
        scores[row.kind][0] += ok
        scores[row.kind][1] += 1
        if row.kind == "per" and row.country in ARABIC_SPEAKING:
            scores["per (Arab countries)"][0] += ok
            scores["per (Arab countries)"][1] += 1
        loose = _loose(got) in {_loose(e) for e in row.en}
        scores[row.kind + " (article and -a/-ah aside)"][0] += loose
        scores[row.kind + " (article and -a/-ah aside)"][1] += 1
        if not ok:
            misses[row.kind].append(f"{ar}\t{got}\t{' | '.join(row.en)}")
    for kind, lines in misses.items():
        for line in lines[:show]:
            print(kind, line)
    return {k: (v[0], v[1]) for k, v in scores.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--heldout", action="store_true", help="score romanise() on a held-out fifth; write nothing")
    parser.add_argument("--show", type=int, default=0, help="with --heldout: print this many misses per kind")
    args = parser.parse_args(argv)
    rows = read_rows()
    if args.heldout:
        for kind, (ok, total) in sorted(evaluate_held_out(rows, show=args.show).items()):
            print(f"{kind}: {ok}/{total} = {ok / total:.3f} exact")
        return
    for path, text in render(rows).items():
        path.write_text(text, encoding="utf-8")
        print(f"{text.count(chr(10)) - 2} rows, {len(text.encode('utf-8')):,} bytes → {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
