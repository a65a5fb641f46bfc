# Native stdlib modules matching CPython 3.11: array registers as a MutableSequence,
# re.sub's template warnings point at the caller (stacklevel through re._subx), and
# sub/subn with named and numbered group references still expand correctly.
import array
import collections.abc
import os
import re
import warnings

for code in "bBhHiIlLqQfd":
    a = array.array(code)
    print(code, isinstance(a, collections.abc.MutableSequence),
          isinstance(a, collections.abc.Sequence), issubclass(array.ArrayType,
                                                               collections.abc.Reversible))
a = array.array("i", [3, 1, 2])
print("abc mixins", a.index(1), a.count(2), list(reversed(a)))


def sub_with_warning(pattern, repl, text):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = re.sub(pattern, repl, text)
    for w in caught:
        print("  warning", w.category.__name__, str(w.message),
              os.path.basename(w.filename) == os.path.basename(__file__), w.lineno)
    return res


print(sub_with_warning("(?P<a>x)", r"\g<+1>", "xx"))
print(sub_with_warning("(x)" * 11, r"\g<1_0>", "x" * 11))
print(sub_with_warning("(?P<a>x)", r"[\g<a>]", "axbx"))
print(sub_with_warning(b"(?P<n>y)", rb"<\g<n>>", b"yzy"))
print(re.subn(r"(\d+)-(\d+)", r"\2:\1", "10-20, 3-4"))
print(re.sub(r"(?P<w>\w+)", r"\g<w>!", "hi there"))
print(re.sub(r"(a)|b", r"[\1]", "abab"))
for bad in (r"\g<", r"\g<a", r"\g<2>", r"\g<ab>", r"\g<-1>"):
    try:
        re.sub("(?P<a>x)", bad, "xx")
    except Exception as e:
        print("bad", bad, type(e).__name__, e)
