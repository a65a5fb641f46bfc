# f-strings: conversions, specs, nesting, debug '=', concatenation, positions.
name = "x"
a = f"plain"
b = f"{name}"
c = f"{name!r} {name!s} {name!a}"
d = f"{3.14159:.2f} {name:>{10}} {name:{'^'}{10}}"
e = f"a" "b" f"{name}" "c"
f = f'{name=}', f"{name = }", f"{name=!r:>5}"
g = f"{'nested ' + f'{name}'}"
h = f"""multi
{name}
line"""
i = f"{{literal}} {name}}}"
j = rf"\n{name}\n" + fr'{name}\t'
k = f"{ name }" f"{name!r:^{5}}"
l = f"{x for x in y}" if 0 else f"{(lambda: 1)()}"
m = f"{a['k']}{b[0]}{c.d}{e(1, 2)}"
n = (f"first"
     f"{second}"
     "third")
o = f"{x:{y}.{z}f}"
p = f"{3!r}"
q = f"é{name}ü{'漢'}"
r = u"x" f"{name}"
s = U"x" f"{name}" u"y"
t = f"\{name}" f"a\{{x}}" rf"\{name}"
# kind='u' comes from a lowercase 'u' on the first token; a format spec's last piece has none.
u1 = u"x" f"{y:{z}a{w}b}" f"q{w}r"
u2 = U"y" f"{y:>}"
