/* exceptions.c: the built-in exception hierarchy of CPython 3.11 (Objects/exceptions.c) as
 * static types with CPython's instance structs: BaseException's args/str/repr, chaining
 * attributes with their setter checks, notes, pickling support, and the specialised classes
 * (StopIteration, SystemExit, ImportError, AttributeError, NameError, OSError with errno
 * mapping, SyntaxError, the Unicode errors, KeyError, BaseExceptionGroup/ExceptionGroup). */
#include "pyrs/exceptions.h"
#include "traceback.h"

#include <errno.h>

#include "pyrs/containers.h"
#include "pyrs/object.h"
#include "pyrs/lifecycle.h"

#define EXC(op) ((PyBaseExceptionObject *)(op))

static PyObject *str_notes; /* interned "__notes__" */

PyObject *
pyrs_exc_str_notes(void)
{
    if (str_notes == NULL) {
        str_notes = PyUnicode_InternFromString("__notes__");
    }
    return str_notes;
}

/* TypeError "NAME() takes no keyword arguments" if KWDS holds anything. */
static int
check_no_keywords(const char *name, PyObject *kwds)
{
    if (kwds == NULL || PyDict_Size(kwds) == 0) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", name);
    return -1;
}

/* ---- BaseException ----------------------------------------------------------------------- */

static PyObject *
BaseException_new(PyTypeObject *type, PyObject *args, PyObject *Py_UNUSED(kwds))
{
    PyBaseExceptionObject *self = (PyBaseExceptionObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->args = args != NULL ? Py_NewRef(args) : PyTuple_New(0);
    if (self->args == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static int
BaseException_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (check_no_keywords(Py_TYPE(self)->tp_name, kwds) < 0) {
        return -1;
    }
    Py_XSETREF(EXC(self)->args, Py_NewRef(args));
    return 0;
}

static int
BaseException_clear(PyObject *op)
{
    PyBaseExceptionObject *self = EXC(op);
    Py_CLEAR(self->dict);
    Py_CLEAR(self->args);
    Py_CLEAR(self->notes);
    Py_CLEAR(self->traceback);
    Py_CLEAR(self->cause);
    Py_CLEAR(self->context);
    return 0;
}

static void
BaseException_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    (void)BaseException_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static int
BaseException_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyBaseExceptionObject *self = EXC(op);
    Py_VISIT(self->dict);
    Py_VISIT(self->args);
    Py_VISIT(self->notes);
    Py_VISIT(self->traceback);
    Py_VISIT(self->cause);
    Py_VISIT(self->context);
    return 0;
}

static PyObject *
BaseException_str(PyObject *op)
{
    PyObject *args = EXC(op)->args;
    switch (PyTuple_GET_SIZE(args)) {
    case 0:
        return PyUnicode_FromString("");
    case 1:
        return PyObject_Str(PyTuple_GET_ITEM(args, 0));
    default:
        return PyObject_Str(args);
    }
}

static PyObject *
BaseException_repr(PyObject *op)
{
    PyObject *args = EXC(op)->args;
    const char *name = _PyType_Name(Py_TYPE(op));
    if (PyTuple_GET_SIZE(args) == 1) {
        return PyUnicode_FromFormat("%s(%R)", name, PyTuple_GET_ITEM(args, 0));
    }
    return PyUnicode_FromFormat("%s%R", name, args);
}

/* (type, args) or (type, args, __dict__) */
static PyObject *
reduce_with(PyObject *self, PyObject *args, PyObject *state)
{
    if (state != NULL && state != Py_None) {
        return PyTuple_Pack(3, (PyObject *)Py_TYPE(self), args, state);
    }
    return PyTuple_Pack(2, (PyObject *)Py_TYPE(self), args);
}

static PyObject *
BaseException_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return reduce_with(self, EXC(self)->args, EXC(self)->dict);
}

