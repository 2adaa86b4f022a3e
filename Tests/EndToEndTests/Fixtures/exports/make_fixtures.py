#!/usr/bin/env python3
"""Writes the export fixtures: the answers of ../cohort (ann, bob, cara, dan) laid out
as Moodle's Responses report, a Google Forms CSV, a Microsoft Forms XLSX and a Canvas
student analysis report, plus malformed exports. Deterministic; rerun to regenerate."""
import csv, io, os, zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPTS = ["How does Python's garbage collection work?",
           "Explain the difference between a list and a tuple.",
           "What does **kwargs collect?"]
PEOPLE = [  # id, first, last, email, answers q1..q3
    ("ann", "Ann", "Example", "ann@example.org",
     ["CPython uses reference counting: when an object's count drops to zero it is freed. The gc module's cycle detector finds reference cycles.",
      "A list is mutable while a tuple is immutable, so a tuple is hashable and can be a dictionary key.",
      "`**kwargs` collects extra keyword arguments into a dict."]),
    ("bob", "Bob, \"Bobby\"", "=HYPERLINK(\"http://evil.example\")", "bob@example.org",
     ["Python has a refrence counting collector;\nI think you call free() too.",
      "Tuples are mutable lists.", ""]),
    ("cara", "Cara", "<b>Ng</b>", "cara@example.org",
     ["Garbage collection in Python: the ref-count of each object goes to 0 and then it is released, and a garbage collector breaks cycles.",
      "A tuple is immutable; a list is not.", ""]),
    ("dan", "Dan", "Øster", "+dan@example.org",
     ["Naïve answer — it’s “magic”.", "",
      "<script>alert(\"x\")</script> **kwargs is a dict of keyword args & more ]]>"]),
]

def write_csv(path, header, rows, delimiter=","):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)

# Moodle quiz Responses report (CSV download), with a UTF-8 BOM as Moodle writes it.
header = ["Surname", "First name", "Email address", "State", "Started on", "Completed", "Time taken", "Grade/20.00",
          "Response 1", "Response 2", "Response 3"]
rows = [[last, first, email, "Finished", "1 March 2026  10:00 AM", "1 March 2026  10:20 AM", "20 mins", "-"] + answers
        for _, first, last, email, answers in PEOPLE]
write_csv(f"{HERE}/moodle/responses.csv", header, rows)
with open(f"{HERE}/moodle/responses.csv", "rb") as f: body = f.read()
with open(f"{HERE}/moodle/responses.csv", "wb") as f: f.write(b"\xef\xbb\xbf" + body)

# Google Forms: Timestamp, Email address, then one column per question headed by its text.
header = ["Timestamp", "Email address", "Your name"] + [p.replace("'", "’") for p in PROMPTS]
rows = [["2026/03/01 10:%02d:00 AM GMT" % i, email, f"{first} {last}"] + answers
        for i, (_, first, last, email, answers) in enumerate(PEOPLE)]
write_csv(f"{HERE}/google/form-responses.csv", header, rows, delimiter=",")

# The same Google export saved by a European spreadsheet: semicolons.
write_csv(f"{HERE}/google-semicolon/form-responses.csv", header, rows, delimiter=";")

# Canvas quiz Student Analysis report: name,id,sis_id,...; "ID: text" answer columns each followed by a score column.
header = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted", "attempt"]
for n, p in enumerate(PROMPTS):
    header += [f"{1001 + n}: {p}", "1.0"]
header += ["n correct", "n incorrect", "score"]
rows = []
for i, (ident, first, last, email, answers) in enumerate(PEOPLE):
    row = [f"{first} {last}", str(500 + i), ident, "Section A", "11", "", "2026-03-01 10:20:00 UTC", "1"]
    for a in answers: row += [a, "0.0"]
    rows.append(row + ["0", "3", "0"])
write_csv(f"{HERE}/canvas/student-analysis.csv", header, rows)

# Microsoft Forms (Excel download): ID, Start time, Completion time, Email, Name, then questions.
def col(i):
    s = ""
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s
header = ["ID", "Start time", "Completion time", "Email", "Name"] + PROMPTS
shared = []
def sst(text):
    if text not in shared: shared.append(text)
    return shared.index(text)
sheet_rows = []
cells = "".join(f'<c r="{col(i)}1" t="s"><v>{sst(h)}</v></c>' for i, h in enumerate(header))
sheet_rows.append(f'<row r="1">{cells}</row>')
for n, (_, first, last, email, answers) in enumerate(PEOPLE):
    r = n + 2
    cs = [f'<c r="A{r}"><v>{n + 1}</v></c>',                      # number
          f'<c r="B{r}" s="1"><v>{46082.4 + n / 100}</v></c>',     # a date, stored as a serial number
          f'<c r="C{r}" t="str"><f>B{r}+0.01</f><v>{46082.41 + n / 100}</v></c>',  # a formula with its cached value
          f'<c r="D{r}" t="inlineStr"><is><t>{escape(email)}</t></is></c>',
          f'<c r="E{r}" t="s"><v>{sst(first + " " + last)}</v></c>']
    for k, a in enumerate(answers):
        if not a: continue  # empty cells are simply absent in XLSX
        if k == 1:
            cs.append(f'<c r="{col(5 + k)}{r}" t="inlineStr"><is><r><t xml:space="preserve">{escape(a[:10])}</t></r><r><rPr><b/></rPr><t xml:space="preserve">{escape(a[10:])}</t></r></is></c>')
        else:
            cs.append(f'<c r="{col(5 + k)}{r}" t="s"><v>{sst(a)}</v></c>')
    sheet_rows.append(f'<row r="{r}">{"".join(cs)}</row>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS} {RNS}><sheets><sheet name="Form1" sheetId="1" r:id="rId7"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {NS}><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>',
    "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {NS} count="{len(shared)}" uniqueCount="{len(shared)}">' + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared) + '</sst>',
}
os.makedirs(f"{HERE}/msforms", exist_ok=True)
with zipfile.ZipFile(f"{HERE}/msforms/form.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 3, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)

# Malformed: a short row, and a mapping conflict.
write_csv(f"{HERE}/malformed/responses.csv", ["Surname", "First name", "Response 1", "Response 2", "Response 3"],
          [["Example", "Ann"] + PEOPLE[0][4], ["Short", "Row", "only one answer"], ["Ng", "Cara"] + PEOPLE[2][4]])
write_csv(f"{HERE}/conflict/responses.csv", ["Name", "Response 1", "Q1", "Response 2"],
          [["Ann", "a", "b", "c"]])
