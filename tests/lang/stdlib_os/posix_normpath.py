# posix._path_normpath (what posixpath.normpath runs on): edge cases and an exhaustive sweep
# over short paths of "/", ".", "..", "a" and "b/" pieces, summarised by a checksum.
import itertools
import os.path
import posix

cases = ['', '.', '/', '//', '///', 'a/..', '/..', '/../a', 'a//b/./c/', '../..', 'a/../../b',
         '//a/../b', './a', 'a/./', '///a//b', './/..', '\x00x', './.', './', './/', 'a/.', '/.',
         '/./', 'a/b/../..', 'a/b/../../.', './..', '.././a', 'x/../.', '..', '../',
         '/a/b/../../..', '.a', 'a..', '...', 'a/.../b', '//..', '//../a', '/a/../..//b',
         'caf\xe9/../\U0001f600/x/..']
for s in cases:
    print(ascii(s), ascii(posix._path_normpath(s)), ascii(os.path.normpath(s)),
          os.path.normpath(s.encode()))
results = []
for n in range(6):
    for parts in itertools.product(["/", ".", "..", "a", "b/"], repeat=n):
        results.append(posix._path_normpath("".join(parts)))
text = "|".join(results)
print(len(results), len(text), sum((i % 97 + 1) * ord(c) for i, c in enumerate(text)) % 1000000007)
for b in [b'a', 5, None]:
    try:
        posix._path_normpath(b)
    except TypeError as e:
        print(e)
print(posix._path_normpath(path="a/b/.."), os.path.abspath("x/../y") == os.path.join(os.getcwd(), "y"))
