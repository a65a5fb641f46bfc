/* object.h: PyObject, PyVarObject, PyTypeObject and its slot tables, laid out exactly as
 * CPython 3.11 on x86-64 (checked field by field by tests/abi), plus reference counting. */
#ifndef PYRS_OBJECT_H
#define PYRS_OBJECT_H

#include <stdio.h>

#include "pyrs/port.h"

typedef struct _object PyObject;
typedef struct _typeobject PyTypeObject;

/* Every object starts with these two words. */
struct _object {
    Py_ssize_t ob_refcnt;  /* references held; 0 means deallocate */
    PyTypeObject *ob_type; /* the object's type, never NULL */
};

/* Variable-sized objects add an item count (ints keep their sign in it). */
typedef struct {
    PyObject ob_base;   /* refcount and type */
    Py_ssize_t ob_size; /* number of items (or signed digit count for int) */
} PyVarObject;

#define PyObject_HEAD                     PyObject ob_base;
#define PyObject_VAR_HEAD                 PyVarObject ob_base;
#define PyObject_HEAD_INIT(type)          {1, type},
#define PyVarObject_HEAD_INIT(type, size) {PyObject_HEAD_INIT(type)(size)},

#define _PyObject_CAST(op)                ((PyObject *)(op))
#define _PyVarObject_CAST(op)             ((PyVarObject *)(op))
#define Py_REFCNT(ob)                     (_PyObject_CAST(ob)->ob_refcnt)
#define Py_TYPE(ob)                       (_PyObject_CAST(ob)->ob_type)
#define Py_SIZE(ob)                       (_PyVarObject_CAST(ob)->ob_size)

static inline int
Py_IS_TYPE(PyObject *ob, PyTypeObject *type)
{
    return ob->ob_type == type;
}
#define Py_IS_TYPE(ob, type) Py_IS_TYPE(_PyObject_CAST(ob), (type))

static inline void
Py_SET_REFCNT(PyObject *ob, Py_ssize_t refcnt)
{
    ob->ob_refcnt = refcnt;
}
#define Py_SET_REFCNT(ob, refcnt) Py_SET_REFCNT(_PyObject_CAST(ob), (refcnt))

static inline void
Py_SET_TYPE(PyObject *ob, PyTypeObject *type)
{
    ob->ob_type = type;
}
#define Py_SET_TYPE(ob, type) Py_SET_TYPE(_PyObject_CAST(ob), (type))

static inline void
Py_SET_SIZE(PyVarObject *ob, Py_ssize_t size)
{
    ob->ob_size = size;
}
#define Py_SET_SIZE(ob, size) Py_SET_SIZE(_PyVarObject_CAST(ob), (size))

/* Slot function types (CPython 3.11 names and signatures). */
typedef PyObject *(*unaryfunc)(PyObject *);
typedef PyObject *(*binaryfunc)(PyObject *, PyObject *);
typedef PyObject *(*ternaryfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*inquiry)(PyObject *);
typedef Py_ssize_t (*lenfunc)(PyObject *);
typedef PyObject *(*ssizeargfunc)(PyObject *, Py_ssize_t);
typedef PyObject *(*ssizessizeargfunc)(PyObject *, Py_ssize_t, Py_ssize_t);
typedef int (*ssizeobjargproc)(PyObject *, Py_ssize_t, PyObject *);
typedef int (*ssizessizeobjargproc)(PyObject *, Py_ssize_t, Py_ssize_t, PyObject *);
typedef int (*objobjargproc)(PyObject *, PyObject *, PyObject *);
typedef int (*objobjproc)(PyObject *, PyObject *);
typedef int (*visitproc)(PyObject *, void *);
typedef int (*traverseproc)(PyObject *, visitproc, void *);
typedef void (*freefunc)(void *);
typedef void (*destructor)(PyObject *);
typedef PyObject *(*getattrfunc)(PyObject *, char *);
typedef PyObject *(*getattrofunc)(PyObject *, PyObject *);
typedef int (*setattrfunc)(PyObject *, char *, PyObject *);
typedef int (*setattrofunc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*reprfunc)(PyObject *);
typedef Py_hash_t (*hashfunc)(PyObject *);
typedef PyObject *(*richcmpfunc)(PyObject *, PyObject *, int);
typedef PyObject *(*getiterfunc)(PyObject *);
typedef PyObject *(*iternextfunc)(PyObject *);
typedef PyObject *(*descrgetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*descrsetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*initproc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*newfunc)(PyTypeObject *, PyObject *, PyObject *);
typedef PyObject *(*allocfunc)(PyTypeObject *, Py_ssize_t);
typedef PyObject *(*vectorcallfunc)(PyObject *callable, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames);