static PyObject *
BaseException_setstate(PyObject *self, PyObject *state)
{
    if (state != Py_None) {
        if (!PyDict_Check(state)) {
            PyErr_SetString(PyExc_TypeError, "state is not a dictionary");
            return NULL;
        }
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(state, &pos, &key, &value)) {
            Py_INCREF(key);
            Py_INCREF(value);
            int res = PyObject_SetAttr(self, key, value);
            Py_DECREF(value);
            Py_DECREF(key);
            if (res < 0) {
                return NULL;
            }
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
BaseException_with_traceback(PyObject *self, PyObject *tb)
{
    if (PyException_SetTraceback(self, tb) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *
BaseException_add_note(PyObject *self, PyObject *note)
{
    if (!PyUnicode_Check(note)) {
        return PyErr_Format(PyExc_TypeError, "note must be a str, not '%s'",
                            Py_TYPE(note)->tp_name);
    }
    PyObject *notes;
    if (_PyObject_LookupAttr(self, pyrs_exc_str_notes(), &notes) < 0) {
        return NULL;
    }
    if (notes == NULL) {
        notes = PyList_New(0);
        if (notes == NULL) {
            return NULL;
        }
        if (PyObject_SetAttr(self, pyrs_exc_str_notes(), notes) < 0) {
            Py_DECREF(notes);
            return NULL;
        }
    } else if (!PyList_Check(notes)) {
        Py_DECREF(notes);
        PyErr_SetString(PyExc_TypeError, "Cannot add note: __notes__ is not a list");
        return NULL;
    }
    int res = PyList_Append(notes, note);
    Py_DECREF(notes);
    if (res < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef BaseException_methods[] = {
    {"__reduce__", BaseException_reduce, METH_NOARGS, NULL},
    {"__setstate__", BaseException_setstate, METH_O, NULL},
    {"with_traceback", BaseException_with_traceback, METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", BaseException_add_note, METH_O,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {NULL, NULL, 0, NULL},
};

static PyObject *
BaseException_get_args(PyObject *self, void *Py_UNUSED(closure))
{
    return Py_XNewRef(EXC(self)->args != NULL ? EXC(self)->args : Py_None);
}

static int
BaseException_set_args(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "args may not be deleted");
        return -1;
    }
    PyObject *seq = PySequence_Tuple(value);
    if (seq == NULL) {
        return -1;
    }
    Py_XSETREF(EXC(self)->args, seq);
    return 0;
}

static PyObject *
none_if_null(PyObject *v)
{
    return Py_NewRef(v != NULL ? v : Py_None);
}

static PyObject *
BaseException_get_tb(PyObject *self, void *Py_UNUSED(closure))
{
    return none_if_null(EXC(self)->traceback);
}

static int
BaseException_set_tb(PyObject *self, PyObject *tb, void *Py_UNUSED(closure))
{
    if (tb == NULL) {
        PyErr_SetString(PyExc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    return PyException_SetTraceback(self, tb);
}

static PyObject *
BaseException_get_context(PyObject *self, void *Py_UNUSED(closure))
{
    return none_if_null(EXC(self)->context);
}

static int
BaseException_set_context(PyObject *self, PyObject *arg, void *Py_UNUSED(closure))
{
    if (arg == NULL) {
        PyErr_SetString(PyExc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (arg == Py_None) {
        arg = NULL;
    } else if (!PyExceptionInstance_Check(arg)) {
        PyErr_SetString(PyExc_TypeError,
                        "exception context must be None or derive from BaseException");
        return -1;
    }
    PyException_SetContext(self, Py_XNewRef(arg));
    return 0;
}

static PyObject *
BaseException_get_cause(PyObject *self, void *Py_UNUSED(closure))
{
    return none_if_null(EXC(self)->cause);
}

static int
BaseException_set_cause(PyObject *self, PyObject *arg, void *Py_UNUSED(closure))
{
    if (arg == NULL) {
        PyErr_SetString(PyExc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (arg == Py_None) {
        arg = NULL;
    } else if (!PyExceptionInstance_Check(arg)) {
        PyErr_SetString(PyExc_TypeError,
                        "exception cause must be None or derive from BaseException");
        return -1;
    }
    PyException_SetCause(self, Py_XNewRef(arg));
    return 0;
}

static PyGetSetDef BaseException_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {"args", BaseException_get_args, BaseException_set_args, NULL, NULL},
    {"__traceback__", BaseException_get_tb, BaseException_set_tb, NULL, NULL},
    {"__context__", BaseException_get_context, BaseException_set_context, "exception context",
     NULL},
    {"__cause__", BaseException_get_cause, BaseException_set_cause, "exception cause", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef BaseException_members[] = {
    {"__suppress_context__", T_BOOL, offsetof(PyBaseExceptionObject, suppress_context), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ---- the public accessors ---------------------------------------------------------------- */

static int
is_traceback(PyObject *tb)
{
    return PyTraceBack_Check(tb);
}

int
PyException_SetTraceback(PyObject *exc, PyObject *tb)
{
    if (tb == Py_None) {
        tb = NULL;
    } else if (tb == NULL || !is_traceback(tb)) {
        PyErr_SetString(PyExc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    Py_XSETREF(EXC(exc)->traceback, Py_XNewRef(tb));
    return 0;
}

PyObject *
PyException_GetTraceback(PyObject *exc)
{
    return Py_XNewRef(EXC(exc)->traceback);
}

PyObject *
PyException_GetCause(PyObject *exc)
{
    return Py_XNewRef(EXC(exc)->cause);
}

void
PyException_SetCause(PyObject *exc, PyObject *cause)
{
    EXC(exc)->suppress_context = 1;
    Py_XSETREF(EXC(exc)->cause, cause);
}

PyObject *
PyException_GetContext(PyObject *exc)
{
    return Py_XNewRef(EXC(exc)->context);
}

void
PyException_SetContext(PyObject *exc, PyObject *context)
{
    Py_XSETREF(EXC(exc)->context, context);
}

const char *
PyExceptionClass_Name(PyObject *exc)
{
    return ((PyTypeObject *)exc)->tp_name;
}

/* ---- type object construction ------------------------------------------------------------ */

#define EXC_FLAGS                                                                                  \
    (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS)

/* A class that only renames its base: same struct and slots, __new__/__init__ restated as
 * CPython's SimpleExtendsException does. */
#define SIMPLE_EXC(NAME, BASE, DOC)                                                                \
    static PyTypeObject exc_##NAME = {                                                             \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = #NAME,                                    \
        .tp_basicsize = sizeof(PyBaseExceptionObject),                                             \
        .tp_dealloc = BaseException_dealloc,                                                       \
        .tp_flags = EXC_FLAGS,                                                                     \
        .tp_doc = DOC,                                                                             \
        .tp_traverse = BaseException_traverse,                                                     \
        .tp_clear = BaseException_clear,                                                           \
        .tp_base = &exc_##BASE,                                                                    \
        .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),                                    \
        .tp_init = BaseException_init,                                                             \
        .tp_new = BaseException_new,                                                               \
    };                                                                                             \
    PyObject *PyExc_##NAME = (PyObject *)&exc_##NAME

/* A class with its own struct and slots (CPython's ComplexExtendsException). NEW may be NULL
 * to inherit; MEMBERS/METHODS/GETSET/STR may be NULL. */
#define COMPLEX_EXC(NAME, BASE, STRUCT, PREFIX, NEW, STR, MEMBERS, METHODS, GETSET, DOC)           \
    static PyTypeObject exc_##NAME = {                                                             \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = #NAME,                                    \
        .tp_basicsize = sizeof(STRUCT),                                                            \
        .tp_dealloc = PREFIX##_dealloc,                                                            \
        .tp_str = STR,                                                                             \
        .tp_flags = EXC_FLAGS,                                                                     \
        .tp_doc = DOC,                                                                             \
        .tp_traverse = PREFIX##_traverse,                                                          \
        .tp_clear = PREFIX##_clear,                                                                \
        .tp_methods = METHODS,                                                                     \
        .tp_members = MEMBERS,                                                                     \
        .tp_getset = GETSET,                                                                       \
        .tp_base = &exc_##BASE,                                                                    \
        .tp_dictoffset = offsetof(STRUCT, dict),                                                   \
        .tp_init = PREFIX##_init,                                                                  \
        .tp_new = NEW,                                                                             \
    };                                                                                             \
    PyObject *PyExc_##NAME = (PyObject *)&exc_##NAME

static PyTypeObject exc_BaseException = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "BaseException",
    .tp_basicsize = sizeof(PyBaseExceptionObject),
    .tp_dealloc = BaseException_dealloc,
    .tp_repr = BaseException_repr,
    .tp_str = BaseException_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = EXC_FLAGS,
    .tp_doc = "Common base class for all exceptions",
    .tp_traverse = BaseException_traverse,
    .tp_clear = BaseException_clear,
    .tp_methods = BaseException_methods,
    .tp_members = BaseException_members,
    .tp_getset = BaseException_getset,
    .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),
    .tp_init = BaseException_init,
    .tp_new = BaseException_new,
};
PyObject *PyExc_BaseException = (PyObject *)&exc_BaseException;

SIMPLE_EXC(Exception, BaseException, "Common base class for all non-exit exceptions.");
SIMPLE_EXC(TypeError, Exception, "Inappropriate argument type.");
SIMPLE_EXC(StopAsyncIteration, Exception, "Signal the end from iterator.__anext__().");
SIMPLE_EXC(GeneratorExit, BaseException, "Request that a generator exit.");
SIMPLE_EXC(KeyboardInterrupt, BaseException, "Program interrupted by user.");
SIMPLE_EXC(EOFError, Exception, "Read beyond end of file.");
SIMPLE_EXC(RuntimeError, Exception, "Unspecified run-time error.");
SIMPLE_EXC(RecursionError, RuntimeError, "Recursion limit exceeded.");
SIMPLE_EXC(NotImplementedError, RuntimeError, "Method or function hasn't been implemented yet.");
SIMPLE_EXC(AssertionError, Exception, "Assertion failed.");
SIMPLE_EXC(LookupError, Exception, "Base class for lookup errors.");
SIMPLE_EXC(IndexError, LookupError, "Sequence index out of range.");
SIMPLE_EXC(ValueError, Exception, "Inappropriate argument value (of correct type).");
SIMPLE_EXC(UnicodeError, ValueError, "Unicode related error.");
SIMPLE_EXC(ArithmeticError, Exception, "Base class for arithmetic errors.");
SIMPLE_EXC(FloatingPointError, ArithmeticError, "Floating point operation failed.");
SIMPLE_EXC(OverflowError, ArithmeticError, "Result too large to be represented.");
SIMPLE_EXC(ZeroDivisionError, ArithmeticError,
           "Second argument to a division or modulo operation was zero.");
SIMPLE_EXC(SystemError, Exception,
           "Internal error in the Python interpreter.\n\nPlease report this to the Python "
           "maintainer, along with the traceback,\nthe Python version, and the hardware/OS "
           "platform and version.");
SIMPLE_EXC(ReferenceError, Exception, "Weak ref proxy used after referent went away.");
/* MemoryError keeps up to 16 dead instances so that raising it under memory exhaustion
 * does not need the allocator (CPython's MEMERRORS_SAVE); the free list is chained through
 * the dict field. */
#define MEMERRORS_SAVE 16
static PyBaseExceptionObject *memerrors_freelist;
static int memerrors_numfree;
static PyTypeObject exc_MemoryError;

static PyObject *
MemoryError_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (type != &exc_MemoryError || memerrors_freelist == NULL) {
        return BaseException_new(type, args, kwds);
    }
    PyObject *empty = PyTuple_New(0); /* the shared empty tuple: no allocation */
    if (empty == NULL) {
        return NULL;
    }
    PyBaseExceptionObject *self = memerrors_freelist;
    memerrors_freelist = (PyBaseExceptionObject *)self->dict;
    memerrors_numfree--;
    self->dict = NULL;
    self->args = empty;
    _Py_NewReference((PyObject *)self);
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

static void
MemoryError_dealloc(PyObject *op)
{
    PyBaseExceptionObject *self = EXC(op);
    PyObject_GC_UnTrack(op);
    (void)BaseException_clear(op);
    if (!Py_IS_TYPE(op, &exc_MemoryError) || memerrors_numfree >= MEMERRORS_SAVE) {
        Py_TYPE(op)->tp_free(op);
        return;
    }
    self->dict = (PyObject *)memerrors_freelist;
    memerrors_freelist = self;
    memerrors_numfree++;
}

/* Fill the free list at start-up; 0 or -1 with MemoryError. */
static int
preallocate_memerrors(void)
{
    PyObject *errors[MEMERRORS_SAVE];
    int n = 0;
    for (; n < MEMERRORS_SAVE; n++) {
        errors[n] = BaseException_new(&exc_MemoryError, NULL, NULL);
        if (errors[n] == NULL) {
            break;
        }
    }
    for (int i = 0; i < n; i++) {
        Py_DECREF(errors[i]);
    }
    return n == MEMERRORS_SAVE ? 0 : -1;
}

static PyTypeObject exc_MemoryError = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "MemoryError",
    .tp_basicsize = sizeof(PyBaseExceptionObject),
    .tp_dealloc = MemoryError_dealloc,
    .tp_flags = EXC_FLAGS,
    .tp_doc = "Out of memory.",
    .tp_traverse = BaseException_traverse,
    .tp_clear = BaseException_clear,
    .tp_base = &exc_Exception,
    .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),
    .tp_init = BaseException_init,
    .tp_new = MemoryError_new,
};
PyObject *PyExc_MemoryError = (PyObject *)&exc_MemoryError;
SIMPLE_EXC(BufferError, Exception, "Buffer error.");
SIMPLE_EXC(Warning, Exception, "Base class for warning categories.");
SIMPLE_EXC(UserWarning, Warning, "Base class for warnings generated by user code.");
SIMPLE_EXC(EncodingWarning, Warning, "Base class for warnings about encodings.");
SIMPLE_EXC(DeprecationWarning, Warning, "Base class for warnings about deprecated features.");
SIMPLE_EXC(PendingDeprecationWarning, Warning,
           "Base class for warnings about features which will be deprecated\nin the future.");
SIMPLE_EXC(SyntaxWarning, Warning, "Base class for warnings about dubious syntax.");
SIMPLE_EXC(RuntimeWarning, Warning, "Base class for warnings about dubious runtime behavior.");
SIMPLE_EXC(FutureWarning, Warning,
           "Base class for warnings about constructs that will change semantically\nin the "
           "future.");
SIMPLE_EXC(ImportWarning, Warning,
           "Base class for warnings about probable mistakes in module imports");
SIMPLE_EXC(UnicodeWarning, Warning,
           "Base class for warnings about Unicode related problems, mostly\nrelated to "
           "conversion problems.");
SIMPLE_EXC(BytesWarning, Warning,
           "Base class for warnings about bytes and buffer related problems, mostly\nrelated "
           "to conversion from str or comparing to str.");
SIMPLE_EXC(ResourceWarning, Warning, "Base class for warnings about resource usage.");

/* ---- KeyError ---------------------------------------------------------------------------- */

/* str(KeyError(k)) is repr(k) so that an empty-string key stays visible. */
static PyObject *
KeyError_str(PyObject *op)
{
    PyObject *args = EXC(op)->args;
    if (PyTuple_GET_SIZE(args) == 1) {
        return PyObject_Repr(PyTuple_GET_ITEM(args, 0));
    }
    return BaseException_str(op);
}

#define KeyError_dealloc  BaseException_dealloc
#define KeyError_traverse BaseException_traverse
#define KeyError_clear    BaseException_clear
#define KeyError_init     BaseException_init
COMPLEX_EXC(KeyError, LookupError, PyBaseExceptionObject, KeyError, NULL, KeyError_str, NULL, NULL,
            NULL, "Mapping key not found.");

/* ---- StopIteration, SystemExit ----------------------------------------------------------- */

static int
StopIteration_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    if (BaseException_init(op, args, kwds) < 0) {
        return -1;
    }
    PyObject *value = PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : Py_None;
    Py_XSETREF(((PyStopIterationObject *)op)->value, Py_NewRef(value));
    return 0;
}

static int
StopIteration_clear(PyObject *op)
{
    Py_CLEAR(((PyStopIterationObject *)op)->value);
    return BaseException_clear(op);
}

static void
StopIteration_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)StopIteration_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
StopIteration_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((PyStopIterationObject *)op)->value);
    return BaseException_traverse(op, visit, arg);
}

static PyMemberDef StopIteration_members[] = {
    {"value", T_OBJECT, offsetof(PyStopIterationObject, value), 0, "generator return value"},
    {NULL, 0, 0, 0, NULL},
};

COMPLEX_EXC(StopIteration, Exception, PyStopIterationObject, StopIteration, NULL, NULL,
            StopIteration_members, NULL, NULL, "Signal the end from iterator.__next__().");

static int
SystemExit_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    if (BaseException_init(op, args, kwds) < 0) {
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *code = n == 0 ? NULL : n == 1 ? PyTuple_GET_ITEM(args, 0) : args;
    Py_XSETREF(((PySystemExitObject *)op)->code, Py_XNewRef(code));
    return 0;
}

static int
SystemExit_clear(PyObject *op)
{
    Py_CLEAR(((PySystemExitObject *)op)->code);
    return BaseException_clear(op);
}

static void
SystemExit_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)SystemExit_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
SystemExit_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((PySystemExitObject *)op)->code);
    return BaseException_traverse(op, visit, arg);
}

static PyMemberDef SystemExit_members[] = {
    {"code", T_OBJECT, offsetof(PySystemExitObject, code), 0, "exception code"},
    {NULL, 0, 0, 0, NULL},
};

COMPLEX_EXC(SystemExit, BaseException, PySystemExitObject, SystemExit, NULL, NULL,
            SystemExit_members, NULL, NULL, "Request to exit from the interpreter.");

/* ---- keyword-only arguments of ImportError / AttributeError / NameError ------------------ */

/* Store keyword arguments named in NAMES into OUT (borrowed); TypeError
 * "'k' is an invalid keyword argument for TYPE()" for anything else. */
static int
parse_kwonly(const char *type_name, PyObject *kwds, const char *const *names, PyObject **out)
{
    if (kwds == NULL) {
        return 0;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwds, &pos, &key, &value)) {
        int found = 0;
        for (int i = 0; names[i] != NULL && !found; i++) {
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, names[i]) == 0) {
                out[i] = value;
                found = 1;
            }
        }
        if (!found) {
            PyErr_Format(PyExc_TypeError, "%R is an invalid keyword argument for %s()", key,
                         type_name);
            return -1;
        }
    }
    return 0;
}

