/* eval.c: the dispatch loop of the register VM (nothing else lives here). Python-to-Python
 * calls push a frame and continue in this loop; a frame flagged is_entry returns from it.
 * Dispatch is computed goto, or a switch when PYRS_VM_SWITCH is 1 (debug preset). */
#include "pyrs/eval.h"
#include "pyrs/frame.h"
#include "pyrs/vm.h"
#include "funcobject.h"

#ifndef PYRS_VM_SWITCH
#define PYRS_VM_SWITCH 0
#endif

/* Operand access for the current instruction I. */
#define A     PYRS_I_A(instr)
#define B     PYRS_I_B(instr)
#define C     PYRS_I_C(instr)
#define XOP   PYRS_I_X(instr)
#define SBX   PYRS_I_SBX(instr)
#define R(n)  (regs[(n)])
#define K(n)  PyTuple_GET_ITEM(code->co_consts, (n))
#define N(n)  PyTuple_GET_ITEM(code->co_names, (n))
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
#define DISPATCH() goto next_instr
#endif

static PyObject *builtins_dict;

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

/* Runs frames from ENTRY (already pushed, arguments bound) until ENTRY returns. */
static PyObject *run_frames(PyrsFrame *entry);

PyObject *
pyrs_eval_code(PyObject *codeobj, PyObject *globals, PyObject *locals)
{
    PyrsFrame *f = pyrs_frame_push((PyrsCodeObject *)codeobj, NULL, globals, locals);
    if (f == NULL) {
        return NULL;
    }
    f->is_entry = 1;
    return run_frames(f);
}

PyObject *
pyrs_eval_frame_entry(PyrsFrame *f)
{
    f->is_entry = 1;
    return run_frames(f);
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
    f->is_entry = 1;
    return run_frames(f);
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
run_frames(PyrsFrame *entry)
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
    LOAD_FRAME();

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
        SET_REG_OR_ERROR(A, pyrs_vm_load_global(f->globals, builtins_dict, N(B)));
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
        SET_REG_OR_ERROR(A, pyrs_vm_binop(XOP, R(B), R(C)));
        DISPATCH();
    }

    TARGET(UNOP)
    {
        SET_REG_OR_ERROR(A, pyrs_vm_unop(XOP, R(B)));
        DISPATCH();
    }

    TARGET(COMPARE)
    {
        SET_REG_OR_ERROR(A, pyrs_vm_compare(XOP, R(B), R(C)));
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

    TARGET(CALL)
    TARGET(CALLKW)
    {
        PyObject *callee = R(B);
        Py_ssize_t nargs = C;
        PyObject *kwnames = NULL;
        if (PYRS_I_OP(instr) == PYRS_OP_CALLKW) {
            kwnames = R(B + 1 + C);
            nargs -= PyTuple_GET_SIZE(kwnames);
        }
        if (PyFunction_Check(callee)) {
            /* Python to Python: a new frame, same C loop. */
            PyFunctionObject *fn = (PyFunctionObject *)callee;
            PyrsFrame *nf = pyrs_frame_push((PyrsCodeObject *)fn->func_code, callee,
                                            fn->func_globals, NULL);
            if (nf == NULL) {
                goto error;
            }
            if (pyrs_frame_bind_args(nf, callee, &R(B + 1), nargs, kwnames) < 0) {
                pyrs_frame_pop(nf);
                goto error;
            }
            nf->ret_reg = (int)A;
            f = nf;
            LOAD_FRAME();
            DISPATCH();
        }
        SET_REG_OR_ERROR(A, PyObject_Vectorcall(callee, &R(B + 1), (size_t)nargs, kwnames));
        DISPATCH();
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
    TARGET(GETYIELDFROM)
    {
        PyErr_SetString(PyExc_SystemError, "generators are not implemented yet");
        goto error;
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

error:
    /* The instruction at pc - 1 raised. Record it in the traceback, then look for a handler
     * in this frame; without one, pop the frame and continue unwinding in the caller. */
    for (;;) {
        if (!skip_traceback) {
            pyrs_vm_traceback_here(code, pc - 1);
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
        pyrs_frame_pop(f);
        if (was_entry) {
            return NULL;
        }
        f = caller;
        LOAD_FRAME();
    }
}
