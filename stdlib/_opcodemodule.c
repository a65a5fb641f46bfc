/* _opcode: stack_effect() for CPython 3.11's bytecode (opcode.py and dis.stack_effect use it),
 * with its argument checks and errors, and get_specialization_stats() (None: no statistics are
 * collected). The numbers describe CPython's stack machine, not pyrs's register code. */
#include "Python.h"

PyMODINIT_FUNC PyInit__opcode(void);

#define HAVE_ARGUMENT  90
#define INVALID_EFFECT INT_MAX

/* The instructions of CPython 3.11 whose effect depends on the argument or on the jump; the
 * others are listed in fixed_effect. Negative numbers are the compiler's pseudo-instructions
 * (SETUP_FINALLY ... POP_JUMP_IF_NOT_NONE), which 3.11's stack_effect also accepts. */
enum {
    POP_JUMP_IF_NOT_NONE = -10,
    POP_JUMP_IF_NONE = -9,
    POP_JUMP_IF_TRUE = -8,
    POP_JUMP_IF_FALSE = -7,
    JUMP_NO_INTERRUPT = -6,
    JUMP = -5,
    POP_BLOCK = -4,
    SETUP_WITH = -3,
    SETUP_CLEANUP = -2,
    SETUP_FINALLY = -1,
    UNPACK_SEQUENCE = 92,
    FOR_ITER = 93,
    UNPACK_EX = 94,
    BUILD_TUPLE = 102,
    BUILD_LIST = 103,
    BUILD_SET = 104,
    BUILD_MAP = 105,
    JUMP_IF_FALSE_OR_POP = 111,
    JUMP_IF_TRUE_OR_POP = 112,
    LOAD_GLOBAL = 116,
    SEND = 123,
    RAISE_VARARGS = 130,
    MAKE_FUNCTION = 132,
    BUILD_SLICE = 133,
    CALL_FUNCTION_EX = 142,
    FORMAT_VALUE = 155,
    BUILD_CONST_KEY_MAP = 156,
    BUILD_STRING = 157,
    PRECALL = 166,
};

/* Opcodes (0..255) whose effect is a constant, stored as the effect plus 'N'; 0 marks an
 * opcode 3.11 does not define or a specialized form, both of which stack_effect rejects. */
