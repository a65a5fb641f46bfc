/* eval.c: the dispatch loop of the register VM (nothing else lives here). Python-to-Python
 * calls push a frame and continue in this loop; a frame flagged is_entry returns from it.
 * Dispatch is computed goto, or a switch when PYRS_VM_SWITCH is 1 (debug preset). */
#include "pyrs/eval.h"
#include "pyrs/containers.h"
#include "pyrs/dict.h"
#include "pyrs/frame.h"
#include "pyrs/vm.h"
#include "pyrs/gen.h"
#include "pyrs/gil.h"
#include "pyrs/set.h"
#include "pyrs/unicode.h"
#include "funcobject.h"
#include "../../compiler/ast.h"

#ifndef PYRS_VM_SWITCH
#define PYRS_VM_SWITCH 0
#endif

/* Operand access for the current instruction I. */
#define A       PYRS_I_A(instr)
#define B       PYRS_I_B(instr)
#define C       PYRS_I_C(instr)
#define XOP     PYRS_I_X(instr)
#define SBX     PYRS_I_SBX(instr)
#define R(n)    (regs[(n)])
#define K(n)    PyTuple_GET_ITEM(code->co_consts, (n))
#define N(n)    PyTuple_GET_ITEM(code->co_names, (n))
#define CELL(n) (regs[code->co_nregs + (n)])

/* Stores a new reference in register n, releasing the old value afterwards (the release can
 * run __del__, so the frame must already be consistent). */
#define SET_REG(n, v)                                                                              \
    do {                                                                                           \
        PyObject *old_ = regs[(n)];                                                                \
        regs[(n)] = (v);                                                                           \
        Py_XDECREF(old_);                                                                          \
    } while (0)
#define SET_REG_OR_ERROR(n, expr)                                                                  \
    do {                                                                                           \
        PyObject *v_ = (expr);                                                                     \
        if (v_ == NULL) {                                                                          \
            goto error;                                                                            \
        }                                                                                          \
        SET_REG(n, v_);                                                                            \
    } while (0)
/* STOREATTR/STORESUBSCR: X names the temporaries to unset once the store is done (1: R[A],
 * the object; 2: R[B], the key; 4: R[C], the value), so they do not keep objects alive. */
#define STORE_RELEASE()                                                                            \
    do {                                                                                           \
        if (XOP != 0) {                                                                            \
            if (XOP & 1) {                                                                         \
                SET_REG(A, NULL);                                                                  \
            }                                                                                      \
            if (XOP & 2) {                                                                         \
                SET_REG(B, NULL);                                                                  \
            }                                                                                      \
            if (XOP & 4) {                                                                         \
                SET_REG(C, NULL);                                                                  \
            }                                                                                      \
        }                                                                                          \
    } while (0)
/* Unsets the N operand registers from B (temporaries a display consumed), except A (the
 * result), so a dead temporary does not keep an item alive (CPython pops them). */
#define CONSUME_REGS(b, n)                                                                         \
    do {                                                                                           \
        for (unsigned i_ = 0; i_ < (unsigned)(n); i_++) {                                          \
            if ((b) + i_ != A) {                                                                   \
                SET_REG((b) + i_, NULL);                                                           \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Stores call result V (a new reference, or NULL: goto error) in register n, or drops it when
 * n is PYRS_NO_REG (a call whose value an expression statement discards). */
#define SET_RESULT_OR_ERROR(n, expr)                                                               \
    do {                                                                                           \
        PyObject *r_ = (expr);                                                                     \
        if (r_ == NULL) {                                                                          \
            goto error;                                                                            \
        }                                                                                          \
        if ((n) == PYRS_NO_REG) {                                                                  \
            Py_DECREF(r_);                                                                         \
        } else {                                                                                   \
            SET_REG(n, r_);                                                                        \
        }                                                                                          \
    } while (0)

/* Loads the current frame's state into the locals of the loop. */
#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        code = f->code;                                                                            \
        ip0 = code->co_code;                                                                       \
        regs = f->regs;                                                                            \
        ip = f->prev_instr + 1;                                                                    \
    } while (0)

/* The index of the instruction running (caches are per instruction). */
#define INSTR_INDEX (ip - ip0 - 1)

#if PYRS_VM_SWITCH
#define TARGET(op) case PYRS_OP_##op:
#define DISPATCH() goto next_instr
#else
#define TARGET(op) op_##op:
/* Each instruction body ends with its own indirect jump (threaded code), so the branch
 * predictor sees one jump site per opcode instead of one shared site. */
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        f->prev_instr = ip;                                                                        \
        instr = *ip++;                                                                             \
        goto *targets[PYRS_I_OP(instr)];                                                           \
    } while (0)
#endif

/* The value of an exact int with at most one 30-bit digit (the common case), else 0. */
static inline int
compact_value(PyObject *o, long *v)
{
    if (!PyLong_CheckExact(o)) {
        return 0;
    }
    Py_ssize_t size = Py_SIZE(o);
    if (size < -1 || size > 1) {
        return 0;
    }
    *v = (long)size * (long)((PyLongObject *)o)->ob_digit[0];
    return 1;
}

/* The value of an exact int with at most two 30-bit digits (|v| < 2**60), else 0. */
static inline int
medium_value(PyObject *o, long *v)
{
    if (!PyLong_CheckExact(o)) {
        return 0;
    }
    Py_ssize_t size = Py_SIZE(o);
    const digit *d = ((PyLongObject *)o)->ob_digit;
    if (size >= -1 && size <= 1) {
        *v = (long)size * (long)d[0];
        return 1;
    }
    if (size != 2 && size != -2) {
        return 0;
    }
    long m = (long)d[0] | ((long)d[1] << PyLong_SHIFT);
    *v = size < 0 ? -m : m;
    return 1;
}

/* Integer OP (an ast operator, in-place bit ignored) of X and Y with Python's semantics when
 * the result fits in a long: 1 with *R set, else 0 (the generic path decides, including every
 * error). |X|, |Y| < 2**60, so sums cannot overflow. */
static inline int
int_op(unsigned op, long x, long y, long *r)
{
    switch (op & 15) {
    case PYRS_OP_ADD:
        *r = x + y;
        return 1;
    case PYRS_OP_SUB:
        *r = x - y;
        return 1;
    case PYRS_OP_MULT:
        return !__builtin_mul_overflow(x, y, r);
    case PYRS_OP_BITAND:
        *r = x & y;
        return 1;
    case PYRS_OP_BITOR:
        *r = x | y;
        return 1;
    case PYRS_OP_BITXOR:
        *r = x ^ y;
        return 1;
    case PYRS_OP_MOD:
    case PYRS_OP_FLOORDIV: {
        if (y == 0) {
            return 0;
        }
        long q = x / y, m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) {
            m += y; /* floor semantics: the remainder takes the divisor's sign */
            q -= 1;
        }
        *r = (op & 15) == PYRS_OP_MOD ? m : q;
        return 1;
    }
    case PYRS_OP_LSHIFT:
        if (y < 0 || y > 31) {
            return 0;
        }
        return !__builtin_mul_overflow(x, (long)1 << y, r);
    case PYRS_OP_RSHIFT:
        if (y < 0) {
            return 0;
        }
        *r = y > 62 ? (x < 0 ? -1 : 0) : x >> y;
        return 1;
    default:
        return 0;
    }
}

/* Float OP of X and Y for + - * / (no division by zero): 1 with *R set, else 0. */
static inline int
float_op(unsigned op, double x, double y, double *r)
{
    switch (op & 15) {
    case PYRS_OP_ADD:
        *r = x + y;
        return 1;
    case PYRS_OP_SUB:
        *r = x - y;
        return 1;
    case PYRS_OP_MULT:
        *r = x * y;
        return 1;
    case PYRS_OP_DIV:
        if (y == 0.0) {
            return 0;
        }
        *r = x / y;
        return 1;
    default:
        return 0;
    }
}

/* Writes int V into register *SLOT. When the register's old value is an exact int of one or
 * two digits nobody else references (refcount 1: a cached small int always has more) it is
 * overwritten in place, saving an allocation and a free; ints are immutable only as far as
 * anyone can see. Results in the small-int cache's range come from the cache. -1 on
 * MemoryError. */
static inline int
store_int(PyObject **slot, long v)
{
    PyObject *old = *slot;
    unsigned long mag = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    if (old != NULL && Py_REFCNT(old) == 1 && mag < PyLong_BASE && (unsigned long)(v + 5) > 261 &&
        PyLong_CheckExact(old)) {
        Py_ssize_t size = Py_SIZE(old);
        if (size != 0 && (size_t)(size + 2) <= 4) {
            ((PyLongObject *)old)->ob_digit[0] = (digit)mag;
            Py_SET_SIZE(old, v < 0 ? -1 : 1);
            return 0;
        }
    }
    PyObject *n = PyLong_FromLong(v);
    if (n == NULL) {
        return -1;
    }
    *slot = n;
    Py_XDECREF(old);
    return 0;
}

