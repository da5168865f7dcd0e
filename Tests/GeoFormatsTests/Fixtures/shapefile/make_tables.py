"""Prints the SingleByteTables arrays of Sources/GeoFormats/TextEncodingTables.swift from
Python's codecs (bytes a code page leaves undefined map to the C1 control of the same value).
Usage: python3 make_tables.py > /tmp/tables.txt, then paste into the Swift file."""


def table(codec):
    out = []
    for b in range(128, 256):
        try:
            out.append(ord(bytes([b]).decode(codec)))
        except UnicodeDecodeError:
            out.append(b)
    return out


for name, codec in [("windows1251", "cp1251"), ("cp866", "cp866"), ("windows1252", "cp1252")]:
    t = table(codec)
    print(f"    /// Unicode scalars for bytes 0x80...0xFF of {codec.upper()} (generated from Python's `{codec}` codec;")
    print("    /// bytes the code page leaves undefined map to the C1 control of the same value).")
    print(f"    static let {name}: [UInt16] = [")
    for i in range(0, 128, 8):
        print("        " + ", ".join(f"0x{v:04X}" for v in t[i:i + 8]) + ",")
    print("    ]")