static const char fixed_effect[256] = {
#define E(op, n) [op] = 'N' + (n)
    E(0, 0),    /* CACHE */
    E(1, -1),   /* POP_TOP */
    E(2, 1),    /* PUSH_NULL */
    E(9, 0),    /* NOP */
    E(10, 0),   /* UNARY_POSITIVE */
    E(11, 0),   /* UNARY_NEGATIVE */
    E(12, 0),   /* UNARY_NOT */
    E(15, 0),   /* UNARY_INVERT */
    E(25, -1),  /* BINARY_SUBSCR */
    E(30, 1),   /* GET_LEN */
    E(31, 1),   /* MATCH_MAPPING */
    E(32, 1),   /* MATCH_SEQUENCE */
    E(33, 1),   /* MATCH_KEYS */
    E(35, 1),   /* PUSH_EXC_INFO */
    E(36, 0),   /* CHECK_EXC_MATCH */
    E(37, 0),   /* CHECK_EG_MATCH */
    E(49, 1),   /* WITH_EXCEPT_START */
    E(50, 0),   /* GET_AITER */
    E(51, 1),   /* GET_ANEXT */
    E(52, 1),   /* BEFORE_ASYNC_WITH */
    E(53, 1),   /* BEFORE_WITH */
    E(54, -2),  /* END_ASYNC_FOR */
    E(60, -3),  /* STORE_SUBSCR */
    E(61, -2),  /* DELETE_SUBSCR */
    E(68, 0),   /* GET_ITER */
    E(69, 0),   /* GET_YIELD_FROM_ITER */
    E(70, -1),  /* PRINT_EXPR */
    E(71, 1),   /* LOAD_BUILD_CLASS */
    E(74, 1),   /* LOAD_ASSERTION_ERROR */
    E(75, 0),   /* RETURN_GENERATOR */
    E(82, 0),   /* LIST_TO_TUPLE */
    E(83, -1),  /* RETURN_VALUE */
    E(84, -1),  /* IMPORT_STAR */
    E(85, 0),   /* SETUP_ANNOTATIONS */
    E(86, 0),   /* YIELD_VALUE */
    E(87, 0),   /* ASYNC_GEN_WRAP */
    E(88, -1),  /* PREP_RERAISE_STAR */
    E(89, -1),  /* POP_EXCEPT */
    E(90, -1),  /* STORE_NAME */
    E(91, 0),   /* DELETE_NAME */
    E(95, -2),  /* STORE_ATTR */
    E(96, -1),  /* DELETE_ATTR */
    E(97, -1),  /* STORE_GLOBAL */
    E(98, 0),   /* DELETE_GLOBAL */
    E(99, 0),   /* SWAP */
    E(100, 1),  /* LOAD_CONST */
    E(101, 1),  /* LOAD_NAME */
    E(106, 0),  /* LOAD_ATTR */
    E(107, -1), /* COMPARE_OP */
    E(108, -1), /* IMPORT_NAME */
    E(109, 1),  /* IMPORT_FROM */
    E(110, 0),  /* JUMP_FORWARD */
    E(114, -1), /* POP_JUMP_FORWARD_IF_FALSE */
    E(115, -1), /* POP_JUMP_FORWARD_IF_TRUE */
    E(117, -1), /* IS_OP */
    E(118, -1), /* CONTAINS_OP */
    E(119, -1), /* RERAISE */
    E(120, 1),  /* COPY */
    E(122, -1), /* BINARY_OP */
    E(124, 1),  /* LOAD_FAST */
    E(125, -1), /* STORE_FAST */
    E(126, 0),  /* DELETE_FAST */
    E(128, -1), /* POP_JUMP_FORWARD_IF_NOT_NONE */
    E(129, -1), /* POP_JUMP_FORWARD_IF_NONE */
    E(131, 0),  /* GET_AWAITABLE */
    E(134, 0),  /* JUMP_BACKWARD_NO_INTERRUPT */
    E(135, 0),  /* MAKE_CELL */
    E(136, 1),  /* LOAD_CLOSURE */
    E(137, 1),  /* LOAD_DEREF */
    E(138, -1), /* STORE_DEREF */
    E(139, 0),  /* DELETE_DEREF */
    E(140, 0),  /* JUMP_BACKWARD */
    E(144, 0),  /* EXTENDED_ARG */
    E(145, -1), /* LIST_APPEND */
    E(146, -1), /* SET_ADD */
    E(147, -2), /* MAP_ADD */
    E(148, 1),  /* LOAD_CLASSDEREF */
    E(149, 0),  /* COPY_FREE_VARS */
    E(151, 0),  /* RESUME */
    E(152, -2), /* MATCH_CLASS */
    E(160, 1),  /* LOAD_METHOD */
    E(162, -1), /* LIST_EXTEND */
    E(163, -1), /* SET_UPDATE */
    E(164, -1), /* DICT_MERGE */
    E(165, -1), /* DICT_UPDATE */
    E(171, -1), /* CALL */
    E(172, 0),  /* KW_NAMES */
    E(173, -1), /* POP_JUMP_BACKWARD_IF_NOT_NONE */
    E(174, -1), /* POP_JUMP_BACKWARD_IF_NONE */
    E(175, -1), /* POP_JUMP_BACKWARD_IF_FALSE */
    E(176, -1), /* POP_JUMP_BACKWARD_IF_TRUE */
#undef E
};

/* The effect of a jumping instruction: TAKEN when the jump is taken, NOT otherwise, the
 * larger of the two when JUMP is -1 (unknown). */
static int
branch(int jump, int taken, int not )
{
    return jump > 0 ? taken : jump == 0 ? not : taken > not ? taken : not ;
}

/* The effect of OPCODE with argument OPARG (JUMP: 1 taken, 0 not, -1 either), or
 * INVALID_EFFECT for an opcode 3.11's compiler does not know. */
static int
stack_effect(int opcode, int oparg, int jump)
{
    switch (opcode) {
    case UNPACK_SEQUENCE:
        return oparg - 1;
    case UNPACK_EX:
        return (oparg & 0xFF) + (oparg >> 8);
    case BUILD_TUPLE:
    case BUILD_LIST:
    case BUILD_SET:
    case BUILD_STRING:
        return 1 - oparg;
    case BUILD_MAP:
        return 1 - 2 * oparg;
    case BUILD_CONST_KEY_MAP:
    case RAISE_VARARGS:
    case PRECALL:
        return -oparg;
    case LOAD_GLOBAL:
        return (oparg & 1) + 1; /* the low bit pushes a NULL before the global */
    case MAKE_FUNCTION:         /* one item per flag: defaults, kwdefaults, annotations, closure */
        return -((oparg & 1) != 0) - ((oparg & 2) != 0) - ((oparg & 4) != 0) - ((oparg & 8) != 0);
    case BUILD_SLICE:
        return oparg == 3 ? -2 : -1;
    case CALL_FUNCTION_EX:
        return -2 - (oparg & 1);
    case FORMAT_VALUE:
        return (oparg & 0x04) ? -1 : 0; /* a format spec is popped too */
    case FOR_ITER:
        return branch(jump, -1, 1);
    case JUMP_IF_FALSE_OR_POP:
    case JUMP_IF_TRUE_OR_POP:
        return branch(jump, 0, -1);
    case SEND:
        return branch(jump, -1, 0);
    case SETUP_FINALLY:
    case SETUP_WITH:
        return branch(jump, 1, 0);
    case SETUP_CLEANUP:
        return branch(jump, 2, 0);
    case POP_BLOCK:
    case JUMP:
    case JUMP_NO_INTERRUPT:
        return 0;
    case POP_JUMP_IF_FALSE:
    case POP_JUMP_IF_TRUE:
    case POP_JUMP_IF_NONE:
    case POP_JUMP_IF_NOT_NONE:
        return -1;
    default:
        if (opcode < 0 || opcode > 255 || fixed_effect[opcode] == 0) {
            return INVALID_EFFECT;
        }
        return fixed_effect[opcode] - 'N';
    }
}

