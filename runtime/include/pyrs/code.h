/* pyrs/code.h: code objects (the `code` type) and the instruction encoding of the register
 * VM. A code object is immutable once built by the compiler; the VM reads it directly. */
#ifndef PYRS_CODE_H
#define PYRS_CODE_H

#include "Python.h"

/* One 64-bit instruction: op:8 | A:16 | B:16 | C:16 | X:8 (see runtime/vm/opcodes.def). */
typedef uint64_t PyrsInstr;

typedef enum {
#define X(name, format, comment) PYRS_OP_##name,
#include "../../vm/opcodes.def"
#undef X
    PYRS_OP__COUNT
} PyrsOpcode;

#define PYRS_INSTR(op, a, b, c, x)                                                                 \
    ((PyrsInstr)(op) | ((PyrsInstr)(uint16_t)(a) << 8) | ((PyrsInstr)(uint16_t)(b) << 24) |        \
     ((PyrsInstr)(uint16_t)(c) << 40) | ((PyrsInstr)(uint8_t)(x) << 56))
#define PYRS_I_OP(i)  ((unsigned)((i)&0xFF))
#define PYRS_I_A(i)   ((unsigned)(((i) >> 8) & 0xFFFF))
#define PYRS_I_B(i)   ((unsigned)(((i) >> 24) & 0xFFFF))
#define PYRS_I_C(i)   ((unsigned)(((i) >> 40) & 0xFFFF))
#define PYRS_I_X(i)   ((unsigned)(((i) >> 56) & 0xFF))
#define PYRS_I_BX(i)  ((uint32_t)(((i) >> 24) & 0xFFFFFFFFu))
#define PYRS_I_SBX(i) ((int32_t)PYRS_I_BX(i))
/* B and C together as one signed 32-bit field (jump offsets, big constant indexes). */
#define PYRS_INSTR_BX(op, a, bx, x)                                                                \
    PYRS_INSTR((op), (a), (uint32_t)(bx)&0xFFFF, ((uint32_t)(bx) >> 16) & 0xFFFF, (x))
#define PYRS_NO_REG 0xFFFF /* "no register" in an optional operand */

/* co_flags bits (CPython's values, so inspect reads them the same way). */
#define CO_OPTIMIZED          0x0001
#define CO_NEWLOCALS          0x0002
#define CO_VARARGS            0x0004
#define CO_VARKEYWORDS        0x0008
#define CO_NESTED             0x0010
#define CO_GENERATOR          0x0020
#define CO_NOFREE             0x0040
#define CO_COROUTINE          0x0080
#define CO_ITERABLE_COROUTINE 0x0100
#define CO_ASYNC_GENERATOR    0x0200
/* `from __future__` features, kept in co_flags so compile()/exec()/eval() inherit them. */
#define CO_FUTURE_DIVISION         0x20000
#define CO_FUTURE_ABSOLUTE_IMPORT  0x40000
#define CO_FUTURE_WITH_STATEMENT   0x80000
#define CO_FUTURE_PRINT_FUNCTION   0x100000
#define CO_FUTURE_UNICODE_LITERALS 0x200000
#define CO_FUTURE_BARRY_AS_BDFL    0x400000
#define CO_FUTURE_GENERATOR_STOP   0x800000
#define CO_FUTURE_ANNOTATIONS      0x1000000
#define PYRS_CO_FUTURE_MASK        0x1FE0000 /* all of them (CPython's PyCF_MASK) */

/* An exception-table entry: an exception raised by an instruction in [start, end) jumps to
 * handler with the exception stored in register reg. Entries are innermost first. */
typedef struct {
    int32_t start;   /* first covered instruction */
    int32_t end;     /* one past the last covered instruction */
    int32_t handler; /* where the handler starts */
    int32_t reg;     /* register receiving the exception */
} PyrsExcEntry;

/* Where in the source one instruction comes from (CPython's co_positions, plus what its
 * traceback printer would re-parse to place the `~~^^` anchors). Columns are UTF-8 byte
 * offsets; -1 means unknown. */
