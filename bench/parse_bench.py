"""Parse speed of docparse: documents/second and MB/second for TXT, DOCX and PDF.

Corpora: the seeds in ../shared/seeds (skipped when absent), and a large generated plan of about
200 pages (realistic sections of the sample plans repeated with renumbered headings). Also times
a 20-page DOCX. Prints figures, asserts nothing. Run: ``.venv/bin/python bench/parse_bench.py``.

MB/second counts the UTF-8 size of the *text* read (not the file size), so TXT, DOCX and PDF are
comparable. Times are the CPU time of this process (``time.process_time``), so that other work
on a shared machine does not inflate them. Aims: at least 1 MB/s of text on one core; under 200 ms for a 20-page DOCX.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docparse import DEFAULT_MAX_BYTES, parse_document  # noqa: E402
from docparse.normalize import normalize_text  # noqa: E402
from docparse.readers import read_bytes  # noqa: E402
from docparse.tests import fixtures as fx  # noqa: E402

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def large_plan(target_chars: int) -> str:
    """A plan of about ``target_chars`` characters: the party sample's header and closing around
    its body sections, repeated with renumbered Roman headings (chapters of up to 14 parts)."""
    text = fx.canonical_txt(fx.sample_text("party_plan"))
    start = text.index("I. MỤC ĐÍCH")
    end = text.index("Trên đây là")
    head, body, tail = text[:start], text[start:end], text[end:]
    sections = re.split(r"\n\n(?=[IVX]+\. )", body.strip())
    parts: list[str] = []
    size = len(head) + len(tail)
    n = 0
    while size < target_chars:
        section = sections[n % len(sections)]
        label = ROMAN[n % len(ROMAN)]
        renumbered = re.sub(r"^[IVX]+\.", f"{label}.", section)
        parts.append(renumbered)
        size += len(renumbered) + 2
        n += 1
    return head + "\n\n".join(parts) + "\n\n" + tail


def read_only(data: bytes) -> str:
    """The reader and normalisation stages alone (no segmentation, no extractors)."""
    return normalize_text(read_bytes(data, filename=None, max_bytes=DEFAULT_MAX_BYTES).text)


def measure(
    label: str,
    docs: list[bytes],
    *,
    min_seconds: float = 1.0,
    stage: Callable[[bytes], object] = parse_document,
) -> None:
    if not docs:
        return
    text_bytes = 0
    for data in docs:
        text_bytes += len(parse_document(data).text.encode("utf-8"))
    runs = 0
    start = time.process_time()
    while True:
        for data in docs:
            stage(data)
        runs += 1
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            break
    docs_per_s = runs * len(docs) / elapsed
    mb_per_s = runs * text_bytes / elapsed / 1e6
    per_doc_ms = elapsed / (runs * len(docs)) * 1000
    print(
        f"{label:<34} {len(docs):>3} docs  {text_bytes / 1e3:>8.1f} kB text  "
        f"{docs_per_s:>8.1f} docs/s  {mb_per_s:>6.2f} MB/s  {per_doc_ms:>8.1f} ms/doc"
    )


def best_of(fn: Callable[[], object], n: int = 5) -> float:
    times = []
    for _ in range(n):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times) * 1000


def main() -> None:
    print("docparse parse benchmark (one core, figures only)")
    print("-" * 100)
    seeds = sorted(fx.SEEDS_DIR.glob("*.txt")) if fx.SEEDS_DIR.is_dir() else []
    if seeds:
        texts = [p.read_text(encoding="utf-8") for p in seeds]
        measure("seeds TXT", [t.encode("utf-8") for t in texts])
        measure("seeds DOCX", [fx.build_docx(t) for t in texts])
        measure("seeds PDF", [fx.build_pdf(t) for t in texts], min_seconds=2.0)
    else:
        print(f"seeds: skipped ({fx.SEEDS_DIR} is absent)")

    samples = [fx.sample_text(name) for name in fx.SAMPLE_NAMES]
    measure("samples TXT", [t.encode("utf-8") for t in samples])
    measure("samples DOCX", [fx.build_docx(t) for t in samples])

    # about 200 pages of A4 at ~2,300 characters a page
    big = large_plan(200 * 2300)
    big_docx = fx.build_docx(big)
    big_pdf = fx.build_pdf(big)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", big_pdf))
    print(f"large plan: {len(big) / 1e3:.0f} k characters, {pages} PDF pages")
    measure("large plan TXT", [big.encode("utf-8")], min_seconds=2.0)
    measure("large plan DOCX", [big_docx], min_seconds=2.0)
    measure("large plan PDF", [big_pdf], min_seconds=0.1)
    print("reader + normalisation only (no extractors):")
    measure("  large plan TXT", [big.encode("utf-8")], stage=read_only)
    measure("  large plan DOCX", [big_docx], stage=read_only)
    measure("  large plan PDF", [big_pdf], min_seconds=0.1, stage=read_only)

    twenty = large_plan(20 * 2300)
    twenty_docx = fx.build_docx(twenty)
    twenty_pages = len(re.findall(rb"/Type\s*/Page[^s]", fx.build_pdf(twenty)))
    ms = best_of(lambda: parse_document(twenty_docx))
    print(f"20-page DOCX ({twenty_pages} pages as PDF): {ms:.0f} ms per parse (best of 5)")
    reader_ms = best_of(lambda: read_only(twenty_docx))
    print(f"  of which reading and normalising: {reader_ms:.0f} ms")
    print("-" * 100)
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
