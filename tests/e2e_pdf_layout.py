#!/usr/bin/env python3
"""End-to-end layout checks of the PDF report (docs/report-pdf.md).

    e2e_pdf_layout.py CRMEVAL SRCDIR [OUTDIR]

Renders the bundled examples (examples/*.yaml) and the stress evaluation
(tests/data/stress: long names, 15 vendors x 80 criteria, mixed scripts),
each in English and in Chinese, and checks every rule a program can see:

* the file is sound (qpdf --check) and every font is embedded (pdffonts);
* every word lies inside the page and inside the left and right margins
  (pdftotext -bbox), so no text overflows its box;
* no heading starts in the bottom 15% of a page or stands alone at its
  foot (the headings are found from the PDF's bookmarks);
* no page but the last holds fewer than three lines of text, and no page is nearly empty (text reaching down less than 30% of the content
  height) unless it is the last page of a section (the next page starts
  with a top-level heading) or of the report;
* in a zh-CN report, no Latin word outside names, ids, units and
  abbreviations (an allow-list built from the report's own JSON);
* no raw option id of a choice criterion and no empty "()";
* no digest or version on the cover, no percentage over 1000% (an absurd
  break-even), no document-sharing site labelled official documentation,
  no criterion both a strength and a weakness of a vendor (English), no
  missing-data list cut short;
* the Noto font of each script the stress evaluation uses, and NanumGothic
  for its Korean, when installed;
* text no font can draw (an emoji in the stress evaluation) is reported
  once, naming the field;
* "page n of N" in every footer, an outline (bookmarks) in the file and
  evidence sources as links.

With OUTDIR the PDFs are kept there. Prints one FAIL line per breach and
exits 1 if there is one.
"""
import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

FILL_MIN = 0.30
# Latin words a Chinese report may print: abbreviations readers know and
# units; names and ids come from the report's JSON.
ALLOWED_LATIN = {
    "CRM", "TCO", "NPV", "IRR", "ROI", "PV", "API", "SaaS", "ERP", "PDF",
    "JSON", "CSV", "URL", "SHA", "CNY", "USD", "EUR", "RMB", "HKD", "GBP",
    "JPY", "PERT", "RPO", "RTO", "IT", "ID", "KPI", "SSO", "SLA", "PIPL",
    "GDPR", "MLPS", "OA", "AI", "BI", "PC", "App", "iOS", "Android", "Excel",
    "crmeval", "Borda", "Kendall", "Spearman", "TOPSIS", "VIKOR", "P10",
    "P50", "P90", "Monte", "Carlo", "min", "max", "pt", "kB", "MB",
    "sha256", "sheet", "HarmonyOS", "WeCom", "DingTalk", "WeChat", "Copeland",
}


def is_cjk(ch):
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF or
            0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def pages_of(pdf):
    """[(width, height, [(x0, y0, x1, y1, 0, text)])] per page, y from the top."""
    out = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = []
        for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                             r'yMax="([\d.-]+)">(.*?)</word>', m.group(3)):
            x0, y0, x1, y1 = (float(w.group(i)) for i in range(1, 5))
            text = html.unescape(w.group(5))
            words.append((x0, y0, x1, y1, 0, text))
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def headings(pdf):
    """[(level, page from 1, top in PDF points, title)] of the outline: the
    report bookmarks every heading where it is drawn."""
    out = run(["qpdf", "--json", "--json-key=outlines", pdf]).stdout
    found = []

    def walk(items, level):
        for o in items:
            dest = o.get("dest") or []
            if o.get("destpageposfrom1") and len(dest) >= 3 and isinstance(dest[2], (int, float)):
                found.append((level, o["destpageposfrom1"], float(dest[2]), o.get("title", "")))
            walk(o.get("kids", []), level + 1)
    try:
        walk(json.loads(out).get("outlines", []), 1)
    except ValueError:
        pass
    return found


