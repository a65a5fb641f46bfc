# dict.pop gives the table's reference to the caller (valgrind found it keeping one extra): the
# popped value's count goes back to what it was before it was stored; plus the missing-argument
# messages, whose building leaked a string.
import sys


def delta(action):
    obj = ["payload"]
    before = sys.getrefcount(obj)
    action(obj)
    return sys.getrefcount(obj) - before


def pop_plain(obj):
    d = {"k": obj}
    d.pop("k")


def pop_kept(obj):
    d = {"k": obj, "other": 1}
    v = d.pop("k")
    del v
    d.pop("missing", obj)


def pop_kwargs(obj):
    def f(**kwargs):
        return kwargs.pop("help")
    f(help=obj, x=1)


class Slots:
    def __init__(self, value):
        self.value = value


def pop_split_dict(obj):
    a, b = Slots(1), Slots(2)
    a.value = obj
    a.__dict__.pop("value")
    b.__dict__.pop("value")


def pop_missing_error(obj):
    d = {}
    try:
        d.pop(obj)
    except KeyError as e:
        print("KeyError", e.args[0] is obj)


def missing_args(obj):
    def g(a, b, c):
        pass
    for call in (lambda: g(), lambda: g(obj), lambda: g(a=obj)):
        try:
            call()
        except TypeError as e:
            print("TypeError", e)


for action in (pop_plain, pop_kept, pop_kwargs, pop_split_dict, pop_missing_error, missing_args):
    print(action.__name__, delta(action))