typedef enum {
    PYGEN_RETURN = 0,
    PYGEN_ERROR = -1,
    PYGEN_NEXT = 1,
} PySendResult;
typedef PySendResult (*sendfunc)(PyObject *iter, PyObject *value, PyObject **result);

/* The buffer protocol's view (PEP 3118). */
typedef struct bufferinfo {
    void *buf;              /* start of the memory */
    PyObject *obj;          /* owned reference to the exporter */
    Py_ssize_t len;         /* total bytes */
    Py_ssize_t itemsize;    /* bytes per item */
    int readonly;           /* nonzero if not writable */
    int ndim;               /* number of dimensions */
    char *format;           /* struct-module format of one item, NULL means "B" */
    Py_ssize_t *shape;      /* ndim extents */
    Py_ssize_t *strides;    /* ndim byte steps */
    Py_ssize_t *suboffsets; /* PIL-style indirection, usually NULL */
    void *internal;         /* exporter's private data */
} Py_buffer;
typedef int (*getbufferproc)(PyObject *, Py_buffer *, int);
typedef void (*releasebufferproc)(PyObject *, Py_buffer *);

typedef struct {
    binaryfunc nb_add;
    binaryfunc nb_subtract;
    binaryfunc nb_multiply;
    binaryfunc nb_remainder;
    binaryfunc nb_divmod;
    ternaryfunc nb_power;
    unaryfunc nb_negative;
    unaryfunc nb_positive;
    unaryfunc nb_absolute;
    inquiry nb_bool;
    unaryfunc nb_invert;
    binaryfunc nb_lshift;
    binaryfunc nb_rshift;
    binaryfunc nb_and;
    binaryfunc nb_xor;
    binaryfunc nb_or;
    unaryfunc nb_int;
    void *nb_reserved; /* was nb_long */
    unaryfunc nb_float;
    binaryfunc nb_inplace_add;
    binaryfunc nb_inplace_subtract;
    binaryfunc nb_inplace_multiply;
    binaryfunc nb_inplace_remainder;
    ternaryfunc nb_inplace_power;
    binaryfunc nb_inplace_lshift;
    binaryfunc nb_inplace_rshift;
    binaryfunc nb_inplace_and;
    binaryfunc nb_inplace_xor;
    binaryfunc nb_inplace_or;
    binaryfunc nb_floor_divide;
    binaryfunc nb_true_divide;
    binaryfunc nb_inplace_floor_divide;
    binaryfunc nb_inplace_true_divide;
    unaryfunc nb_index;
    binaryfunc nb_matrix_multiply;
    binaryfunc nb_inplace_matrix_multiply;
} PyNumberMethods;

typedef struct {
    lenfunc sq_length;
    binaryfunc sq_concat;
    ssizeargfunc sq_repeat;
    ssizeargfunc sq_item;
    void *was_sq_slice;
    ssizeobjargproc sq_ass_item;
    void *was_sq_ass_slice;
    objobjproc sq_contains;
    binaryfunc sq_inplace_concat;
    ssizeargfunc sq_inplace_repeat;
} PySequenceMethods;

typedef struct {
    lenfunc mp_length;
    binaryfunc mp_subscript;
    objobjargproc mp_ass_subscript;
} PyMappingMethods;

typedef struct {
    unaryfunc am_await;
    unaryfunc am_aiter;
    unaryfunc am_anext;
    sendfunc am_send;
} PyAsyncMethods;

typedef struct {
    getbufferproc bf_getbuffer;
    releasebufferproc bf_releasebuffer;
} PyBufferProcs;

struct PyMethodDef;
struct PyMemberDef;
struct PyGetSetDef;

