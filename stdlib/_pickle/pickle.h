/* _pickle/pickle.h: what the files of the native _pickle module share: the opcodes, the
 * module state (exceptions, copyreg and _compat_pickle tables), the Pickler, Unpickler and
 * PickleBuffer types. Internal to stdlib/_pickle; mirrors CPython 3.11's Modules/_pickle.c. */
#ifndef PYRS_STDLIB_PICKLE_H
#define PYRS_STDLIB_PICKLE_H

#define PY_SSIZE_T_CLEAN
#include "Python.h"

enum {
    PYRS_PICKLE_HIGHEST_PROTOCOL = 5,
    PYRS_PICKLE_DEFAULT_PROTOCOL = 4,
    PYRS_PICKLE_BATCHSIZE = 1000,
    PYRS_PICKLE_FAST_NESTING_LIMIT = 50,
    PYRS_PICKLE_FRAME_SIZE_MIN = 4,
    PYRS_PICKLE_FRAME_SIZE_TARGET = 64 * 1024,
    PYRS_PICKLE_FRAME_HEADER_SIZE = 9,
};

/* The pickle opcodes (pickletools documents each). */
enum {
    OP_MARK = '(',
    OP_STOP = '.',
    OP_POP = '0',
    OP_POP_MARK = '1',
    OP_DUP = '2',
    OP_FLOAT = 'F',
    OP_INT = 'I',
    OP_BININT = 'J',
    OP_BININT1 = 'K',
    OP_LONG = 'L',
    OP_BININT2 = 'M',
    OP_NONE = 'N',
    OP_PERSID = 'P',
    OP_BINPERSID = 'Q',
    OP_REDUCE = 'R',
    OP_STRING = 'S',
    OP_BINSTRING = 'T',
    OP_SHORT_BINSTRING = 'U',
    OP_UNICODE = 'V',
    OP_BINUNICODE = 'X',
    OP_APPEND = 'a',
    OP_BUILD = 'b',
    OP_GLOBAL = 'c',
    OP_DICT = 'd',
    OP_EMPTY_DICT = '}',
    OP_APPENDS = 'e',
    OP_GET = 'g',
    OP_BINGET = 'h',
    OP_INST = 'i',
    OP_LONG_BINGET = 'j',
    OP_LIST = 'l',
    OP_EMPTY_LIST = ']',
    OP_OBJ = 'o',
    OP_PUT = 'p',
    OP_BINPUT = 'q',
    OP_LONG_BINPUT = 'r',
    OP_SETITEM = 's',
    OP_TUPLE = 't',
    OP_EMPTY_TUPLE = ')',
    OP_SETITEMS = 'u',
    OP_BINFLOAT = 'G',
    OP_PROTO = 0x80,
    OP_NEWOBJ = 0x81,
    OP_EXT1 = 0x82,
    OP_EXT2 = 0x83,
    OP_EXT4 = 0x84,
    OP_TUPLE1 = 0x85,
    OP_TUPLE2 = 0x86,
    OP_TUPLE3 = 0x87,
    OP_NEWTRUE = 0x88,
    OP_NEWFALSE = 0x89,
    OP_LONG1 = 0x8a,
    OP_LONG4 = 0x8b,
    OP_BINBYTES = 'B',
    OP_SHORT_BINBYTES = 'C',
    OP_SHORT_BINUNICODE = 0x8c,
    OP_BINUNICODE8 = 0x8d,
    OP_BINBYTES8 = 0x8e,
    OP_EMPTY_SET = 0x8f,
    OP_ADDITEMS = 0x90,
    OP_FROZENSET = 0x91,
    OP_NEWOBJ_EX = 0x92,
    OP_STACK_GLOBAL = 0x93,
    OP_MEMOIZE = 0x94,
    OP_FRAME = 0x95,
    OP_BYTEARRAY8 = 0x96,
    OP_NEXT_BUFFER = 0x97,
    OP_READONLY_BUFFER = 0x98,
};

/* The attribute names the module looks up, interned once at init (X-macro list). */
#define PYRS_PICKLE_IDS(X)                                                                         \
    X(__module__)                                                                                  \
    X(__qualname__)                                                                                \
    X(__name__)                                                                                    \
    X(__new__)                                                                                     \
    X(__class__)                                                                                   \
    X(__reduce_ex__)                                                                               \
    X(__reduce__)                                                                                  \
    X(reducer_override)                                                                            \
    X(dispatch_table)                                                                              \
    X(write)                                                                                       \
    X(__getinitargs__)                                                                             \
    X(__setstate__)                                                                                \
    X(__dict__)                                                                                    \
    X(extend)                                                                                      \
    X(append)                                                                                      \
    X(add)                                                                                         \
    X(find_class)                                                                                  \
    X(read)                                                                                        \
    X(readline)                                                                                    \
    X(latin1)

