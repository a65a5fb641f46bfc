# difflib: SequenceMatcher, unified/context/ndiff diffs, close matches, HtmlDiff basics.
import difflib

a = "one\ntwo\nthree\nfour\nfive\n".splitlines(keepends=True)
b = "one\n2\nthree\nfour\nsix\nseven\n".splitlines(keepends=True)
print("".join(difflib.unified_diff(a, b, fromfile="a.txt", tofile="b.txt")))
print("".join(difflib.context_diff(a, b, fromfile="a", tofile="b", n=1)))
print("".join(difflib.ndiff(["abcde\n"], ["abXde\n"])))
s = difflib.SequenceMatcher(None, "private Thread currentThread;", "private volatile Thread currentThread;")
print(round(s.ratio(), 4), s.get_matching_blocks()[:3], s.get_opcodes())
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]))
print(difflib.get_close_matches("wheel", ["while", "wheat", "wheels"], n=2, cutoff=0.6))
s = difflib.SequenceMatcher(lambda c: c == " ", "a b c", "a bc")
print(s.find_longest_match(0, 5, 0, 4), round(s.quick_ratio(), 3), round(s.real_quick_ratio(), 3))
print(list(difflib.restore(difflib.ndiff(["x\n"], ["y\n"]), 2)))
html = difflib.HtmlDiff().make_table(["a"], ["b"])
print(html.count("<tr>"), "diff_sub" in html)