/* ---- ImportError ------------------------------------------------------------------------- */

static int
ImportError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PyImportErrorObject *self = (PyImportErrorObject *)op;
    static const char *const names[] = {"name", "path", NULL};
    PyObject *values[2] = {NULL, NULL};
    if (parse_kwonly(Py_TYPE(op)->tp_name, kwds, names, values) < 0 ||
        BaseException_init(op, args, NULL) < 0) {
        return -1;
    }
    Py_XSETREF(self->name, Py_XNewRef(values[0]));
    Py_XSETREF(self->path, Py_XNewRef(values[1]));
    PyObject *msg = PyTuple_GET_SIZE(args) == 1 ? PyTuple_GET_ITEM(args, 0) : NULL;
    Py_XSETREF(self->msg, Py_XNewRef(msg));
    return 0;
}

static int
ImportError_clear(PyObject *op)
{
    PyImportErrorObject *self = (PyImportErrorObject *)op;
    Py_CLEAR(self->msg);
    Py_CLEAR(self->name);
    Py_CLEAR(self->path);
    return BaseException_clear(op);
}

static void
ImportError_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)ImportError_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
ImportError_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyImportErrorObject *self = (PyImportErrorObject *)op;
    Py_VISIT(self->msg);
    Py_VISIT(self->name);
    Py_VISIT(self->path);
    return BaseException_traverse(op, visit, arg);
}

static PyObject *
ImportError_str(PyObject *op)
{
    PyObject *msg = ((PyImportErrorObject *)op)->msg;
    if (msg != NULL && PyUnicode_CheckExact(msg)) {
        return Py_NewRef(msg);
    }
    return BaseException_str(op);
}

/* The pickled state: __dict__ plus name/path when set; new reference (None when empty). */
static PyObject *
ImportError_getstate(PyImportErrorObject *self)
{
    if (self->name == NULL && self->path == NULL) {
        return Py_NewRef(self->dict != NULL ? self->dict : Py_None);
    }
    PyObject *state = self->dict != NULL ? PyDict_Copy(self->dict) : PyDict_New();
    if (state == NULL) {
        return NULL;
    }
    if ((self->name != NULL && PyDict_SetItemString(state, "name", self->name) < 0) ||
        (self->path != NULL && PyDict_SetItemString(state, "path", self->path) < 0)) {
        Py_DECREF(state);
        return NULL;
    }
    return state;
}

static PyObject *
ImportError_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyObject *state = ImportError_getstate((PyImportErrorObject *)op);
    if (state == NULL) {
        return NULL;
    }
    PyObject *res = reduce_with(op, EXC(op)->args, state);
    Py_DECREF(state);
    return res;
}

static PyMemberDef ImportError_members[] = {
    {"msg", T_OBJECT, offsetof(PyImportErrorObject, msg), 0, "exception message"},
    {"name", T_OBJECT, offsetof(PyImportErrorObject, name), 0, "module name"},
    {"path", T_OBJECT, offsetof(PyImportErrorObject, path), 0, "module path"},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef ImportError_methods[] = {
    {"__reduce__", ImportError_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

COMPLEX_EXC(ImportError, Exception, PyImportErrorObject, ImportError, NULL, ImportError_str,
            ImportError_members, ImportError_methods, NULL,
            "Import can't find module, or can't find name in module.");
COMPLEX_EXC(ModuleNotFoundError, ImportError, PyImportErrorObject, ImportError, NULL, NULL, NULL,
            NULL, NULL, "Module not found.");

/* ---- AttributeError, NameError ----------------------------------------------------------- */

static int
AttributeError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PyAttributeErrorObject *self = (PyAttributeErrorObject *)op;
    static const char *const names[] = {"name", "obj", NULL};
    PyObject *values[2] = {NULL, NULL};
    if (parse_kwonly(Py_TYPE(op)->tp_name, kwds, names, values) < 0 ||
        BaseException_init(op, args, NULL) < 0) {
        return -1;
    }
    Py_XSETREF(self->name, Py_XNewRef(values[0]));
    Py_XSETREF(self->obj, Py_XNewRef(values[1]));
    return 0;
}

static int
AttributeError_clear(PyObject *op)
{
    Py_CLEAR(((PyAttributeErrorObject *)op)->obj);
    Py_CLEAR(((PyAttributeErrorObject *)op)->name);
    return BaseException_clear(op);
}

static void
AttributeError_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)AttributeError_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
AttributeError_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((PyAttributeErrorObject *)op)->obj);
    Py_VISIT(((PyAttributeErrorObject *)op)->name);
    return BaseException_traverse(op, visit, arg);
}

static PyMemberDef AttributeError_members[] = {
    {"name", T_OBJECT, offsetof(PyAttributeErrorObject, name), 0, "attribute name"},
    {"obj", T_OBJECT, offsetof(PyAttributeErrorObject, obj), 0, "object"},
    {NULL, 0, 0, 0, NULL},
};

COMPLEX_EXC(AttributeError, Exception, PyAttributeErrorObject, AttributeError, NULL,
            BaseException_str, AttributeError_members, NULL, NULL, "Attribute not found.");

static int
NameError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static const char *const names[] = {"name", NULL};
    PyObject *values[1] = {NULL};
    if (parse_kwonly(Py_TYPE(op)->tp_name, kwds, names, values) < 0 ||
        BaseException_init(op, args, NULL) < 0) {
        return -1;
    }
    Py_XSETREF(((PyNameErrorObject *)op)->name, Py_XNewRef(values[0]));
    return 0;
}

static int
NameError_clear(PyObject *op)
{
    Py_CLEAR(((PyNameErrorObject *)op)->name);
    return BaseException_clear(op);
}

static void
NameError_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)NameError_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
NameError_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((PyNameErrorObject *)op)->name);
    return BaseException_traverse(op, visit, arg);
}

static PyMemberDef NameError_members[] = {
    {"name", T_OBJECT, offsetof(PyNameErrorObject, name), 0, "name"},
    {NULL, 0, 0, 0, NULL},
};

COMPLEX_EXC(NameError, Exception, PyNameErrorObject, NameError, NULL, BaseException_str,
            NameError_members, NULL, NULL, "Name not found globally.");
COMPLEX_EXC(UnboundLocalError, NameError, PyNameErrorObject, NameError, NULL, NULL, NULL, NULL,
            NULL, "Local name referenced but not bound to a value.");

/* ---- OSError ----------------------------------------------------------------------------- */

static PyTypeObject exc_OSError;
static PyObject *OSError_new(PyTypeObject *type, PyObject *args, PyObject *kwds);
static int OSError_init(PyObject *op, PyObject *args, PyObject *kwds);

/* Subclasses that override __init__ but not __new__ get their arguments parsed by __init__
 * (CPython's oserror_use_init rule). */
static int
oserror_use_init(PyTypeObject *type)
{
    return type->tp_init != OSError_init && type->tp_new == OSError_new;
}

typedef struct {
    PyObject *myerrno, *strerror, *filename, *filename2; /* borrowed from args */
} OSErrorArgs;

static void
oserror_parse_args(PyObject *args, OSErrorArgs *out)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    memset(out, 0, sizeof(*out));
    if (n >= 2 && n <= 5) {
        out->myerrno = PyTuple_GET_ITEM(args, 0);
        out->strerror = PyTuple_GET_ITEM(args, 1);
        out->filename = n >= 3 ? PyTuple_GET_ITEM(args, 2) : NULL;
        /* item 3 is winerror, ignored off Windows */
        out->filename2 = n == 5 ? PyTuple_GET_ITEM(args, 4) : NULL;
    }
}