/* The type object: 408 bytes in CPython 3.11. Field order is ABI. */
struct _typeobject {
    PyObject_VAR_HEAD
    const char *tp_name;               /* "module.Name" for printing */
    Py_ssize_t tp_basicsize;           /* instance size without items */
    Py_ssize_t tp_itemsize;            /* bytes per item of variable-sized instances */
    destructor tp_dealloc;             /* frees an instance whose refcount reached 0 */
    Py_ssize_t tp_vectorcall_offset;   /* offset of the per-instance vectorcall pointer */
    getattrfunc tp_getattr;            /* deprecated char* attribute get */
    setattrfunc tp_setattr;            /* deprecated char* attribute set */
    PyAsyncMethods *tp_as_async;       /* await/aiter/anext/send */
    reprfunc tp_repr;                  /* repr() */
    PyNumberMethods *tp_as_number;     /* number protocol */
    PySequenceMethods *tp_as_sequence; /* sequence protocol */
    PyMappingMethods *tp_as_mapping;   /* mapping protocol */
    hashfunc tp_hash;                  /* hash(); PyObject_HashNotImplemented when unhashable */
    ternaryfunc tp_call;               /* obj(*args, **kwargs) */
    reprfunc tp_str;                   /* str() */
    getattrofunc tp_getattro;          /* attribute get */
    setattrofunc tp_setattro;          /* attribute set and delete (value NULL) */
    PyBufferProcs *tp_as_buffer;       /* buffer protocol */
    unsigned long tp_flags;            /* Py_TPFLAGS_* */
    const char *tp_doc;                /* __doc__ */
    traverseproc tp_traverse;          /* GC: visit owned references */
    inquiry tp_clear;                  /* GC: drop owned references */
    richcmpfunc tp_richcompare;        /* rich comparisons */
    Py_ssize_t tp_weaklistoffset;      /* offset of the weakref list head, 0 if none */
    getiterfunc tp_iter;               /* iter() */
    iternextfunc tp_iternext;          /* next(); NULL without error means exhausted */
    struct PyMethodDef *tp_methods;    /* method table, NULL-terminated */
    struct PyMemberDef *tp_members;    /* member table, NULL-terminated */
    struct PyGetSetDef *tp_getset;     /* getset table, NULL-terminated */
    PyTypeObject *tp_base;             /* the solid base (borrowed for static types) */
    PyObject *tp_dict;                 /* the type's namespace */
    descrgetfunc tp_descr_get;         /* __get__ */
    descrsetfunc tp_descr_set;         /* __set__ / __delete__ */
    Py_ssize_t tp_dictoffset;          /* offset of the instance __dict__ pointer, 0 if none */
    initproc tp_init;                  /* __init__ */
    allocfunc tp_alloc;                /* allocates a zeroed instance */
    newfunc tp_new;                    /* __new__ */
    freefunc tp_free;                  /* releases instance memory */
    inquiry tp_is_gc;                  /* per-instance GC predicate (types only) */
    PyObject *tp_bases;                /* tuple of bases */
    PyObject *tp_mro;                  /* tuple: method resolution order */
    PyObject *tp_cache;                /* unused */
    PyObject *tp_subclasses;           /* dict of weak references to subclasses */
    PyObject *tp_weaklist;             /* weak references to this type */
    destructor tp_del;                 /* legacy finalizer */
    unsigned int tp_version_tag;       /* attribute cache version, 0 when invalid */
    destructor tp_finalize;            /* PEP 442 finalizer */
    vectorcallfunc tp_vectorcall;      /* vectorcall for calling the type itself */
};

