# _string: formatter_parser and formatter_field_name_split on literal text, escaped braces,
# conversions, nested specs and every parse error.
import _string
cases = ['', 'abc', 'a{0}b', 'a{{b', 'a}}b', '{0!r:>5}', '{a.b[c]}', '{', '}', 'x}', '{0!}', '{0!rr}', '{0!r', '{0:{1}}', '{{}}', '{a[}]}', '{!r}', '{:}', '{0[', 'a{b{c}d}e', '{0:', '{{0}}', '{x{y}', '}}{{', '{a}}']
for c in cases:
    try:
        print(repr(c), list(_string.formatter_parser(c)))
    except Exception as e:
        print(repr(c), type(e).__name__, e)
names = ['', 'a', '0', '12', 'a.b', 'a[0]', 'a[x].y', 'a.', 'a[', 'a[0]x', 'a..b', '0.real[1][key]', '[1]', '.x', 'a[]', '99999999999999999999999', 'a[99999999999999999999999]']
for n in names:
    try:
        first, rest = _string.formatter_field_name_split(n)
        print(repr(n), repr(first), list(rest))
    except Exception as e:
        print(repr(n), type(e).__name__, e)
for bad in [1, None]:
    for f in (_string.formatter_parser, _string.formatter_field_name_split):
        try:
            f(bad)
        except Exception as e:
            print(type(e).__name__, e)