static int
oserror_init(PyOSErrorObject *self, PyObject *args, const OSErrorArgs *a)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *kept_args = Py_NewRef(args);
    if (a->filename != NULL && a->filename != Py_None) {
        if (Py_IS_TYPE(self, (PyTypeObject *)PyExc_BlockingIOError) &&
            PyNumber_Check(a->filename)) {
            self->written = PyNumber_AsSsize_t(a->filename, PyExc_ValueError);
            if (self->written == -1 && PyErr_Occurred()) {
                Py_DECREF(kept_args);
                return -1;
            }
        } else {
            Py_XSETREF(self->filename, Py_NewRef(a->filename));
            if (a->filename2 != NULL && a->filename2 != Py_None) {
                Py_XSETREF(self->filename2, Py_NewRef(a->filename2));
            }
            if (n >= 2 && n <= 5) {
                /* args keeps only (errno, strerror), as CPython does. */
                Py_SETREF(kept_args, PyTuple_GetSlice(args, 0, 2));
                if (kept_args == NULL) {
                    return -1;
                }
            }
        }
    }
    Py_XSETREF(self->myerrno, Py_XNewRef(a->myerrno));
    Py_XSETREF(self->strerror, Py_XNewRef(a->strerror));
    Py_XSETREF(self->args, kept_args);
    return 0;
}

PyObject *
pyrs_exc_oserror_for_errno(int err)
{
    switch (err) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS:
        return PyExc_BlockingIOError;
    case ECHILD:
        return PyExc_ChildProcessError;
    case EPIPE:
    case ESHUTDOWN:
        return PyExc_BrokenPipeError;
    case ECONNABORTED:
        return PyExc_ConnectionAbortedError;
    case ECONNREFUSED:
        return PyExc_ConnectionRefusedError;
    case ECONNRESET:
        return PyExc_ConnectionResetError;
    case EEXIST:
        return PyExc_FileExistsError;
    case ENOENT:
        return PyExc_FileNotFoundError;
    case EISDIR:
        return PyExc_IsADirectoryError;
    case ENOTDIR:
        return PyExc_NotADirectoryError;
    case EINTR:
        return PyExc_InterruptedError;
    case EACCES:
    case EPERM:
        return PyExc_PermissionError;
    case ESRCH:
        return PyExc_ProcessLookupError;
    case ETIMEDOUT:
        return PyExc_TimeoutError;
    default:
        return NULL;
    }
}

static PyObject *
OSError_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    OSErrorArgs a;
    memset(&a, 0, sizeof(a));
    PyTypeObject *newtype = type;
    if (!oserror_use_init(type)) {
        if (check_no_keywords(type->tp_name, kwds) < 0) {
            return NULL;
        }
        oserror_parse_args(args, &a);
        if (a.myerrno != NULL && PyLong_Check(a.myerrno) && type == &exc_OSError) {
            int overflow;
            long err = PyLong_AsLongAndOverflow(a.myerrno, &overflow);
            PyObject *sub = overflow || err < INT_MIN || err > INT_MAX
                                ? NULL
                                : pyrs_exc_oserror_for_errno((int)err);
            if (sub != NULL) {
                newtype = (PyTypeObject *)sub;
            }
        }
    }
    PyOSErrorObject *self = (PyOSErrorObject *)newtype->tp_alloc(newtype, 0);
    if (self == NULL) {
        return NULL;
    }
    self->written = -1;
    if (!oserror_use_init(newtype)) {
        if (oserror_init(self, args, &a) < 0) {
            Py_DECREF(self);
            return NULL;
        }
    } else {
        self->args = PyTuple_New(0);
        if (self->args == NULL) {
            Py_DECREF(self);
            return NULL;
        }
    }
    return (PyObject *)self;
}

static int
OSError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    if (!oserror_use_init(Py_TYPE(op))) {
        return 0; /* __new__ did the work */
    }
    if (check_no_keywords(Py_TYPE(op)->tp_name, kwds) < 0) {
        return -1;
    }
    OSErrorArgs a;
    oserror_parse_args(args, &a);
    return oserror_init((PyOSErrorObject *)op, args, &a);
}

static int
OSError_clear(PyObject *op)
{
    PyOSErrorObject *self = (PyOSErrorObject *)op;
    Py_CLEAR(self->myerrno);
    Py_CLEAR(self->strerror);
    Py_CLEAR(self->filename);
    Py_CLEAR(self->filename2);
    return BaseException_clear(op);
}

static void
OSError_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)OSError_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
OSError_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyOSErrorObject *self = (PyOSErrorObject *)op;
    Py_VISIT(self->myerrno);
    Py_VISIT(self->strerror);
    Py_VISIT(self->filename);
    Py_VISIT(self->filename2);
    return BaseException_traverse(op, visit, arg);
}

static PyObject *
OSError_str(PyObject *op)
{
    PyOSErrorObject *self = (PyOSErrorObject *)op;
    if (self->filename != NULL) {
        if (self->filename2 != NULL) {
            return PyUnicode_FromFormat("[Errno %S] %S: %R -> %R", self->myerrno, self->strerror,
                                        self->filename, self->filename2);
        }
        return PyUnicode_FromFormat("[Errno %S] %S: %R", self->myerrno, self->strerror,
                                    self->filename);
    }
    if (self->myerrno != NULL && self->strerror != NULL) {
        return PyUnicode_FromFormat("[Errno %S] %S", self->myerrno, self->strerror);
    }
    return BaseException_str(op);
}

static PyObject *
OSError_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyOSErrorObject *self = (PyOSErrorObject *)op;
    PyObject *args = self->args;
    if (PyTuple_GET_SIZE(args) == 2 && self->filename != NULL) {
        /* Put the file names back so that unpickling rebuilds the same message. */
        PyObject *a0 = PyTuple_GET_ITEM(args, 0), *a1 = PyTuple_GET_ITEM(args, 1);
        args = self->filename2 != NULL
                   ? PyTuple_Pack(5, a0, a1, self->filename, Py_None, self->filename2)
                   : PyTuple_Pack(3, a0, a1, self->filename);
        if (args == NULL) {
            return NULL;
        }
    } else {
        Py_INCREF(args);
    }
    PyObject *res = reduce_with(op, args, self->dict);
    Py_DECREF(args);
    return res;
}

static PyObject *
OSError_written_get(PyObject *op, void *Py_UNUSED(closure))
{
    PyOSErrorObject *self = (PyOSErrorObject *)op;
    if (self->written == -1) {
        PyErr_SetString(PyExc_AttributeError, "characters_written");
        return NULL;
    }
    return PyLong_FromSsize_t(self->written);
}

static int
OSError_written_set(PyObject *op, PyObject *arg, void *Py_UNUSED(closure))
{
    PyOSErrorObject *self = (PyOSErrorObject *)op;
    if (arg == NULL) {
        if (self->written == -1) {
            PyErr_SetString(PyExc_AttributeError, "characters_written");
            return -1;
        }
        self->written = -1;
        return 0;
    }
    Py_ssize_t n = PyNumber_AsSsize_t(arg, PyExc_ValueError);
    if (n == -1 && PyErr_Occurred()) {
        return -1;
    }
    self->written = n;
    return 0;
}

