"""The Content-Security-Policy allows scripts and styles only from our static files: every
template under kehoach/ (and every future domain's) keeps to it, and so does HTML written in
Python. The browser test (kehoach/ops/tests/test_csp_browser.py) checks the pages themselves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]  # kehoach/
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html"))
SCRIPTS = sorted(p for p in ROOT.glob("*/static/**/*.js") if "vendor" not in p.parts)

SCRIPT_TAG = re.compile(r"<script(\s[^>]*)?>", re.IGNORECASE)
STYLE_ATTR = re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.DOTALL)
HANDLER_ATTR = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.DOTALL)
HX_ON = re.compile(r"\shx-on[:\-=]|\sdata-hx-on[:\-=]")
JS_VALUE = re.compile(r"\shx-(?:vals|headers)\s*=\s*[\"']\s*(?:js|javascript):")


def problems_in(text: str) -> list[str]:
    found = []
    for m in SCRIPT_TAG.finditer(text):
        attrs = m.group(1) or ""
        if not re.search(r"\ssrc\s*=", attrs) and not re.search(
            r"""\stype\s*=\s*["']application/json["']""", attrs
        ):
            found.append(f"inline <script{attrs}>")
    if re.search(r"<style\b", text, re.IGNORECASE):
        found.append("a <style> block")
    found += [f"a style attribute: {m.group(0)[:60]!r}" for m in STYLE_ATTR.finditer(text)]
    found += [f"an event handler: {m.group(0)[:60]!r}" for m in HANDLER_ATTR.finditer(text)]
    found += [f"hx-on (needs eval): {m.group(0)!r}" for m in HX_ON.finditer(text)]
    found += [f"a js: value (needs eval): {m.group(0)!r}" for m in JS_VALUE.finditer(text)]
    found += ["a javascript: link" for _ in re.finditer(r"href\s*=\s*[\"']javascript:", text)]
    return found


def test_the_rule_catches_what_the_policy_blocks():
    assert problems_in('<script>alert(1)</script><script src="/s.js"></script>') == [
        "inline <script>"
    ]
    assert (
        problems_in('{{ data|json_script:"x" }}<script type="application/json">{}</script>') == []
    )
    assert problems_in('<div class="a" style="width: 3px">') != []
    assert problems_in('<button\n  onclick="go()">') != []
    assert problems_in('<form hx-on:submit="x()">') != []
    assert problems_in("<style>p { color: red }</style>") != []
    assert problems_in('<p>Ông one="1" hon</p><div data-onload="1">') == []


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_inline_script_style_or_handler(path):
    assert problems_in(path.read_text(encoding="utf-8")) == []


def test_no_python_code_writes_html_with_inline_script_or_style():
    """Python that renders HTML (format_html, mark_safe) keeps the rule too; the Word XML the
    paperwork writes is not HTML."""
    bad = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "paperwork" or "tests" in rel.parts or "migrations" in rel.parts:
            continue
        found = [
            p
            for p in problems_in(path.read_text(encoding="utf-8"))
            if "style" in p or "<script" in p
        ]
        if found:
            bad[str(rel)] = found
    assert bad == {}


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_our_scripts_neither_eval_nor_write_style_attributes(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\beval\s*\(|new\s+Function\s*\(|setAttribute\(\s*[\"']style", text)
    assert not STYLE_ATTR.search(text)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/no-such-page/"])
def test_every_answer_carries_the_policy(path):
    header = Client().get(path)["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in header
    assert "unsafe" not in header
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]


def test_the_500_page_renders_with_its_stylesheet_and_nothing_inline(rf):
    from django.views.defaults import server_error

    page = server_error(rf.get("/")).content.decode()
    assert "Lỗi hệ thống" in page and "kehoach/site.css" in page
    assert problems_in(page) == []
