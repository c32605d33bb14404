"""Memory while reading a 1 GB JSON Lines file: it must stay flat.

    .venv/bin/python benchmarks/memory.py [--size-mb 1024] [--extract 2000] [--file /tmp/kg-memory.jsonl] [--keep]

Writes a JSON Lines file of synthetic Arabic news articles (sentences composed here from
templates and word lists: nothing is copied from any corpus), then, each in a fresh
process so that nothing else counts:

- reads it whole through ``kg.read.read_articles`` (every line decoded, parsed and made
  an ``Article``), noting the resident memory and its peak so far (VmRSS, VmHWM) when
  10 MB, 100 MB, 1 GB and the whole file have been read;
- reads and extracts (``Extractor.extract``, then ``kg.graph.quads``) the first
  ``--extract`` articles, noting the same every tenth of the way.

Prints a Markdown table (and JSON with ``--out``); docs/reliability.md records a run.
Needs Linux (/proc/self/status); outside the test suite, it runs for minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 2**20
CHECKPOINTS_MB = (10, 100, 1024)

# --- the synthetic corpus ------------------------------------------------------------------

ACTORS = ("الجيش", "قوات الحكومة", "فصائل المعارضة", "الطيران الحربي", "قوات التحالف", "الشرطة المحلية",
          "مسلحون مجهولون", "وحدات الحماية", "قوات حفظ السلام", "الحرس الوطني")
PLACES = ("حلب", "إدلب", "الرقة", "دير الزور", "حمص", "درعا", "الموصل", "تعز", "عدن", "بنغازي", "سرت",
          "غزة", "بيروت", "طرابلس", "الحديدة", "كركوك")
AREAS = ("حي", "بلدة", "قرية", "ريف", "مخيم", "مدينة", "ضواحي")
SPEAKERS = ("المتحدث باسم الوزارة", "مصدر أمني", "مسؤول محلي", "الدفاع المدني", "منظمة إغاثة",
            "المرصد", "وكالة الأنباء الرسمية", "شهود عيان")
DAYS = ("السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
COUNTED = ("مدنيين", "أطفال", "مقاتلين", "عناصر", "أشخاص", "عائلات")
NUMBERS = ("ثلاثة", "خمسة", "سبعة", "عشرة", "عشرات", "مئات", "12", "27", "٤٥", "نحو 60", "أكثر من 100")
TEMPLATES = (
    "قصف {actor} {area} {place} يوم {day}، ما أدى إلى مقتل {number} من ال{counted}.",
    "قال {speaker} إن {number} {counted} أصيبوا في هجوم استهدف {area} {place}.",
    "أعلن {speaker} أن {actor} سيطرت على {area} جديدة قرب {place} بعد اشتباكات عنيفة.",
    "نزحت {number} عائلة من {area} {place} خلال الأسبوع الماضي بسبب القتال.",
    "دعا {speaker} إلى وقف إطلاق النار في {place} وفتح ممرات آمنة للمدنيين.",
    "اتهم {speaker} {actor} بارتكاب انتهاكات في {area} {place}.",
    "وصلت قافلة مساعدات إنسانية إلى {place} صباح {day} تحمل مواد غذائية وطبية.",
    "اعتقلت {actor} {number} من ال{counted} في حملة مداهمات شملت {area} {place}.",
    "عقد ممثلون عن الأطراف المتنازعة اجتماعا في {place} لبحث تبادل الأسرى.",
    "ونفى {speaker} أن تكون {actor} قد انسحبت من مواقعها في {place}.",
    "وأضاف {speaker} أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض في {place}.",
    "وشهدت {place} مظاهرات حاشدة يوم {day} احتجاجا على تردي الأوضاع المعيشية.",
    "وأكد {speaker} أن المفاوضات ستستأنف الأسبوع المقبل في {place}.",
    "وحذر {speaker} من تدهور الوضع الإنساني في {area} {place} مع اقتراب فصل الشتاء.",
    "وكانت {actor} قد شنت غارات على مواقع في محيط {place} مساء {day}.",
    "ولم تعلن أي جهة مسؤوليتها عن التفجير الذي وقع في {area} {place}.",
)
SOURCES = ("وكالة محلية", "صحيفة يومية", "موقع إخباري", "إذاعة")


def sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        actor=rng.choice(ACTORS), place=rng.choice(PLACES), area=rng.choice(AREAS), speaker=rng.choice(SPEAKERS),
        day=rng.choice(DAYS), counted=rng.choice(COUNTED), number=rng.choice(NUMBERS))


def write_corpus(path: Path, size_mb: int, seed: int = 1) -> dict:
    """Write about ``size_mb`` MB of articles; the line numbers at which each checkpoint is passed."""
    rng = random.Random(seed)
    start = dt.date(2012, 1, 1)
    marks = {mb: None for mb in CHECKPOINTS_MB if mb <= size_mb}
    written = line = 0
    with path.open("wb") as out:
        while written < size_mb * MB:
            line += 1
            sentences = [sentence(rng) for _ in range(rng.randint(6, 30))]
            paragraphs = "\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
            record = {"id": f"mem-{line}", "title": sentences[0][:70], "text": paragraphs,
                      "published": (start + dt.timedelta(days=rng.randrange(4000))).isoformat(),
                      "source": rng.choice(SOURCES), "url": f"https://news.example/{line}"}
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            out.write(data)
            written += len(data)
            for mb, at in marks.items():
                if at is None and written >= mb * MB:
                    marks[mb] = line
    return {"bytes": written, "lines": line, "marks": {str(mb): at for mb, at in marks.items()}}


# --- the measurements (each in a fresh process) ----------------------------------------------

def memory_mb() -> tuple[float, float]:
    """(resident now, peak resident so far) of this process, in MB."""
    fields = {}
    with open("/proc/self/status") as status:
        for row in status:
            name, _, value = row.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def measure_read(path: Path, marks: dict) -> dict:
    from kg.errors import ReadError
    from kg.read import read_articles

    at_line = {line: mb for mb, line in marks.items() if line}
    before = memory_mb()
    samples, started, count, chars = [], time.perf_counter(), 0, 0
    for item in read_articles([path]):
        assert not isinstance(item, ReadError), item
        count += 1
        chars += len(item.text)
        if count in at_line:
            samples.append({"read_mb": int(at_line[count]), "articles": count, "seconds": time.perf_counter() - started,
                            **dict(zip(("rss_mb", "peak_mb"), memory_mb()))})
    if not samples or samples[-1]["articles"] != count:  # the whole file, where no checkpoint fell at its end
        samples.append({"read_mb": round(path.stat().st_size / MB), "articles": count,
                        "seconds": time.perf_counter() - started, **dict(zip(("rss_mb", "peak_mb"), memory_mb()))})
    return {"before": dict(zip(("rss_mb", "peak_mb"), before)), "samples": samples, "characters": chars}


def measure_extract(path: Path, limit: int) -> dict:
    from kg.extract import Extractor
    from kg.graph import quads
    from kg.read import read_articles

    extractor = Extractor()
    extractor.extract(next(iter(read_articles([path]))))  # lazily loaded models and caches count as the start
    before = memory_mb()
    samples, started, count, made = [], time.perf_counter(), 0, 0
    step = max(1, limit // 10)
    for article in read_articles([path]):
        made += sum(1 for _ in quads(extractor.extract(article), ingested_at="2020-01-01T00:00:00+00:00",
                                     kg_version="bench"))
        count += 1
        if count % step == 0 or count == limit:
            samples.append({"articles": count, "seconds": time.perf_counter() - started, "quads": made,
                            **dict(zip(("rss_mb", "peak_mb"), memory_mb()))})
        if count == limit:
            break
    return {"before": dict(zip(("rss_mb", "peak_mb"), before)), "samples": samples}


def in_fresh_process(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--extract", type=int, default=2000, help="articles to read and extract (0: none)")
    ap.add_argument("--file", type=Path, default=Path("/tmp/kg-memory.jsonl"))
    ap.add_argument("--keep", action="store_true", help="keep the file (and reuse it if it is there)")
    ap.add_argument("--out", type=Path, help="write the figures as JSON here")
    ap.add_argument("--measure", choices=("read", "extract"), help=argparse.SUPPRESS)  # the fresh process
    ap.add_argument("--marks", help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.measure == "read":
        print(json.dumps(measure_read(a.file, json.loads(a.marks))))
        return
    if a.measure == "extract":
        print(json.dumps(measure_extract(a.file, a.extract)))
        return

    sidecar = a.file.with_suffix(".marks.json")
    if a.keep and a.file.exists() and sidecar.exists() and json.loads(sidecar.read_text())["size_mb"] == a.size_mb:
        corpus = json.loads(sidecar.read_text())
        print(f"reusing {a.file}", file=sys.stderr)
    else:
        started = time.perf_counter()
        corpus = {"size_mb": a.size_mb, **write_corpus(a.file, a.size_mb)}
        sidecar.write_text(json.dumps(corpus))
        print(f"wrote {a.file}: {corpus['bytes'] / MB:.0f} MB, {corpus['lines']} articles in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    try:
        read = in_fresh_process("--measure", "read", "--file", str(a.file), "--marks", json.dumps(corpus["marks"]))
        extract = (in_fresh_process("--measure", "extract", "--file", str(a.file), "--extract", str(a.extract))
                   if a.extract else None)
    finally:
        if not a.keep:
            a.file.unlink(missing_ok=True)
            sidecar.unlink(missing_ok=True)

    print(f"Reading {corpus['bytes'] / MB:.0f} MB ({corpus['lines']} articles) through kg.read "
          f"(resident before reading: {read['before']['rss_mb']:.1f} MB)\n")
    print("| read | articles | seconds | resident MB | peak resident MB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for s in read["samples"]:
        print(f"| {s['read_mb']} MB | {s['articles']:,} | {s['seconds']:.1f} | {s['rss_mb']:.1f} | {s['peak_mb']:.1f} |")
    if extract:
        print(f"\nReading and extracting the first {a.extract} articles (resident after the extractor's start: "
              f"{extract['before']['rss_mb']:.1f} MB)\n")
        print("| articles | seconds | quads | resident MB | peak resident MB |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for s in extract["samples"]:
            print(f"| {s['articles']:,} | {s['seconds']:.1f} | {s['quads']:,} | {s['rss_mb']:.1f} | {s['peak_mb']:.1f} |")
    if a.out:
        a.out.write_text(json.dumps({"corpus": corpus, "read": read, "extract": extract}, indent=1))


if __name__ == "__main__":
    main()