static PyMemberDef OSError_members[] = {
    {"errno", T_OBJECT, offsetof(PyOSErrorObject, myerrno), 0, "POSIX exception code"},
    {"strerror", T_OBJECT, offsetof(PyOSErrorObject, strerror), 0, "exception strerror"},
    {"filename", T_OBJECT, offsetof(PyOSErrorObject, filename), 0, "exception filename"},
    {"filename2", T_OBJECT, offsetof(PyOSErrorObject, filename2), 0, "second exception filename"},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef OSError_methods[] = {
    {"__reduce__", OSError_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef OSError_getset[] = {
    {"characters_written", OSError_written_get, OSError_written_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

COMPLEX_EXC(OSError, Exception, PyOSErrorObject, OSError, OSError_new, OSError_str, OSError_members,
            OSError_methods, OSError_getset, "Base class for I/O related errors.");
PyObject *PyExc_EnvironmentError = (PyObject *)&exc_OSError;
PyObject *PyExc_IOError = (PyObject *)&exc_OSError;

/* The errno subclasses share OSError's struct and slots (CPython's MiddlingExtendsException). */
#define OSERROR_SUB(NAME, BASE, DOC)                                                               \
    COMPLEX_EXC(NAME, BASE, PyOSErrorObject, OSError, NULL, NULL, NULL, NULL, NULL, DOC)
OSERROR_SUB(BlockingIOError, OSError, "I/O operation would block.");
OSERROR_SUB(ConnectionError, OSError, "Connection error.");
OSERROR_SUB(ChildProcessError, OSError, "Child process error.");
OSERROR_SUB(BrokenPipeError, ConnectionError, "Broken pipe.");
OSERROR_SUB(ConnectionAbortedError, ConnectionError, "Connection aborted.");
OSERROR_SUB(ConnectionRefusedError, ConnectionError, "Connection refused.");
OSERROR_SUB(ConnectionResetError, ConnectionError, "Connection reset.");
OSERROR_SUB(FileExistsError, OSError, "File already exists.");
OSERROR_SUB(FileNotFoundError, OSError, "File not found.");
OSERROR_SUB(IsADirectoryError, OSError, "Operation doesn't work on directories.");
OSERROR_SUB(NotADirectoryError, OSError, "Operation only works on directories.");
OSERROR_SUB(InterruptedError, OSError, "Interrupted by signal.");
OSERROR_SUB(PermissionError, OSError, "Not enough permissions.");
OSERROR_SUB(ProcessLookupError, OSError, "Process not found.");
OSERROR_SUB(TimeoutError, OSError, "Timeout expired.");

/* ---- SyntaxError ------------------------------------------------------------------------- */

static int
SyntaxError_set_info(PySyntaxErrorObject *self, PyObject *info_arg)
{
    PyObject *info = PySequence_Tuple(info_arg);
    if (info == NULL) {
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(info);
    if (n < 4 || n > 6) {
        PyErr_Format(PyExc_TypeError, "function takes %s %d arguments (%zd given)",
                     n < 4 ? "at least" : "at most", n < 4 ? 4 : 6, n);
        Py_DECREF(info);
        return -1;
    }
    PyObject **slots[] = {&self->filename, &self->lineno,     &self->offset,
                          &self->text,     &self->end_lineno, &self->end_offset};
    for (Py_ssize_t i = 0; i < 6; i++) {
        Py_XSETREF(*slots[i], i < n ? Py_NewRef(PyTuple_GET_ITEM(info, i)) : NULL);
    }
    Py_DECREF(info);
    if (self->end_lineno != NULL && self->end_offset == NULL) {
        PyErr_SetString(PyExc_TypeError, "end_offset must be provided when end_lineno is provided");
        return -1;
    }
    return 0;
}

static int
SyntaxError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PySyntaxErrorObject *self = (PySyntaxErrorObject *)op;
    if (BaseException_init(op, args, kwds) < 0) {
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n >= 1) {
        Py_XSETREF(self->msg, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
    }
    if (n == 2) {
        return SyntaxError_set_info(self, PyTuple_GET_ITEM(args, 1));
    }
    return 0;
}

static int
SyntaxError_clear(PyObject *op)
{
    PySyntaxErrorObject *self = (PySyntaxErrorObject *)op;
    Py_CLEAR(self->msg);
    Py_CLEAR(self->filename);
    Py_CLEAR(self->lineno);
    Py_CLEAR(self->offset);
    Py_CLEAR(self->end_lineno);
    Py_CLEAR(self->end_offset);
    Py_CLEAR(self->text);
    Py_CLEAR(self->print_file_and_line);
    return BaseException_clear(op);
}

static void
SyntaxError_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)SyntaxError_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
SyntaxError_traverse(PyObject *op, visitproc visit, void *arg)
{
    PySyntaxErrorObject *self = (PySyntaxErrorObject *)op;
    Py_VISIT(self->msg);
    Py_VISIT(self->filename);
    Py_VISIT(self->lineno);
    Py_VISIT(self->offset);
    Py_VISIT(self->end_lineno);
    Py_VISIT(self->end_offset);
    Py_VISIT(self->text);
    Py_VISIT(self->print_file_and_line);
    return BaseException_traverse(op, visit, arg);
}

/* The last path component of FILENAME (a str); new reference. */
static PyObject *
path_basename(PyObject *filename)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(filename);
    Py_ssize_t start = n;
    while (start > 0 && PyUnicode_ReadChar(filename, start - 1) != '/') {
        start--;
    }
    if (start == 0) {
        return Py_NewRef(filename);
    }
    return PyUnicode_Substring(filename, start, n);
}

static PyObject *
SyntaxError_str(PyObject *op)
{
    PySyntaxErrorObject *self = (PySyntaxErrorObject *)op;
    PyObject *msg = self->msg != NULL ? self->msg : Py_None;
    PyObject *filename = NULL;
    if (self->filename != NULL && PyUnicode_Check(self->filename)) {
        filename = path_basename(self->filename);
        if (filename == NULL) {
            return NULL;
        }
    }
    int have_lineno = self->lineno != NULL && PyLong_CheckExact(self->lineno);
    long lineno = have_lineno ? PyLong_AsLong(self->lineno) : 0;
    PyObject *res;
    if (filename != NULL && have_lineno) {
        res = PyUnicode_FromFormat("%S (%U, line %ld)", msg, filename, lineno);
    } else if (filename != NULL) {
        res = PyUnicode_FromFormat("%S (%U)", msg, filename);
    } else if (have_lineno) {
        res = PyUnicode_FromFormat("%S (line %ld)", msg, lineno);
    } else {
        res = PyObject_Str(msg);
    }
    Py_XDECREF(filename);
    return res;
}

static PyMemberDef SyntaxError_members[] = {
    {"msg", T_OBJECT, offsetof(PySyntaxErrorObject, msg), 0, "exception msg"},
    {"filename", T_OBJECT, offsetof(PySyntaxErrorObject, filename), 0, "exception filename"},
    {"lineno", T_OBJECT, offsetof(PySyntaxErrorObject, lineno), 0, "exception lineno"},
    {"offset", T_OBJECT, offsetof(PySyntaxErrorObject, offset), 0, "exception offset"},
    {"text", T_OBJECT, offsetof(PySyntaxErrorObject, text), 0, "exception text"},
    {"end_lineno", T_OBJECT, offsetof(PySyntaxErrorObject, end_lineno), 0, "exception end lineno"},
    {"end_offset", T_OBJECT, offsetof(PySyntaxErrorObject, end_offset), 0, "exception end offset"},
    {"print_file_and_line", T_OBJECT, offsetof(PySyntaxErrorObject, print_file_and_line), 0,
     "exception print_file_and_line"},
    {NULL, 0, 0, 0, NULL},
};

COMPLEX_EXC(SyntaxError, Exception, PySyntaxErrorObject, SyntaxError, NULL, SyntaxError_str,
            SyntaxError_members, NULL, NULL, "Invalid syntax.");
COMPLEX_EXC(IndentationError, SyntaxError, PySyntaxErrorObject, SyntaxError, NULL, NULL, NULL, NULL,
            NULL, "Improper indentation.");
COMPLEX_EXC(TabError, IndentationError, PySyntaxErrorObject, SyntaxError, NULL, NULL, NULL, NULL,
            NULL, "Improper mixture of spaces and tabs.");

/* ---- UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError --------------------- */

#define UERR(op) ((PyUnicodeErrorObject *)(op))

/* Parse ARGS by FORMAT as PyArg_ParseTuple would for the codes U (str), O and n, with the
 * same error messages; objects in OUT are borrowed, sizes go to SIZES in order. */
static int
parse_unicode_error_args(PyObject *args, const char *format, PyObject **out, Py_ssize_t *sizes)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args), want = (Py_ssize_t)strlen(format);
    if (n != want) {
        PyErr_Format(PyExc_TypeError, "function takes exactly %zd arguments (%zd given)", want, n);
        return -1;
    }
    int nobj = 0, nsize = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(args, i);
        if (format[i] == 'n') {
            PyObject *index = PyNumber_Index(item);
            if (index == NULL) {
                return -1;
            }
            sizes[nsize] = PyLong_AsSsize_t(index);
            Py_DECREF(index);
            if (sizes[nsize++] == -1 && PyErr_Occurred()) {
                return -1;
            }
            continue;
        }
        if (format[i] == 'U' && !PyUnicode_Check(item)) {
            PyErr_Format(PyExc_TypeError, "argument %zd must be str, not %.50s", i + 1,
                         item == Py_None ? "None" : Py_TYPE(item)->tp_name);
            return -1;
        }
        out[nobj++] = item;
    }
    return 0;
}

static int
UnicodeError_clear(PyObject *op)
{
    Py_CLEAR(UERR(op)->encoding);
    Py_CLEAR(UERR(op)->object);
    Py_CLEAR(UERR(op)->reason);
    return BaseException_clear(op);
}

static void
UnicodeError_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)UnicodeError_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
UnicodeError_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(UERR(op)->encoding);
    Py_VISIT(UERR(op)->object);
    Py_VISIT(UERR(op)->reason);
    return BaseException_traverse(op, visit, arg);
}

static void
unicode_error_store(PyObject *op, PyObject *encoding, PyObject *object, Py_ssize_t start,
                    Py_ssize_t end, PyObject *reason)
{
    PyUnicodeErrorObject *self = UERR(op);
    Py_XSETREF(self->encoding, Py_XNewRef(encoding));
    Py_XSETREF(self->object, Py_XNewRef(object));
    Py_XSETREF(self->reason, Py_XNewRef(reason));
    self->start = start;
    self->end = end;
}

static int
UnicodeEncodeError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PyObject *obj[3];
    Py_ssize_t pos[2];
    if (BaseException_init(op, args, kwds) < 0 ||
        parse_unicode_error_args(args, "UUnnU", obj, pos) < 0) {
        return -1;
    }
    unicode_error_store(op, obj[0], obj[1], pos[0], pos[1], obj[2]);
    return 0;
}

static int
UnicodeDecodeError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PyObject *obj[3];
    Py_ssize_t pos[2];
    if (BaseException_init(op, args, kwds) < 0 ||
        parse_unicode_error_args(args, "UOnnU", obj, pos) < 0) {
        return -1;
    }
    PyObject *object;
    if (PyBytes_Check(obj[1])) {
        object = Py_NewRef(obj[1]);
    } else {
        /* Any bytes-like object is accepted and copied into bytes. */
        Py_buffer view;
        if (PyObject_GetBuffer(obj[1], &view, PyBUF_SIMPLE) != 0) {
            return -1;
        }
        object = PyBytes_FromStringAndSize(view.buf, view.len);
        PyBuffer_Release(&view);
        if (object == NULL) {
            return -1;
        }
    }
    unicode_error_store(op, obj[0], object, pos[0], pos[1], obj[2]);
    Py_DECREF(object);
    return 0;
}

static int
UnicodeTranslateError_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PyObject *obj[2];
    Py_ssize_t pos[2];
    if (BaseException_init(op, args, kwds) < 0 ||
        parse_unicode_error_args(args, "UnnU", obj, pos) < 0) {
        return -1;
    }
    unicode_error_store(op, NULL, obj[0], pos[0], pos[1], obj[1]);
    return 0;
}

/* The escape used for one code point in the message (\\xNN, \\uNNNN, \\UNNNNNNNN). */
static const char *
badchar_format(Py_UCS4 ch)
{
    return ch <= 0xff ? "\\x%02x" : ch <= 0xffff ? "\\u%04x" : "\\U%08x";
}

