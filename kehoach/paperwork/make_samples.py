"""`make samples`: render sample documents in every profile to DOCX, PDF and first-page PNG.

- The project's own samples (``kehoach/paperwork/samples/*.json`` and docparse's sample
  documents) go to ``docs/samples/`` and are committed, so a reader sees the output without
  running anything.
- The seed plans (``../shared/seeds``, when present) go to ``samples-out/`` (not committed).

PDF needs LibreOffice, PNG needs ``pdftoppm`` (poppler-utils); without them the DOCX files are
still written and the missing steps are named.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from docparse import ParseError, parse_document
from docparse.model import ParsedDocument
from kehoach.paperwork.rendering import available_profiles, render_docx
from kehoach.paperwork.rendering.pdf import PdfUnavailable, docx_to_pdf

REPO = Path(__file__).resolve().parents[2]
OWN_SAMPLES = Path(__file__).resolve().parent / "samples"
DOCPARSE_SAMPLES = REPO / "docparse" / "tests" / "samples"
SEEDS = Path(os.environ.get("KEHOACH_SEEDS_DIR", REPO.parent / "shared" / "seeds"))
READABLE = {".txt", ".docx", ".pdf", ".html", ".htm"}
PNG_DPI = 60


def _load(path: Path) -> ParsedDocument:
    if path.suffix == ".json":
        return ParsedDocument.from_json(path.read_text(encoding="utf-8"))
    return parse_document(path)


def _sources(directory: Path, suffixes: set[str]) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in suffixes)


def _shrink_png(path: Path) -> None:
    """16 grey levels are plenty for black text and keep docs/samples small (Pillow optional)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("L").quantize(16)
    small.save(path, optimize=True)


def render_all(sources: list[Path], out_dir: Path, *, png: bool = True) -> list[Path]:
    """Every source in every built-in profile; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pdftoppm = shutil.which("pdftoppm")
    for source in sources:
        try:
            doc = _load(source)
        except ParseError as exc:
            print(f"  bỏ qua {source.name}: {exc.message_vi}", file=sys.stderr)
            continue
        for profile in available_profiles():
            stem = f"{source.stem}.{profile.system}"
            docx = out_dir / f"{stem}.docx"
            docx.write_bytes(render_docx(doc, profile=profile))
            written.append(docx)
            try:
                pdf = out_dir / f"{stem}.pdf"
                pdf.write_bytes(docx_to_pdf(docx.read_bytes()))
                written.append(pdf)
            except PdfUnavailable as exc:
                print(f"  {docx.name}: {exc}", file=sys.stderr)
                continue
            if png and pdftoppm:
                prefix = out_dir / stem
                subprocess.run(
                    [
                        pdftoppm,
                        "-png",
                        "-r",
                        str(PNG_DPI),
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        str(pdf),
                        str(prefix),
                    ],
                    check=True,
                    timeout=60,
                )
                _shrink_png(out_dir / f"{stem}.png")
                written.append(out_dir / f"{stem}.png")
            print(f"  {stem}: {profile.name}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kehoach.paperwork.make_samples")
    parser.add_argument("--docs", type=Path, default=REPO / "docs" / "samples")
    parser.add_argument("--out", type=Path, default=REPO / "samples-out")
    args = parser.parse_args(argv)
    own = _sources(OWN_SAMPLES, {".json"}) + _sources(DOCPARSE_SAMPLES, READABLE)
    print(f"Mẫu của dự án → {args.docs}")
    written = render_all(own, args.docs)
    total = sum(p.stat().st_size for p in written)
    print(f"  {len(written)} tệp, {total / 1024:.0f} KB")
    seeds = _sources(SEEDS, READABLE)
    if seeds:
        print(f"Kế hoạch mẫu (seeds) → {args.out}")
        render_all(seeds, args.out)
    else:
        print(f"Không có thư mục seeds ({SEEDS}): bỏ qua.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