/* The pair-storing next function of iterator IT when it has one (dict items, enumerate):
 * FORITER followed by a two-target UNPACK then stores the pair without making a tuple. */
static inline int (*pair_iternext(PyObject *it))(PyObject *, PyObject **)
{
    if (Py_IS_TYPE(it, &PyDictIterItem_Type)) {
        return pyrs_dict_iter_next_pair;
    }
    if (Py_IS_TYPE(it, &PyEnum_Type)) {
        return pyrs_enum_next_pair;
    }
    return NULL;
}

/* CALLEE is a one-argument method of a built-in type (METH_O) and SELF exactly of that
 * type: `s.add(x)`, `lst.append(x)` then call the C function as the method descriptor's
 * vectorcall would after its checks, which SELF's exact type makes pass. */
static inline int
is_meth_o_of(PyObject *callee, PyObject *self)
{
    if (!Py_IS_TYPE(callee, &PyMethodDescr_Type)) {
        return 0;
    }
    PyMethodDescrObject *md = (PyMethodDescrObject *)callee;
    const int kinds =
        METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD;
    return (md->d_method->ml_flags & kinds) == METH_O && Py_IS_TYPE(self, PyDescr_TYPE(md));
}

/* `KEY in CONTAINER`: 1, 0, or -1 with the exception set; exact sets and dicts by a direct
 * call, anything else through PySequence_Contains. */
static inline int
membership(PyObject *container, PyObject *key)
{
    if (PyAnySet_CheckExact(container)) {
        return pyrs_set_contains(container, key);
    }
    if (PyDict_CheckExact(container)) {
        return PyDict_Contains(container, key);
    }
    return PySequence_Contains(container, key);
}

/* After an iterator's next returned NULL: 0 when it is simply exhausted (a StopIteration it
 * raised is cleared), -1 when a real exception is set. */
static inline int
iter_end_check(void)
{
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
            return -1;
        }
        PyErr_Clear();
    }
    return 0;
}

/* Writes float V into register *SLOT, reusing an exclusively owned exact float in place. */
static inline int
store_float(PyObject **slot, double v)
{
    PyObject *old = *slot;
    if (old != NULL && Py_REFCNT(old) == 1 && PyFloat_CheckExact(old)) {
        ((PyFloatObject *)old)->ob_fval = v;
        return 0;
    }
    PyObject *n = PyFloat_FromDouble(v);
    if (n == NULL) {
        return -1;
    }
    *slot = n;
    Py_XDECREF(old);
    return 0;
}

/* BINOP A = B op C without the number protocol for two compact ints or two floats: 1 when
 * done, 0 when the generic path must run, -1 on MemoryError. */
static inline int
binop_fast(PyObject **regs, unsigned a, unsigned op, PyObject *x, PyObject *y)
{
    long lx, ly, lr;
    double dx, dy, dr;
    if (compact_value(x, &lx) && compact_value(y, &ly)) {
        /* the most common case first: |x|, |y| < 2**30, so + - * fit in a long */
        unsigned o = op & 15;
        if (o == PYRS_OP_ADD || o == PYRS_OP_SUB || o == PYRS_OP_MULT) {
            lr = o == PYRS_OP_ADD ? lx + ly : o == PYRS_OP_SUB ? lx - ly : lx * ly;
            return store_int(&regs[a], lr) < 0 ? -1 : 1;
        }
        if ((o == PYRS_OP_MOD || o == PYRS_OP_FLOORDIV) && ly != 0) {
            /* 32-bit division (both fit), then floor semantics: the remainder takes the
             * divisor's sign */
            int32_t xi = (int32_t)lx, yi = (int32_t)ly, q = xi / yi, m = xi % yi;
            if (m != 0 && ((m < 0) != (yi < 0))) {
                m += yi;
                q -= 1;
            }
            return store_int(&regs[a], o == PYRS_OP_MOD ? m : q) < 0 ? -1 : 1;
        }
    }
    int ix = medium_value(x, &lx), iy = medium_value(y, &ly);
    if (ix && iy) {
        if ((op & 15) == PYRS_OP_DIV) {
            /* both exact as doubles, so one IEEE division rounds correctly like int / int */
            const long exact = (long)1 << 53;
            if (lx >= exact || lx <= -exact || ly >= exact || ly <= -exact) {
                return 0;
            }
            dx = (double)lx;
            dy = (double)ly;
        } else {
            return int_op(op, lx, ly, &lr) ? (store_int(&regs[a], lr) < 0 ? -1 : 1) : 0;
        }
    } else if (PyFloat_CheckExact(x)) {
        dx = PyFloat_AS_DOUBLE(x);
        if (PyFloat_CheckExact(y)) {
            dy = PyFloat_AS_DOUBLE(y);
        } else if (iy) {
            dy = (double)ly; /* mixed arithmetic rounds the int to a float first, as CPython */
        } else {
            return 0;
        }
    } else if (ix && PyFloat_CheckExact(y)) {
        dx = (double)lx;
        dy = PyFloat_AS_DOUBLE(y);
    } else {
        return 0;
    }
    if (float_op(op, dx, dy, &dr)) {
        return store_float(&regs[a], dr) < 0 ? -1 : 1;
    }
    return 0;
}

/* The truth of ordering/equality OP between X and Y for two compact ints or two floats:
 * 0 or 1, or -1 when not covered (never raises). */
static inline int
compare_fast(unsigned op, PyObject *a, PyObject *b)
{
    double x, y;
    long lx, ly;
    if (op > PYRS_CMP_GTE) {
        return op == PYRS_CMP_IS ? a == b : op == PYRS_CMP_ISNOT ? a != b : -1;
    }
    if ((compact_value(a, &lx) && compact_value(b, &ly)) ||
        (medium_value(a, &lx) && medium_value(b, &ly))) {
        switch (op) {
        case PYRS_CMP_EQ:
            return lx == ly;
        case PYRS_CMP_NOTEQ:
            return lx != ly;
        case PYRS_CMP_LT:
            return lx < ly;
        case PYRS_CMP_LTE:
            return lx <= ly;
        case PYRS_CMP_GT:
            return lx > ly;
        default:
            return lx >= ly;
        }
    } else if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
        x = PyFloat_AS_DOUBLE(a);
        y = PyFloat_AS_DOUBLE(b);
    } else {
        return -1;
    }
    switch (op) {
    case PYRS_CMP_EQ:
        return x == y;
    case PYRS_CMP_NOTEQ:
        return x != y;
    case PYRS_CMP_LT:
        return x < y;
    case PYRS_CMP_LTE:
        return x <= y;
    case PYRS_CMP_GT:
        return x > y;
    default:
        return x >= y;
    }
}

/* The bounds of the slice R[lo]:R[hi]:R[st] (ST NULL: no step) as PySlice_Unpack gives them,
 * when each part is None or a compact int and the step is not zero: 1, else 0. */
static inline int
slice_bounds(PyObject *lo, PyObject *hi, PyObject *st, Py_ssize_t *start, Py_ssize_t *stop,
             Py_ssize_t *step)
{
    long v;
    if (st == NULL || st == Py_None) {
        *step = 1;
    } else if (compact_value(st, &v) && v != 0) {
        *step = v;
    } else {
        return 0;
    }
    if (lo == Py_None) {
        *start = *step < 0 ? PY_SSIZE_T_MAX : 0;
    } else if (compact_value(lo, &v)) {
        *start = v;
    } else {
        return 0;
    }
    if (hi == Py_None) {
        *stop = *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    } else if (compact_value(hi, &v)) {
        *stop = v;
    } else {
        return 0;
    }
    return 1;
}

/* LIST[start:stop:step] (bounds as slice_bounds gives them) as a new list, or NULL with
 * MemoryError: what list's subscript makes of the slice object. */
static PyObject *
list_slice(PyObject *list, Py_ssize_t start, Py_ssize_t stop, Py_ssize_t step)
{
    Py_ssize_t n = PySlice_AdjustIndices(PyList_GET_SIZE(list), &start, &stop, step);
    PyObject *res = PyList_New(n);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++, start += step) {
        PyList_SET_ITEM(res, i, Py_NewRef(PyList_GET_ITEM(list, start)));
    }
    return res;
}

/* The entry among the ways after FIRST filled for type version VERSION, else NULL. */
static PYRS_NOINLINE PyrsAttrCache *
attr_cache_other_ways(PyrsAttrCache *first, unsigned int version)
{
    for (int w = 1; w < PYRS_ACACHE_WAYS; w++) {
        if (first[w].version == version && version != 0) {
            return &first[w];
        }
    }
    return NULL;
}

