# String and bytes literals: every escape sequence, raw strings, implicit concatenation across
# lines, triple-quoted strings with embedded quotes, line continuations, \N{...} names,
# invalid escapes (warnings go to stderr), and unicode identifiers.
print("\a\b\f\n\r\t\v\\\'\"".encode())
print("\x41\x7e\101\0\7\177" == "A~A\x00\x07\x7f", "\u00e9\U0001F600\N{LATIN SMALL LETTER E WITH ACUTE}")
print(b"\x00\xff\n\101\\", len(b"\777"[:0]), r"\n\t\x", rb"\d+", Rb"\w", bR"x\\")
text = ("implicit "
        "concatenation "
        'across lines')
print(text, "a" "b" 'c' """d""")
print("""triple "double" quotes
with 'single' and \"\"\" escaped""")
print('''single triple with """ inside''')
total = 1 + \
    2 + \
    3
print(total, "line \
continued")
ñame = "unicode identifier"
π = 3.14
print(ñame, π, "\N{SNOWMAN}\N{BLACK HEART SUIT}", len("\N{EM DASH}"))
print(repr("\x00\x1f\x7f\x80\xa0\xad"), repr("\u2028\ufeff\U000e0001"), ascii("\U0010ffff"))
print(repr(b"\x00\x7f\x80\xff'\""), repr(bytes(range(30, 40))))
print("%s" % "percent", "{}".format("braces"), "tab\there", "nul\x00byte" != "nulbyte")
print(len("😀"), len("😀".encode()), len("😀".encode("utf-16-le")), "😀".encode("utf-32-be").hex())
print("é" == "e\u0301", len("e\u0301"), "\u00e9".encode(), "e\u0301".encode())
import unicodedata
print(unicodedata.normalize("NFC", "e\u0301") == "é", unicodedata.name("é"), unicodedata.category("5"))
print(eval(r'"\d"'), eval(r'b"\q"'))
