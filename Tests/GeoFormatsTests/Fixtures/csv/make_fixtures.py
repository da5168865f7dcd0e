#!/usr/bin/python3
"""Writes the CSV incident fixtures and, independently of BorderMap, what reading them must give.

Run once with /usr/bin/python3 (standard library only) from this directory:
    /usr/bin/python3 make_fixtures.py
For each fixture X.csv it writes X.expected.json with
  - "records": every non-blank record as Python's csv module reads it, with the 1-based
    physical line it starts on (from csv.reader.line_num over universal-newline lines);
  - "incidents": the rows that must load, with values computed here (degrees from their DMS
    parts, instants with datetime, SHA-256 source keys with hashlib);
  - "rejections": row number and a phrase the reason must contain.
Row 8 of incidents_excel_ru.csv has latitude and longitude exchanged, both in range; it is
rejected only when the reader is given a plausibility check (the tests pass a Central Asia box).
"""
import csv, datetime, hashlib, io, json, re

UTC = datetime.timezone.utc


def epoch(*args, tz=UTC):
    return datetime.datetime(*args, tzinfo=tz).timestamp()


def dms(d, m=0, s=0, neg=False):
    v = d + m / 60 + s / 3600
    return -v if neg else v


def normalise(header):
    out, gap = "", False
    for c in header.lower().replace("ё", "е"):
        if c.isalnum():
            if gap and out:
                out += "_"
            out += c
            gap = False
        else:
            gap = True
    return out


def source_key(header, values):
    entries = []
    for i, v in enumerate(values):
        v = v.strip()
        if not v:
            continue
        name = normalise(header[i]) if i < len(header) else ""
        if not name:
            name = "column_%d" % (i + 1)
        entries.append(name.encode() + b"\x1f" + v.encode())
    h = hashlib.sha256()
    for e in sorted(entries):
        h.update(e + b"\x1e")
    return h.hexdigest()


def oracle_records(raw, encoding, delimiter):
    text = raw.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, prev = [], 0
    for fields in reader:
        start = prev + 1
        prev = reader.line_num
        if fields == []:
            continue  # blank line
        out.append({"row": start, "fields": fields})
    return out