/* The attribute cache entry of instruction PC when it was filled for OBJ's type as it is now,
 * else NULL. */
static inline PyrsAttrCache *
attr_cache(PyrsCodeObject *code, Py_ssize_t pc, PyObject *obj)
{
    PyrsAttrCache *arr = code->co_acache;
    if (arr != NULL) {
        PyrsAttrCache *e = &arr[pc * PYRS_ACACHE_WAYS];
        unsigned int version = Py_TYPE(obj)->tp_version_tag;
        if (e->version == version && version != 0) {
            return e;
        }
        return attr_cache_other_ways(e, version);
    }
    return NULL;
}

/* The instance dict of OBJ for a cache entry holding its tp_dictoffset (> 0), or NULL. */
#define INSTANCE_DICT(obj, e) (*(PyObject **)((char *)(obj) + (e)->offset))

/* Whether NAME is in the instance dict of OBJ (a METHOD or CLASSVAR entry E): 1 or 0, -1
 * with an exception. The dict lookup could run code that changes the type: 1 then too, so
 * the caller takes the generic path. */
static inline int
attr_shadowed(PyrsAttrCache *e, PyObject *obj, PyObject *name)
{
    PyObject *d = e->offset != 0 ? INSTANCE_DICT(obj, e) : NULL;
    unsigned int version = e->version;
    if (d != NULL && ((PyDictObject *)d)->ma_keys == e->keys && e->keys->dk_nentries == e->split) {
        return 0; /* a dict sharing the class's keys, none of which is the name */
    }
    if (d != NULL && PyDict_GET_SIZE(d) > 0) {
        if (PyDict_GetItemWithError(d, name) != NULL) {
            return 1;
        }
        if (PyErr_Occurred()) {
            return -1;
        }
    }
    return Py_TYPE(obj)->tp_version_tag != version;
}

/* Pushes the frame of a call of Python function FUNC with ARGS[0 .. NARGS) and the keyword
 * names KWNAMES (or NULL), binding the arguments: an exact positional call moves the
 * references out of ARGS (temporaries), any other call copies them. NULL with an exception. */
static inline PyrsFrame *
push_function(PyObject *func, PyObject **args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyFunctionObject *fn = (PyFunctionObject *)func;
    PyrsCodeObject *co = (PyrsCodeObject *)fn->func_code;
    if (kwnames == NULL && nargs == co->co_argcount && co->co_kwonlyargcount == 0 &&
        !(co->co_flags & (CO_VARARGS | CO_VARKEYWORDS))) {
        return pyrs_frame_push_call(func, args, (int)nargs);
    }
    PyrsFrame *nf = pyrs_frame_push(co, func, fn->func_globals, NULL);
    if (nf != NULL && pyrs_frame_bind_args(nf, func, args, nargs, kwnames) < 0) {
        pyrs_frame_pop(nf);
        return NULL;
    }
    return nf;
}

/* The __init__ function a CALL at PC of CODE runs in the loop for CALLEE, a class whose
 * instances object.__new__ or BaseException.__new__ makes (borrowed), or NULL for the generic
 * call. */
static inline PyObject *
class_init(PyrsCodeObject *code, Py_ssize_t pc, PyObject *callee)
{
    PyTypeObject *tp = (PyTypeObject *)callee;
    if (!Py_IS_TYPE(callee, &PyType_Type) ||
        (tp->tp_new != PyBaseObject_Type.tp_new &&
         tp->tp_new != ((PyTypeObject *)PyExc_BaseException)->tp_new) ||
        (tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT)) {
        return NULL;
    }
    PyObject *init;
    PyrsAttrCache *e = code->co_acache != NULL ? &code->co_acache[pc * PYRS_ACACHE_WAYS] : NULL;
    if (e != NULL && e->version == tp->tp_version_tag && e->version != 0) {
        init = e->kind == PYRS_ATTR_INIT ? e->descr : NULL;
    } else {
        init = pyrs_vm_init_specialize(code, pc, tp);
    }
    if (init == NULL ||
        (((PyrsCodeObject *)((PyFunctionObject *)init)->func_code)->co_flags & PYRS_CO_GENLIKE)) {
        return NULL;
    }
    return init;
}

/* The instance of TP (a class class_init accepted) type.__call__ makes before running its
 * __init__: object.__new__'s empty one, or BaseException.__new__'s, whose args are the NARGS
 * positional arguments at ARGS. New reference, or NULL. */
static PyObject *
init_instance(PyTypeObject *tp, PyObject *const *args, Py_ssize_t nargs)
{
    if (tp->tp_new == PyBaseObject_Type.tp_new) {
        return tp->tp_alloc(tp, 0);
    }
    PyObject *argtuple = _PyTuple_FromArray(args, nargs);
    if (argtuple == NULL) {
        return NULL;
    }
    PyObject *self = tp->tp_new(tp, argtuple, NULL);
    Py_DECREF(argtuple);
    return self;
}

/* PyObject_IsTrue(V) with the common exact types answered inline: 1, 0, or -1 on error. */
static inline int
truth(PyObject *v)
{
    if (v == Py_True) {
        return 1;
    }
    if (v == Py_False || v == Py_None) {
        return 0;
    }
    if (PyLong_CheckExact(v) || PyList_CheckExact(v) || PyTuple_CheckExact(v)) {
        return Py_SIZE(v) != 0; /* int: nonzero; list, tuple: not empty */
    }
    return PyObject_IsTrue(v);
}

/* A range iterator: CPython 3.11's _PyRangeIterObject layout, which rangeobject.c keeps. */
typedef struct {
    PyObject_HEAD
    long index; /* next position */
    long start; /* first value */
    long step;  /* increment */
    long len;   /* number of values */
} RangeIter;

/* A list iterator: CPython 3.11's listiterobject layout, which listobject.c keeps. */
typedef struct {
    PyObject_HEAD
    Py_ssize_t it_index;  /* next position */
    PyListObject *it_seq; /* NULL once exhausted */
} ListIter;

/* Releases the N registers at WIN (a finished call's temporaries). */
static inline void
clear_window(PyObject **win, int n)
{
    for (int i = 0; i < n; i++) {
        Py_CLEAR(win[i]);
    }
}

static PyObject *builtins_dict;

/* LOADGLOBAL at PC from its cache when neither dict changed since (new reference), else
 * NULL (never raises). */
static inline PyObject *
load_global_cached(PyrsCodeObject *code, Py_ssize_t pc, PyObject *globals, PyObject *func)
{
    PyrsGlobalCache *gc = code->co_gcache;
    /* only functions using the interpreter's builtins are cached (exec may give others) */
    if (gc == NULL || !PyDict_CheckExact(globals) || func == NULL ||
        ((PyFunctionObject *)func)->func_builtins != builtins_dict) {
        return NULL;
    }
    gc += pc;
    if (gc->gver != ((PyDictObject *)globals)->ma_version_tag ||
        gc->bver != ((PyDictObject *)builtins_dict)->ma_version_tag || gc->value == NULL) {
        return NULL;
    }
    return Py_NewRef(gc->value);
}

/* The slow LOADGLOBAL of NAME, remembering the result in the cache when the dicts did not
 * change during the lookup. New reference, or NULL with NameError. */
static PyObject *
load_global_fill(PyrsCodeObject *code, Py_ssize_t pc, PyrsFrame *f, PyObject *name)
{
    PyObject *globals = f->globals;
    PyObject *builtins = pyrs_vm_frame_builtins(f);
    int cacheable = PyDict_CheckExact(globals) && builtins == builtins_dict &&
                    PyDict_CheckExact(builtins_dict) && f->func != NULL;
    uint64_t gver = cacheable ? ((PyDictObject *)globals)->ma_version_tag : 0;
    uint64_t bver = cacheable ? ((PyDictObject *)builtins_dict)->ma_version_tag : 0;
    PyObject *v = pyrs_vm_load_global(globals, builtins, name);
    if (v == NULL || !cacheable || gver != ((PyDictObject *)globals)->ma_version_tag ||
        bver != ((PyDictObject *)builtins_dict)->ma_version_tag) {
        return v;
    }
    if (code->co_gcache == NULL) {
        code->co_gcache = PyMem_Calloc((size_t)code->co_ninstr, sizeof(PyrsGlobalCache));
        if (code->co_gcache == NULL) {
            return v; /* no cache is fine */
        }
    }
    PyrsGlobalCache *gc = &code->co_gcache[pc];
    gc->gver = gver;
    gc->bver = bver;
    gc->value = v;
    return v;
}

PyObject *
pyrs_eval_builtins(void)
{
    return builtins_dict;
}

void
pyrs_eval_set_builtins(PyObject *dict)
{
    builtins_dict = dict;
}