typedef struct {
    int32_t end_line;    /* last line of the expression */
    int32_t col;         /* first column on the first line */
    int32_t end_col;     /* column just past the end on the last line */
    int32_t anchor_kind; /* PYRS_ANCHOR_*: what the anchors below mean */
    int32_t anchor_l;    /* BinOp: end of the left operand; Subscript: end of the value */
    int32_t anchor_r;    /* BinOp: start of the right operand; Subscript: end of the slice + 1 */
} PyrsPosition;

#define PYRS_ANCHOR_NONE      0
#define PYRS_ANCHOR_BINOP     1 /* the operator is the first non-blank between the anchors */
#define PYRS_ANCHOR_SUBSCRIPT 2 /* [anchor_l, anchor_r) is the bracketed part */

/* What a LOADGLOBAL found, valid while the globals and builtins dicts keep these versions
 * (ma_version_tag is unique and renewed on every mutation, so the borrowed value is alive). */
typedef struct PyrsGlobalCache {
    uint64_t gver;   /* globals' ma_version_tag when cached (0: empty) */
    uint64_t bver;   /* builtins' ma_version_tag when cached */
    PyObject *value; /* the value (borrowed from one of the dicts) */
} PyrsGlobalCache;

/* What a LOADATTR, LOADMETHOD or STOREATTR found on the type of its object, valid while that
 * type keeps version tag `version` (tags are never reused; a modified type gets a new one).
 * Filled lazily at first execution (runtime/vm/specialize.c), never by the compiler. */
typedef enum {
    PYRS_ATTR_NONE = 0, /* not specialised: the generic protocol */
    PYRS_ATTR_DICT,     /* nothing on the type: the instance __dict__ (load/store) */
    PYRS_ATTR_METHOD,   /* a Python function on the type, unless the instance dict shadows it */
    PYRS_ATTR_CLASSVAR, /* a plain class attribute (no __get__), unless shadowed */
    PYRS_ATTR_SLOT,     /* a __slots__ member: the object pointer at `offset` */
    PYRS_ATTR_PROPERTY, /* a property (descr) whose getter, at `offset` in it, is called */
    PYRS_ATTR_CMETHOD,  /* another method descriptor (a builtin's): unbound for LOADMETHOD */
    PYRS_ATTR_INIT,     /* CALL of a class made by object.__new__ whose __init__ (descr) is a
                         * Python function: the instance is allocated and __init__ runs in the
                         * loop (the entry's version is the called class's) */
} PyrsAttrKind;

#define PYRS_ACACHE_WAYS 4 /* entries per instruction: [pc * WAYS .. pc * WAYS + WAYS) */

typedef struct PyrsAttrCache {
    unsigned int version; /* tp_version_tag of the object's type when filled (0: empty) */
    unsigned short kind;  /* PyrsAttrKind */
    unsigned short fills; /* first way of a site: fills so far (picks the way to re-fill) */
    Py_ssize_t offset;    /* DICT: tp_dictoffset (> 0); METHOD, CMETHOD, CLASSVAR: tp_dictoffset
                           * (0: no instance dict); SLOT, PROPERTY: an offset in the object */
    PyObject *descr;      /* METHOD/CLASSVAR: the type's attribute (borrowed: the type holds it
                           * as long as the version tag is unchanged) */
    struct _dictkeysobject *keys; /* the type's shared instance-dict keys (split dicts), or NULL;
                                   * alive as long as the type, so as the version matches */
    Py_ssize_t split; /* with keys: DICT: the name's entry index in keys (values[split] of a
                       * dict sharing them); METHOD, CMETHOD, CLASSVAR: how many first
                       * entries of keys are known not to be the name; -1: unused */
} PyrsAttrCache;

/* A code object: CPython 3.11's PyCodeObject head (runtime/include/code.h) field for field,
 * so extensions reading co_flags, co_filename, co_name, co_firstlineno... find them; the
 * fields CPython's interpreter uses for its own bytecode (exception table, line table,
 * localsplus, adaptive code) stay NULL/0 here. pyrs's register code follows, where CPython's
 * co_code_adaptive begins. */