/* "'enc' codec can't VERB character '\\xNN' in position P: reason" and the plural form;
 * ENCODING NULL gives the translate wording. */
static PyObject *
unicode_error_str(PyUnicodeErrorObject *self, const char *verb)
{
    if (self->object == NULL) {
        return PyUnicode_FromString("");
    }
    PyObject *reason = PyObject_Str(self->reason != NULL ? self->reason : Py_None);
    PyObject *encoding =
        self->encoding != NULL ? PyObject_Str(self->encoding) : PyUnicode_FromString("");
    PyObject *res = NULL, *single = NULL;
    if (reason == NULL || encoding == NULL) {
        goto done;
    }
    const char *lead = self->encoding != NULL ? "'%U' codec can't " : "%Ucan't ";
    char fmt[160];
    if (self->start < PyUnicode_GET_LENGTH(self->object) && self->end == self->start + 1) {
        Py_UCS4 ch = PyUnicode_ReadChar(self->object, self->start);
        snprintf(fmt, sizeof(fmt), "%s%s character '%s' in position %%zd: %%U", lead, verb,
                 badchar_format(ch));
        single = PyUnicode_FromFormat(fmt, encoding, (int)ch, self->start, reason);
        res = single;
    } else {
        snprintf(fmt, sizeof(fmt), "%s%s characters in position %%zd-%%zd: %%U", lead, verb);
        res = PyUnicode_FromFormat(fmt, encoding, self->start, self->end - 1, reason);
    }
done:
    Py_XDECREF(reason);
    Py_XDECREF(encoding);
    return res;
}

static PyObject *
UnicodeEncodeError_str(PyObject *op)
{
    return unicode_error_str(UERR(op), "encode");
}

static PyObject *
UnicodeTranslateError_str(PyObject *op)
{
    PyUnicodeErrorObject *self = UERR(op);
    PyObject *saved = self->encoding;
    self->encoding = NULL; /* translate messages name no codec */
    PyObject *res = unicode_error_str(self, "translate");
    self->encoding = saved;
    return res;
}

static PyObject *
UnicodeDecodeError_str(PyObject *op)
{
    PyUnicodeErrorObject *self = UERR(op);
    if (self->object == NULL) {
        return PyUnicode_FromString("");
    }
    PyObject *reason = PyObject_Str(self->reason != NULL ? self->reason : Py_None);
    PyObject *encoding = PyObject_Str(self->encoding != NULL ? self->encoding : Py_None);
    PyObject *res = NULL;
    if (reason != NULL && encoding != NULL) {
        if (self->start < PyBytes_GET_SIZE(self->object) && self->end == self->start + 1) {
            int byte = (unsigned char)PyBytes_AS_STRING(self->object)[self->start];
            res = PyUnicode_FromFormat("'%U' codec can't decode byte 0x%02x in position %zd: %U",
                                       encoding, byte, self->start, reason);
        } else {
            res = PyUnicode_FromFormat("'%U' codec can't decode bytes in position %zd-%zd: %U",
                                       encoding, self->start, self->end - 1, reason);
        }
    }
    Py_XDECREF(reason);
    Py_XDECREF(encoding);
    return res;
}

static PyMemberDef UnicodeError_members[] = {
    {"encoding", T_OBJECT, offsetof(PyUnicodeErrorObject, encoding), 0, "exception encoding"},
    {"object", T_OBJECT, offsetof(PyUnicodeErrorObject, object), 0, "exception object"},
    {"start", T_PYSSIZET, offsetof(PyUnicodeErrorObject, start), 0, "exception start"},
    {"end", T_PYSSIZET, offsetof(PyUnicodeErrorObject, end), 0, "exception end"},
    {"reason", T_OBJECT, offsetof(PyUnicodeErrorObject, reason), 0, "exception reason"},
    {NULL, 0, 0, 0, NULL},
};

#define UnicodeEncodeError_dealloc     UnicodeError_dealloc
#define UnicodeEncodeError_traverse    UnicodeError_traverse
#define UnicodeEncodeError_clear       UnicodeError_clear
#define UnicodeDecodeError_dealloc     UnicodeError_dealloc
#define UnicodeDecodeError_traverse    UnicodeError_traverse
#define UnicodeDecodeError_clear       UnicodeError_clear
#define UnicodeTranslateError_dealloc  UnicodeError_dealloc
#define UnicodeTranslateError_traverse UnicodeError_traverse
#define UnicodeTranslateError_clear    UnicodeError_clear
COMPLEX_EXC(UnicodeEncodeError, UnicodeError, PyUnicodeErrorObject, UnicodeEncodeError,
            BaseException_new, UnicodeEncodeError_str, UnicodeError_members, NULL, NULL,
            "Unicode encoding error.");
COMPLEX_EXC(UnicodeDecodeError, UnicodeError, PyUnicodeErrorObject, UnicodeDecodeError,
            BaseException_new, UnicodeDecodeError_str, UnicodeError_members, NULL, NULL,
            "Unicode decoding error.");
COMPLEX_EXC(UnicodeTranslateError, UnicodeError, PyUnicodeErrorObject, UnicodeTranslateError,
            BaseException_new, UnicodeTranslateError_str, UnicodeError_members, NULL, NULL,
            "Unicode translation error.");

/* Build KIND(args...) from C values; new reference or NULL. */
static PyObject *
call_with_tuple(PyObject *type, PyObject *args)
{
    if (args == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Call(type, args, NULL);
    Py_DECREF(args);
    return res;
}

PyObject *
PyUnicodeDecodeError_Create(const char *encoding, const char *object, Py_ssize_t length,
                            Py_ssize_t start, Py_ssize_t end, const char *reason)
{
    PyObject *e = PyUnicode_FromString(encoding);
    PyObject *o = PyBytes_FromStringAndSize(object, length);
    PyObject *s = PyLong_FromSsize_t(start), *n = PyLong_FromSsize_t(end);
    PyObject *r = PyUnicode_FromString(reason);
    PyObject *args = e && o && s && n && r ? PyTuple_Pack(5, e, o, s, n, r) : NULL;
    Py_XDECREF(e);
    Py_XDECREF(o);
    Py_XDECREF(s);
    Py_XDECREF(n);
    Py_XDECREF(r);
    return call_with_tuple(PyExc_UnicodeDecodeError, args);
}

PyObject *
_PyUnicodeTranslateError_Create(PyObject *object, Py_ssize_t start, Py_ssize_t end,
                                const char *reason)
{
    PyObject *s = PyLong_FromSsize_t(start), *n = PyLong_FromSsize_t(end);
    PyObject *r = PyUnicode_FromString(reason);
    PyObject *args = s && n && r ? PyTuple_Pack(4, object, s, n, r) : NULL;
    Py_XDECREF(s);
    Py_XDECREF(n);
    Py_XDECREF(r);
    return call_with_tuple(PyExc_UnicodeTranslateError, args);
}

/* Attribute ATTR of a Unicode error, checked to be str (WANT_BYTES: bytes); new reference. */
static PyObject *
uerr_attr(PyObject *attr, const char *name, int want_bytes)
{
    if (attr == NULL) {
        PyErr_Format(PyExc_TypeError, "%s attribute not set", name);
        return NULL;
    }
    if (want_bytes ? !PyBytes_Check(attr) : !PyUnicode_Check(attr)) {
        PyErr_Format(PyExc_TypeError, "%s attribute must be %s", name,
                     want_bytes ? "bytes" : "unicode");
        return NULL;
    }
    return Py_NewRef(attr);
}

static Py_ssize_t
uerr_object_size(PyObject *exc, int is_bytes)
{
    PyObject *obj = uerr_attr(UERR(exc)->object, "object", is_bytes);
    if (obj == NULL) {
        return -1;
    }
    Py_ssize_t size = is_bytes ? PyBytes_GET_SIZE(obj) : PyUnicode_GET_LENGTH(obj);
    Py_DECREF(obj);
    return size;
}

/* Clamped start / end as CPython's getters report them. */
static int
uerr_get_start(PyObject *exc, Py_ssize_t *start, int is_bytes)
{
    Py_ssize_t size = uerr_object_size(exc, is_bytes);
    if (size < 0) {
        return -1;
    }
    Py_ssize_t s = UERR(exc)->start;
    if (s < 0) {
        s = 0;
    }
    if (s >= size) {
        s = size == 0 ? 0 : size - 1;
    }
    *start = s;
    return 0;
}

static int
uerr_get_end(PyObject *exc, Py_ssize_t *end, int is_bytes)
{
    Py_ssize_t size = uerr_object_size(exc, is_bytes);
    if (size < 0) {
        return -1;
    }
    Py_ssize_t e = UERR(exc)->end;
    if (e < 1) {
        e = 1;
    }
    if (e > size) {
        e = size;
    }
    *end = e;
    return 0;
}

static int
uerr_set_reason(PyObject *exc, const char *reason)
{
    PyObject *r = PyUnicode_FromString(reason);
    if (r == NULL) {
        return -1;
    }
    Py_XSETREF(UERR(exc)->reason, r);
    return 0;
}

PyObject *
PyUnicodeEncodeError_GetEncoding(PyObject *exc)
{
    return uerr_attr(UERR(exc)->encoding, "encoding", 0);
}

PyObject *
PyUnicodeDecodeError_GetEncoding(PyObject *exc)
{
    return uerr_attr(UERR(exc)->encoding, "encoding", 0);
}

PyObject *
PyUnicodeEncodeError_GetObject(PyObject *exc)
{
    return uerr_attr(UERR(exc)->object, "object", 0);
}

PyObject *
PyUnicodeDecodeError_GetObject(PyObject *exc)
{
    return uerr_attr(UERR(exc)->object, "object", 1);
}

PyObject *
PyUnicodeTranslateError_GetObject(PyObject *exc)
{
    return uerr_attr(UERR(exc)->object, "object", 0);
}

int
PyUnicodeEncodeError_GetStart(PyObject *exc, Py_ssize_t *start)
{
    return uerr_get_start(exc, start, 0);
}

int
PyUnicodeDecodeError_GetStart(PyObject *exc, Py_ssize_t *start)
{
    return uerr_get_start(exc, start, 1);
}

int
PyUnicodeTranslateError_GetStart(PyObject *exc, Py_ssize_t *start)
{
    return uerr_get_start(exc, start, 0);
}

int
PyUnicodeEncodeError_SetStart(PyObject *exc, Py_ssize_t start)
{
    UERR(exc)->start = start;
    return 0;
}

int
PyUnicodeDecodeError_SetStart(PyObject *exc, Py_ssize_t start)
{
    UERR(exc)->start = start;
    return 0;
}

int
PyUnicodeTranslateError_SetStart(PyObject *exc, Py_ssize_t start)
{
    UERR(exc)->start = start;
    return 0;
}

int
PyUnicodeEncodeError_GetEnd(PyObject *exc, Py_ssize_t *end)
{
    return uerr_get_end(exc, end, 0);
}

int
PyUnicodeDecodeError_GetEnd(PyObject *exc, Py_ssize_t *end)
{
    return uerr_get_end(exc, end, 1);
}

int
PyUnicodeTranslateError_GetEnd(PyObject *exc, Py_ssize_t *end)
{
    return uerr_get_end(exc, end, 0);
}

int
PyUnicodeEncodeError_SetEnd(PyObject *exc, Py_ssize_t end)
{
    UERR(exc)->end = end;
    return 0;
}

int
PyUnicodeDecodeError_SetEnd(PyObject *exc, Py_ssize_t end)
{
    UERR(exc)->end = end;
    return 0;
}

int
PyUnicodeTranslateError_SetEnd(PyObject *exc, Py_ssize_t end)
{
    UERR(exc)->end = end;
    return 0;
}

PyObject *
PyUnicodeEncodeError_GetReason(PyObject *exc)
{
    return uerr_attr(UERR(exc)->reason, "reason", 0);
}

PyObject *
PyUnicodeDecodeError_GetReason(PyObject *exc)
{
    return uerr_attr(UERR(exc)->reason, "reason", 0);
}

PyObject *
PyUnicodeTranslateError_GetReason(PyObject *exc)
{
    return uerr_attr(UERR(exc)->reason, "reason", 0);
}

int
PyUnicodeEncodeError_SetReason(PyObject *exc, const char *reason)
{
    return uerr_set_reason(exc, reason);
}

int
PyUnicodeDecodeError_SetReason(PyObject *exc, const char *reason)
{
    return uerr_set_reason(exc, reason);
}

int
PyUnicodeTranslateError_SetReason(PyObject *exc, const char *reason)
{
    return uerr_set_reason(exc, reason);
}

/* ---- BaseExceptionGroup / ExceptionGroup (PEP 654) --------------------------------------- */

#define EGROUP(op) ((PyBaseExceptionGroupObject *)(op))

/* ExceptionGroup is a heap type in CPython (96 bytes: a weakref slot after the group). */
typedef struct {
    PyBaseExceptionGroupObject group; /* the BaseExceptionGroup part */
    PyObject *weakreflist;            /* __weakref__ */
} ExceptionGroupObject;

static PyTypeObject exc_BaseExceptionGroup;
static PyTypeObject exc_ExceptionGroup;
PyObject *pyrs_exc_ExceptionGroup = (PyObject *)&exc_ExceptionGroup;

/* Checks the exceptions sequence; new tuple, and *NESTED_BASE set when an item is not an
 * Exception. */
static PyObject *
group_check_excs(PyObject *exceptions, int *nested_base)
{
    if (!PySequence_Check(exceptions)) {
        PyErr_SetString(PyExc_TypeError, "second argument (exceptions) must be a sequence");
        return NULL;
    }
    PyObject *excs = PySequence_Tuple(exceptions);
    if (excs == NULL) {
        return NULL;
    }
    if (PyTuple_GET_SIZE(excs) == 0) {
        PyErr_SetString(PyExc_ValueError,
                        "second argument (exceptions) must be a non-empty sequence");
        goto error;
    }
    *nested_base = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
        PyObject *exc = PyTuple_GET_ITEM(excs, i);
        if (!PyExceptionInstance_Check(exc)) {
            PyErr_Format(PyExc_ValueError,
                         "Item %d of second argument (exceptions) is not an exception", (int)i);
            goto error;
        }
        int is_exc = PyObject_IsInstance(exc, PyExc_Exception);
        if (is_exc < 0) {
            goto error;
        }
        *nested_base |= !is_exc;
    }
    return excs;
error:
    Py_DECREF(excs);
    return NULL;
}

