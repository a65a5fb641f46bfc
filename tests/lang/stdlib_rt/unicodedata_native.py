# unicodedata: every property function over a spread of characters, names and lookup, the
# decomposition and the four normalization forms, defaults and error messages.
import unicodedata as u


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(u.unidata_version, type(u.ucd_3_2_0).__name__, u.UCD.__name__, u.ucd_3_2_0.unidata_version)
chars = "A z 5 \u00bd \u0661 \u00e9 \u0301 ( ) \u4e00 \uac00 \u200b \U0001f600 \u2460 \u00a0 \t \U000e0001 \u0378 \ud800 \u2163 \uff21 \u0600 \u05d0"
for ch in chars.split(" ") + [" "]:
    print(repr(ch), u.category(ch), u.bidirectional(ch), u.combining(ch), u.mirrored(ch),
          u.east_asian_width(ch), repr(u.decomposition(ch)), u.decimal(ch, None),
          u.digit(ch, None), u.numeric(ch, None), u.name(ch, None))
for name in ["LATIN SMALL LETTER A", "latin small letter a", "EURO SIGN", "HANGUL SYLLABLE GAG",
             "CJK UNIFIED IDEOGRAPH-4E00", "GRINNING FACE", "SPACE"]:
    print(name, repr(u.lookup(name)))
print(repr(u.lookup(b"SPACE")))
show(lambda: u.lookup("NO SUCH CHARACTER"))
show(lambda: u.lookup("x" * 300))
show(lambda: u.name("\x00"))
show(lambda: u.decimal("a"))
show(lambda: u.digit("a"))
show(lambda: u.numeric("a"))
show(lambda: u.category("ab"))
show(lambda: u.category(1))
show(lambda: u.decimal("ab"))
show(lambda: u.numeric(""))
show(lambda: u.name("xy", None))
s = "Ame\u0301lie \ufb01 \u2460 \uac00 \u1100\u1161\u11a8 A\u030a \u212b"
for form in ["NFC", "NFD", "NFKC", "NFKD"]:
    n = u.normalize(form, s)
    print(form, ascii(n), u.is_normalized(form, n), u.is_normalized(form, s))
show(lambda: u.normalize("NFX", "a"))
show(lambda: u.normalize(1, "a"))
show(lambda: u.normalize("NFC", 1))
show(lambda: u.is_normalized("nfc", "a"))
print(u.normalize("NFC", ""), u.is_normalized("NFD", ""))