typedef struct {
    PyObject_VAR_HEAD            /* ob_size 0: no CPython code units */
    PyObject *co_consts;         /* tuple of constants (K) */
    PyObject *co_names;          /* tuple of str: global/attribute names (N) */
    PyObject *co_exceptiontable; /* NULL (CPython's bytecode only) */
    int co_flags;                /* CO_* */
    short co_warmup;             /* 0 */
    short _co_linearray_entry_size;
    int co_argcount;              /* positional parameters, positional-only included */
    int co_posonlyargcount;       /* positional-only parameters */
    int co_kwonlyargcount;        /* keyword-only parameters */
    int co_stacksize;             /* registers a frame needs, as co_nregs */
    int co_firstlineno;           /* line of the def (or 1 for modules) */
    int co_nlocalsplus;           /* locals + cells + free variables */
    int co_nlocals;               /* len(co_varnames) */
    int co_nplaincellvars;        /* cells that are not arguments */
    int co_ncellvars;             /* len(co_cellvars) */
    int co_nfreevars;             /* len(co_freevars) */
    PyObject *co_localsplusnames; /* NULL: pyrs keeps co_varnames/co_cellvars/co_freevars */
    PyObject *co_localspluskinds; /* NULL */
    PyObject *co_filename;        /* str */
    PyObject *co_name;            /* str */
    PyObject *co_qualname;        /* str */
    PyObject *co_linetable;       /* NULL: pyrs keeps co_lines/co_posns */
    PyObject *co_weakreflist;     /* weak references */
    PyObject *_co_code;           /* NULL */
    char *_co_linearray;          /* NULL */
    int _co_firsttraceable;       /* 0 */
    void *co_extra;               /* _PyCode_SetExtra data (unused), NULL */
    /* ---- pyrs (CPython's co_code_adaptive starts here) ---- */
    PyrsInstr *co_code;      /* co_ninstr instructions (owned) */
    int32_t *co_lines;       /* source line of each instruction (owned) */
    PyrsExcEntry *co_exctab; /* co_nexc entries, innermost first (owned) */
    Py_ssize_t co_ninstr;    /* number of instructions */
    Py_ssize_t co_nexc;      /* number of exception-table entries */
    PyObject *co_varnames;   /* tuple of str: locals, arguments first (V; registers 0..) */
    PyObject *co_cellvars;   /* tuple of str: locals captured by inner functions */
    PyObject *co_freevars;   /* tuple of str: variables of enclosing functions */
    int co_nregs;            /* registers a frame needs (locals + temporaries) */
    int co_ncells;           /* len(co_cellvars) */
    int co_nfree;            /* len(co_freevars) */
    int16_t *co_cell2arg;    /* per cell: the argument register it starts from, or -1 */
    PyrsPosition *co_posns;  /* co_ninstr source positions (owned), or NULL */
    struct PyrsGlobalCache *co_gcache; /* per-instruction LOADGLOBAL cache (owned), or NULL */
    PyrsAttrCache *co_acache; /* attribute caches (owned), made at first use: PYRS_ACACHE_WAYS
                               * entries per instruction (types alternating at a site) */
} PyrsCodeObject;

PyAPI_DATA(PyTypeObject) PyCode_Type;
#define PyrsCode_Check(op) Py_IS_TYPE((op), &PyCode_Type)

/* A new code object taking ownership of CODE, LINES and EXCTAB (malloc'ed with PyMem_Malloc;
 * freed by the object even on failure) and new references to the tuples and strings.
 * NULL with an exception set on failure. */
PyObject *pyrs_code_new(PyrsInstr *code, int32_t *lines, Py_ssize_t ninstr, PyrsExcEntry *exctab,
                        Py_ssize_t nexc, PyObject *consts, PyObject *names, PyObject *varnames,
                        PyObject *cellvars, PyObject *freevars, PyObject *filename, PyObject *name,
                        PyObject *qualname, int argcount, int posonlyargcount, int kwonlyargcount,
                        int flags, int firstlineno, int nregs);

/* The source line of instruction PC of CODE (co_firstlineno when unknown). */
int pyrs_code_line(const PyrsCodeObject *code, Py_ssize_t pc);

/* The source position of instruction PC of CODE (all -1 when unknown). */
PyrsPosition pyrs_code_position(const PyrsCodeObject *code, Py_ssize_t pc);

/* Writes a human-readable listing of CODE to OUT (debugging: `pyrs --dis FILE`). */
void pyrs_code_dis(PyrsCodeObject *code, FILE *out);

PYRS_MUST_CHECK int pyrs_code_init(void);

#endif /* PYRS_CODE_H */
