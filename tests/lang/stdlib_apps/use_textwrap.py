# textwrap: wrap, fill, shorten, dedent, indent and TextWrapper options.
import textwrap

text = ("The quick brown fox jumps over the lazy dog. " * 3).strip()
print(textwrap.wrap(text, width=30))
print(textwrap.fill(text, width=25, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, width=40), textwrap.shorten("Hello  world!", width=11, placeholder="..."))
print(repr(textwrap.dedent("""
    first
      second
    third
""")))
print(textwrap.indent("a\n\nb\n", "> "), textwrap.indent("a\nb", "+", lambda line: line.startswith("b")))
w = textwrap.TextWrapper(width=12, break_long_words=True, max_lines=3, placeholder=" [..]")
print(w.wrap("supercalifragilisticexpialidocious is a long word indeed"))
w = textwrap.TextWrapper(width=10, expand_tabs=True, tabsize=4, replace_whitespace=True)
print(w.fill("a\tb\tc d e f g h"))
print(textwrap.wrap("one-two-three-four", width=8), textwrap.wrap("", 10), textwrap.wrap("   ", 10))
print(textwrap.fill("x" * 25, width=10, break_on_hyphens=False))