/* An int argument as a C int: __index__, OverflowError outside int's range. 0, or -1. */
static int
as_c_int(PyObject *obj, int *out)
{
    PyObject *idx = PyNumber_Index(obj);
    if (idx == NULL) {
        return -1;
    }
    int overflow = 0;
    long v = PyLong_AsLongAndOverflow(idx, &overflow);
    Py_DECREF(idx);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow != 0 || v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* The argument of an instruction that takes one: C long truncated to int, as CPython does. */
static int
as_oparg(PyObject *obj, int *out)
{
    long v = PyLong_AsLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* The keyword-only jump argument: 1, 0 or -1 (None); -2 with ValueError otherwise. */
static int
jump_arg(PyObject *jump)
{
    if (jump == NULL || jump == Py_None) {
        return -1;
    }
    if (jump == Py_True || jump == Py_False) {
        return jump == Py_True;
    }
    PyErr_SetString(PyExc_ValueError, "stack_effect: jump must be False, True or None");
    return -2;
}

/* The value of keyword "jump" in KWNAMES (NULL when absent); -1 with TypeError for any other
 * keyword. */
static int
find_jump(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **jump)
{
    *jump = NULL;
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        if (!PyUnicode_Check(key) || PyUnicode_CompareWithASCIIString(key, "jump") != 0) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for stack_effect()",
                         key);
            return -1;
        }
        *jump = args[nargs + i];
    }
    return 0;
}

/* stack_effect(opcode, oparg=None, /, *, jump=None) -> int */
static PyObject *
opcode_stack_effect(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError,
                     nargs < 1 ? "stack_effect() takes at least 1 positional argument (%zd given)"
                               : "stack_effect() takes at most 2 positional arguments (%zd given)",
                     nargs);
        return NULL;
    }
    PyObject *jump_obj;
    int opcode, oparg = 0;
    if (find_jump(args, nargs, kwnames, &jump_obj) < 0 || as_c_int(args[0], &opcode) < 0) {
        return NULL;
    }
    PyObject *oparg_obj = nargs > 1 ? args[1] : Py_None;
    if (opcode >= HAVE_ARGUMENT) {
        if (oparg_obj == Py_None) {
            PyErr_SetString(PyExc_ValueError,
                            "stack_effect: opcode requires oparg but oparg was not specified");
            return NULL;
        }
        if (as_oparg(oparg_obj, &oparg) < 0) {
            return NULL;
        }
    } else if (oparg_obj != Py_None) {
        PyErr_SetString(PyExc_ValueError,
                        "stack_effect: opcode does not permit oparg but oparg was specified");
        return NULL;
    }
    int jump = jump_arg(jump_obj);
    if (jump == -2) {
        return NULL;
    }
    int effect = stack_effect(opcode, oparg, jump);
    if (effect == INVALID_EFFECT) {
        PyErr_SetString(PyExc_ValueError, "invalid opcode or oparg");
        return NULL;
    }
    return PyLong_FromLong(effect);
}

/* get_specialization_stats(): None, as in a CPython built without statistics. */
static PyObject *
opcode_get_specialization_stats(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(arg))
{
    Py_RETURN_NONE;
}

static PyMethodDef opcode_methods[] = {
    {"stack_effect", (PyCFunction)(void (*)(void))opcode_stack_effect,
     METH_FASTCALL | METH_KEYWORDS,
     "stack_effect($module, opcode, oparg=None, /, *, jump=None)\n--\n\n"
     "Compute the stack effect of the opcode."},
    {"get_specialization_stats", opcode_get_specialization_stats, METH_NOARGS,
     "get_specialization_stats($module, /)\n--\n\nReturn the specialization stats"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef opcode_module = {
    PyModuleDef_HEAD_INIT,
    "_opcode",
    "Opcode support module.",
    -1,
    opcode_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__opcode(void)
{
    return PyModule_Create(&opcode_module);
}