/* Type flags (CPython 3.11 values). */
#define Py_TPFLAGS_MANAGED_DICT             (1UL << 4)
#define Py_TPFLAGS_SEQUENCE                 (1UL << 5)
#define Py_TPFLAGS_MAPPING                  (1UL << 6)
#define Py_TPFLAGS_DISALLOW_INSTANTIATION   (1UL << 7)
#define Py_TPFLAGS_IMMUTABLETYPE            (1UL << 8)
#define Py_TPFLAGS_HEAPTYPE                 (1UL << 9)
#define Py_TPFLAGS_BASETYPE                 (1UL << 10)
#define Py_TPFLAGS_HAVE_VECTORCALL          (1UL << 11)
#define _Py_TPFLAGS_HAVE_VECTORCALL         Py_TPFLAGS_HAVE_VECTORCALL
#define Py_TPFLAGS_READY                    (1UL << 12)
#define Py_TPFLAGS_READYING                 (1UL << 13)
#define Py_TPFLAGS_HAVE_GC                  (1UL << 14)
#define Py_TPFLAGS_HAVE_STACKLESS_EXTENSION 0
#define Py_TPFLAGS_METHOD_DESCRIPTOR        (1UL << 17)
#define Py_TPFLAGS_HAVE_VERSION_TAG         (1UL << 18)
#define Py_TPFLAGS_VALID_VERSION_TAG        (1UL << 19)
#define Py_TPFLAGS_IS_ABSTRACT              (1UL << 20)
#define _Py_TPFLAGS_MATCH_SELF              (1UL << 22)
#define Py_TPFLAGS_LONG_SUBCLASS            (1UL << 24)
#define Py_TPFLAGS_LIST_SUBCLASS            (1UL << 25)
#define Py_TPFLAGS_TUPLE_SUBCLASS           (1UL << 26)
#define Py_TPFLAGS_BYTES_SUBCLASS           (1UL << 27)
#define Py_TPFLAGS_UNICODE_SUBCLASS         (1UL << 28)
#define Py_TPFLAGS_DICT_SUBCLASS            (1UL << 29)
#define Py_TPFLAGS_BASE_EXC_SUBCLASS        (1UL << 30)
#define Py_TPFLAGS_TYPE_SUBCLASS            (1UL << 31)
#define Py_TPFLAGS_HAVE_FINALIZE            (1UL << 0)
#define Py_TPFLAGS_DEFAULT                  (Py_TPFLAGS_HAVE_STACKLESS_EXTENSION | 0)

static inline int
PyType_HasFeature(PyTypeObject *type, unsigned long feature)
{
    return (type->tp_flags & feature) != 0;
}
#define PyType_FastSubclass(type, flag) PyType_HasFeature((type), (flag))

/* Rich comparison opcodes. */
#define Py_LT 0
#define Py_LE 1
#define Py_EQ 2
#define Py_NE 3
#define Py_GT 4
#define Py_GE 5

/* Reference counting. _Py_Dealloc runs tp_dealloc (and the debug checks). */
PyAPI_FUNC(void) _Py_Dealloc(PyObject *op);

static inline void
Py_INCREF(PyObject *op)
{
    op->ob_refcnt++;
}
#define Py_INCREF(op) Py_INCREF(_PyObject_CAST(op))

static inline void
Py_DECREF(PyObject *op)
{
    if (--op->ob_refcnt == 0) {
        _Py_Dealloc(op);
    }
}
#define Py_DECREF(op) Py_DECREF(_PyObject_CAST(op))

static inline void
Py_XINCREF(PyObject *op)
{
    if (op != NULL) {
        Py_INCREF(op);
    }
}
#define Py_XINCREF(op) Py_XINCREF(_PyObject_CAST(op))

static inline void
Py_XDECREF(PyObject *op)
{
    if (op != NULL) {
        Py_DECREF(op);
    }
}
#define Py_XDECREF(op) Py_XDECREF(_PyObject_CAST(op))

static inline PyObject *
Py_NewRef(PyObject *obj)
{
    Py_INCREF(obj);
    return obj;
}
#define Py_NewRef(obj) Py_NewRef(_PyObject_CAST(obj))

static inline PyObject *
Py_XNewRef(PyObject *obj)
{
    Py_XINCREF(obj);
    return obj;
}
#define Py_XNewRef(obj) Py_XNewRef(_PyObject_CAST(obj))

#define Py_CLEAR(op)                                                                               \
    do {                                                                                           \
        PyObject *_py_tmp = _PyObject_CAST(op);                                                    \
        if (_py_tmp != NULL) {                                                                     \
            (op) = NULL;                                                                           \
            Py_DECREF(_py_tmp);                                                                    \
        }                                                                                          \
    } while (0)

#define Py_SETREF(op, op2)                                                                         \
    do {                                                                                           \
        PyObject *_py_tmp = _PyObject_CAST(op);                                                    \
        (op) = (op2);                                                                              \
        Py_DECREF(_py_tmp);                                                                        \
    } while (0)

#define Py_XSETREF(op, op2)                                                                        \
    do {                                                                                           \
        PyObject *_py_tmp = _PyObject_CAST(op);                                                    \
        (op) = (op2);                                                                              \
        Py_XDECREF(_py_tmp);                                                                       \
    } while (0)

