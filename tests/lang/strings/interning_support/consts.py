# Support module of const_interning.py: string constants of another module.
ROUND_UP = "ROUND_UP"
IDENT = "abc_123"
UNDERSCORE = "_"
DIGITS = "2024"
EMPTY = ""
SPACED = "hello world"
DASHED = "a-b"
DOTTED = "a.b"
ACCENT = "café"
LONG_IDENT = "x" * 5000  # folded or not, the value is what counts
NESTED = ("inner_name", ("deeper_name", "not an ident"))
KEYS = {"key_a": 1, "key b": 2}
PARAM = "alpha_param"
ATTR = "some_attribute"


def names():
    return ["ROUND_UP", "abc_123", "hello world"]
