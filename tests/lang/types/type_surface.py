# The attribute surface of the built-in types as dir() shows it, against CPython's, plus the
# behaviour behind the entries that were once missing: type.__or__/__ror__, iter(memoryview),
# __class_getitem__ of weakref.ref and async generators, ExceptionGroup's __module__ and
# __weakref__. (code objects are left out: pyrs's register bytecode has no co_code.)
import types
import weakref
import array

surface = [object, type, int, bool, float, complex, str, bytes, bytearray, memoryview, tuple,
           list, dict, set, frozenset, slice, range, enumerate, zip, map, filter, reversed,
           property, classmethod, staticmethod, super, BaseException, Exception,
           ExceptionGroup, BaseExceptionGroup, StopIteration, OSError, SyntaxError,
           UnicodeDecodeError, ImportError, NameError, AttributeError, KeyError,
           type(None), type(NotImplemented), type(...), types.FunctionType, types.MethodType,
           types.BuiltinFunctionType, types.CellType, types.ModuleType, types.GeneratorType,
           types.CoroutineType, types.AsyncGeneratorType, types.FrameType,
           types.TracebackType, types.MappingProxyType, types.SimpleNamespace,
           types.GetSetDescriptorType, types.MemberDescriptorType,
           types.WrapperDescriptorType, types.MethodWrapperType, types.MethodDescriptorType,
           types.ClassMethodDescriptorType, weakref.ref, weakref.ProxyType,
           weakref.CallableProxyType, type({}.keys()), type({}.values()), type({}.items()),
           type(iter([])), type(iter(())), type(iter("")), type(iter(range(3))),
           type(iter({})), type(iter(set())), type(reversed([])), type(iter(b"")),
           type(iter(bytearray())), type(iter(lambda: 1, 1))]
for t in surface:
    print(t.__name__, " ".join(sorted(dir(t))))

print(int | str, type.__or__(int, str), type.__ror__(int, None), type.__or__(int, 3))
class Meta(type):
    pass
class C(metaclass=Meta):
    pass
print(C | None, (C | int).__args__, isinstance(3, C | int))
try:
    int | 3
except TypeError as e:
    print("TypeError", e)

print(weakref.ref[int], types.AsyncGeneratorType[int], weakref.ref[int].__origin__)

m = memoryview(array.array('d', [1.5, 2.5]))
it = iter(m)
print(type(it).__name__, list(it), list(it), iter(it) is it)
print(list(memoryview(b"abcdef")[::2]), list(memoryview(b"ab")[::-1]), sorted(memoryview(b"cab")))
for bad in (memoryview(b"a").cast('B', shape=[]), memoryview(b"abcd").cast('B', shape=[2, 2])):
    try:
        iter(bad)
    except (TypeError, NotImplementedError) as e:
        print(type(e).__name__, e)
m2 = memoryview(b"hello")
it = iter(m2)
print(next(it))
m2.release()
try:
    next(it)
except ValueError as e:
    print("ValueError", e)

print(ExceptionGroup.__module__, ExceptionGroup.__weakref__)
eg = ExceptionGroup("x", [ValueError(1)])
r = weakref.ref(eg)
print(eg.__weakref__ is r, BaseExceptionGroup("y", [KeyError()]).__class__.__name__)