/* The singletons (defined in object.c). */
PyAPI_DATA(PyObject) _Py_NoneStruct;
PyAPI_DATA(PyObject) _Py_NotImplementedStruct;
#define Py_None                  (&_Py_NoneStruct)
#define Py_NotImplemented        (&_Py_NotImplementedStruct)
#define Py_IsNone(x)             ((x) == Py_None)
#define Py_RETURN_NONE           return Py_NewRef(Py_None)
#define Py_RETURN_NOTIMPLEMENTED return Py_NewRef(Py_NotImplemented)

#define Py_RETURN_RICHCOMPARE(val1, val2, op)                                                      \
    do {                                                                                           \
        switch (op) {                                                                              \
        case Py_EQ:                                                                                \
            if ((val1) == (val2))                                                                  \
                Py_RETURN_TRUE;                                                                    \
            Py_RETURN_FALSE;                                                                       \
        case Py_NE:                                                                                \
            if ((val1) != (val2))                                                                  \
                Py_RETURN_TRUE;                                                                    \
            Py_RETURN_FALSE;                                                                       \
        case Py_LT:                                                                                \
            if ((val1) < (val2))                                                                   \
                Py_RETURN_TRUE;                                                                    \
            Py_RETURN_FALSE;                                                                       \
        case Py_GT:                                                                                \
            if ((val1) > (val2))                                                                   \
                Py_RETURN_TRUE;                                                                    \
            Py_RETURN_FALSE;                                                                       \
        case Py_LE:                                                                                \
            if ((val1) <= (val2))                                                                  \
                Py_RETURN_TRUE;                                                                    \
            Py_RETURN_FALSE;                                                                       \
        case Py_GE:                                                                                \
            if ((val1) >= (val2))                                                                  \
                Py_RETURN_TRUE;                                                                    \
            Py_RETURN_FALSE;                                                                       \
        default:                                                                                   \
            Py_UNREACHABLE();                                                                      \
        }                                                                                          \
    } while (0)

#define Py_UNREACHABLE() __builtin_unreachable()

/* Core type objects every file may name. */
PyAPI_DATA(PyTypeObject) PyType_Type;
PyAPI_DATA(PyTypeObject) PyBaseObject_Type;
PyAPI_DATA(PyTypeObject) PySuper_Type;

#define PyType_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS)
#define PyType_CheckExact(op) Py_IS_TYPE((op), &PyType_Type)

/* ---- typesystem additions (object.c, typeobject.c) ---- */

#define Py_TPFLAGS_HAVE_VERSION_TAG_DEFAULT 1
#define Py_PRINT_RAW                        1 /* PyObject_Print: str() instead of repr() */

PyAPI_DATA(PyObject) _Py_EllipsisObject;
#define Py_Ellipsis (&_Py_EllipsisObject)
#define Py_Is(x, y) ((x) == (y))
PyAPI_DATA(PyTypeObject) _PyNone_Type;
PyAPI_DATA(PyTypeObject) _PyNotImplemented_Type;
PyAPI_DATA(PyTypeObject) PyEllipsis_Type;

/* Registers inside PyHeapTypeObject for the specialising interpreter. */
struct _specialization_cache {
    PyObject *getitem; /* cached __getitem__ function, borrowed */
};
struct _dictkeysobject;

/* A type created at run time (class statement, type(), PyType_FromSpec): the slot tables live
 * inside the type so tp_as_number etc. point into it. 904 bytes in CPython 3.11. */
typedef struct _heaptypeobject {
    PyTypeObject ht_type;                     /* must come first */
    PyAsyncMethods as_async;                  /* ht_type.tp_as_async points here */
    PyNumberMethods as_number;                /* ht_type.tp_as_number points here */
    PyMappingMethods as_mapping;              /* ht_type.tp_as_mapping points here */
    PySequenceMethods as_sequence;            /* ht_type.tp_as_sequence points here */
    PyBufferProcs as_buffer;                  /* ht_type.tp_as_buffer points here */
    PyObject *ht_name;                        /* __name__ (str, owned) */
    PyObject *ht_slots;                       /* __slots__ names as a tuple, or NULL */
    PyObject *ht_qualname;                    /* __qualname__ (str, owned) */
    struct _dictkeysobject *ht_cached_keys;   /* shared-key dict keys, unused by pyrs */
    PyObject *ht_module;                      /* module of PyType_FromModuleAndSpec, or NULL */
    char *_ht_tpname;                         /* storage for tp_name of spec types */
    struct _specialization_cache _spec_cache; /* interpreter caches */
} PyHeapTypeObject;

