# unicodedata.ucd_3_2_0 (Unicode 3.2.0, used by the idna codec and stringprep) next to the
# module's Unicode 14.0: properties, names and lookup, normalization, and the idna codec.
import encodings.idna
import stringprep
import unicodedata

old = unicodedata.ucd_3_2_0
print(type(old).__name__, old.unidata_version, unicodedata.unidata_version)

SAMPLE = [0x2B, 0x2D, 0xA7, 0xAA, 0xAD, 0xB2, 0x1F6, 0x221, 0x3F9, 0x6DD, 0xF3A, 0x10FC,
          0x1B06, 0x2070, 0x20B5, 0x2F868, 0x4DB5, 0x4DB6, 0x9FA5, 0x9FA6, 0x9FCC, 0xAC00,
          0x1D7CE, 0x1F600, 0x10FFFF, 0xE0001, 0x2460, 0x3405, 0x2153, 0x0F33]
SAMPLE += list(range(0, 0x30000, 997))
for cp in SAMPLE:
    c = chr(cp)
    row = []
    for db in (old, unicodedata):
        row.append((db.category(c), db.bidirectional(c), db.east_asian_width(c),
                    db.mirrored(c), db.combining(c), db.decomposition(c),
                    db.decimal(c, None), db.digit(c, None), db.numeric(c, None),
                    db.name(c, None)))
    print(f"U+{cp:04X}", row[0], "same" if row[0] == row[1] else row[1])

for name in ["LATIN SMALL LETTER A", "latin small letter a", "HANGUL SYLLABLE GA",
             "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-9FCC",
             "LATIN CAPITAL LETTER GHA", "EURO SIGN", "GRINNING FACE", "NO SUCH NAME"]:
    for db in (old, unicodedata):
        try:
            print(name, "->", ascii(db.lookup(name)))
        except KeyError as e:
            print(name, "KeyError", e)

for fn, args in [("name", (chr(0x1F600),)), ("decimal", ("a",)), ("numeric", (chr(0x2153),)),
                 ("numeric", (chr(0x20B5),)), ("digit", ("9",)), ("category", ("ab",)),
                 ("normalize", ("NFX", "a"))]:
    try:
        print(fn, args, getattr(old, fn)(*args))
    except (ValueError, TypeError) as e:
        print(fn, args, type(e).__name__, e)

for s in ["Ångström", "ﬁ ½ ㎒", "e\u0301\u0323", "\U0002f868x", "가각", "\u1e9b\u0323",
          "\u1b06\u0301", "\U00011099\U000110ba", "\u03f9\u0301", "\U0001d15e\u0323"]:
    print(ascii(s), [ascii(old.normalize(f, s)) for f in ("NFC", "NFD", "NFKC", "NFKD")],
          [old.is_normalized(f, s) for f in ("NFC", "NFKD")])

for host in ["bücher.example", "Bücher.Example", "ドメイン.テスト", "straße.de", "xn--bcher-kva.ch"]:
    try:
        enc = host.encode("idna")
        print(host, enc, enc.decode("idna"))
    except UnicodeError as e:
        print(host, "UnicodeError", e)
print(encodings.idna.nameprep("Ｂücher"), encodings.idna.ToASCII("müller"))
for c in ["\u0221", "a", "\u00ad", "\u200b", "\u0627", "\ufffd", "\U0001f600"]:
    print(ascii(c), stringprep.in_table_a1(c), stringprep.in_table_b1(c),
          ascii(stringprep.map_table_b2(c)), stringprep.in_table_c12(c),
          stringprep.in_table_d1(c), stringprep.in_table_d2(c))
