/* eval.c: the dispatch loop of the register VM (nothing else lives here). Python-to-Python
 * calls push a frame and continue in this loop; a frame flagged is_entry returns from it.
 * Dispatch is computed goto, or a switch when PYRS_VM_SWITCH is 1 (debug preset). */
#include "pyrs/eval.h"
#include "pyrs/frame.h"
#include "pyrs/vm.h"
#include "pyrs/gen.h"
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

/* Loads the current frame's state into the locals of the loop. */
#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        code = f->code;                                                                            \
        regs = f->regs;                                                                            \
        pc = f->pc;                                                                                \
    } while (0)

#if PYRS_VM_SWITCH
#define TARGET(op) case PYRS_OP_##op:
#define DISPATCH() goto next_instr
#else
#define TARGET(op) op_##op:
/* Each instruction body ends with its own indirect jump (threaded code), so the branch
 * predictor sees one jump site per opcode instead of one shared site. */
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        instr = code->co_code[pc++];                                                               \
        f->pc = pc;                                                                                \
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

/* +, - and * of two compact ints without the generic number protocol; NULL when the operands
 * or the operator are not covered (or, with an exception set, when out of memory). */
static inline PyObject *
binop_fast(unsigned op, PyObject *a, PyObject *b)
{
    long x, y;
    if (!compact_value(a, &x) || !compact_value(b, &y)) {
        return NULL;
    }
    switch (op & 15) {
    case PYRS_OP_ADD:
        return PyLong_FromLong(x + y);
    case PYRS_OP_SUB:
        return PyLong_FromLong(x - y);
    case PYRS_OP_MULT:
        return PyLong_FromLong(x * y);
    default:
        return NULL;
    }
}

/* Ordering and equality of two compact ints; NULL when not covered (never raises). */
static inline PyObject *
compare_fast(unsigned op, PyObject *a, PyObject *b)
{
    long x, y;
    if (op > PYRS_CMP_GTE || !compact_value(a, &x) || !compact_value(b, &y)) {
        return NULL;
    }
    int r = op == PYRS_CMP_EQ      ? x == y
            : op == PYRS_CMP_NOTEQ ? x != y
            : op == PYRS_CMP_LT    ? x < y
            : op == PYRS_CMP_LTE   ? x <= y
            : op == PYRS_CMP_GT    ? x > y
                                   : x >= y;
    return Py_NewRef(r ? Py_True : Py_False);
}

static PyObject *builtins_dict;

/* LOADGLOBAL at PC from its cache when neither dict changed since (new reference), else
 * NULL (never raises). */
