"""xlsx_compare.py — reads a workbook of `yigong export --format xlsx` with
openpyxl, an independent reader, and holds every cell of every form sheet
to the wide CSV of the same form; used by tests/xlsx_export.sh.

    python3 xlsx_compare.py BOOK.xlsx zh|en DATA_SHA256 CSV...

The CSVs are `export --format wide --form KEY`, one per form sheet, in
sheet order.  Prints "ok: ..." / "FAIL: ..." lines; exits 1 on a failure.
"""
import csv
import re
import sys
import zipfile

import openpyxl

book, lang, data_sha, csvs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
fails = 0


def check(cond, what):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        fails += 1


# The CSV's formula guard (yg_csv.h): one ' before a text that starts like a
# formula and is not a number; the workbook holds the text itself.
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


def unguard(s):
    if len(s) > 1 and s[0] == "'":
        t = s[1:].lstrip("'")
        if t.startswith(FORMULA) and not NUMBER.match(s[1:]):
            return s[1:]
    return s


def header_text(label, unit):
    if not unit:
        return label
    return f"{label}({unit})" if lang == "zh" else f"{label} ({unit})"


wb = openpyxl.load_workbook(book)
check(len(wb.worksheets) == len(csvs) + 1, f"{len(csvs)} form sheets after the first")
with zipfile.ZipFile(book) as z:
    formulas = [n for n in z.namelist()
                if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]
check(not formulas, "no cell of any sheet is a formula")

about = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r[0]}
check(data_sha in about.values(), "the first sheet carries the data's SHA-256")
total = 0

for ws, path in zip(wb.worksheets[1:], csvs):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head, data = rows[0], rows[1:]
    total += len(data)
    name = ws.title
    sheet = list(ws.iter_rows())
    check(ws.freeze_panes == "D3", f"{name}: header rows and code/name/month frozen")
    labels = [c.value or "" for c in sheet[0]]
    units = [c.value or "" for c in sheet[1]] if len(sheet) > 1 else []
    units += [""] * (len(labels) - len(units))
    got = [header_text(lab, u) for lab, u in zip(labels, units)]
    check(got == head, f"{name}: labels and units rows make the CSV's header")
    check(len(sheet) - 2 == len(data), f"{name}: {len(data)} data rows")
    bad = []
    kinds = set()
    for i, (cells, want) in enumerate(zip(sheet[2:], data), start=3):
        cells = list(cells) + [None] * (len(want) - len(cells))
        for j, w in enumerate(want):
            c = cells[j]
            v = c.value if c is not None else None
            if w == "":
                if v not in (None, ""):
                    bad.append(f"{c.coordinate}: {v!r} for an empty cell")
                continue
            if j < len(units) and units[j] in ("元", "yuan"):
                kinds.add("amount")
                if c.number_format != "#,##0.00" or isinstance(v, str):
                    bad.append(f"{c.coordinate}: amount {v!r} as {c.number_format!r}")
            if j < 3 and (c.data_type != "s" or not isinstance(v, str)):
                bad.append(f"{c.coordinate}: code/name/month {v!r} is not text")
            if isinstance(v, str):
                if v != unguard(w):
                    bad.append(f"{c.coordinate}: {v!r} != {w!r}")
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                bad.append(f"{c.coordinate}: {v!r} is neither text nor a number")
            elif c.number_format in ("#,##0.00", "0.00"):
                kinds.add("2dp")
                if f"{v:.2f}" != w:
                    bad.append(f"{c.coordinate}: {v!r} != {w!r}")
            elif c.number_format == "0":
                kinds.add("int")
                if not isinstance(v, int) or str(v) != w:
                    bad.append(f"{c.coordinate}: {v!r} is not the integer {w!r}")
            else:
                bad.append(f"{c.coordinate}: number format {c.number_format!r}")
    check(not bad, f"{name}: every cell equals the wide CSV's"
          + ("" if not bad else " — " + "; ".join(bad[:5])))
    if data:
        check("int" in kinds, f"{name}: counts are integers")
    if "amount" in kinds:
        check(True, f"{name}: amounts are numbers shown with two decimals")
    width = ws.column_dimensions["B"].width
    check(width and width > 8, f"{name}: columns sized to their content (B is {width})")

rows_label = "数据行数" if lang == "zh" else "Rows"
check(about.get(rows_label) == total, f"the first sheet counts {total} rows")
sys.exit(1 if fails else 0)