def template_margins(evaluation):
    """The margins of the evaluation's template (the default's when none)."""
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(evaluation, encoding="utf-8") as f:
        ev = yaml.safe_load(f)
    path = ev.get("template")
    if path and not os.path.isabs(path):
        path = os.path.join(os.path.dirname(evaluation), path)
    if not path or not os.path.exists(path):
        path = os.path.join(src, "templates", "default.yaml")
    with open(path, encoding="utf-8") as f:
        t = yaml.safe_load(f)
    m = {"top": 50, "bottom": 40, "left": 48, "right": 48}
    m.update(t.get("margins") or {})
    return m


# JSON keys whose text crmeval writes itself (in English): not input data.
NAME_KEYS = {"name", "title", "vendor", "edition", "product", "organisation"}
TOOL_TEXT = {"verdict_rule", "reason", "reasons", "message", "why", "summary", "note_en"}


def names_in(node, out, key=None):
    """The Latin words of the input's own text in the JSON: names, ids,
    titles, sources and notes given only in Latin script. Text crmeval
    writes itself is left out, so its English is caught."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in TOOL_TEXT:
                names_in(v, out, k)
    elif isinstance(node, list):
        for v in node:
            names_in(v, out, key)
    elif isinstance(node, str) and (key in NAME_KEYS or not any(is_cjk(ch) for ch in node)):
        for word in re.findall(r"[A-Za-z][A-Za-z'-]+", node):
            out.add(word)
            out.update(re.findall(r"[A-Za-z][A-Za-z']+", word))  # the parts a line may break at


def input_words(evaluation, out):
    """The Latin words of the vendor files' own text (notes, sources,
    quotes): data the report cannot translate. Ids a report must turn into
    words (deployment models, choice values) are left out."""
    with open(evaluation, encoding="utf-8") as f:
        ev = yaml.safe_load(f)
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    vdir = (os.path.join(os.path.dirname(evaluation), ev["vendor_dir"]) if "vendor_dir" in ev
            else os.path.join(src, "vendors"))  # the bundled vendors
    for vid in ev.get("vendors", []):
        path = os.path.join(vdir, f"{vid}.yaml")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                walk_input(yaml.safe_load(f), out, None)


def criteria_units(evaluation, out):
    """The units the criteria file names (users, ms, days): input data."""
    with open(evaluation, encoding="utf-8") as f:
        ev = yaml.safe_load(f)
    path = os.path.join(os.path.dirname(evaluation), ev.get("criteria", ""))
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            out.update(re.findall(r"^\s*unit:\s*\"?([A-Za-z]+)", f.read(), re.M))


def walk_input(node, out, key):
    if key in ("deployment", "value", "values", "billing", "model", "kind", "confidence"):
        if isinstance(node, dict):  # a value's evidence and notes are text
            for k, v in node.items():
                walk_input(v, out, "note" if k != "value" else "value")
        return
    if isinstance(node, dict):
        for k, v in node.items():
            walk_input(v, out, k)
    elif isinstance(node, list):
        for v in node:
            walk_input(v, out, key)
    elif isinstance(node, str):
        names_in(node, out, "name")


def option_ids(report):
    """The option ids of the choice criteria that have a label of their own."""
    ids = set()
    for v in report.get("vendors", []):
        for c in v.get("criteria", []):
            if c.get("kind") == "choice" and isinstance(c.get("value"), str):
                ids.add(c["value"])
    return {i for i in ids if "_" in i}


def check(name, pdf, report, evaluation, problems):
    margins = template_margins(evaluation)
    def fail(msg):
        problems.append(f"{name}: {msg}")

    r = run(["qpdf", "--check", pdf])
    if r.returncode != 0:
        fail(f"qpdf --check: {r.stdout.strip()[-200:]}")
    fonts = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    for line in fonts:
        cols = line.split()
        # name type encoding emb sub uni object ID: emb is the 4th from the end but 3
        if len(cols) >= 7 and cols[-5] != "yes":
            fail(f"font not embedded: {line}")
    info = run(["pdfinfo", pdf]).stdout
    if not re.search(r"^Pages:\s+\d+", info, re.M):
        fail("pdfinfo cannot read the page count")
    if run(["qpdf", "--show-npages", pdf]).returncode != 0:
        fail("qpdf cannot count pages")
    # evidence sources are clickable: a URI link for each http(s) source
    objects = json.dumps(json.loads(run(["qpdf", "--json=1", "--json-key=objects", pdf]).stdout or "{}"))
    text_all = run(["pdftotext", pdf, "-"]).stdout
    if "http" in text_all and "/URI" not in objects:
        fail("evidence sources are not links (no /URI annotation)")
    # the script fonts of the stress evaluation (fonts-noto-core)
    if "stress" in name and os.path.exists("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"):
        listed = run(["pdffonts", pdf]).stdout
        for font in ("NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansThai"):
            if font not in listed:
                fail(f"{font} is not used for its script")
    # Hangul in its own TrueType font (fonts-nanum): WenQuanYi's Hangul
    # glyphs come out blank with libharu 2.3
    if "stress" in name and os.path.exists("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"):
        if "NanumGothic" not in run(["pdffonts", pdf]).stdout:
            fail("NanumGothic is not used for Korean")
        if "고객 관계 관리" not in run(["pdftotext", pdf, "-"]).stdout:
            fail("the Korean vendor name is not in the text layer")
    heads = headings(pdf)
    if not heads:
        fail("no outline (bookmarks)")

    layout = run(["pdftotext", "-layout", pdf, "-"]).stdout
    first = layout.split("\f")[0]
    if "SHA-256" in first or "crmeval " in first:
        fail("the cover still shows the inputs' digest or crmeval's version")
    for m in re.finditer(r"(\d[\d,]*)(?:\.\d+)?%", layout):
        if float(m.group(1).replace(",", "")) > 1000:
            fail(f"an absurd percentage {m.group(0)} (a break-even is 'no realistic break-even')")
    lines = layout.splitlines()
    for i, line in enumerate(lines):
        near = " ".join(lines[max(0, i - 1):i + 3])  # a wrapped label goes on below
        if "pdfslide.net" in line and "third-party" not in near and "第三方" not in near:
            fail(f"a document-sharing site labelled as official documentation: {line.strip()[:80]}")
    if report["evaluation"]["language"] == "en":
        for block in re.findall(r"Strengths \(largest contributions\)(.*?)Weaknesses \(most points "
                                r"lost\)(.*?)(?:Must-have|Missing data|Evidence|\f)", layout, re.S):
            strong = set(re.findall(r"^\s*• (.+?): ", block[0], re.M))
            weak = set(re.findall(r"^\s*• (.+?): ", block[1], re.M))
            if strong & weak:
                fail(f"a strength is also a weakness: {sorted(strong & weak)}")
    if re.search(r"\band \d+ more\b|等另外 \d+ 项", layout):
        fail("a missing-data list is cut short")
    pages = pages_of(pdf)
    n = len(pages)
    zh = report["evaluation"]["language"] == "zh-CN"
    allowed = set(ALLOWED_LATIN)
    names_in(report, allowed)
    input_words(evaluation, allowed)
    criteria_units(evaluation, allowed)
    # a word longer than its table cell is cut across lines (a URL, a
    # German compound) and a name too long for a chart ends in an
    # ellipsis: their pieces are the input's words, not English
    long_words = [a for a in allowed if len(a) >= 5]
    raw_ids = option_ids(report)
    # page i (from 1) starts a section when a top-level heading is on it
    starts_section = [False] * (n + 2)
    for (level, page, top, title) in heads:
        if level == 1:
            starts_section[page] = True
        h, words = pages[page - 1][1], pages[page - 1][2]
        if page > 1 and top - 4 < h * 0.15:
            fail(f"p{page}: heading {title!r} in the bottom 15% (top at {top:.0f} of {h:.0f})")
        # something follows the heading on its page: a line of text 18 pt
        # or more below its top (pdftotext's y grows downwards)
        below = {round(x[1]) for x in words
                 if h - top + 18 < x[1] < h - margins["bottom"] - 25}
        if page > 1 and not below:
            fail(f"p{page}: heading {title!r} stands alone at the foot of the page")

    for i, (w, h, words) in enumerate(pages, 1):
        text = " ".join(x[5] for x in words)
        for (x0, y0, x1, y1, size, t) in words:
            if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
                fail(f"p{i}: {t!r} outside the page")
            elif x0 < margins["left"] - 1.5 or x1 > w - margins["right"] + 1.5:
                fail(f"p{i}: {t!r} in the margin (x {x0:.0f}-{x1:.0f} of {w:.0f})")
        body = [x for x in words if x[3] < h - margins["bottom"] + 2]
        lines_on_page = {round(x[1]) for x in body if x[1] > margins["top"] - 5}
        if 1 < i < n and len(lines_on_page) < 3:
            fail(f"p{i}: holds {len(lines_on_page)} line(s) of text and nothing else")
        if i > 1 and i < n and not starts_section[i + 1]:
            lowest = max((x[3] for x in body), default=margins["top"])
            fill = (lowest - margins["top"]) / (h - margins["top"] - margins["bottom"])
            if fill < FILL_MIN:
                fail(f"p{i}: nearly empty ({fill:.0%} filled) and not the end of a section")
        if not re.search(rf"\b{i}\D+{n}\b", " ".join(x[5] for x in words if x[1] > h - margins["bottom"] - 25)):
            fail(f"p{i}: footer does not say page {i} of {n}")
        if re.search(r"(^|[\s∈:])\(\s*\)", text):
            fail(f"p{i}: an empty '()'")
        for t in set(re.findall(r"[A-Za-z0-9_]+", text)) & raw_ids:
            fail(f"p{i}: raw option id {t!r}")
        if zh:
            latin = set()
            for (_, _, _, _, _, t) in words:
                if "/" in t or "." in t.strip(".,;:)") or "@" in t or re.search(r"\d", t):
                    continue  # a URL, a file name, a domain or a digest
                for word in re.findall(r"[A-Za-z][A-Za-z'-]+", t):
                    if (word not in allowed and not re.fullmatch(r"[A-Z0-9]{2,6}", word) and
                            not any(word in a for a in long_words)):
                        latin.add(word)
            if latin:
                fail(f"p{i}: Latin words in the zh-CN report: {' '.join(sorted(latin)[:12])}")
    return n


def main():
    bin_, src = sys.argv[1], sys.argv[2]
    keep = sys.argv[3] if len(sys.argv) > 3 else None
    cases = []
    for path in sorted(glob.glob(os.path.join(src, "examples", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            ev = yaml.safe_load(f)
        if ev.get("kind") == "evaluation" and len(ev.get("vendors", [])) > 1:
            cases.append(path)
    cases.append(os.path.join(src, "tests", "data", "stress", "evaluation.yaml"))
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or tmp
        os.makedirs(out, exist_ok=True)
        for path in cases:
            base = os.path.splitext(os.path.basename(path))[0]
            if base == "evaluation":
                base = os.path.basename(os.path.dirname(path))
            for lang in ("en", "zh-CN"):
                name = f"{base}.{lang}"
                pdf = os.path.join(out, name + ".pdf")
                js = os.path.join(tmp, name + ".json")
                r = run([bin_, "evaluate", "--language", lang, "--json", js, "--pdf", pdf, path])
                if r.returncode != 0:
                    problems.append(f"{name}: evaluate failed: {r.stderr.strip()}")
                    continue
                if base == "stress":
                    # the emoji of v00010's edition: said once, naming the field
                    said = r.stderr.count("cannot draw the edition of vendor 'v00010'")
                    if said != 1:
                        problems.append(f"{name}: the text no font can draw is reported "
                                        f"{said} times, not once")
                with open(js, encoding="utf-8") as f:
                    report = json.load(f)
                before = len(problems)
                n = check(name, pdf, report, path, problems)
                print(f"{'ok' if len(problems) == before else 'FAIL'}: {name}: {n} pages, "
                      f"{os.path.getsize(pdf)} bytes, {len(problems) - before} problems")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