enum {
#define PYRS_PICKLE_ID_ENUM(name) PYRS_PICKLE_ID_##name,
    PYRS_PICKLE_IDS(PYRS_PICKLE_ID_ENUM)
#undef PYRS_PICKLE_ID_ENUM
        PYRS_PICKLE_ID_COUNT
};

/* The interned str NAME (borrowed). */
#define PYRS_PICKLE_ID(name) (pyrs_pickle_state.ids[PYRS_PICKLE_ID_##name])

/* Module-wide objects, filled once by the module's init (borrowed by everyone else). */
typedef struct {
    PyObject *PickleError;               /* _pickle.PickleError */
    PyObject *PicklingError;             /* _pickle.PicklingError */
    PyObject *UnpicklingError;           /* _pickle.UnpicklingError */
    PyObject *dispatch_table;            /* copyreg.dispatch_table */
    PyObject *extension_registry;        /* copyreg._extension_registry */
    PyObject *extension_cache;           /* copyreg._extension_cache */
    PyObject *inverted_registry;         /* copyreg._inverted_registry */
    PyObject *name_mapping_2to3;         /* _compat_pickle.NAME_MAPPING */
    PyObject *import_mapping_2to3;       /* _compat_pickle.IMPORT_MAPPING */
    PyObject *name_mapping_3to2;         /* _compat_pickle.REVERSE_NAME_MAPPING */
    PyObject *import_mapping_3to2;       /* _compat_pickle.REVERSE_IMPORT_MAPPING */
    PyObject *codecs_encode;             /* codecs.encode (bytes under protocols 0-2) */
    PyObject *getattr;                   /* builtins.getattr (nested names under protocols < 4) */
    PyObject *partial;                   /* functools.partial (__newobj_ex__ under protocols 2-3) */
    PyObject *ids[PYRS_PICKLE_ID_COUNT]; /* interned attribute names */
} PyrsPickleState;

extern PyrsPickleState pyrs_pickle_state;

extern PyTypeObject pyrs_pickle_pickler_type;
extern PyTypeObject pyrs_pickle_pmemoproxy_type;
extern PyTypeObject pyrs_pickle_unpickler_type;
extern PyTypeObject pyrs_pickle_umemoproxy_type;
extern PyTypeObject pyrs_pickle_buffer_type;

/* The PickleBuffer's view of its exporter: a borrowed Py_buffer pointer, or NULL with
 * ValueError when the PickleBuffer was released. */
const Py_buffer *pyrs_pickle_buffer_view(PyObject *self);

/* Looks NAME up on SELF; when it is a method bound to SELF, stores its function in *FUNC and
 * SELF (borrowed) in *FSELF so that the object holds no cycle through itself; otherwise the
 * attribute in *FUNC and NULL in *FSELF. A missing attribute leaves both NULL. 0, or -1 with
 * an exception. May run Python code. */
int pyrs_pickle_method_ref(PyObject *self, const char *name, PyObject **func, PyObject **fself);

/* Calls FUNC(ARG), or FUNC(FSELF, ARG) when FSELF is set: new reference or NULL. */
PyObject *pyrs_pickle_call_method(PyObject *func, PyObject *fself, PyObject *arg);

/* Splits a dotted qualified NAME into a list of str; a "<locals>" part raises AttributeError
 * (naming OBJ when it is not NULL). New reference or NULL. */
PyObject *pyrs_pickle_dotted_path(PyObject *obj, PyObject *name);

/* getattr along the list PATH from OBJ: new reference, or NULL (an exception set only when a
 * lookup raised something other than AttributeError). *PARENT (when not NULL) receives a new
 * reference to the last object looked into. */
PyObject *pyrs_pickle_deep_attr(PyObject *obj, PyObject *path, PyObject **parent);

/* Pickler entry points used by the module functions dump/dumps: a fresh Pickler for FILE
 * (NULL for dumps) with PROTOCOL, FIX_IMPORTS and BUFFER_CALLBACK set (new reference or
 * NULL); pickles OBJ into it (0 / -1); its output so far as bytes (new reference or NULL);
 * writes that output to the file (0 / -1). */
PyObject *pyrs_pickle_pickler_new(PyObject *file, PyObject *protocol, int fix_imports,
                                  PyObject *buffer_callback);
int pyrs_pickle_pickler_dump(PyObject *pickler, PyObject *obj);
PyObject *pyrs_pickle_pickler_output(PyObject *pickler);
int pyrs_pickle_pickler_flush(PyObject *pickler);

/* A fresh Unpickler reading FILE (or, when FILE is NULL, the bytes-like DATA) with the given
 * options: new reference or NULL. */
PyObject *pyrs_pickle_unpickler_new(PyObject *file, PyObject *data, int fix_imports,
                                    const char *encoding, const char *errors, PyObject *buffers);
/* Runs the Unpickler: the object read (new reference) or NULL. */
PyObject *pyrs_pickle_unpickler_load(PyObject *unpickler);

#endif /* PYRS_STDLIB_PICKLE_H */
