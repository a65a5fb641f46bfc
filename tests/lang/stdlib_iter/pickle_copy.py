# pickle (protocols 0, 2, 4) and copy/deepcopy round trips of the native containers, partial
# and the operator getters, and of partly consumed itertools / deque / OrderedDict iterators
# (all through the __reduce__ / __setstate__ methods the native types define).
import collections as C
import copy
import functools as F
import itertools as I
import operator as O
import pickle

objs = [C.deque([1, 2, 3], 5), C.deque("xy"), C.defaultdict(list, a=[1]), C.OrderedDict(a=1, b=2),
        F.partial(max, 1, key=abs), O.itemgetter(1, 2), O.itemgetter("k"), O.attrgetter("a.b", "c"),
        O.methodcaller("f", 1, k=2), O.methodcaller("g")]
for o in objs:
    for proto in (0, 2, 4):
        back = pickle.loads(pickle.dumps(o, proto))
        print(type(o).__name__, proto, repr(back).replace(hex(id(max)), "X"), type(back) is type(o))
    print("   ", repr(copy.copy(o)), repr(copy.deepcopy(o)))


def show(x):
    if isinstance(x, tuple) and len(x) == 2 and hasattr(x[1], "__next__"):
        return (x[0], list(x[1]))
    return x


makers = [
    lambda: I.count(3), lambda: I.count(1, 0.5), lambda: I.repeat("r", 4),
    lambda: I.chain(list("ab"), list("cd")), lambda: I.islice(list("abcdef"), 1, 5),
    lambda: I.cycle(list("abc")), lambda: I.product("ab", "cd"), lambda: I.permutations("abc"),
    lambda: I.combinations("abcd", 2), lambda: I.combinations_with_replacement("ab", 2),
    lambda: I.groupby(list("aabbc")), lambda: I.zip_longest(list("ab"), list("c")),
    lambda: I.accumulate([1, 2, 3], initial=5), lambda: I.compress([1, 2, 3, 4], [1, 0, 1, 1]),
    lambda: I.dropwhile(O.not_, [0, 0, 1, 0]), lambda: I.tee(list("abcdef"))[0],
    lambda: iter(C.deque("abc")), lambda: reversed(C.deque("abc")),
    lambda: iter(C.OrderedDict(a=1, b=2, c=3)), lambda: iter(C.OrderedDict(a=1, b=2).items()),
]
for make in makers:
    it = make()
    next(it)
    for proto in (0, 4):
        clone = pickle.loads(pickle.dumps(it, proto))
        print(type(it).__name__, proto, [show(x) for x in I.islice(clone, 5)])
    if type(it).__name__ != "groupby":
        print("    deep", list(I.islice(copy.deepcopy(it), 3)), "rest", list(I.islice(it, 5)))
