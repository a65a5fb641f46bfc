# Private name mangling: attributes, methods, class attributes, nested classes, underscored
# class names, names inside nested functions and comprehensions, global/nonlocal, imports,
# parameters, except/match captures, __slots__, and what is never mangled.
import sys


class Account:
    __rate = 0.05
    __dunder__ = "not mangled"

    def __init__(self, owner, __balance=0):
        self.__owner = owner
        self.__balance = __balance

    def __secret(self):
        return f"{self.__owner}:{self.__balance}"

    def reveal(self):
        helper = lambda: self.__secret()
        return helper(), [self.__rate * n for n in range(2)], type(self).__rate

    def nested(self):
        def inner():
            __local = "local"
            return __local, self.__owner
        return inner()


a = Account("ann", 10)
print(sorted(vars(a)), sorted(k for k in vars(Account) if "rate" in k or "secret" in k or "dunder" in k))
print(a.reveal(), a.nested(), a._Account__secret(), Account.__dunder__)
print(Account._Account__secret.__name__, Account._Account__secret.__qualname__)
print(Account.__init__.__code__.co_varnames)
try:
    a.__secret()
except AttributeError as e:
    print(type(e).__name__, e)


class Savings(Account):
    __rate = 0.07

    def rates(self):
        return self.__rate, self._Account__rate


print(Savings("bo").rates(), sorted(k for k in vars(Savings) if "rate" in k))


class _Under:
    def m(self):
        self.__x = 1
        return vars(self)


class ___:
    def m(self):
        self.__x = 2
        return vars(self)


print(_Under().m(), ___().m())


class Outer:
    class __Inner:
        def who(self):
            self.__tag = "t"
            return vars(self)

    def get(self):
        return self.__Inner().who()


print(Outer().get(), [k for k in vars(Outer) if "Inner" in k])
__module_level = "module private"


class UsesGlobal:
    def read(self):
        try:
            return __module_level
        except NameError as e:
            return "NameError: " + str(e)

    def write(self):
        global __g
        __g = "written"
        return sorted(k for k in globals() if k.endswith("__g"))


print(UsesGlobal().read(), UsesGlobal().write())


class Imports:
    def load(self):
        import sys as __s
        return type(__s).__name__, "_Imports__s" in dir()


print(Imports().load())


class Captures:
    def run(self, v):
        try:
            raise KeyError(v)
        except KeyError as __err:
            caught = repr(__err)
        match v:
            case [__first, *__rest]:
                got = (__first, __rest)
            case _:
                got = None
        return caught, got, sorted(k for k in locals() if "first" in k or "rest" in k)


print(Captures().run([1, 2, 3]))


class Slotted:
    __slots__ = ("__a", "b")

    def __init__(self):
        self.__a = 1
        self.b = 2


s = Slotted()
print(s._Slotted__a, Slotted.__slots__, sorted(k for k in vars(Slotted) if "a" in k and "__" in k[1:]))


class Keywords:
    def f(self, **kw):
        return sorted(kw)

    def call(self):
        return self.f(__k=1), getattr(self, "__missing", "getattr not mangled"), hasattr(self, "_Keywords__z")


print(Keywords().call())


def outside():
    __plain = 5
    return sorted(locals())


print(outside(), sys.modules[__name__] is not None)
