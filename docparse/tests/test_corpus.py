"""The real documents of ``../shared/corpus`` (scans, e-issued PDFs, DOCX, DOC), scored field by
field against their hand-read gold with the corpus's own ``score.py``. Skipped when
``../shared/`` is absent; slow (it OCRs the scans), so marked ``slow``."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from docparse.api import parse_document
from docparse.errors import ParseError
from docparse.readers.ocr import ocr_available

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CORPUS / "gold.json").exists(), reason=f"{CORPUS} is absent"),
]

# Field means measured when this test was written (docs/parsing.md); a change that loses more
# than a little on any field fails.
FLOORS = {
    "system": 0.95,
    "doc_type": 0.95,
    "number": 0.8,
    "symbol": 0.88,
    "issuer": 0.88,
    "place": 0.9,
    "date": 0.72,
    "references": 0.88,
    "title": 0.9,
}


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Vietnamese data not installed")
def test_corpus_fields_stay_above_their_floors():
    scorer = _scorer()
    items = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["items"]
    fields: dict[str, list[float]] = {}
    for gold in items:
        try:
            pred = parse_document(CORPUS / "files" / gold["file"]).to_dict()
            scores = scorer.score(pred, gold)
        except ParseError:
            scores = dict.fromkeys(FLOORS, 0.0)
        for name, value in scores.items():
            fields.setdefault(name, []).append(value)
    means = {name: sum(v) / len(v) for name, v in fields.items()}
    low = {name: round(means[name], 3) for name, floor in FLOORS.items() if means[name] < floor}
    assert not low, f"fields below their floor: {low} (all: {means})"