def write(name, rows, encoding, delimiter, terminator, bom, incidents, rejections):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=terminator)
    w.writerows(rows)
    raw = (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode(encoding)
    with open(name, "wb") as f:
        f.write(raw)
    records = oracle_records(raw, encoding, delimiter)
    header = records[0]["fields"]
    by_row = {r["row"]: r["fields"] for r in records}
    for inc in incidents:
        inc["source_key"] = source_key(header, by_row[inc["row"]])
    expected = {"file": name, "encoding": encoding, "delimiter": delimiter, "records": records,
                "incidents": incidents, "rejections": rejections}
    with open(name.replace(".csv", ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)


# 1. As Excel (Russian locale) saves "CSV (разделители - запятые)": ';', CP1251, CRLF, decimal commas.
ru_header = ["Дата", "Широта", "Долгота", "Категория", "Вещество", "Количество, кг", "Ведомство",
             "Погранпост", "Источник", "Примечание"]
ru_rows = [
    ru_header,                                                                                      # row 1
    ["05.03.2024 14:30", "41,3111", "69,2797", "изъятие", "героин", "12,5", "ГПК", "Айбек", "отчёт", ""],  # 2
    ["2024-03-06", "43°15'30\"N", "76°57'00\"E", "задержание", "гашиш", "0,75", "МВД", "Хоргос", "",
     "многострочное\r\nпримечание"],                                                                # 3-4
    ["07.03.2024", "37 54 30 N", "69 47 15 E", "изъятие", "опий", "1 234,5", "ГПК", "Нижний Пяндж",
     "", "пост; смена 2"],                                                                          # 5
    ["31.02.2024", "41,3", "69,3", "изъятие", "героин", "1", "ГПК", "Айбек", "", ""],                # 6 bad date
    ["", "41,3", "69,3", "изъятие", "героин", "1", "ГПК", "Айбек", "", ""],                          # 7 no date
    ["10.03.2024", "69,28", "41,31", "изъятие", "героин", "2", "ГПК", "Айбек", "", ""],              # 8 swapped (in range)
    ["11.03.2024", "41,3", "69,3", "изъятие", "героин", "много", "ГПК", "Айбек", "", ""],            # 9 bad number
    ["12.03.2024", "0", "0", "изъятие", "героин", "1", "ГПК", "Айбек", "", ""],                      # 10 null island
    ["13.03.2024", "abc", "69,3", "попытка\nпересечения\n", "", "", "", "", "", ""],                 # 11-13 bad lat
    ["08.03.2024 09:05", "40°17,5'N", "69°37,5'E", "изъятие", "метамфетамин", "0,02", "СНБ", "Ойбек",
     "сводка", "\"кавычки\" внутри"],                                                               # 14
    ["09/03/2024", "N39 40 00", "E66 57 30", "задержание", "", "", "", "", "", ""],                  # 15
    ["2024-03-10T08:00+05:00", "38°33'45\" с.ш.", "68°46'30\" в.д.", "изъятие", "гашиш", "3", "", "", "", ""],  # 16
]
ru_incidents = [
    {"row": 2, "lat": 41.3111, "lon": 69.2797, "t": epoch(2024, 3, 5, 14, 30), "quantity_kg": 12.5,
     "category": "изъятие", "substance": "героин", "agency": "ГПК", "border_post": "Айбек", "source": "отчёт",
     "properties": {}},
    {"row": 3, "lat": dms(43, 15, 30), "lon": dms(76, 57, 0), "t": epoch(2024, 3, 6), "quantity_kg": 0.75,
     "category": "задержание", "substance": "гашиш", "agency": "МВД", "border_post": "Хоргос", "source": None,
     "properties": {"Примечание": "многострочное\r\nпримечание"}},
    {"row": 5, "lat": dms(37, 54, 30), "lon": dms(69, 47, 15), "t": epoch(2024, 3, 7), "quantity_kg": 1234.5,
     "category": "изъятие", "substance": "опий", "agency": "ГПК", "border_post": "Нижний Пяндж", "source": None,
     "properties": {"Примечание": "пост; смена 2"}},
    {"row": 14, "lat": dms(40, 17.5), "lon": dms(69, 37.5), "t": epoch(2024, 3, 8, 9, 5), "quantity_kg": 0.02,
     "category": "изъятие", "substance": "метамфетамин", "agency": "СНБ", "border_post": "Ойбек", "source": "сводка",
     "properties": {"Примечание": "\"кавычки\" внутри"}},
    {"row": 15, "lat": dms(39, 40), "lon": dms(66, 57, 30), "t": epoch(2024, 3, 9), "quantity_kg": None,
     "category": "задержание", "substance": None, "agency": None, "border_post": None, "source": None,
     "properties": {}},
    {"row": 16, "lat": dms(38, 33, 45), "lon": dms(68, 46, 30),
     "t": epoch(2024, 3, 10, 8, 0, tz=datetime.timezone(datetime.timedelta(hours=5))), "quantity_kg": 3.0,
     "category": "изъятие", "substance": "гашиш", "agency": None, "border_post": None, "source": None,
     "properties": {}},
]
ru_rejections = [
    {"row": 6, "reason": "not a date"},
    {"row": 7, "reason": "missing date"},
    {"row": 8, "reason": "latitude and longitude look swapped"},
    {"row": 9, "reason": "quantity"},
    {"row": 10, "reason": "null island"},
    {"row": 11, "reason": "latitude"},
]
write("incidents_excel_ru.csv", ru_rows, "cp1251", ";", "\r\n", False, ru_incidents, ru_rejections)

# 2. "CSV UTF-8" from Excel in an English locale: ',', BOM, CRLF, one coordinates column.
en_rows = [
    ["ID", "Occurred_At", "Coordinates", "Type", "Substance", "Quantity", "Agency", "Post", "Source", "Comment"],
    ["A-1", "2024-04-01T06:15:00Z", "41.31, 69.28", "seizure", "heroin", "1,234.5", "Customs", "Oybek", "report", "note\nover two lines"],
    ["A-2", "02.04.2024 23:59", "37°54′N 69°48′30″E", "detention", "", "", "Border guard", "", "", ""],
    ["A-3", "2024-04-03", "41.31, 269.28", "seizure", "opium", "2.5", "", "", "", ""],
    ["A-4", "2024-04-04", "41.5, 70.5", "seizure", "opium", "2.5", "", "", "", "Қазақша мәтін"],
]
en_incidents = [
    {"row": 2, "id": "A-1", "lat": 41.31, "lon": 69.28, "t": epoch(2024, 4, 1, 6, 15), "quantity_kg": 1234.5,
     "category": "seizure", "substance": "heroin", "agency": "Customs", "border_post": "Oybek", "source": "report",
     "properties": {"Comment": "note\nover two lines"}},
    {"row": 4, "id": "A-2", "lat": dms(37, 54), "lon": dms(69, 48, 30), "t": epoch(2024, 4, 2, 23, 59), "quantity_kg": None,
     "category": "detention", "substance": None, "agency": "Border guard", "border_post": None, "source": None,
     "properties": {}},
    {"row": 6, "id": "A-4", "lat": 41.5, "lon": 70.5, "t": epoch(2024, 4, 4), "quantity_kg": 2.5,
     "category": "seizure", "substance": "opium", "agency": None, "border_post": None, "source": None,
     "properties": {"Comment": "Қазақша мәтін"}},
]
en_rejections = [{"row": 5, "reason": "outside -180...180"}]
write("incidents_utf8_bom.csv", en_rows, "utf-8", ",", "\r\n", True, en_incidents, en_rejections)

# 3. Tab-delimited UTF-8 without BOM, classic-Mac CR line ends.
tab_rows = [
    ["date", "latitude", "longitude", "category", "substance"],
    ["2024-05-01", "42.87", "74.59", "seizure", "Қарасора"],
    ["2024-05-02", "-", "74.59", "seizure", "hashish"],
    ["2024-05-03", "42.8", "74.6", "crossing\rattempt", ""],
]
tab_incidents = [
    {"row": 2, "lat": 42.87, "lon": 74.59, "t": epoch(2024, 5, 1), "quantity_kg": None, "category": "seizure",
     "substance": "Қарасора", "agency": None, "border_post": None, "source": None, "properties": {}},
    {"row": 4, "lat": 42.8, "lon": 74.6, "t": epoch(2024, 5, 3), "quantity_kg": None, "category": "crossing\rattempt",
     "substance": None, "agency": None, "border_post": None, "source": None, "properties": {}},
]
tab_rejections = [{"row": 3, "reason": "latitude"}]
write("incidents_tab_cr.csv", tab_rows, "utf-8", "\t", "\r", False, tab_incidents, tab_rejections)


# 4. Reader stress: seeded random fields full of quotes, delimiters and every kind of line break,
#    records ended by CRLF, LF or CR at random. Only the csv records matter here.
import random
rnd = random.Random(4180)
alphabet = ["a", "b", "z", " ", ",", ";", "\t", '"', '""', "\r", "\n", "\r\n", "д", "Қ", "°", "'", "1", ".", ""]
buf = io.StringIO(newline="")
w_header = csv.writer(buf, lineterminator="\r\n")
w_header.writerow(["a", "b", "c", "d", "e"])
for i in range(400):
    fields = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(5)]
    one = io.StringIO(newline="")
    csv.writer(one, lineterminator="\r\n").writerow(fields)  # quotes every field holding \r or \n
    buf.write(one.getvalue()[:-2] + rnd.choice(["\r\n", "\n", "\r"]))
    if rnd.random() < 0.05:
        buf.write(rnd.choice(["\r\n", "\n"]))  # a blank line now and then
raw = buf.getvalue().encode("utf-8")
with open("stress_random.csv", "wb") as f:
    f.write(raw)
with open("stress_random.expected.json", "w", encoding="utf-8") as f:
    json.dump({"file": "stress_random.csv", "encoding": "utf-8", "delimiter": ",",
               "records": oracle_records(raw, "utf-8", ","), "incidents": [], "rejections": []},
              f, ensure_ascii=False, indent=1)
