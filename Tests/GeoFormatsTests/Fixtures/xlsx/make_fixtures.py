#!/usr/bin/env python3
"""Generates the XLSX fixtures of XLSXReaderTests and the rows openpyxl reads from them.

Run once with a Python that has openpyxl and numpy (e.g. /tmp/pyenv/bin/python):
    python make_fixtures.py
Writes, beside this script:
- incidents.xlsx: sheet "Incidents" (English header, dates, numbers, shared strings, sparse and
  empty cells, an empty row) and sheet "Инциденты" (Russian header), both written by openpyxl.
- date1904.xlsx: a workbook in the 1904 date system.
- types.xlsx: hand-written XML parts (inline strings, rich text runs, formula string results,
  errors, booleans, cells and rows without `r`, entities, CDATA, a custom date format, an
  absolute relationship target).
- *.json: each sheet's rows as openpyxl (data_only) reads them, as text by the rules below.
- incidents_records.json: what the incident conversion must give for sheet "Incidents",
  derived from the source values in this script (not from any reader).
- error cases: notzip.xlsx, truncated.xlsx, missing_workbook.xlsx, malformed.xlsx.

Cell text rules (the XLSXReader contract): empty -> "", strings as stored, booleans TRUE/FALSE,
numbers in the shortest round-trip decimal without exponent, date cells as ISO 8601 text
(`YYYY-MM-DD` for a date format and midnight, else `YYYY-MM-DDTHH:MM:SS`; `HH:MM:SS` for serials
below 1; `H:MM:SS` for elapsed-time formats), rounded to whole seconds. Rows without any value
are left out; trailing empty cells are trimmed.
"""
import datetime as dt
import io
import json
import os
import zipfile

import numpy
import openpyxl
from openpyxl.styles.numbers import is_datetime
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def text_of(cell):
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return numpy.format_float_positional(v, trim='-')
    if isinstance(v, dt.datetime):
        v = (v + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        if is_datetime(cell.number_format) == "date" and v.time() == dt.time(0):
            return v.strftime("%Y-%m-%d")
        return v.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, dt.time):
        secs = v.hour * 3600 + v.minute * 60 + v.second + (1 if v.microsecond >= 500_000 else 0)
        return "%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60)
    if isinstance(v, dt.timedelta):
        secs = round(v.total_seconds())
        return "%d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60)
    return str(v)


def expected_rows(xlsx):
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    sheets = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = [text_of(c) for c in row]
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                rows.append({"row": row[0].row, "cells": cells})
        sheets[ws.title] = rows
    return {"sheetNames": wb.sheetnames, "sheets": sheets}


