#!/usr/bin/env python3
"""Fill in a questionnaire crmeval wrote (crmeval rfi), as a vendor would,
or a score-sheet workbook (crmeval sheet OUT.xlsx) as an evaluator would,
without crmeval's own code: the workbook through zipfile and the XML of its
sheet, the CSV through the csv module, the YAML as text.

    rfi_fill.py IN OUT [ANSWERS.json]

Each question gets an answer by its answer_type (boolean: true, rating: the
top of the scale, number: 3, choice: the first option id) with an evidence
URL, unless ANSWERS.json ({criterion: {"answer": ..., "evidence_url": ...,
"evidence_page": ...}}) says otherwise for it ("answer": null leaves it
blank). Prints the answers given as JSON ({criterion: answer}) so that a
test can compare them with the values crmeval then scores."""
import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
FIELDS = ["answer", "evidence_url", "evidence_document", "evidence_page", "comment",
          "respondent"]


def default_answer(kind, scale):
    if kind == "boolean":
        return "true"
    if kind == "rating":
        top = scale.split(";")[0].split("..")[1]
        return top
    if kind == "number":
        return "3"
    return scale.split(" = ")[0]


def answers_for(criterion, kind, scale, overrides):
    """The fields to fill for one question: {column: text}."""
    given = {"answer": default_answer(kind, scale),
             "evidence_url": "https://example.com/docs/" + criterion}
    if criterion in overrides:
        given.update(overrides[criterion])
    if given.get("answer") is None:
        return {}  # left blank, evidence and all
    return {k: v for k, v in given.items() if v is not None}


def col_letter(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_kind(scale):
    """A score sheet's criterion kind, from its scale column."""
    if scale == "true or false":
        return "boolean"
    if re.match(r"^-?[0-9.]+\.\.-?[0-9.]+", scale):
        return "rating"
    if scale.endswith("is better"):
        return "number"
    return "choice"


def fill_xlsx(src, dst, overrides):
    zin = zipfile.ZipFile(src)
    book = ET.fromstring(zin.read("xl/workbook.xml"))
    rels = ET.fromstring(zin.read("xl/_rels/workbook.xml.rels"))
    names = [s.get("name") for s in book.find("m:sheets", NS)]
    scores = "Questionnaire" not in names  # a score sheet: "Scores", column "value"
    rid = [s for s in book.find("m:sheets", NS)
           if s.get("name") == ("Scores" if scores else "Questionnaire")][0].get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    target = "xl/" + [r for r in rels if r.get("Id") == rid][0].get("Target")
    strings = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
               for si in ET.fromstring(zin.read("xl/sharedStrings.xml"))]
    sheet_xml = zin.read(target).decode("utf-8")
    sheet = ET.fromstring(sheet_xml)
    table = {}
    for row in sheet.find("m:sheetData", NS):
        r = int(row.get("r"))
        for c in row:
            ref = re.match(r"([A-Z]+)", c.get("r")).group(1)
            v = c.find("m:v", NS)
            text = strings[int(v.text)] if c.get("t") == "s" else (v.text if v is not None else "")
            table.setdefault(r, {})[ref] = text
    header = {text: ref for ref, text in table[1].items()}
    if scores:
        header["answer"] = header["value"]
    given = {}
    for r in sorted(table):
        cells = table[r]
        crit = cells.get(header["criterion"])
        if r == 1 or not crit:
            continue
        scale = cells[header["scale"]]
        kind = sheet_kind(scale) if scores else cells[header["answer_type"]]
        if scores and kind == "choice":
            scale = scale.split(",")[0].strip() + " = "
        fields = answers_for(crit, kind, scale, overrides)
        if scores:
            fields = {"answer": fields["answer"]} if "answer" in fields else {}
            crit = cells[header["vendor"]] + "/" + crit
        if "answer" in fields:
            given[crit] = fields["answer"]
        new = ""
        for name in FIELDS:
            if name in fields:
                ref = header[name] + str(r)
                new += ('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>'
                        % (ref, fields[name].replace("&", "&amp;").replace("<", "&lt;")))
        sheet_xml = re.sub(r'(<row r="%d"[^>]*>.*?)(</row>)' % r,
                           lambda m: m.group(1) + new + m.group(2), sheet_xml, count=1,
                           flags=re.S)
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = sheet_xml.encode("utf-8") if item.filename == target else zin.read(item.filename)
        zout.writestr(item, data)
    zout.close()
    return given


def fill_csv(src, dst, overrides):
    raw = open(src, encoding="utf-8-sig", newline="").read()
    rows = list(csv.reader(io.StringIO(raw)))
    h = rows[0]
    given = {}
    for row in rows[1:]:
        crit = row[h.index("criterion")]
        fields = answers_for(crit, row[h.index("answer_type")], row[h.index("scale")], overrides)
        for name, text in fields.items():
            row[h.index(name)] = text
        if "answer" in fields:
            given[crit] = fields["answer"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    open(dst, "w", encoding="utf-8-sig", newline="").write(out.getvalue())
    return given


def fill_yaml(src, dst, overrides):
    lines = open(src, encoding="utf-8").read().split("\n")
    given, crit, kind, scale, out = {}, None, None, None, []
    for line in lines:
        m = re.match(r"^  ([a-z_0-9]+\.[a-z_0-9]+):$", line)
        if m:
            crit = m.group(1)
        m = re.match(r'^    (answer_type|scale): "(.*)"$', line)
        if m:
            if m.group(1) == "answer_type":
                kind = m.group(2)
            else:
                scale = m.group(2)
        m = re.match(r"^    (%s): ~$" % "|".join(FIELDS), line)
        if m and crit:
            fields = answers_for(crit, kind, scale, overrides)
            name = m.group(1)
            if name in fields:
                line = "    %s: %s" % (name, json.dumps(fields[name], ensure_ascii=False)
                                       if name != "answer" else fields[name])
                if name == "answer":
                    given[crit] = fields[name]
        out.append(line)
    open(dst, "w", encoding="utf-8").write("\n".join(out))
    return given


def main():
    src, dst = sys.argv[1], sys.argv[2]
    overrides = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else {}
    if src.endswith(".xlsx"):
        given = fill_xlsx(src, dst, overrides)
    elif src.endswith(".csv"):
        given = fill_csv(src, dst, overrides)
    else:
        given = fill_yaml(src, dst, overrides)
    print(json.dumps(given, sort_keys=True))


if __name__ == "__main__":
    main()
