# match statement compile-time errors (irrefutable patterns not last, duplicate captures,
# invalid targets, multiple starred, bad mapping keys) and soft-keyword uses of match/case as
# ordinary names.
def show(label, src):
    try:
        compile(src, "<match>", "exec")
    except SyntaxError as e:
        print(label, "->", type(e).__name__, e.msg, e.lineno, e.offset)
    else:
        print(label, "-> compiles")


show("irrefutable first", "match x:\n    case y:\n        pass\n    case 1:\n        pass\n")
show("wildcard first", "match x:\n    case _:\n        pass\n    case 2:\n        pass\n")
show("duplicate capture", "match x:\n    case [a, a]:\n        pass\n")
show("duplicate in or", "match x:\n    case [a] | [a]:\n        pass\n")
show("two stars", "match x:\n    case [*a, *b]:\n        pass\n")
show("star in mapping", "match x:\n    case {**a, 'k': 1}:\n        pass\n")
show("duplicate keys", "match x:\n    case {'k': 1, 'k': 2}:\n        pass\n")
show("attribute key ok", "match x:\n    case {C.k: 1}:\n        pass\n")
show("irrefutable alternative", "match x:\n    case a | 1:\n        pass\n")
show("as wildcard", "match x:\n    case 1 as _:\n        pass\n")
show("keyword repeated", "match x:\n    case C(a=1, a=2):\n        pass\n")
show("positional after keyword", "match x:\n    case C(a=1, 2):\n        pass\n")
show("f-string pattern", "match x:\n    case f'{y}':\n        pass\n")
show("guard ok", "match x:\n    case [a] if a:\n        pass\n")
match = [1, 2]
case = {"k": "v"}
match[0] = 5
print(match, case["k"])


def match(case):
    return case * 2


print(match(21))
_ = 1
match _:
    case 1:
        print("matched on a variable named _")