static inline PyObject *
load_global_cached(PyrsCodeObject *code, Py_ssize_t pc, PyObject *globals)
{
    PyrsGlobalCache *gc = code->co_gcache;
    if (gc == NULL || !PyDict_CheckExact(globals)) {
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
load_global_fill(PyrsCodeObject *code, Py_ssize_t pc, PyObject *globals, PyObject *name)
{
    int cacheable = PyDict_CheckExact(globals) && PyDict_CheckExact(builtins_dict);
    uint64_t gver = cacheable ? ((PyDictObject *)globals)->ma_version_tag : 0;
    uint64_t bver = cacheable ? ((PyDictObject *)builtins_dict)->ma_version_tag : 0;
    PyObject *v = pyrs_vm_load_global(globals, builtins_dict, name);
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
    PyrsFrame *f = pyrs_frame_push((PyrsCodeObject *)fn->func_code, func, fn->func_globals, NULL);
    if (f == NULL) {
        return NULL;
    }
    if (pyrs_frame_bind_args(f, func, args, PyVectorcall_NARGS(nargsf), kwnames) < 0) {
        pyrs_frame_pop(f);
        return NULL;
    }
    if (f->code->co_flags & (CO_GENERATOR | CO_COROUTINE)) {
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
    PyObject **regs;
    Py_ssize_t pc;
    PyrsInstr instr;
    int skip_traceback = 0; /* re-raise: the traceback already names this line */
    PyObject *yv;           /* the value being yielded (yield_value) */
    PyObject *call_callee;  /* do_call: what to call */
    PyObject **call_args;   /* do_call: positional then keyword argument values */
    Py_ssize_t call_nargs;  /* do_call: number of values at call_args */
    PyObject *call_kwnames; /* do_call: keyword names tuple, or NULL */
    LOAD_FRAME();
    if (throwing) {
        goto throw_into;
    }

next_instr:
    instr = code->co_code[pc++];
    f->pc = pc;
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
            PyObject *v = load_global_cached(code, pc - 1, f->globals);
            SET_REG_OR_ERROR(A, v != NULL ? v : load_global_fill(code, pc - 1, f->globals, N(B)));
            DISPATCH();
        }

        TARGET(STOREGLOBAL)
        {
            if (PyDict_SetItem(f->globals, N(B), R(A)) < 0) {
                goto error;
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
            SET_REG_OR_ERROR(A, pyrs_vm_load_name(f->locals, f->globals, builtins_dict, N(B)));
            DISPATCH();
        }

        TARGET(STORENAME)
        {
            if (PyObject_SetItem(f->locals, N(B), R(A)) < 0) {
                goto error;
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

        TARGET(LOADATTR)
        {
            SET_REG_OR_ERROR(A, PyObject_GetAttr(R(B), N(C)));
            DISPATCH();
        }

        TARGET(STOREATTR)
        {
            if (PyObject_SetAttr(R(A), N(B), R(C)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(DELATTR)
        {
            if (PyObject_SetAttr(R(A), N(B), NULL) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(LOADSUBSCR)
        {
            SET_REG_OR_ERROR(A, PyObject_GetItem(R(B), R(C)));
            DISPATCH();
        }

        TARGET(STORESUBSCR)
        {
            if (PyObject_SetItem(R(A), R(B), R(C)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(DELSUBSCR)
        {
            if (PyObject_DelItem(R(A), R(B)) < 0) {
                goto error;
            }
            DISPATCH();
        }

        TARGET(BUILDSLICE)
        {
            SET_REG_OR_ERROR(A, PySlice_New(R(B), R(B + 1), C == 3 ? R(B + 2) : NULL));
            DISPATCH();
        }

        TARGET(BINOP)
        {
            PyObject *v = binop_fast(XOP, R(B), R(C));
            if (v == NULL) {
                if (PyErr_Occurred()) {
                    goto error;
                }
                v = pyrs_vm_binop(XOP, R(B), R(C));
            }
            SET_REG_OR_ERROR(A, v);
            DISPATCH();
        }

        TARGET(UNOP)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_unop(XOP, R(B)));
            DISPATCH();
        }

        TARGET(COMPARE)
        {
            PyObject *v = compare_fast(XOP, R(B), R(C));
            SET_REG_OR_ERROR(A, v != NULL ? v : pyrs_vm_compare(XOP, R(B), R(C)));
            DISPATCH();
        }

        TARGET(NOT)
        {
            int t = PyObject_IsTrue(R(B));
            if (t < 0) {
                goto error;
            }
            SET_REG(A, Py_NewRef(t ? Py_False : Py_True));
            DISPATCH();
        }

        TARGET(JMP)
        {
            pc += SBX;
            DISPATCH();
        }

        TARGET(JMPIF)
        {
            PyObject *v = R(A);
            int t = v == Py_True ? 1 : v == Py_False ? 0 : PyObject_IsTrue(v);
            if (t < 0) {
                goto error;
            }
            if (t) {
                pc += SBX;
            }
            DISPATCH();
        }

        TARGET(JMPIFNOT)
        {
            PyObject *v = R(A);
            int t = v == Py_True ? 1 : v == Py_False ? 0 : PyObject_IsTrue(v);
            if (t < 0) {
                goto error;
            }
            if (!t) {
                pc += SBX;
            }
            DISPATCH();
        }

        TARGET(BUILDTUPLE)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_tuple(&R(B), C));
            DISPATCH();
        }

        TARGET(BUILDLIST)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_list(&R(B), C));
            DISPATCH();
        }

        TARGET(BUILDSET)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_set(&R(B), C));
            DISPATCH();
        }

        TARGET(BUILDDICT)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_build_dict(&R(B), C));
            DISPATCH();
        }

        TARGET(LISTAPPEND)
        {
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
            if (pyrs_vm_dict_update(R(A), R(B)) < 0) {
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
                if (PyErr_Occurred()) {
                    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
                        goto error;
                    }
                    PyErr_Clear();
                }
                pc += SBX;
                DISPATCH();
            }
            SET_REG(A + 1, v);
            DISPATCH();
        }

        TARGET(UNPACK)
        {
            if (pyrs_vm_unpack(R(B), &R(A), C, -1) < 0) {
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
            goto do_call;
        }

        TARGET(CALL)
        TARGET(CALLKW)
        {
            call_callee = R(B);
            call_args = &R(B + 1);
            call_nargs = C;
            call_kwnames = PYRS_I_OP(instr) == PYRS_OP_CALLKW ? R(B + 1 + C) : NULL;
            goto do_call;
        }

        TARGET(CALLEX)
        {
            SET_REG_OR_ERROR(A, pyrs_vm_call_ex(R(B), R(C), R(C + 1)));
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
            R(A) = NULL;
            if (f->gen != NULL) {
                /* A generator finished: back to whoever resumed it (a SEND or C). */
                int was_entry = f->is_entry, ret = f->ret_reg;
                PyrsFrame *resumer = f->back;
                pyrs_gen_finish(GEN_OF(f));
                if (was_entry) {
                    return res;
                }
                f = resumer;
                LOAD_FRAME();
                if (PYRS_I_OP(code->co_code[pc - 1]) == PYRS_OP_FORITER) {
                    /* the for loop driving it is done */
                    Py_DECREF(res);
                    pc += PYRS_I_SBX(code->co_code[pc - 1]);
                    DISPATCH();
                }
                SET_REG(ret, res);
                DISPATCH();
            }
            if (f->is_entry) {
                pyrs_frame_pop(f);
                return res;
            }
            int ret = f->ret_reg;
            PyrsFrame *caller = f->back;
            pyrs_frame_pop(f);
            f = caller;
            LOAD_FRAME();
            SET_REG(ret, res);
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
            yv = Py_NewRef(R(B));
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
            f->pc = pc - 1;
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

        TARGET(MATCHMAP)
        {
            SET_REG(A, PyBool_FromLong(pyrs_vm_match_mapping(R(B))));
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
            SET_REG_OR_ERROR(A, pyrs_gen_awaitable(R(B)));
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
            PyFunctionObject *fn = (PyFunctionObject *)callee;
            PyrsFrame *nf =
                pyrs_frame_push((PyrsCodeObject *)fn->func_code, callee, fn->func_globals, NULL);
            Py_XDECREF(held); /* the frame holds the function now */
            if (nf == NULL) {
                goto error;
            }
            if (pyrs_frame_bind_args(nf, callee, args, nargs, kwnames) < 0) {
                pyrs_frame_pop(nf);
                goto error;
            }
            if (nf->code->co_flags & (CO_GENERATOR | CO_COROUTINE)) {
                SET_REG_OR_ERROR(A, pyrs_gen_new_from_frame(nf));
                DISPATCH();
            }
            nf->ret_reg = (int)A;
            f = nf;
            LOAD_FRAME();
            DISPATCH();
        }
        SET_REG_OR_ERROR(A, PyObject_Vectorcall(callee, args, (size_t)nargs, kwnames));
        DISPATCH();
    }


yield_value:
    /* Generator frame F yields YV (its pc and yield_reg saved). A frame linked by a SEND passes
     * the value on: its resumer yields it too, suspended at that SEND so resuming re-sends. */
    for (;;) {
        int was_entry = f->is_entry;
        PyrsFrame *resumer = f->back;
        pyrs_gen_suspend(GEN_OF(f));
        if (was_entry) {
            return yv;
        }
        f = resumer;
        PyrsInstr at = f->code->co_code[f->pc - 1];
        if (PYRS_I_OP(at) == PYRS_OP_FORITER) {
            /* a for loop resumed it: the value is its next item */
            LOAD_FRAME();
            SET_REG(PYRS_I_A(at) + 1, yv);
            DISPATCH();
        }
        f->pc -= 1;
        f->yield_reg = (int)PYRS_I_C(f->code->co_code[f->pc]);
        GEN_OF(f)->gi_delegating = 1;
    }

throw_into:
    /* Generator frame F was resumed to raise the pending exception at its yield; when it is
     * delegating, the exception goes to the innermost delegate first. */
    if (!GEN_OF(f)->gi_delegating) {
        goto error;
    }
    instr = code->co_code[pc];
    pc++;
    f->pc = pc;
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
        f->pc = pc - 1;
        f->yield_reg = (int)C;
        goto yield_value;
    }

error:
    /* The instruction at pc - 1 raised. Record it in the traceback, then look for a handler
     * in this frame; without one, pop the frame and continue unwinding in the caller. */
    for (;;) {
        if (!skip_traceback) {
            pyrs_vm_traceback_here(f, pc - 1);
        }
        skip_traceback = 0;
        const PyrsExcEntry *h = find_handler(code, pc - 1);
        if (h != NULL) {
            SET_REG(h->reg, pyrs_vm_fetch_exc());
            pc = h->handler;
            f->pc = pc;
            goto next_instr;
        }
        int was_entry = f->is_entry;
        PyrsFrame *caller = f->back;
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
    }
}

PyObject *
PyEval_GetGlobals(void)
{
    return pyrs_eval_current_globals();
}
