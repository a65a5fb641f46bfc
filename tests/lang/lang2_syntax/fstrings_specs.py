# f-strings: conversions, = debugging specifier with spacing, nested replacement fields in the
# spec, format specs for every type, quotes and escapes, multi-line f-strings, dict access,
# lambdas and conditionals inside, and f-string syntax errors.
import datetime


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


name, value, width, prec = "pi", 3.14159265, 12, 3
items = {"k": [10, 20]}
print(f"{name}={value:.{prec}f}|{value:>{width}.2e}|{value!r:^20}|{name!s:*<6}|{name!a}")
print(f"{value=}", f"{value = :.2f}", f"{name = !r}", f"{1 + 2 = }", f"{items['k'][1]=}")
print(f"{'nested ' + f'{name.upper()}'}", f"{items['k']!r}", f"{(lambda x: x * 2)(21)}", f"{'yes' if value > 3 else 'no'}")
print(f"{{literal}} {{{name}}}", f"{'{'}{'}'}", f"tab\t{name}\\n", rf"raw\t{name}", f"{chr(10)!r}")
print(f"""multi
{name:>5}
line""", f"{3:03}{-3:03}{3:+}{3: }", f"{1234567.891:,.2f}", f"{0.000123:.2%}", f"{255:#06x}")
print(f"{datetime.date(2024, 2, 29):%Y/%m/%d %a}", f"{10**20:_}", f"{-0.0:+.1f}", f"{1e100:.3g}", f"{12:c}")
print(f"{'abc':.2}", f"{'é':>3}", f"{True:>5}", f"{None!r:>6}", f"{[1, 2]!s:10}|", f"{(1, 2)}")
x = 5
print(f"{x!r:>{x}}", f"{x:{'>'}{x}}", f"{'a' 'b'}", f'{"double"}', f"{x:{x}.{x}}")
print(f"{3.5:g}", f"{3.0:g}", f"{1e16:g}", f"{float('nan'):>5}", f"{float('-inf'):e}", f"{2**64:e}")
print(f"{'left':<10}|{'right':>10}|{'center':^10}|{'fill':~^12}|")
print(f"{42:b} {42:o} {42:x} {42:X} {42:e} {42:%} {42:n}")
show("bad conversion", lambda: eval('f"{x!z}"'))
show("empty expression", lambda: eval('f"{}"'))
show("unclosed", lambda: eval('f"{x"'))
show("single brace", lambda: eval('f"}"'))
show("backslash in expr", lambda: eval('f"{\'\\n\'.join([])}"'))
show("bad spec", lambda: f"{x:q}")
show("bad spec str", lambda: f"{'s':d}")
show("comment", lambda: eval('f"{x # c}"'))
show("lambda unparenthesized", lambda: eval('f"{lambda: 1}"'))
show("nested too deep", lambda: eval('f"{x:{x:{x}}}"'))