/* The class to instantiate: BaseExceptionGroup of plain Exceptions becomes ExceptionGroup;
 * ExceptionGroup (and Exception-derived subclasses) refuse BaseExceptions. */
static PyTypeObject *
group_pick_class(PyTypeObject *cls, int nested_base)
{
    if (cls == &exc_BaseExceptionGroup) {
        return nested_base ? cls : &exc_ExceptionGroup;
    }
    if (cls == &exc_ExceptionGroup) {
        if (nested_base) {
            PyErr_SetString(PyExc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
            return NULL;
        }
        return cls;
    }
    if (nested_base && PyType_IsSubtype(cls, (PyTypeObject *)PyExc_Exception)) {
        PyErr_Format(PyExc_TypeError, "Cannot nest BaseExceptions in '%.200s'", cls->tp_name);
        return NULL;
    }
    return cls;
}

static PyObject *
BaseExceptionGroup_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n != 2) {
        return PyErr_Format(PyExc_TypeError,
                            "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zd given)",
                            n);
    }
    PyObject *message = PyTuple_GET_ITEM(args, 0);
    if (!PyUnicode_Check(message)) {
        return PyErr_Format(PyExc_TypeError,
                            "BaseExceptionGroup.__new__() argument 1 must be str, not %.50s",
                            message == Py_None ? "None" : Py_TYPE(message)->tp_name);
    }
    int nested_base;
    PyObject *excs = group_check_excs(PyTuple_GET_ITEM(args, 1), &nested_base);
    if (excs == NULL) {
        return NULL;
    }
    PyTypeObject *cls = group_pick_class(type, nested_base);
    PyObject *self = cls != NULL ? BaseException_new(cls, args, kwds) : NULL;
    if (self == NULL) {
        Py_DECREF(excs);
        return NULL;
    }
    EGROUP(self)->msg = Py_NewRef(message);
    EGROUP(self)->excs = excs;
    return self;
}

static int
BaseExceptionGroup_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    return BaseException_init(self, args, kwds);
}

static int
BaseExceptionGroup_clear(PyObject *op)
{
    Py_CLEAR(EGROUP(op)->msg);
    Py_CLEAR(EGROUP(op)->excs);
    return BaseException_clear(op);
}

static void
BaseExceptionGroup_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    (void)BaseExceptionGroup_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static int
BaseExceptionGroup_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(EGROUP(op)->msg);
    Py_VISIT(EGROUP(op)->excs);
    return BaseException_traverse(op, visit, arg);
}

static PyObject *
BaseExceptionGroup_str(PyObject *op)
{
    PyBaseExceptionGroupObject *self = EGROUP(op);
    Py_ssize_t n = PyTuple_GET_SIZE(self->excs);
    return PyUnicode_FromFormat("%S (%zd sub-exception%s)", self->msg, n, n > 1 ? "s" : "");
}

static PyObject *
BaseExceptionGroup_derive(PyObject *self, PyObject *excs)
{
    PyObject *args = PyTuple_Pack(2, EGROUP(self)->msg, excs);
    return call_with_tuple(PyExc_BaseExceptionGroup, args);
}

typedef enum { MATCH_BY_TYPE, MATCH_BY_PREDICATE } MatcherKind;

static int
matcher_kind(PyObject *value, MatcherKind *kind)
{
    if (PyCallable_Check(value) && !PyType_Check(value)) {
        *kind = MATCH_BY_PREDICATE;
        return 0;
    }
    if (PyExceptionClass_Check(value)) {
        *kind = MATCH_BY_TYPE;
        return 0;
    }
    if (PyTuple_CheckExact(value)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++) {
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(value, i))) {
                goto error;
            }
        }
        *kind = MATCH_BY_TYPE;
        return 0;
    }
error:
    PyErr_SetString(PyExc_TypeError,
                    "expected a function, exception type or tuple of exception types");
    return -1;
}

/* 1 if EXC matches, 0 if not, -1 on error (the predicate may raise). */
static int
matcher_check(MatcherKind kind, PyObject *value, PyObject *exc)
{
    if (kind == MATCH_BY_TYPE) {
        return PyErr_GivenExceptionMatches(exc, value);
    }
    PyObject *res = PyObject_CallOneArg(value, exc);
    if (res == NULL) {
        return -1;
    }
    int truth = PyObject_IsTrue(res);
    Py_DECREF(res);
    return truth;
}

/* A copy of group ORIG holding EXCS (a list) via ORIG.derive(), with ORIG's traceback, cause,
 * context and notes; NULL result (no error) when EXCS is empty. */
static int
group_subset(PyObject *orig, PyObject *excs, PyObject **result)
{
    *result = NULL;
    if (PyList_GET_SIZE(excs) == 0) {
        return 0;
    }
    PyObject *derive = PyObject_GetAttrString(orig, "derive");
    if (derive == NULL) {
        return -1;
    }
    PyObject *eg = PyObject_CallOneArg(derive, excs);
    Py_DECREF(derive);
    if (eg == NULL) {
        return -1;
    }
    if (!PyObject_TypeCheck(eg, &exc_BaseExceptionGroup)) {
        PyErr_SetString(PyExc_TypeError, "derive must return an instance of BaseExceptionGroup");
        goto error;
    }
    PyObject *tb = PyException_GetTraceback(orig);
    if (tb != NULL) {
        int res = PyException_SetTraceback(eg, tb);
        Py_DECREF(tb);
        if (res < 0) {
            goto error;
        }
    }
    PyException_SetContext(eg, PyException_GetContext(orig));
    PyException_SetCause(eg, PyException_GetCause(orig));
    EXC(eg)->suppress_context = EXC(orig)->suppress_context;
    PyObject *notes;
    if (_PyObject_LookupAttr(orig, pyrs_exc_str_notes(), &notes) < 0) {
        goto error;
    }
    if (notes != NULL) {
        if (PySequence_Check(notes)) {
            PyObject *copy = PySequence_List(notes);
            int res = copy != NULL ? PyObject_SetAttr(eg, pyrs_exc_str_notes(), copy) : -1;
            Py_XDECREF(copy);
            if (res < 0) {
                Py_DECREF(notes);
                goto error;
            }
        }
        Py_DECREF(notes);
    }
    *result = eg;
    return 0;
error:
    Py_DECREF(eg);
    return -1;
}

