# Where tracebacks point for failing assignment and deletion targets: the instruction that
# stores or deletes carries the target's own position (carets under `a.b`, `~^^^` under a
# subscript, the unpacked tuple), as CPython 3.11's compiler gives it.
import traceback

class Slotted:
    __slots__ = ()

def attempts():
    t = (1,)
    s = Slotted()
    d = {}
    yield lambda: exec("t[0] = 2", {"t": t})
    def store_item():
        t[0] = 2
    yield store_item
    def store_attr():
        s.x = 1
    yield store_attr
    def del_item():
        del d["missing"]
    yield del_item
    def del_attr():
        del s.x
    yield del_attr
    def del_unbound():
        x = 1
        del x
        del x
    yield del_unbound
    def unpack():
        a, b = 1
    yield unpack
    def unpack_for():
        for a, (b, c) in [(1, 2)]:
            pass
    yield unpack_for
    def nested_target():
        [d["k"], s.y] = 1, 2
    yield nested_target
    def augmented():
        d["k"] += 1
    yield augmented
    def walrus_in_comp():
        return [(y := v) for v in 5]
    yield walrus_in_comp

for fn in attempts():
    try:
        fn()
    except Exception:
        lines = traceback.format_exc().splitlines()
        print("\n".join(lines[-3:]))
    print("--")

t = (1, 2)
t[1:] = ()