/* The eval breaker: nonzero while something must run at the loop's periodic checks (backward
 * jumps and calls): the GIL's requests (runtime/ceval_gil.c: another thread waits, a signal,
 * a pending call, an asynchronous exception) or the instruction budget (pyrs_eval_set_budget,
 * used by the fuzzer); zero otherwise, so each check is one predictable branch. */
int pyrs_eval_breaker;
static long budget_left; /* checks left; the budget is exhausted at 0 while the breaker is on */
static int budget_on;    /* a budget is set: the breaker stays on */

void
pyrs_eval_set_budget(long n)
{
    budget_left = n;
    budget_on = n > 0;
    pyrs_eval_breaker = n > 0;
}

int
pyrs_eval_handle_breaker(void)
{
    if (pyrs_gil_handle_breaker() < 0) {
        return -1;
    }
    if (!budget_on) {
        return 0;
    }
    pyrs_eval_breaker = 1;
    if (budget_left > 0) {
        budget_left--;
        return 0;
    }
    /* sticky: every later check raises too, so no loop can swallow it and go on */
    PyErr_SetString(PyExc_RuntimeError, "instruction budget exhausted");
    return -1;
}

/* Runs the eval breaker's work when it is on; leaves the loop with its exception. */
#define CHECK_BREAKER()                                                                            \
    do {                                                                                           \
        if (PYRS_UNLIKELY(pyrs_eval_breaker) && pyrs_eval_handle_breaker() < 0) {                  \
            goto error;                                                                            \
        }                                                                                          \
    } while (0)

PyObject *
pyrs_eval_current_globals(void)
{
    PyrsFrame *f = pyrs_frame_top();
    return f != NULL ? f->globals : NULL;
}

/* Runs frames from ENTRY (already pushed, arguments bound) until ENTRY returns (or, for a
 * generator frame, yields). THROWING: ENTRY is a resumed generator frame and the exception
 * currently set is raised at its pending yield. */
static PyObject *run_frames(PyrsFrame *entry, int throwing);

PyObject *
pyrs_eval_code(PyObject *codeobj, PyObject *globals, PyObject *locals)
{
    PyrsFrame *f = pyrs_frame_push((PyrsCodeObject *)codeobj, NULL, globals, locals);
    if (f == NULL) {
        return NULL;
    }
    f->is_entry = 1;
    return run_frames(f, 0);
}

PyObject *
pyrs_eval_frame_entry(PyrsFrame *f)
{
    f->is_entry = 1;
    return run_frames(f, 0);
}

PyObject *
pyrs_eval_function_vectorcall(PyObject *func, PyObject *const *args, size_t nargsf,
                              PyObject *kwnames)
{
    PyFunctionObject *fn = (PyFunctionObject *)func;
    if (PYRS_UNLIKELY(pyrs_eval_breaker) && pyrs_eval_handle_breaker() < 0) {
        return NULL;
    }
    PyrsFrame *f = pyrs_frame_push((PyrsCodeObject *)fn->func_code, func, fn->func_globals, NULL);
    if (f == NULL) {
        return NULL;
    }
    if (pyrs_frame_bind_args(f, func, args, PyVectorcall_NARGS(nargsf), kwnames) < 0) {
        pyrs_frame_pop(f);
        return NULL;
    }
    if (f->code->co_flags & PYRS_CO_GENLIKE) {
        return pyrs_gen_new_from_frame(f);
    }
    f->is_entry = 1;
    return run_frames(f, 0);
}

PyObject *
pyrs_eval_resume(PyrsFrame *f, int throwing)
{
    f->is_entry = 1;
    return run_frames(f, throwing);
}

/* The generator owning frame F. */
#define GEN_OF(f) ((PyrsGenObject *)(f)->gen)

/* Links the suspended generator SUB's frame above the running frame for a SEND whose result
 * goes to register RET (VALUE is sent in; NULL when throwing). The linked frame, or NULL. */
static PyrsFrame *
link_delegate(PyObject *sub, PyObject *value, unsigned ret)
{
    PyrsGenObject *g = (PyrsGenObject *)sub;
    if (pyrs_gen_link(g, value) < 0) {
        return NULL;
    }
    g->gi_frame->ret_reg = (int)ret;
    g->gi_frame->is_entry = 0;
    return g->gi_frame;
}

/* The handler covering instruction PC of CODE, or NULL. */
static const PyrsExcEntry *
find_handler(PyrsCodeObject *code, Py_ssize_t pc)
{
    for (Py_ssize_t i = 0; i < code->co_nexc; i++) {
        const PyrsExcEntry *e = &code->co_exctab[i];
        if (pc >= e->start && pc < e->end) {
            return e;
        }
    }
    return NULL;
}