def dump(name, obj):
    with open(path(name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


# --- incidents.xlsx -------------------------------------------------------------------------
HEADER = ["id", "date", "lat", "lon", "category", "substance", "quantity_kg", "border_post", "time", "note"]
# (row, values, number formats by column name, expected record or None for a rejection)
D = dt.datetime
ROWS = [
    (2, ["INC-1", D(2024, 3, 5, 14, 30), 41.311, 69.279, "seizure", "heroin", 12.5, "Oybek", None, "first"],
     {"date": "yyyy-mm-dd hh:mm"}, "2024-03-05T14:30:00Z"),
    (3, ["INC-2", D(2023, 12, 31), 37.2245, 67.2781, "seizure", "hashish", 3, None, dt.time(8, 15), None],
     {"date": "dd.mm.yyyy", "time": "hh:mm"}, "2023-12-31T08:15:00Z"),
    # row 4 is left empty
    (5, ["INC-3", D(2022, 7, 1), 40.1, 71.5, "detention", None, None, "Достык", None, "  spaced note  "],
     {"date": 14}, "2022-07-01T00:00:00Z"),
    (6, ["INC-4", "05.03.2024 08:15", 42.87, 74.59, "crossing attempt", "опий", 0.001, None, None, "a<b & \"c\" 'd'"],
     {}, "2024-03-05T08:15:00Z"),
    (7, ["INC-5", D(2021, 1, 2, 3, 4, 5), 95.5, 69.0, "seizure", "heroin", 1, None, None, None],
     {"date": 22}, None),
    (8, ["INC-6", None, 41.0, 69.0, "seizure", None, None, None, None, "line1\nline2"], {}, None),
    (9, ["INC-7", D(1900, 3, 1), 39.65, 66.96, "seizure", "hashish", 123456789.125, None, None, 2.5],
     {"date": "d mmm yyyy", "note": '0.0 "days"'}, "1900-03-01T00:00:00Z"),
]
EXTRA = {  # further cells beyond the header, in row 10 (no incident: rejected, missing date)
    "A10": "INC-8", "C10": 1e-07, "D10": 1.5e20, "E10": 0.1 + 0.2, "F10": True, "G10": 42,
    "H10": D(1900, 2, 28), "I10": False, "J10": -7.25,
}


def make_incidents():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Incidents"
    ws.append(HEADER)
    for row, values, formats, _ in ROWS:
        for col, v in enumerate(values, start=1):
            if v is None:
                continue
            c = ws.cell(row=row, column=col, value=v)
            fmt = formats.get(HEADER[col - 1])
            if isinstance(fmt, int):
                c.number_format = openpyxl.styles.numbers.BUILTIN_FORMATS[fmt]
            elif fmt:
                c.number_format = fmt
    for ref, v in EXTRA.items():
        ws[ref] = v
    ws["H10"].number_format = "yyyy-mm-dd"
    ws["K12"] = "far away"  # a sparse cell beyond the header, alone in its row
    ru = wb.create_sheet("Инциденты")
    ru.append(["дата", "широта", "долгота", "категория", "вещество", "количество_кг"])
    ru.append([D(2024, 1, 15, 9, 45), 41.2995, 69.2401, "изъятие", "героин", 0.75])
    ru.append([D(2024, 2, 29), 38.5598, 68.787, "задержание", None, None])
    ru.append(["16.03.2024", "41,3", "69,25", "изъятие", "гашиш", "1,5"])
    ru["A2"].number_format = "dd.mm.yyyy hh:mm"
    ru["A3"].number_format = "dd.mm.yyyy"
    wb.save(path("incidents.xlsx"))
    dump("incidents.json", expected_rows(path("incidents.xlsx")))
    records = []
    for row, values, _, when in ROWS:
        if when is None:
            records.append({"row": row, "rejected": True})
            continue
        v = dict(zip(HEADER, values))
        note = v["note"]
        records.append({
            "row": row, "id": v["id"], "occurredAt": when, "lat": v["lat"], "lon": v["lon"],
            "category": v["category"], "substance": v["substance"],
            "quantityKg": v["quantity_kg"], "borderPost": v["border_post"],
            "properties": {} if note is None else {"note": note.strip() if isinstance(note, str) else text_of_number(note)},
        })
    records.append({"row": 10, "rejected": True})
    records.append({"row": 12, "rejected": True})
    dump("incidents_records.json", records)


def text_of_number(v):
    return numpy.format_float_positional(v, trim='-') if isinstance(v, float) else str(v)


# --- date1904.xlsx --------------------------------------------------------------------------
def make_1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["date", "lat", "lon", "elapsed"])
    ws.append([D(2024, 3, 5, 6, 0), 41.5, 69.5, dt.timedelta(hours=30, minutes=15)])
    ws.append([D(1904, 1, 2), 40.0, 70.0, None])
    ws.append([D(2000, 2, 29, 23, 59, 59), 39.0, 71.0, None])
    ws["A2"].number_format = "yyyy-mm-dd hh:mm"
    ws["A3"].number_format = "yyyy-mm-dd"
    ws["A4"].number_format = "dd/mm/yyyy hh:mm:ss"
    ws["D2"].number_format = "[h]:mm:ss"
    wb.save(path("date1904.xlsx"))
    dump("date1904.json", expected_rows(path("date1904.xlsx")))


# --- types.xlsx (hand-written parts) --------------------------------------------------------
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/second.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr/>
<sheets><sheet name="Types" sheetId="7" r:id="rId9"/><sheet name="Second" sheetId="2" r:id="rId2"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/second.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="0.00&quot; kg by day&quot;"/><numFmt numFmtId="166" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/></numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>plain</t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">rich </t></r><r><t>text</t></r></si>
<si><t xml:space="preserve">  keep spaces  </t></si>
<si><t>kana</t><rPh sb="0" eb="1"><t>カナ</t></rPh></si>
<si><t>&lt;tag&gt; &amp; &#x41;&#66; дата</t></si>
<si><t/></si>
</sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<dimension ref="A1:AB9"/>
<sheetViews><sheetView workbookViewId="0"/></sheetViews>
<!-- a comment <c> that is not a cell -->
<sheetData>
<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>inline</t></is></c><c r="B2" t="inlineStr"><is><r><t>run</t></r><r><rPr><i/></rPr><t xml:space="preserve"> two</t></r></is></c><c r="C2" t="str"><f>A2&amp;"x"</f><v>inlinex</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="n"><v>3.0000000000000004</v></c><c r="D3"><v>1E-3</v></c><c r="E3" s="3"><v>2.5</v></c></row>
<row r="5"><c r="A5" s="1"><v>45356</v></c><c r="B5" s="2"><v>45356.604166666664</v></c><c r="C5" s="4"><v>0.75</v></c><c r="D5" s="1"><v>61</v></c><c r="E5" s="5"><v>45000</v></c></row>
<row><c t="s"><v>3</v></c><c><v>7</v></c><c r="AA6" t="s"><v>1</v></c><c><f>SUM(A1)</f></c></row>
<row r="8"><c r="B8" t="s"><v>5</v></c><c r="C8" s="1"/></row>
<row r="9"><c r="C9" t="inlineStr"><is><t><![CDATA[cdata <raw> & text]]></t></is></c><c r="A9"><v>-12</v></c></row>
</sheetData>
<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>
</worksheet>"""
SECOND = """<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>1</x:v></x:c></x:row>
</x:sheetData></x:worksheet>"""


def write_zip(name, parts):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)


TYPES_PARTS = {
    "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS, "xl/styles.xml": STYLES, "xl/sharedStrings.xml": SHARED,
    "xl/worksheets/data.xml": SHEET, "xl/worksheets/second.xml": SECOND,
}


def make_types():
    write_zip("types.xlsx", TYPES_PARTS)
    dump("types.json", expected_rows(path("types.xlsx")))


def make_errors():
    with open(path("notzip.xlsx"), "w") as f:
        f.write("date,lat,lon\n2024-01-01,41,69\n")
    with open(path("incidents.xlsx"), "rb") as f:
        data = f.read()
    with open(path("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) * 2 // 3])
    write_zip("missing_workbook.xlsx", {k: v for k, v in TYPES_PARTS.items() if k != "xl/workbook.xml"})
    broken = dict(TYPES_PARTS)
    broken["xl/worksheets/data.xml"] = SHEET.replace('<v>7</v></c>', '<v>7</v>', 1)
    write_zip("malformed.xlsx", broken)


if __name__ == "__main__":
    make_incidents()
    make_1904()
    make_types()
    make_errors()
