"""Field accuracy of docparse on the real documents of ../shared/corpus, as a table.

Scores every file of the corpus with the corpus's own ``score.py`` (the same comparison as
``python3 ../shared/corpus/score.py``, but in this process, so the code of this checkout is
measured and no command is started per file) and prints the per-field means, the means by
format, the overall mean and the parse time of each file (wall clock: OCR runs in
subprocesses). ``--markdown`` prints the per-field table as docs/parsing.md shows it. Prints
figures, asserts nothing. Run: ``.venv/bin/python bench/corpus_bench.py [--markdown]``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docparse import parse_document  # noqa: E402
from docparse.errors import ParseError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FIELDS = (
    "system",
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "place",
    "date",
    "references",
    "title",
)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    if not (CORPUS / "gold.json").exists():
        print(f"{CORPUS} is absent: nothing to measure")
        return
    markdown = "--markdown" in sys.argv
    scorer = _scorer()
    items = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["items"]
    fields: dict[str, list[float]] = {name: [] for name in FIELDS}
    by_format: dict[str, list[float]] = {}
    overall: list[float] = []
    for gold in items:
        t0 = time.perf_counter()
        try:
            pred = parse_document(CORPUS / "files" / gold["file"]).to_dict()
            scores = scorer.score(pred, gold)
            refused = ""
        except ParseError as exc:
            scores = dict.fromkeys(FIELDS, 0.0)
            refused = f" refused: {exc.code}"
        secs = time.perf_counter() - t0
        mean = sum(scores.values()) / len(scores)
        overall.append(mean)
        kind = ("scanned " if gold.get("scanned") else "") + gold.get("format", "?")
        by_format.setdefault(kind, []).append(mean)
        for name in FIELDS:
            fields[name].append(scores.get(name, 0.0))
        weak = {k: round(v, 2) for k, v in scores.items() if v < 1}
        if not markdown:
            print(f"{gold['file']:>9} {kind:<12} {secs:6.2f}s {mean:.2f}{refused}", weak or "")
    means = {name: sum(v) / len(v) for name, v in fields.items()}
    total = sum(overall) / max(1, len(overall))
    if markdown:
        print("| field | score |\n|---|---|")
        for name in FIELDS:
            print(f"| {name} | {means[name]:.2f} |")
        print(f"| **overall** | **{total:.3f}** |")
    else:
        print("fields: " + ", ".join(f"{k}={v:.2f}" for k, v in means.items()))
    print(
        "by format: "
        + ", ".join(f"{k}={sum(v) / len(v):.3f} (n={len(v)})" for k, v in by_format.items())
    )
    print(f"overall {total:.3f} over {len(overall)} documents")


if __name__ == "__main__":
    main()
