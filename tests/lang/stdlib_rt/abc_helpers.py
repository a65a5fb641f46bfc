# _abc: the C helpers behind abc.ABCMeta: abstract-method computation, register, instance and
# subclass checks with their caches, __subclasshook__, the dump, resets, the cache token and
# the errors; then abc.ABC used normally.
import _abc
import abc


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class Base(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def run(self):
        pass

    @property
    @abc.abstractmethod
    def size(self):
        pass

    def concrete(self):
        return 1


print(sorted(Base.__abstractmethods__))
show(lambda: Base())


class Half(Base):
    def run(self):
        return "run"


print(sorted(Half.__abstractmethods__))


class Full(Half):
    size = 3


print(sorted(Full.__abstractmethods__), Full().run(), Full().size)
print(isinstance(Full(), Base), issubclass(Full, Base), issubclass(int, Base))

token = _abc.get_cache_token()
print(Base.register(int) is int)
print(_abc.get_cache_token() == token + 1)
print(issubclass(int, Base), isinstance(5, Base), isinstance("s", Base))
print(issubclass(bool, Base))
print(Base.register(Full) is Full, _abc.get_cache_token() == token + 1)
show(lambda: Base.register(5))
show(lambda: Full.register(Base))
show(lambda: issubclass(5, Base))

registry, cache, negative, version = _abc._get_dump(Base)
print(sorted(r().__name__ for r in registry), sorted(r().__name__ for r in cache))
print(sorted(r().__name__ for r in negative), version == _abc.get_cache_token())
_abc._reset_caches(Base)
print([len(s) for s in _abc._get_dump(Base)[:3]])
_abc._reset_registry(Base)
print(len(_abc._get_dump(Base)[0]))
show(lambda: _abc._get_dump(int))


class Sized(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return hasattr(C, "__len__")
        return NotImplemented


print(issubclass(list, Sized), issubclass(int, Sized), isinstance([], Sized), isinstance(1, Sized))


class Weird(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return 42


show(lambda: issubclass(int, Weird))


class Obj:
    _abc_impl = 5


show(lambda: _abc._abc_instancecheck(Obj, 1))
show(lambda: _abc._abc_register(Base))


class Plain(abc.ABC):
    pass


print(Plain.__abstractmethods__, type(Plain._abc_impl).__name__)
print(_abc._abc_init(Obj), sorted(Obj.__abstractmethods__))

import _collections_abc as cabc
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance((), cabc.Hashable))
print(issubclass(dict, cabc.MutableMapping), issubclass(str, cabc.MutableSequence))


class MySeq(cabc.Sequence):
    def __getitem__(self, i):
        if 0 <= i < 2:
            return i * 10
        raise IndexError(i)

    def __len__(self):
        return 2


match MySeq():
    case [a, b]:
        print("sequence pattern", a, b)
        print("sequence pattern")
    case _:
        print("no match")
