# The parser's warnings, issued by compile(), exec(), eval() and ast.parse as CPython 3.11
# issues them: DeprecationWarning for the first invalid escape of each string literal
# (octal escapes above \377 included, f-string text too), on the literal's first line; under
# an "error" filter a SyntaxError at the literal instead.
import ast
import warnings

sources = [
    r"x = '\d'", r"x = b'\q'", r"x = '\d \e'", "x = '''\n\\z'''", r"x = '\777'",
    r"x = b'\400'", r"x = '\377'", r"x = rb'\d'", r"x = f'\w{1}\s'", r"x = 'ok\n'",
    r"x = '\N{DIGIT ONE}\8'", "x = ('a'\n     '\\c')",
]
for src in sources:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        compile(src, "<src>", "exec")
        ast.parse(src)
    print(repr(src), [(type(x.message).__name__, str(x.message), x.lineno) for x in w])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    for src in (r"x = '\d'", "y = 1\nx = b'ab\\q'"):
        try:
            compile(src, "<err>", "exec")
        except SyntaxError as e:
            print("SyntaxError", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
