# cpyext: PEP 489 multi-phase init edge cases through Debian's _testmultiphase, whose one .so
# exports many PyInit_ functions: loaded under other names with spec_from_file_location
# (non-module objects, bad slots, failing create/exec, non-ASCII names via PyInitU_).
import importlib.machinery
import importlib.util
import sys

import _testmultiphase

PATH = _testmultiphase.__file__
print(_testmultiphase.__name__, type(_testmultiphase).__name__)
Example = _testmultiphase.Example
e = Example()
print(type(e).__name__, e.demo("x"), sorted(n for n in dir(_testmultiphase) if not n.startswith("_")))
print(_testmultiphase.call_state_registration_func(0) is None)


def load(name):
    loader = importlib.machinery.ExtensionFileLoader(name, PATH)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def attempt(name):
    try:
        m = load(name)
        print(name, "->", type(m).__name__, getattr(m, "__name__", None))
        return m
    except BaseException as e:
        print(name, "!!", type(e).__name__, e)
        return None


for suffix in ("nonmodule", "nonmodule_with_methods", "nonmodule_with_exec_slots",
               "bad_slot_large", "bad_slot_negative", "create_int_with_state", "negative_size",
               "export_null", "export_raise", "export_uninitialized",
               "export_unreported_exception", "create_null", "create_raise",
               "create_unreported_exception", "exec_err", "exec_raise",
               "exec_unreported_exception", "null_slots", "meth_state_access"):
    m = attempt("_testmultiphase_" + suffix)
    if suffix == "nonmodule_with_methods" and m is not None:
        print(m.bar(1, 2), m.bar.__module__)
    if suffix == "nonmodule" and m is not None:
        print(m.three, sorted(k for k in vars(m) if not k.startswith("__")))

m = attempt("_testmultiphase_meth_state_access")
if m is not None:
    obj = m.StateAccessType()
    print(obj.get_defining_module() is m, obj.increment_count_clinic(), obj.get_count())

# a dotted name: the export function is looked up by the last component
pkg = attempt("pkg._testmultiphase")
print(pkg.Example.__module__ if pkg else None)
# names that are not ASCII use PyInitU_ with the punycode of the name
for name in ("_testmultiphase_zkouška_načtení", "x", "ž"):
    attempt(name)
attempt("imp_dummy")
attempt("nothing_like_this")