typedef struct {
    PyObject *match; /* matching part or NULL */
    PyObject *rest;  /* the rest or NULL */
} SplitResult;

static int group_split(PyObject *exc, MatcherKind kind, PyObject *value, int want_rest,
                       SplitResult *out);

/* Split every member of group EG, then rebuild both halves with derive(). */
static int
group_split_members(PyObject *eg, MatcherKind kind, PyObject *value, int want_rest,
                    SplitResult *out)
{
    PyObject *excs = EGROUP(eg)->excs;
    PyObject *matches = PyList_New(0);
    PyObject *rests = want_rest ? PyList_New(0) : NULL;
    int status = -1;
    if (matches == NULL || (want_rest && rests == NULL)) {
        goto done;
    }
    if (Py_EnterRecursiveCall(" in exceptiongroup_split_recursive")) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
        SplitResult part = {NULL, NULL};
        if (group_split(PyTuple_GET_ITEM(excs, i), kind, value, want_rest, &part) < 0) {
            Py_LeaveRecursiveCall();
            goto done;
        }
        int bad = (part.match != NULL && PyList_Append(matches, part.match) < 0) ||
                  (part.rest != NULL && PyList_Append(rests, part.rest) < 0);
        Py_XDECREF(part.match);
        Py_XDECREF(part.rest);
        if (bad) {
            Py_LeaveRecursiveCall();
            goto done;
        }
    }
    Py_LeaveRecursiveCall();
    if (group_subset(eg, matches, &out->match) < 0 ||
        (want_rest && group_subset(eg, rests, &out->rest) < 0)) {
        Py_CLEAR(out->match);
        goto done;
    }
    status = 0;
done:
    Py_XDECREF(matches);
    Py_XDECREF(rests);
    return status;
}

static int
group_split(PyObject *exc, MatcherKind kind, PyObject *value, int want_rest, SplitResult *out)
{
    out->match = out->rest = NULL;
    int is_match = matcher_check(kind, value, exc);
    if (is_match < 0) {
        return -1;
    }
    if (is_match) {
        out->match = Py_NewRef(exc); /* a full match keeps the object itself */
        return 0;
    }
    if (!PyObject_TypeCheck(exc, &exc_BaseExceptionGroup)) {
        if (want_rest) {
            out->rest = Py_NewRef(exc);
        }
        return 0;
    }
    return group_split_members(exc, kind, value, want_rest, out);
}

static PyObject *
BaseExceptionGroup_split(PyObject *self, PyObject *matcher)
{
    MatcherKind kind;
    SplitResult r;
    if (matcher_kind(matcher, &kind) < 0 || group_split(self, kind, matcher, 1, &r) < 0) {
        return NULL;
    }
    PyObject *res =
        PyTuple_Pack(2, r.match != NULL ? r.match : Py_None, r.rest != NULL ? r.rest : Py_None);
    Py_XDECREF(r.match);
    Py_XDECREF(r.rest);
    return res;
}

static PyObject *
BaseExceptionGroup_subgroup(PyObject *self, PyObject *matcher)
{
    MatcherKind kind;
    SplitResult r;
    if (matcher_kind(matcher, &kind) < 0 || group_split(self, kind, matcher, 0, &r) < 0) {
        return NULL;
    }
    return r.match != NULL ? r.match : Py_NewRef(Py_None);
}

static PyMemberDef BaseExceptionGroup_members[] = {
    {"message", T_OBJECT, offsetof(PyBaseExceptionGroupObject, msg), READONLY, "exception message"},
    {"exceptions", T_OBJECT, offsetof(PyBaseExceptionGroupObject, excs), READONLY,
     "nested exceptions"},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef BaseExceptionGroup_methods[] = {
    {"derive", BaseExceptionGroup_derive, METH_O, NULL},
    {"split", BaseExceptionGroup_split, METH_O, NULL},
    {"subgroup", BaseExceptionGroup_subgroup, METH_O, NULL},
    {"__class_getitem__", pyrs_tuple_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

COMPLEX_EXC(BaseExceptionGroup, BaseException, PyBaseExceptionGroupObject, BaseExceptionGroup,
            BaseExceptionGroup_new, BaseExceptionGroup_str, BaseExceptionGroup_members,
            BaseExceptionGroup_methods, NULL, "A combination of multiple unrelated exceptions.");

static void
ExceptionGroup_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    if (((ExceptionGroupObject *)op)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    (void)BaseExceptionGroup_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyObject *
ExceptionGroup_get_weakref(PyObject *self, void *Py_UNUSED(closure))
{
    PyObject *refs = ((ExceptionGroupObject *)self)->weakreflist;
    return Py_NewRef(refs != NULL ? refs : Py_None);
}

/* CPython makes ExceptionGroup with PyErr_NewException, a class statement's equivalent: its
 * dict holds __module__ and a __weakref__ descriptor, which this static type adds by hand. */
static PyGetSetDef ExceptionGroup_getset[] = {
    {"__weakref__", ExceptionGroup_get_weakref, NULL,
     "list of weak references to the object (if defined)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject exc_ExceptionGroup = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "ExceptionGroup",
    .tp_basicsize = sizeof(ExceptionGroupObject),
    .tp_dealloc = ExceptionGroup_dealloc,
    .tp_flags = EXC_FLAGS,
    .tp_traverse = BaseExceptionGroup_traverse,
    .tp_clear = BaseExceptionGroup_clear,
    .tp_weaklistoffset = offsetof(ExceptionGroupObject, weakreflist),
    .tp_getset = ExceptionGroup_getset,
    .tp_base = &exc_BaseExceptionGroup,
    .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),
};

/* ---- start-up ---------------------------------------------------------------------------- */

/* Every built-in exception in base-before-derived order, with its builtins name. */
static const struct {
    const char *name;   /* builtins attribute */
    PyTypeObject *type; /* the class */
} exc_table[] = {
#define E(name)                                                                                    \
    {                                                                                              \
#name, &exc_##name                                                                         \
    }
    E(BaseException),
    E(Exception),
    E(TypeError),
    E(StopAsyncIteration),
    E(StopIteration),
    E(GeneratorExit),
    E(SystemExit),
    E(KeyboardInterrupt),
    E(ImportError),
    E(ModuleNotFoundError),
    E(OSError),
    E(EOFError),
    E(RuntimeError),
    E(RecursionError),
    E(NotImplementedError),
    E(NameError),
    E(UnboundLocalError),
    E(AttributeError),
    E(SyntaxError),
    E(IndentationError),
    E(TabError),
    E(LookupError),
    E(IndexError),
    E(KeyError),
    E(ValueError),
    E(UnicodeError),
    E(UnicodeEncodeError),
    E(UnicodeDecodeError),
    E(UnicodeTranslateError),
    E(AssertionError),
    E(ArithmeticError),
    E(FloatingPointError),
    E(OverflowError),
    E(ZeroDivisionError),
    E(SystemError),
    E(ReferenceError),
    E(MemoryError),
    E(BufferError),
    E(ConnectionError),
    E(BlockingIOError),
    E(BrokenPipeError),
    E(ChildProcessError),
    E(ConnectionAbortedError),
    E(ConnectionRefusedError),
    E(ConnectionResetError),
    E(FileExistsError),
    E(FileNotFoundError),
    E(IsADirectoryError),
    E(NotADirectoryError),
    E(InterruptedError),
    E(PermissionError),
    E(ProcessLookupError),
    E(TimeoutError),
    E(Warning),
    E(UserWarning),
    E(EncodingWarning),
    E(DeprecationWarning),
    E(PendingDeprecationWarning),
    E(SyntaxWarning),
    E(RuntimeWarning),
    E(FutureWarning),
    E(ImportWarning),
    E(UnicodeWarning),
    E(BytesWarning),
    E(ResourceWarning),
    E(BaseExceptionGroup),
    E(ExceptionGroup),
#undef E
};

int
pyrs_exc_init(void)
{
    if (exc_ExceptionGroup.tp_bases == NULL) {
        /* ExceptionGroup(BaseExceptionGroup, Exception): set before PyType_Ready computes
         * the MRO from tp_bases. */
        exc_ExceptionGroup.tp_bases = PyTuple_Pack(2, PyExc_BaseExceptionGroup, PyExc_Exception);
        if (exc_ExceptionGroup.tp_bases == NULL) {
            return -1;
        }
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(exc_table); i++) {
        if (PyType_Ready(exc_table[i].type) < 0) {
            return -1;
        }
    }
    if (PyDict_SetItemString(exc_ExceptionGroup.tp_dict, "__module__", pyrs_object_id("builtins")) <
            0 ||
        (memerrors_numfree == 0 && preallocate_memerrors() < 0)) {
        return -1;
    }
    return pyrs_exc_str_notes() != NULL ? 0 : -1;
}

int
pyrs_exc_add_builtins(PyObject *dict)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(exc_table); i++) {
        if (PyDict_SetItemString(dict, exc_table[i].name, (PyObject *)exc_table[i].type) < 0) {
            return -1;
        }
    }
    if (PyDict_SetItemString(dict, "EnvironmentError", PyExc_OSError) < 0 ||
        PyDict_SetItemString(dict, "IOError", PyExc_OSError) < 0) {
        return -1;
    }
    return 0;
}
