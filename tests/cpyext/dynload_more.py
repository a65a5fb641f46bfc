# cpyext: more of Debian's lib-dynload modules under pyrs: _ctypes (calls, structures, callbacks),
# _sqlite3 (queries, user functions and aggregates, errors) and _uuid.
import sqlite3
con = sqlite3.connect(":memory:")
cur = con.cursor()
cur.execute("create table t(a integer, b text)")
cur.executemany("insert into t values (?, ?)", [(i, f"row{i}") for i in range(5)])
con.commit()
print(cur.execute("select count(*), sum(a) from t").fetchone())
print([tuple(r) for r in cur.execute("select * from t where a > ? order by a desc", (2,))])
con.create_function("twice", 1, lambda x: x * 2)
print(con.execute("select twice(a) from t").fetchall())
con.row_factory = sqlite3.Row
r = con.execute("select a, b from t limit 1").fetchone()
print(r["b"], r.keys())
try:
    con.execute("select * from nope")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
class Agg:
    def __init__(self): self.n = 0
    def step(self, v): self.n += v
    def finalize(self): return self.n
con.create_aggregate("mysum", 1, Agg)
print(con.execute("select mysum(a) from t").fetchone()[0])
with con:
    con.execute("insert into t values (9, 'x')")
print(con.execute("select max(a) from t").fetchone()[0], sqlite3.sqlite_version_info > (3,))
con.close()

import ctypes
import ctypes.util
import os
import _ctypes
print(os.path.basename(_ctypes.__file__))
libc = ctypes.CDLL(None)
print(libc.strlen(b"hello"), libc.abs(-7))
libc.labs.restype = ctypes.c_long
libc.labs.argtypes = [ctypes.c_long]
print(libc.labs(-(1 << 40)))

class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_double), ("tag", ctypes.c_char * 4)]

class U(ctypes.Union):
    _fields_ = [("i", ctypes.c_uint32), ("b", ctypes.c_uint8 * 4)]

p = Point(3, 4.5, b"ab")
print(p.x, p.y, p.tag, ctypes.sizeof(Point), ctypes.alignment(Point), Point.y.offset)
u = U(0x01020304)
print(list(u.b), hex(u.i))
arr = (ctypes.c_int * 5)(5, 1, 4, 2, 3)
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
calls = []

def cmp(a, b):
    calls.append(1)
    return a[0] - b[0]

libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMP(cmp))
print(list(arr), len(calls) > 0)
buf = ctypes.create_string_buffer(b"abc", 10)
print(buf.value, buf.raw[:4], ctypes.string_at(buf), ctypes.c_char_p(b"xyz").value, len(buf))
ptr = ctypes.pointer(ctypes.c_int(41))
ptr.contents.value += 1
print(ptr.contents.value, ctypes.cast(ptr, ctypes.c_void_p).value != 0)
print(ctypes.util.find_library("c"), ctypes.c_int.from_buffer(bytearray(b"\x07\x00\x00\x00")).value)
# (a missing function's message starts with the executable's path: only its tail is printed)
for bad in (lambda: Point(1, 2, b"toolong"), lambda: ctypes.c_int("x"),
            lambda: libc.no_such_function, lambda: ctypes.CDLL("libnonexistent_pyrs.so")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, str(e).split(":")[-1].strip())

import uuid
import _uuid
print(os.path.basename(_uuid.__file__), uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
print(len(str(uuid.uuid1())), uuid.uuid4().version, uuid.uuid1().variant)