/* C specification of a heap type (PyType_FromSpec). */
typedef struct {
    int slot;    /* Py_tp_* / Py_nb_* / ... slot id */
    void *pfunc; /* the function or value to store */
} PyType_Slot;

typedef struct {
    const char *name;   /* "module.Name" */
    int basicsize;      /* 0 means inherit */
    int itemsize;       /* 0 means inherit */
    unsigned int flags; /* Py_TPFLAGS_* */
    PyType_Slot *slots; /* terminated by {0, NULL} */
} PyType_Spec;

/* Slot ids for PyType_Slot and PyType_GetSlot (typeslots.h values in CPython 3.11). */
#define Py_bf_getbuffer               1
#define Py_bf_releasebuffer           2
#define Py_mp_ass_subscript           3
#define Py_mp_length                  4
#define Py_mp_subscript               5
#define Py_nb_absolute                6
#define Py_nb_add                     7
#define Py_nb_and                     8
#define Py_nb_bool                    9
#define Py_nb_divmod                  10
#define Py_nb_float                   11
#define Py_nb_floor_divide            12
#define Py_nb_index                   13
#define Py_nb_inplace_add             14
#define Py_nb_inplace_and             15
#define Py_nb_inplace_floor_divide    16
#define Py_nb_inplace_lshift          17
#define Py_nb_inplace_multiply        18
#define Py_nb_inplace_or              19
#define Py_nb_inplace_power           20
#define Py_nb_inplace_remainder       21
#define Py_nb_inplace_rshift          22
#define Py_nb_inplace_subtract        23
#define Py_nb_inplace_true_divide     24
#define Py_nb_inplace_xor             25
#define Py_nb_int                     26
#define Py_nb_invert                  27
#define Py_nb_lshift                  28
#define Py_nb_multiply                29
#define Py_nb_negative                30
#define Py_nb_or                      31
#define Py_nb_positive                32
#define Py_nb_power                   33
#define Py_nb_remainder               34
#define Py_nb_rshift                  35
#define Py_nb_subtract                36
#define Py_nb_true_divide             37
#define Py_nb_xor                     38
#define Py_sq_ass_item                39
#define Py_sq_concat                  40
#define Py_sq_contains                41
#define Py_sq_inplace_concat          42
#define Py_sq_inplace_repeat          43
#define Py_sq_item                    44
#define Py_sq_length                  45
#define Py_sq_repeat                  46
#define Py_tp_alloc                   47
#define Py_tp_base                    48
#define Py_tp_bases                   49
#define Py_tp_call                    50
#define Py_tp_clear                   51
#define Py_tp_dealloc                 52
#define Py_tp_del                     53
#define Py_tp_descr_get               54
#define Py_tp_descr_set               55
#define Py_tp_doc                     56
#define Py_tp_getattr                 57
#define Py_tp_getattro                58
#define Py_tp_hash                    59
#define Py_tp_init                    60
#define Py_tp_is_gc                   61
#define Py_tp_iter                    62
#define Py_tp_iternext                63
#define Py_tp_methods                 64
#define Py_tp_new                     65
#define Py_tp_repr                    66
#define Py_tp_richcompare             67
#define Py_tp_setattr                 68
#define Py_tp_setattro                69
#define Py_tp_str                     70
#define Py_tp_traverse                71
#define Py_tp_members                 72
#define Py_tp_getset                  73
#define Py_tp_free                    74
#define Py_nb_matrix_multiply         75
#define Py_nb_inplace_matrix_multiply 76
#define Py_am_await                   77
#define Py_am_aiter                   78
#define Py_am_anext                   79
#define Py_tp_finalize                80
#define Py_am_send                    81

/* A static C-string attribute name, interned on first use (_PyUnicode_FromId). */
typedef struct _Py_Identifier {
    const char *string; /* the name */
    Py_ssize_t index;   /* process-wide slot, -1 until first use */
} _Py_Identifier;
#define _Py_static_string_init(value)                                                              \
    {                                                                                              \
        .string = (value), .index = -1                                                             \
    }