static PyObject *
run_frames(PyrsFrame *entry, int throwing)
{
#if !PYRS_VM_SWITCH
    static void *const targets[] = {
#define X(name, format, comment) &&op_##name,
#include "opcodes.def"
#undef X
    };
#endif
    PyrsFrame *f = entry;
    PyrsCodeObject *code;
    const PyrsInstr *ip0; /* code->co_code */
    PyObject **regs;
    const PyrsInstr *ip; /* the next instruction; f->prev_instr is saved at every dispatch */
    PyrsInstr instr;
    int skip_traceback = 0; /* re-raise: the traceback already names this line */
    PyObject *yv;           /* the value being yielded (yield_value) */
    PyObject *call_callee;  /* do_call: what to call */
    PyObject **call_args;   /* do_call: positional then keyword argument values */
    Py_ssize_t call_nargs;  /* do_call: number of values at call_args */
    PyObject *call_kwnames; /* do_call: keyword names tuple, or NULL */
    PyObject **call_win;    /* do_call: the call's registers (callee, self, arguments, names) */
    int call_nwin;          /* do_call: how many; released once the call has them */
    PyObject *rhs;          /* BINOP/COMPARE/LOADSUBSCR: right operand (K forms jump in) */
    LOAD_FRAME();
    if (throwing) {
        goto throw_into;
    }

next_instr:
    f->prev_instr = ip;
    instr = *ip++;
#if PYRS_VM_SWITCH
    switch (PYRS_I_OP(instr)) {
#else
    goto *targets[PYRS_I_OP(instr)];
#endif

        TARGET(NOP)
        {
            DISPATCH();
        }

        TARGET(LOADK)
        {
            SET_REG(A, Py_NewRef(K(PYRS_I_BX(instr) & 0xFFFFFF)));
            DISPATCH();
        }

        TARGET(MOVE)
        {
            SET_REG(A, Py_XNewRef(R(B)));
            DISPATCH();
        }

        TARGET(LOADLOCAL)
        {
            PyObject *v = R(B);
            if (v == NULL) {
                pyrs_vm_unbound_local(code, B);
                goto error;
            }
            SET_REG(A, Py_NewRef(v));
            DISPATCH();
        }

        TARGET(DELLOCAL)
        {
            if (R(A) == NULL) {
                pyrs_vm_unbound_local(code, A);
                goto error;
            }
            SET_REG(A, NULL);
            DISPATCH();
        }

        TARGET(LOADGLOBAL)
        {
            PyObject *v = load_global_cached(code, INSTR_INDEX, f->globals, f->func);
            SET_REG_OR_ERROR(A, v != NULL ? v : load_global_fill(code, INSTR_INDEX, f, N(B)));
            DISPATCH();
        }

        TARGET(STOREGLOBAL)
        {
            if (PyDict_SetItem(f->globals, N(B), R(A)) < 0) {
                goto error;
            }
            if (XOP) {
                SET_REG(A, NULL); /* a temporary dead from here: the namespace holds it */
            }
            DISPATCH();
        }

        TARGET(DELGLOBAL)
        {
            if (pyrs_vm_del_name(f->globals, N(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(LOADNAME)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_load_name(f->locals, f->globals, NULL, N(B)));
            DISPATCH();
        }

        TARGET(STORENAME)
        {
            if (PyObject_SetItem(f->locals, N(B), R(A)) < 0) {
                goto error;
            }
            if (XOP) {
                SET_REG(A, NULL);
            }
            DISPATCH();
        }

        TARGET(DELNAME)
        {
            if (pyrs_vm_del_name(f->locals, N(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(LOADDEREF)
        {
            if (PYRS_UNLIKELY(XOP)) { /* class body: its namespace first (LOAD_CLASSDEREF) */
                SET_REG_OR_ERROR(A, pyrs_vm_load_classderef(f->locals, code, B, CELL(B)));
                DISPATCH();
            }
            PyObject *v = PyCell_GET(CELL(B));
            if (v == NULL) {
                pyrs_vm_unbound_deref(code, B);
                goto error;
            }
            SET_REG(A, Py_NewRef(v));
            DISPATCH();
        }

        TARGET(STOREDEREF)
        {
            PyObject *cell = CELL(B);
            PyObject *old = PyCell_GET(cell);
            PyCell_SET(cell, A == PYRS_NO_REG ? NULL : Py_XNewRef(R(A)));
            Py_XDECREF(old);
            DISPATCH();
        }

        TARGET(LOADCLOSURE)
        {
            SET_REG(A, Py_NewRef(CELL(B)));
            DISPATCH();
        }

        TARGET(LOADSPECIAL)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_load_special(R(B), N(C), XOP));
            DISPATCH();
        }

        TARGET(LOADATTR)
        {
            PyObject *obj = R(B), *v;
            PyrsAttrCache *e = attr_cache(code, INSTR_INDEX, obj);
            if (e == NULL) {
                e = pyrs_vm_attr_specialize(code, INSTR_INDEX, obj, N(C), 0);
            }
            switch (e != NULL ? e->kind : PYRS_ATTR_NONE) {
            case PYRS_ATTR_DICT: {
                PyObject *d = INSTANCE_DICT(obj, e);
                if (d != NULL && ((PyDictObject *)d)->ma_keys == e->keys) {
                    /* a dict sharing the class's keys: the value's slot is known */
                    PyDictValues *vals = ((PyDictObject *)d)->ma_values;
                    if (vals != NULL && e->split < vals->capacity &&
                        (v = vals->values[e->split]) != NULL) {
                        SET_REG(A, Py_NewRef(v));
                        DISPATCH();
                    }
                }
                v = d != NULL ? PyDict_GetItemWithError(d, N(C)) : NULL;
                if (v != NULL) {
                    SET_REG(A, Py_NewRef(v));
                    DISPATCH();
                }
                if (PyErr_Occurred()) {
                    goto error;
                }
                break;
            }
            case PYRS_ATTR_SLOT:
                v = *(PyObject **)((char *)obj + e->offset);
                if (v != NULL) {
                    SET_REG(A, Py_NewRef(v));
                    DISPATCH();
                }
                break;
            case PYRS_ATTR_PROPERTY: {
                /* a Python getter runs as a call in this loop (no C recursion) */
                PyObject *get = *(PyObject **)((char *)e->descr + e->offset);
                if (get == NULL || !PyFunction_Check(get) ||
                    (((PyrsCodeObject *)((PyFunctionObject *)get)->func_code)->co_flags &
                     PYRS_CO_GENLIKE)) {
                    break;
                }
                PyFunctionObject *fn = (PyFunctionObject *)get;
                PyrsFrame *nf =
                    pyrs_frame_push((PyrsCodeObject *)fn->func_code, get, fn->func_globals, NULL);
                if (nf == NULL) {
                    goto error;
                }
                if (pyrs_frame_bind_args(nf, get, &R(B), 1, NULL) < 0) {
                    pyrs_frame_pop(nf);
                    goto error;
                }
                nf->ret_reg = (int)A;
                f = nf;
                LOAD_FRAME();
                DISPATCH();
            }
            case PYRS_ATTR_METHOD:
            case PYRS_ATTR_CLASSVAR: {
                int sh = attr_shadowed(e, obj, N(C));
                if (sh < 0) {
                    goto error;
                }
                if (sh == 0) {
                    SET_REG_OR_ERROR(A, e->kind == PYRS_ATTR_METHOD ? PyMethod_New(e->descr, obj)
                                                                    : Py_NewRef(e->descr));
                    DISPATCH();
                }
                break;
            }
            default:
                break;
            }
            SET_REG_OR_ERROR(A, PyObject_GetAttr(obj, N(C)));
            DISPATCH();
        }

        TARGET(STOREATTR)
        {
            PyObject *obj = R(A);
            PyrsAttrCache *e = attr_cache(code, INSTR_INDEX, obj);
            if (e == NULL) {
                e = pyrs_vm_attr_specialize(code, INSTR_INDEX, obj, N(B), 1);
            }
            if (e != NULL && e->kind == PYRS_ATTR_DICT) {
                if (INSTANCE_DICT(obj, e) == NULL) {
                    /* the first attribute: the instance dict is made as generic setattr would */
                    PyObject *d = PyObject_GenericGetDict(obj, NULL);
                    if (d == NULL) {
                        goto error;
                    }
                    Py_DECREF(d); /* the instance holds it */
                }
                if (PyDict_SetItem(INSTANCE_DICT(obj, e), N(B), R(C)) < 0) {
                    goto error;
                }
                STORE_RELEASE();
                DISPATCH();
            }
            if (e != NULL && e->kind == PYRS_ATTR_SLOT) {
                PyObject **slot = (PyObject **)((char *)obj + e->offset);
                PyObject *old = *slot;
                *slot = Py_NewRef(R(C));
                Py_XDECREF(old);
                STORE_RELEASE();
                DISPATCH();
            }
            if (PyObject_SetAttr(obj, N(B), R(C)) < 0) {
                goto error;
            }
            STORE_RELEASE();
            DISPATCH();
        }

        TARGET(DELATTR)
        {
            if (PyObject_SetAttr(R(A), N(B), NULL) < 0) {
                goto error;
            }
            SET_REG(A, NULL); /* a temporary, as for DELSUBSCR's operands */
            DISPATCH();
        }

        TARGET(LOADSUBSCR)
        {
            rhs = R(C);
        loadsubscr_rhs:;
            PyObject *key = rhs, *obj = R(B), *v;
            long i;
            if (PyList_CheckExact(obj) && compact_value(key, &i)) {
                /* list[int]: no index protocol, no bound method */
                Py_ssize_t n = PyList_GET_SIZE(obj);
                if (i < 0) {
                    i += n;
                }
                if ((unsigned long)i < (unsigned long)n) {
                    SET_REG(A, Py_NewRef(PyList_GET_ITEM(obj, i)));
                    DISPATCH();
                }
            } else if (PyTuple_CheckExact(obj) && compact_value(key, &i)) {
                Py_ssize_t n = PyTuple_GET_SIZE(obj);
                if (i < 0) {
                    i += n;
                }
                if ((unsigned long)i < (unsigned long)n) {
                    SET_REG(A, Py_NewRef(PyTuple_GET_ITEM(obj, i)));
                    DISPATCH();
                }
            } else if (PyDict_CheckExact(obj)) {
                v = PyDict_GetItemWithError(obj, key);
                if (v != NULL) {
                    SET_REG(A, Py_NewRef(v));
                    DISPATCH();
                }
                if (PyErr_Occurred()) {
                    goto error;
                }
            }
            SET_REG_OR_ERROR(A, PyObject_GetItem(obj, key));
            DISPATCH();
        }

        TARGET(LOADSUBSCRK)
        {
            rhs = K(C);
            goto loadsubscr_rhs;
        }

        TARGET(STORESUBSCR)
        {
            PyObject *obj = R(A);
            long i;
            if (PyList_CheckExact(obj) && compact_value(R(B), &i)) {
                Py_ssize_t n = PyList_GET_SIZE(obj);
                if (i < 0) {
                    i += n;
                }
                if ((unsigned long)i < (unsigned long)n) {
                    /* list[int] = v: swap the item in, then release the old one */
                    PyObject *old = PyList_GET_ITEM(obj, i);
                    PyList_SET_ITEM(obj, i, Py_NewRef(R(C)));
                    Py_DECREF(old);
                    STORE_RELEASE();
                    DISPATCH();
                }
            }
            /* an exact dict's mp_ass_subscript is PyDict_SetItem: called directly */
            if ((PyDict_CheckExact(obj) ? PyDict_SetItem(obj, R(B), R(C))
                                        : PyObject_SetItem(obj, R(B), R(C))) < 0) {
                goto error;
            }
            STORE_RELEASE();
            DISPATCH();
        }

        TARGET(DELSUBSCR)
        {
            if ((PyDict_CheckExact(R(A)) ? PyDict_DelItem(R(A), R(B))
                                         : PyObject_DelItem(R(A), R(B))) < 0) {
                goto error;
            }
            SET_REG(A, NULL);
            SET_REG(B, NULL);
            DISPATCH();
        }

        TARGET(BUILDSLICE)
        {
            Py_ssize_t start, stop, step;
            PyrsInstr next = *ip;
            if (XOP &&
                slice_bounds(R(B), R(B + 1), C == 3 ? R(B + 2) : NULL, &start, &stop, &step)) {
                /* the slice only feeds the next instruction: a list slice is done here, without
                 * a slice object (R[A] is left as it is: nothing reads it) */
                if (PYRS_I_OP(next) == PYRS_OP_LOADSUBSCR && PYRS_I_C(next) == A &&
                    PyList_CheckExact(R(PYRS_I_B(next)))) {
                    PyObject *res = list_slice(R(PYRS_I_B(next)), start, stop, step);
                    if (res == NULL) {
                        goto error;
                    }
                    f->prev_instr = ip++;
                    SET_REG(PYRS_I_A(next), res);
                    DISPATCH();
                }
                if (PYRS_I_OP(next) == PYRS_OP_STORESUBSCR && PYRS_I_B(next) == A && step == 1 &&
                    PyList_CheckExact(R(PYRS_I_A(next)))) {
                    PyObject *list = R(PYRS_I_A(next));
                    PySlice_AdjustIndices(PyList_GET_SIZE(list), &start, &stop, 1);
                    f->prev_instr = ip++;
                    if (PyList_SetSlice(list, start, stop, R(PYRS_I_C(next))) < 0) {
                        goto error;
                    }
                    /* the temporaries STORESUBSCR's X names are released, as it would */
                    unsigned rx = PYRS_I_X(next);
                    if (rx & 1) {
                        SET_REG(PYRS_I_A(next), NULL);
                    }
                    if (rx & 2) {
                        SET_REG(PYRS_I_B(next), NULL);
                    }
                    if (rx & 4) {
                        SET_REG(PYRS_I_C(next), NULL);
                    }
                    DISPATCH();
                }
            }
            SET_REG_OR_ERROR(A, PySlice_New(R(B), R(B + 1), C == 3 ? R(B + 2) : NULL));
            DISPATCH();
        }

        TARGET(BINOP)
        {
            rhs = R(C);
        binop_rhs:;
            int done = binop_fast(regs, A, XOP, R(B), rhs);
            if (done < 0) {
                goto error;
            }
            if (!done && A == B && (XOP & 15) == PYRS_OP_ADD && PyUnicode_CheckExact(R(A)) &&
                PyUnicode_CheckExact(rhs) && rhs != R(A)) {
                /* s += t, s = s + t: the string grows in place when s holds its only reference */
                if (pyrs_unicode_append_slot(&regs[A], rhs) < 0) {
                    goto error;
                }
                DISPATCH();
            }
            if (!done) {
                SET_REG_OR_ERROR(A, pyrs_vm_binop(XOP, R(B), rhs));
            }
            DISPATCH();
        }

        TARGET(BINOPK)
        {
            rhs = K(C);
            goto binop_rhs;
        }

        TARGET(UNOP)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_unop(XOP, R(B)));
            DISPATCH();
        }

        TARGET(COMPARE)
        {
            rhs = R(C);
        compare_rhs:;
            int t = compare_fast(XOP, R(B), rhs);
            if (t < 0 && (XOP == PYRS_CMP_IN || XOP == PYRS_CMP_NOTIN)) {
                /* membership: the container's answer without a bool object in between */
                t = membership(rhs, R(B));
                if (t < 0) {
                    goto error;
                }
                t ^= XOP == PYRS_CMP_NOTIN;
                SET_REG(A, Py_NewRef(t ? Py_True : Py_False));
            } else if (t < 0) {
                SET_REG_OR_ERROR(A, pyrs_vm_compare(XOP, R(B), rhs));
                if (R(A) != Py_True && R(A) != Py_False) {
                    DISPATCH();
                }
                t = R(A) == Py_True;
            } else {
                SET_REG(A, Py_NewRef(t ? Py_True : Py_False));
            }
            /* a conditional jump testing the bool right away is taken here (fused) */
            PyrsInstr next = *ip;
            unsigned nop = PYRS_I_OP(next);
            if ((nop == PYRS_OP_JMPIFNOT || nop == PYRS_OP_JMPIF) && PYRS_I_A(next) == A) {
                ip++;
                if (t == (nop == PYRS_OP_JMPIF)) {
                    if (PYRS_I_SBX(next) < 0) {
                        CHECK_BREAKER();
                    }
                    ip += PYRS_I_SBX(next);
                }
            }
            DISPATCH();
        }

        TARGET(COMPAREK)
        {
            rhs = K(C);
            goto compare_rhs;
        }

        TARGET(NOT)
        {
            int t = truth(R(B));
            if (t < 0) {
                goto error;
            }
            SET_REG(A, Py_NewRef(t ? Py_False : Py_True));
            DISPATCH();
        }

        TARGET(JMP)
        {
            if (SBX < 0) {
                CHECK_BREAKER();
            }
            ip += SBX;
            DISPATCH();
        }

        TARGET(JMPIF)
        {
            PyObject *v = R(A);
            int t = truth(v);
            if (t < 0) {
                goto error;
            }
            if (t) {
                if (SBX < 0) {
                    CHECK_BREAKER();
                }
                ip += SBX;
            }
            DISPATCH();
        }

        TARGET(JMPIFNOT)
        {
            PyObject *v = R(A);
            int t = truth(v);
            if (t < 0) {
                goto error;
            }
            if (!t) {
                if (SBX < 0) {
                    CHECK_BREAKER();
                }
                ip += SBX;
            }
            DISPATCH();
        }

        TARGET(BUILDTUPLE)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_tuple_steal(&R(B), C));
            DISPATCH();
        }

        TARGET(BUILDLIST)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_list_steal(&R(B), C));
            DISPATCH();
        }

        TARGET(BUILDSET)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_set(&R(B), C));
            CONSUME_REGS(B, C);
            DISPATCH();
        }

        TARGET(BUILDDICT)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_dict(&R(B), C));
            CONSUME_REGS(B, 2 * C);
            DISPATCH();
        }

        TARGET(LISTAPPEND)
        {
            PyListObject *list = (PyListObject *)R(A);
            Py_ssize_t n = Py_SIZE(list);
            if (n < list->allocated) {
                /* room left: what list.append does first, without the call */
                list->ob_item[n] = Py_NewRef(R(B));
                Py_SET_SIZE(list, n + 1);
                DISPATCH();
            }
            if (PyList_Append(R(A), R(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(LISTEXTEND)
        {
            if (pyrs_vm_list_extend(R(A), R(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(SETADD)
        {
            if (PySet_Add(R(A), R(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(SETUPDATE)
        {
            if (_PySet_Update(R(A), R(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(DICTSET)
        {
            if (PyDict_SetItem(R(A), R(B), R(C)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(DICTUPDATE)
        {
            if ((XOP ? pyrs_vm_dict_merge(R(A), R(B), R(C)) : pyrs_vm_dict_update(R(A), R(B))) <
                0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(LISTTOTUPLE)
        {
            SET_REG_OR_ERROR(A, PyList_AsTuple(R(B)));
            DISPATCH();
        }

        TARGET(FORMAT)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_format(R(B), C == PYRS_NO_REG ? NULL : R(C), XOP));
            DISPATCH();
        }

        TARGET(BUILDSTRING)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_string(&R(B), C));
            CONSUME_REGS(B, C);
            DISPATCH();
        }

        TARGET(GETITER)
        {
            SET_REG_OR_ERROR(A, PyObject_GetIter(R(B)));
            DISPATCH();
        }

        TARGET(FORITER)
        {
            PyObject *it = R(A);
            /* a MOVE of the item to the loop variable right after is done here */
            PyrsInstr next = *ip;
            unsigned dst = A + 1;
            if (PYRS_I_OP(next) == PYRS_OP_MOVE && PYRS_I_B(next) == A + 1) {
                dst = PYRS_I_A(next);
            } else if (PYRS_I_OP(next) == PYRS_OP_UNPACK && PYRS_I_B(next) == A + 1 &&
                       PYRS_I_C(next) == 2) {
                /* `for a, b in d.items()` / `enumerate(...)`: the pair goes straight into the
                 * UNPACK's registers, with no tuple */
                int (*next_pair)(PyObject *, PyObject **) = pair_iternext(it);
                if (next_pair != NULL) {
                    if (!next_pair(it, &regs[PYRS_I_A(next)])) {
                        if (iter_end_check() < 0) {
                            goto error;
                        }
                        ip += SBX;
                        DISPATCH();
                    }
                    ip++; /* past the UNPACK */
                    if (R(A + 1) != NULL) {
                        SET_REG(A + 1, NULL); /* what the tuple would have replaced */
                    }
                    DISPATCH();
                }
            }
            if (Py_IS_TYPE(it, &PyRangeIter_Type)) {
                /* range: no call, and the variable's int is reused when nobody else holds it */
                RangeIter *r = (RangeIter *)it;
                if (r->index >= r->len) {
                    ip += SBX;
                    DISPATCH();
                }
                long v = (long)(r->start + (unsigned long)(r->index++) * r->step);
                ip += dst != A + 1;
                if (store_int(&regs[dst], v) < 0) {
                    goto error;
                }
                DISPATCH();
            }
            if (Py_IS_TYPE(it, &PyListIter_Type)) {
                ListIter *li = (ListIter *)it;
                PyListObject *seq = li->it_seq;
                if (seq != NULL && li->it_index < Py_SIZE(seq)) {
                    PyObject *v = Py_NewRef(seq->ob_item[li->it_index++]);
                    ip += dst != A + 1;
                    SET_REG(dst, v);
                    DISPATCH();
                } /* the end: the iterator's own tp_iternext lets the list go */
            }
            if (PyrsGen_Check(it) && ((PyrsGenObject *)it)->gi_state != PYRS_GEN_CLOSED) {
                /* A generator runs in this loop; its yield lands back here (yield_value). */
                PyrsFrame *sf = link_delegate(it, Py_None, A + 1);
                if (sf == NULL) {
                    goto error;
                }
                f = sf;
                LOAD_FRAME();
                DISPATCH();
            }
            PyObject *v = Py_TYPE(it)->tp_iternext(it);
            if (v == NULL) {
                if (iter_end_check() < 0) {
                    goto error;
                }
                ip += SBX;
                DISPATCH();
            }
            ip += dst != A + 1;
            SET_REG(dst, v);
            DISPATCH();
        }

        TARGET(UNPACK)
        {
            PyObject *seq = R(B);
            if (C == 2 && PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == 2) {
                /* a, b = pair: both values owned before the old register values go */
                PyObject *old0 = R(A), *old1 = R(A + 1);
                R(A) = Py_NewRef(PyTuple_GET_ITEM(seq, 0));
                R(A + 1) = Py_NewRef(PyTuple_GET_ITEM(seq, 1));
                Py_XDECREF(old0);
                Py_XDECREF(old1);
                DISPATCH();
            }
            if (pyrs_vm_unpack(seq, &R(A), C, -1) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(UNPACKEX)
        {
            if (pyrs_vm_unpack(R(B), &R(A), C, (int)XOP) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(LOADMETHOD)
        {
            PyObject *obj = R(B);
            PyrsAttrCache *e = attr_cache(code, INSTR_INDEX, obj);
            if (e == NULL) {
                e = pyrs_vm_attr_specialize(code, INSTR_INDEX, obj, N(C), 0);
            }
            if (e != NULL && (e->kind == PYRS_ATTR_METHOD || e->kind == PYRS_ATTR_CMETHOD)) {
                int sh = attr_shadowed(e, obj, N(C));
                if (sh < 0) {
                    goto error;
                }
                if (sh == 0) {
                    /* unbound: R[B] (= R[A+1]) stays as self */
                    SET_REG(A, Py_NewRef(e->descr));
                    DISPATCH();
                }
            }
            PyObject *callable;
            int unbound = pyrs_vm_load_method(R(B), N(C), &callable);
            if (unbound < 0) {
                goto error;
            }
            SET_REG(A, callable);
            if (!unbound) {
                SET_REG(B, NULL);
            }
            DISPATCH();
        }

        TARGET(CALLMETHOD)
        {
            /* R[B+1] holds self when LOADMETHOD left the function unbound */
            int has_self = R(B + 1) != NULL;
            call_callee = R(B);
            call_args = has_self ? &R(B + 1) : &R(B + 2);
            call_nargs = (Py_ssize_t)C + has_self;
            call_kwnames = XOP ? R(B + 2 + C) : NULL;
            call_win = &R(B);
            call_nwin = (int)C + 2 + (XOP != 0);
            goto do_call;
        }

        TARGET(CALL)
        TARGET(CALLKW)
        {
            call_callee = R(B);
            call_args = &R(B + 1);
            call_nargs = C;
            call_kwnames = PYRS_I_OP(instr) == PYRS_OP_CALLKW ? R(B + 1 + C) : NULL;
            call_win = &R(B);
            call_nwin = (int)C + 1 + (call_kwnames != NULL);
            goto do_call;
        }

        TARGET(CALLEX)
        {
            PyObject *res = pyrs_vm_call_ex(R(B), R(C), R(C + 1));
            Py_CLEAR(R(C));
            Py_CLEAR(R(C + 1));
            SET_REG_OR_ERROR(A, res);
            CHECK_BREAKER(); /* as after CALL: a signal raised during the call lands here */
            DISPATCH();
        }

        TARGET(MAKEFUNC)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_make_function(K(B), f->globals, &R(C), XOP));
            DISPATCH();
        }

        TARGET(MAKECELL)
        {
            DISPATCH();
        }

        TARGET(BUILDCLASS)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_class(&R(B), C, XOP));
            DISPATCH();
        }

        TARGET(RETURN)
        {
            PyObject *res = R(A);
            if (f->frameobj != NULL) {
                Py_INCREF(res); /* A may be a local: the frame object's snapshot keeps it */
            } else {
                R(A) = NULL;
            }
            if (f->gen != NULL) {
                /* A generator finished: back to whoever resumed it (a SEND or C). */
                int was_entry = f->is_entry, ret = f->ret_reg;
                PyrsFrame *resumer = pyrs_frame_back(f);
                pyrs_gen_finish(GEN_OF(f));
                if (was_entry) {
                    return res;
                }
                f = resumer;
                LOAD_FRAME();
                if (PYRS_I_OP(ip[-1]) == PYRS_OP_FORITER) {
                    /* the for loop driving it is done */
                    Py_DECREF(res);
                    ip += PYRS_I_SBX(ip[-1]);
                    DISPATCH();
                }
                SET_REG(ret, res);
                DISPATCH();
            }
            if (f->is_entry) {
                pyrs_frame_pop(f);
                return res;
            }
            int ret = f->ret_reg, is_init = f->is_init;
            PyrsFrame *caller = pyrs_frame_back(f);
            pyrs_frame_pop(f);
            f = caller;
            LOAD_FRAME();
            if (is_init) {
                /* __init__ of a class called in this loop: R[ret] keeps the instance */
                if (res != Py_None) {
                    pyrs_vm_init_result_error(res);
                    SET_REG(ret, NULL);
                    goto error;
                }
                Py_DECREF(res);
                DISPATCH();
            }
            SET_RESULT_OR_ERROR(ret, res);
            DISPATCH();
        }

        TARGET(RAISE)
        {
            pyrs_vm_raise(XOP & 1 ? R(A) : NULL, XOP & 2 ? R(B) : NULL);
            skip_traceback = XOP == 0;
            goto error;
        }

        TARGET(PUSHEXC)
        {
            SET_REG(A, pyrs_vm_push_exc(R(B)));
            DISPATCH();
        }

        TARGET(POPEXC)
        {
            pyrs_vm_pop_exc(R(A));
            if (XOP & 1) {
                SET_REG(B, NULL);
            }
            if (XOP & 2) {
                SET_REG(A, NULL);
            }
            DISPATCH();
        }

        TARGET(MATCHEXC)
        {
            int m = pyrs_vm_match_exc(R(B), R(C));
            if (m < 0) {
                goto error;
            }
            SET_REG(A, Py_NewRef(m ? Py_True : Py_False));
            DISPATCH();
        }

        TARGET(RERAISE)
        {
            pyrs_vm_reraise(R(A));
            if (XOP & 1) {
                pyrs_vm_reraise_origin(f);
            }
            SET_REG(A, NULL); /* the raise owns it now: no dead reference left in the frame */
            skip_traceback = 1;
            goto error;
        }

        TARGET(IMPORTNAME)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_import_name(f->globals, N(B), R(C), (int)XOP));
            DISPATCH();
        }

        TARGET(IMPORTFROM)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_import_from(R(B), N(C)));
            DISPATCH();
        }

        TARGET(IMPORTSTAR)
        {
            if (pyrs_vm_import_star(R(A), f->locals ? f->locals : f->globals) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(ASSERTFAIL)
        {
            pyrs_vm_assert_fail(XOP ? R(A) : NULL);
            goto error;
        }

        TARGET(YIELD)
        {
            if (f->gen == NULL) {
                PyErr_SetString(PyExc_SystemError, "yield outside a generator frame");
                goto error;
            }
            if (code->co_flags & CO_ASYNC_GENERATOR) {
                /* asend() tells a real yield from what an inner await passes through */
                yv = pyrs_gen_wrap_value(R(B));
                if (yv == NULL) {
                    goto error;
                }
            } else {
                yv = Py_NewRef(R(B));
            }
            f->yield_reg = (int)A;
            GEN_OF(f)->gi_delegating = 0;
            goto yield_value;
        }

        TARGET(GETYIELDFROM)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_yield_from_iter(R(B)));
            DISPATCH();
        }

        TARGET(SEND)
        {
            PyObject *sub = R(B);
            if (PyrsGen_Check(sub) && ((PyrsGenObject *)sub)->gi_state != PYRS_GEN_CLOSED) {
                /* Delegation to a generator runs its frame in this loop (no C recursion). */
                PyrsFrame *sf = link_delegate(sub, R(C), A);
                if (sf == NULL) {
                    goto error;
                }
                f = sf;
                LOAD_FRAME();
                DISPATCH();
            }
            int done = 0;
            yv = pyrs_vm_send(sub, R(C), &done);
            if (yv == NULL) {
                goto error;
            }
            if (done) {
                SET_REG(A, yv);
                DISPATCH();
            }
            f->prev_instr = ip - 2;
            f->yield_reg = (int)C;
            GEN_OF(f)->gi_delegating = 1;
            goto yield_value;
        }

        TARGET(CLEAR)
        {
            for (unsigned i = 0; i < B; i++) {
                SET_REG(A + i, NULL);
            }
            DISPATCH();
        }

        TARGET(MATCHSEQ)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_match_sequence(R(B), C, XOP));
            DISPATCH();
        }

        TARGET(MATCHITEM)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_match_item(R(B), C, XOP));
            DISPATCH();
        }

        TARGET(MATCHMAP)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_match_mapping(R(B), C));
            DISPATCH();
        }

        TARGET(MATCHKEYS)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_match_keys(R(B), R(C)));
            DISPATCH();
        }

        TARGET(MATCHREST)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_match_rest(R(B), R(C)));
            DISPATCH();
        }

        TARGET(MATCHCLASS)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_match_class(R(B), R(B + 1), XOP, R(B + 2)));
            DISPATCH();
        }

        TARGET(GETAWAITABLE)
        {
            PyObject *aw = pyrs_gen_awaitable(R(B));
            if (aw == NULL && XOP != 0) {
                pyrs_vm_await_error(R(B), XOP); /* what async with / async for got */
            }
            SET_REG_OR_ERROR(A, aw);
            DISPATCH();
        }

        TARGET(GETAITER)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_aiter(R(B)));
            DISPATCH();
        }

        TARGET(GETANEXT)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_anext(R(B)));
            DISPATCH();
        }

        TARGET(EGMATCH)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_eg_match(&R(B), R(C)));
            DISPATCH();
        }

        TARGET(PREPRERAISE)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_prep_reraise_star(R(B), R(C)));
            DISPATCH();
        }

        TARGET(MOVEX)
        {
            PyObject *v = R(B);
            R(B) = NULL;
            SET_REG(A, v);
            DISPATCH();
        }

        TARGET(PRINTEXPR)
        {
            if (pyrs_vm_print_expr(R(A)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(SETUPANN)
        {
            if (pyrs_vm_setup_annotations(f->locals ? f->locals : f->globals) < 0) {
                goto error;
            }
            DISPATCH();
        }

#if PYRS_VM_SWITCH
    default:
        pyrs_fatal("unknown opcode");
    }
#endif

do_call:
    /* CALL, CALLKW and CALLMETHOD: call_callee(call_args[0 .. call_nargs), call_kwnames). */
    {
        PyObject *callee = call_callee;
        PyObject **args = call_args;
        PyObject *kwnames = call_kwnames;
        Py_ssize_t nargs = call_nargs - (kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0);
        PyObject *held = NULL;
        CHECK_BREAKER();
        if (Py_IS_TYPE(callee, &PyMethod_Type) &&
            PyFunction_Check(((PyMethodObject *)callee)->im_func)) {
            /* A bound Python method: self goes into the register before the arguments (a
             * temporary) so the function is called in this loop too, without C recursion. */
            PyMethodObject *m = (PyMethodObject *)callee;
            held = Py_NewRef(m->im_func);
            PyObject *prev = args[-1]; /* the method (CALL) or an empty slot (CALLMETHOD) */
            args[-1] = Py_NewRef(m->im_self);
            Py_XDECREF(prev);
            callee = held;
            args = args - 1;
            nargs++;
        }
        if (PyFunction_Check(callee)) {
            /* Python to Python: a new frame, same C loop. */
            PyrsFrame *nf = push_function(callee, args, nargs, kwnames);
            Py_XDECREF(held); /* the frame holds the function now */
            if (nf == NULL) {
                goto error;
            }
            /* the call's temporaries are dropped now, as CPython pops them (so __del__ runs
             * and the cycle collector sees references when CPython's would) */
            clear_window(call_win, call_nwin);
            if (nf->code->co_flags & PYRS_CO_GENLIKE) {
                SET_RESULT_OR_ERROR(A, pyrs_gen_new_from_frame(nf));
                DISPATCH();
            }
            nf->ret_reg = (int)A;
            f = nf;
            LOAD_FRAME();
            DISPATCH();
        }
        PyObject *init = A != PYRS_NO_REG ? class_init(code, INSTR_INDEX, callee) : NULL;
        if (init != NULL) {
            /* Class(...) made by object.__new__ or BaseException.__new__ with a Python __init__:
             * type.__call__'s work in this loop; the instance goes before the arguments */
            PyObject *self = init_instance((PyTypeObject *)callee, args, nargs);
            if (self == NULL) {
                goto error;
            }
            PyObject *prev = args[-1];  /* the class (CALL) or an empty slot (CALLMETHOD) */
            args[-1] = Py_NewRef(self); /* the instance keeps its class alive */
            Py_XDECREF(prev);
            PyrsFrame *nf = push_function(init, args - 1, nargs + 1, kwnames);
            if (nf == NULL) {
                clear_window(call_win, call_nwin); /* the instance goes now, as in CPython */
                Py_DECREF(self);
                goto error;
            }
            clear_window(call_win, call_nwin);
            SET_REG(A, self);
            nf->ret_reg = (int)A;
            nf->is_init = 1;
            f = nf;
            LOAD_FRAME();
            DISPATCH();
        }
        PyObject *res = kwnames == NULL && nargs == 2 && is_meth_o_of(callee, args[0])
                            ? ((PyMethodDescrObject *)callee)->d_method->ml_meth(args[0], args[1])
                            : PyObject_Vectorcall(callee, args, (size_t)nargs, kwnames);
        Py_XDECREF(held);
        clear_window(call_win, call_nwin);
        SET_RESULT_OR_ERROR(A, res);
        CHECK_BREAKER(); /* as CPython after a C call: a signal it raised lands here */
        DISPATCH();
    }


yield_value:
    /* Generator frame F yields YV (its prev_instr and yield_reg saved). A frame linked by a SEND
     * passes the value on: its resumer yields it too, suspended at that SEND so resuming re-sends.
     */
    for (;;) {
        int was_entry = f->is_entry;
        PyrsFrame *resumer = pyrs_frame_back(f);
        pyrs_gen_suspend(GEN_OF(f));
        if (was_entry) {
            return yv;
        }
        f = resumer;
        PyrsInstr at = *f->prev_instr;
        if (PYRS_I_OP(at) == PYRS_OP_FORITER) {
            /* a for loop resumed it: the value is its next item */
            LOAD_FRAME();
            SET_REG(PYRS_I_A(at) + 1, yv);
            DISPATCH();
        }
        f->prev_instr -= 1;
        f->yield_reg = (int)PYRS_I_C(f->prev_instr[1]);
        GEN_OF(f)->gi_delegating = 1;
    }

throw_into:
    /* Generator frame F was resumed to raise the pending exception at its yield; when it is
     * delegating, the exception goes to the innermost delegate first. */
    if (!GEN_OF(f)->gi_delegating) {
        goto error;
    }
    f->prev_instr = ip;
    instr = *ip++;
    if (PyrsGen_Check(R(B)) && ((PyrsGenObject *)R(B))->gi_state == PYRS_GEN_SUSPENDED) {
        PyrsFrame *sf = link_delegate(R(B), NULL, A);
        if (sf == NULL) {
            goto error;
        }
        f = sf;
        LOAD_FRAME();
        goto throw_into;
    }
    {
        int done = 0;
        yv = pyrs_vm_throw_into(R(B), &done);
        if (yv == NULL) {
            goto error;
        }
        if (done) {
            SET_REG(A, yv);
            DISPATCH();
        }
        f->prev_instr = ip - 2;
        f->yield_reg = (int)C;
        goto yield_value;
    }

error:
    /* The instruction at ip - 1 raised. Record it in the traceback, then look for a handler
     * in this frame; without one, pop the frame and continue unwinding in the caller. */
    for (;;) {
        if (!skip_traceback) {
            pyrs_vm_traceback_here(f, INSTR_INDEX);
        }
        skip_traceback = 0;
        const PyrsExcEntry *h = find_handler(code, INSTR_INDEX);
        if (h != NULL) {
            SET_REG(h->reg, pyrs_vm_fetch_exc());
            ip = ip0 + h->handler;
            goto next_instr;
        }
        int was_entry = f->is_entry;
        int init_reg = f->is_init ? f->ret_reg : -1; /* the instance __init__ failed on */
        PyrsFrame *caller = pyrs_frame_back(f);
        if (f->gen != NULL) {
            pyrs_gen_finish(GEN_OF(f));
        } else {
            pyrs_frame_pop(f);
        }
        if (was_entry) {
            return NULL;
        }
        f = caller;
        LOAD_FRAME();
        if (init_reg >= 0) {
            SET_REG(init_reg, NULL);
        }
    }
}

PyObject *
PyEval_GetGlobals(void)
{
    return pyrs_eval_current_globals();
}
