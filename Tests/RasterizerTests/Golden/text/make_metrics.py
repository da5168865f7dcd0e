"""Generates metrics.json: independent advance widths for the text tests.

Run once: /tmp/pyenv/bin/python make_metrics.py  (needs fontTools; tests do not need python).
For each string and font, the advance width in px at each size is
    (sum of hmtx advances of the cmap glyphs + sum of 'kern' table format-0 pair values) * size / unitsPerEm
read by fontTools straight from the font file, with no FreeType involved.
Also records, per string, whether every character is in the font's cmap.
"""
import json
from fontTools.ttLib import TTFont

FONTS = {
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVu Sans Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "Noto Sans Regular": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
}
TEXTS = ["Душанбе", "Qo\u2018qon", "K\u016dlob", "Алматы", "Bishkek", "Toshkent", "AVATAR", "Хорог", "Termiz"]
SIZES = [12.0, 16.0, 31.5]

out = []
for name, path in FONTS.items():
    f = TTFont(path)
    upem = f["head"].unitsPerEm
    cmap = f.getBestCmap()
    hmtx = f["hmtx"]
    pairs = {}
    if "kern" in f:
        for table in f["kern"].kernTables:
            if getattr(table, "format", 0) == 0:
                pairs.update(table.kernTable)
    for text in TEXTS:
        names = [cmap.get(ord(c), ".notdef") for c in text]
        units = sum(hmtx[g][0] for g in names)
        kern = sum(pairs.get((a, b), 0) for a, b in zip(names, names[1:]))
        out.append({
            "font": name, "text": text, "unitsPerEm": upem,
            "advanceUnits": units, "kernUnits": kern,
            "allInCmap": all(ord(c) in cmap for c in text),
            "widths": {str(s): (units + kern) * s / upem for s in SIZES},
            "ascenderUnits": f["hhea"].ascent, "descenderUnits": f["hhea"].descent,
        })
with open("metrics.json", "w", encoding="utf-8") as fh:
    json.dump(out, fh, ensure_ascii=False, indent=1)
print(len(out), "entries;", "kern pairs used:", sum(1 for e in out if e["kernUnits"]))