#define _Py_static_string(varname, value)                                                          \
    static _Py_Identifier varname = _Py_static_string_init(value)
#define _Py_IDENTIFIER(varname) _Py_static_string(PyId_##varname, #varname)

/* Type objects (typeobject.c). All return NULL / -1 with an exception set on error. */
PyAPI_FUNC(int) PyType_Ready(PyTypeObject *type);                   /* 0, or -1; idempotent */
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b); /* 1/0, never fails */
PyAPI_FUNC(PyObject *) PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems); /* new ref */
PyAPI_FUNC(PyObject *) PyType_GenericNew(PyTypeObject *type, PyObject *args, PyObject *kwds);
PyAPI_FUNC(void) PyType_Modified(PyTypeObject *type); /* invalidates method caches */
PyAPI_FUNC(unsigned int) PyType_ClearCache(void);
PyAPI_FUNC(unsigned long) PyType_GetFlags(PyTypeObject *type);
PyAPI_FUNC(PyObject *) _PyType_Lookup(PyTypeObject *type, PyObject *name); /* borrowed, no error */
PyAPI_FUNC(PyObject *) PyType_FromSpec(PyType_Spec *spec);
PyAPI_FUNC(PyObject *) PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases);
PyAPI_FUNC(PyObject *) PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec,
                                                PyObject *bases);
PyAPI_FUNC(void *) PyType_GetSlot(PyTypeObject *type, int slot); /* NULL if unset */
PyAPI_FUNC(PyObject *) PyType_GetModule(PyTypeObject *type);     /* borrowed */
PyAPI_FUNC(void *) PyType_GetModuleState(PyTypeObject *type);
struct PyModuleDef;
/* The module of the first heap type in TYPE's MRO created with DEF: borrowed, or NULL with
 * TypeError. */
PyAPI_FUNC(PyObject *) PyType_GetModuleByDef(PyTypeObject *type, struct PyModuleDef *def);
PyAPI_FUNC(PyObject *) PyType_GetName(PyTypeObject *type);     /* new ref */
PyAPI_FUNC(PyObject *) PyType_GetQualName(PyTypeObject *type); /* new ref */
PyAPI_FUNC(const char *) _PyType_Name(PyTypeObject *type);     /* tp_name after the last dot */
PyAPI_FUNC(PyObject *) _PyType_GetDict(PyTypeObject *type);    /* borrowed */
/* The most derived of METATYPE and the metaclasses of BASES (borrowed), or NULL with
 * "metaclass conflict" TypeError; what __build_class__ uses. */
PyAPI_FUNC(PyTypeObject *) _PyType_CalculateMetaclass(PyTypeObject *metatype, PyObject *bases);
/* __doc__ / __text_signature__ from an internal "name(sig)\n--\n\n" doc string (new refs). */
PyAPI_FUNC(PyObject *) _PyType_GetDocFromInternalDoc(const char *name, const char *doc);
PyAPI_FUNC(PyObject *) _PyType_GetTextSignatureFromInternalDoc(const char *name, const char *doc);
PyAPI_FUNC(PyObject *) _PyObject_LookupSpecial(PyObject *self, PyObject *attr); /* new or NULL */
PyAPI_FUNC(int) _PyObject_LookupAttr(PyObject *v, PyObject *name, PyObject **result);
PyAPI_FUNC(PyObject *) _PyObject_GenericGetAttrWithDict(PyObject *obj, PyObject *name,
                                                        PyObject *dict, int suppress);
PyAPI_FUNC(int) _PyObject_GenericSetAttrWithDict(PyObject *obj, PyObject *name, PyObject *value,
                                                 PyObject *dict);
