# format() mini-language for int and float: fill, align, sign, z, #, 0, width, grouping,
# precision, every presentation type, and the errors of invalid specs.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


ints = [0, 5, -5, 1234567, -1234567, 2**70]
int_specs = ["", "d", "5d", "<6", ">6", "^7", "=+8", "*^9", "+", "-", " ", "#x", "#X", "#o", "#b",
             "08", "010,", "_", "_x", "_b", ",d", "c", "e", ".2f", "%", "n", "#012_x", "+#o", "x<8"]
for n in ints:
    out = []
    for spec in int_specs:
        try:
            out.append(format(n, spec) if spec != "c" or 0 <= n < 0x110000 else "-")
        except Exception as e:
            out.append(type(e).__name__)
    print(n, out)
floats = [0.0, -0.0, 1.5, -1.5, 1234567.891, 1e-5, 1e22, float("inf"), float("nan"), 0.125]
float_specs = ["", "f", ".0f", ".3f", "e", ".2E", "g", ".3g", "G", "%", ".1%", "10.2f", "<10", "^10.1f",
               "+.2f", " g", "010.2f", ",.2f", "_.1f", "#.0f", "#g", "z.1f", "n", ".30f", "=+12.3e"]
for x in floats:
    out = []
    for spec in float_specs:
        try:
            out.append(format(x, spec))
        except Exception as e:
            out.append(type(e).__name__)
    print(x, out)
show("int s", lambda: format(5, "s"))
show("float d", lambda: format(1.5, "d"))
show("int bad", lambda: format(5, "q"))
show("two commas", lambda: format(5, ",,"))
show("comma underscore", lambda: format(5, ",_"))
show("comma n", lambda: format(5, ",n"))
show("precision int", lambda: format(5, ".2"))
show("c with sign", lambda: format(65, "+c"))
show("c big", lambda: format(0x110000, "c"))
show("alt c", lambda: format(65, "#c"))
show("huge width", lambda: format(1, "9999999999999999999"))
show("str spec", lambda: (format("ab", "<5"), format("ab", ".1"), format("ab", "^5.1"), format("ab", "s")))
show("str sign", lambda: format("ab", "+"))
show("str =", lambda: format("ab", "=5"))
show("none", lambda: format(None, ""))
show("none spec", lambda: format(None, "5"))
show("object spec", lambda: format(object(), "x"))
show("bool", lambda: (format(True, ""), format(True, "d"), format(False, "5"), f"{True!s:>6}"))
show("fstring", lambda: f"{12345.678:_>+15,.2f}|{255:#010x}|{-3:=5}|{0.5:.0%}")
show("nested", lambda: f"{3.14159:{'>'}{10}.{3}}")