PyAPI_FUNC(PyObject **) _PyObject_GetDictPtr(PyObject *obj); /* NULL if no instance dict */
PyAPI_FUNC(int) _PyObject_GetMethod(PyObject *obj, PyObject *name, PyObject **method);
/* The _Py_Identifier forms of the attribute API (same contracts as the str forms). */
PyAPI_FUNC(PyObject *) _PyObject_GetAttrId(PyObject *v, _Py_Identifier *name);
PyAPI_FUNC(int) _PyObject_SetAttrId(PyObject *v, _Py_Identifier *name, PyObject *w);
PyAPI_FUNC(int) _PyObject_LookupAttrId(PyObject *v, _Py_Identifier *name, PyObject **result);
PyAPI_FUNC(PyObject *) _PyObject_LookupSpecialId(PyObject *self, _Py_Identifier *attrid);
PyAPI_FUNC(PyObject *) _PyType_LookupId(PyTypeObject *type, _Py_Identifier *name);
PyAPI_FUNC(int) _PyObject_IsFreed(PyObject *op); /* debug helper: always 0 in pyrs */

static inline int
PyObject_TypeCheck(PyObject *ob, PyTypeObject *type)
{
    return Py_IS_TYPE(ob, type) || PyType_IsSubtype(Py_TYPE(ob), type);
}
#define PyObject_TypeCheck(ob, type) PyObject_TypeCheck(_PyObject_CAST(ob), (type))

/* Generic object protocol (object.c). Results are new references; NULL / -1 on error. */
PyAPI_FUNC(PyObject *) PyObject_Repr(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Str(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_ASCII(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Bytes(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_RichCompare(PyObject *v, PyObject *w, int op);
PyAPI_FUNC(int) PyObject_RichCompareBool(PyObject *v, PyObject *w, int op); /* 1/0/-1 */
PyAPI_FUNC(Py_hash_t) PyObject_Hash(PyObject *o);                           /* -1 on error */
PyAPI_FUNC(Py_hash_t) PyObject_HashNotImplemented(PyObject *o); /* always raises TypeError */
PyAPI_FUNC(int) PyObject_IsTrue(PyObject *o);                   /* 1/0/-1 */
PyAPI_FUNC(int) PyObject_Not(PyObject *o);                      /* 1/0/-1 */
PyAPI_FUNC(int) PyCallable_Check(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_GetAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(PyObject *) PyObject_GetAttrString(PyObject *o, const char *name);
PyAPI_FUNC(int) PyObject_SetAttr(PyObject *o, PyObject *name, PyObject *value);
PyAPI_FUNC(int) PyObject_SetAttrString(PyObject *o, const char *name, PyObject *value);
PyAPI_FUNC(int) PyObject_DelAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_DelAttrString(PyObject *o, const char *name);
PyAPI_FUNC(int) PyObject_HasAttr(PyObject *o, PyObject *name);         /* 1/0, never raises */
PyAPI_FUNC(int) PyObject_HasAttrString(PyObject *o, const char *name); /* 1/0, never raises */
PyAPI_FUNC(PyObject *) PyObject_GenericGetAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_GenericSetAttr(PyObject *o, PyObject *name, PyObject *value);
PyAPI_FUNC(PyObject *) PyObject_GenericGetDict(PyObject *o, void *context);
PyAPI_FUNC(int) PyObject_GenericSetDict(PyObject *o, PyObject *value, void *context);
PyAPI_FUNC(PyObject *) PyObject_Dir(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_SelfIter(PyObject *o); /* returns o with a new reference */
PyAPI_FUNC(int) PyObject_Print(PyObject *o, FILE *fp, int flags);
PyAPI_FUNC(int) Py_ReprEnter(PyObject *o); /* 1 if already being repr'd, 0, -1 on error */
PyAPI_FUNC(void) Py_ReprLeave(PyObject *o);
PyAPI_FUNC(void) _Py_NewReference(PyObject *op);
PyAPI_FUNC(void) Py_IncRef(PyObject *o);
PyAPI_FUNC(void) Py_DecRef(PyObject *o);
PyAPI_FUNC(PyObject *) _PyObject_FunctionStr(PyObject *func); /* "f()" / "C.m()" */
/* tp_iternext of types whose __next__ is missing: raises TypeError, returns NULL. */
PyAPI_FUNC(PyObject *) _PyObject_NextNotImplemented(PyObject *self);
/* Runs tp_finalize once per object (PEP 442); errors are reported as unraisable. */
PyAPI_FUNC(void) PyObject_CallFinalizer(PyObject *self);
/* For tp_dealloc: 0 to go on deallocating, -1 if the finalizer resurrected SELF. */
PyAPI_FUNC(int) PyObject_CallFinalizerFromDealloc(PyObject *self);

#endif /* PYRS_OBJECT_H */
