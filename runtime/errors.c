/* errors.c: the pending-exception API (PyErr_*) over the thread state's curexc_* fields and
 * the handled-exception stack, mirroring CPython 3.11's Python/errors.c: implicit chaining on
 * raise, normalisation, errno mapping, warnings and unraisable reports on stderr, and
 * PyErr_Print/Display in CPython's format (tracebacks are printed once the VM exists). */
#include "pyrs/errors.h"
#include "../stdlib/posix/ossignal.h"

#include <errno.h>

#include "pyrs/exceptions.h"
#include "pyrs/state.h"
#include "pyrs/sys.h"
#include "frameobject.h"
#include "pyrs/frame.h"
#include "pyrs/frameobject.h"
#include "traceback.h"
#include "pyrs/cpyext.h"
#include "pyrs/vm.h"

void
pyrs_err_restore(PyThreadState *tstate, PyObject *type, PyObject *value, PyObject *tb)
{
    PyObject *old_type = tstate->curexc_type;
    PyObject *old_value = tstate->curexc_value;
    PyObject *old_tb = tstate->curexc_traceback;
    tstate->curexc_type = type;
    tstate->curexc_value = value;
    tstate->curexc_traceback = tb;
    Py_XDECREF(old_type);
    Py_XDECREF(old_value);
    Py_XDECREF(old_tb);
}

void
PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback)
{
    PyThreadState *tstate = PyThreadState_Get();
    if (traceback != NULL && traceback == Py_None) {
        Py_DECREF(traceback);
        traceback = NULL;
    }
    pyrs_err_restore(tstate, type, value, traceback);
}

PyObject *
PyErr_Occurred(void)
{
    PyThreadState *tstate = pyrs_state_current;
    return tstate == NULL ? NULL : tstate->curexc_type;
}

void
PyErr_Clear(void)
{
    pyrs_err_restore(PyThreadState_Get(), NULL, NULL, NULL);
}

void
PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)
{
    PyThreadState *tstate = PyThreadState_Get();
    *ptype = tstate->curexc_type;
    *pvalue = tstate->curexc_value;
    *ptraceback = tstate->curexc_traceback;
    tstate->curexc_type = NULL;
    tstate->curexc_value = NULL;
    tstate->curexc_traceback = NULL;
}

PyObject *
pyrs_err_create_exception(PyObject *type, PyObject *value)
{
    PyObject *exc;
    if (value == NULL || value == Py_None) {
        exc = PyObject_CallNoArgs(type);
    } else if (PyTuple_Check(value)) {
        exc = PyObject_Call(type, value, NULL);
    } else {
        exc = PyObject_CallOneArg(type, value);
    }
    if (exc != NULL && !PyExceptionInstance_Check(exc)) {
        PyErr_Format(PyExc_TypeError,
                     "calling %R should have returned an instance of BaseException, not %s", type,
                     Py_TYPE(exc)->tp_name);
        Py_CLEAR(exc);
    }
    return exc;
}

/* Make VALUE an instance of TYPE for chaining; new reference or NULL with an exception. */
static PyObject *
normalized_value(PyObject *type, PyObject *value)
{
    if (value != NULL && PyExceptionInstance_Check(value)) {
        return Py_NewRef(value);
    }
    return pyrs_err_create_exception(type, value);
}

/* Set VALUE.__context__ = CONTEXT unless that would close a cycle in the context chain; a
 * cycle through VALUE is cut where it meets VALUE (Floyd's check keeps a pre-existing cycle
 * elsewhere from looping forever). */
static void
chain_context(PyObject *value, PyObject *context)
{
    PyObject *o = context, *slow = context;
    int slow_step = 0;
    while (1) {
        PyObject *next = ((PyBaseExceptionObject *)o)->context;
        if (next == NULL) {
            break;
        }
        if (next == value) {
            ((PyBaseExceptionObject *)o)->context = NULL;
            Py_DECREF(next);
            break;
        }
        o = next;
        if (slow_step) {
            slow = ((PyBaseExceptionObject *)slow)->context;
            if (slow == o) {
                break;
            }
        }
        slow_step = !slow_step;
    }
    PyException_SetContext(value, Py_NewRef(context));
}

void
pyrs_err_set_object(PyThreadState *tstate, PyObject *type, PyObject *value)
{
    if (type != NULL && !PyExceptionClass_Check(type)) {
        PyErr_Format(PyExc_SystemError,
                     "_PyErr_SetObject: exception %R is not a BaseException subclass", type);
        return;
    }
    Py_XINCREF(value);
    PyObject *handled = _PyErr_GetTopmostException(tstate)->exc_value;
    if (handled != NULL && handled != Py_None) {
        /* Implicit chaining: the exception being handled becomes __context__. */
        Py_INCREF(handled);
        PyObject *fixed = normalized_value(type, value);
        Py_XDECREF(value);
        if (fixed == NULL) {
            Py_DECREF(handled);
            return; /* the instantiation error is now pending */
        }
        value = fixed;
        if (handled != value) {
            chain_context(value, handled);
        }
        Py_DECREF(handled);
    }
    PyObject *tb = NULL;
    if (value != NULL && PyExceptionInstance_Check(value)) {
        tb = PyException_GetTraceback(value);
    }
    Py_XINCREF(type);
    pyrs_err_restore(tstate, type, value, tb);
}

void
PyErr_SetObject(PyObject *type, PyObject *value)
{
    pyrs_err_set_object(PyThreadState_Get(), type, value);
}

void
PyErr_SetNone(PyObject *type)
{
    pyrs_err_set_object(PyThreadState_Get(), type, NULL);
}

void
PyErr_SetString(PyObject *type, const char *message)
{
    PyObject *value = PyUnicode_FromString(message);
    if (value != NULL) {
        PyErr_SetObject(type, value);
        Py_DECREF(value);
    }
}

PyObject *
PyErr_FormatV(PyObject *type, const char *format, va_list vargs)
{
    PyThreadState *tstate = PyThreadState_Get();
    /* Cleared first so that %R/%S conversions do not see (or chain to) a stale error. */
    pyrs_err_restore(tstate, NULL, NULL, NULL);
    PyObject *value = PyUnicode_FromFormatV(format, vargs);
    if (value != NULL) {
        pyrs_err_set_object(tstate, type, value);
        Py_DECREF(value);
    }
    return NULL;
}

PyObject *
PyErr_Format(PyObject *type, const char *format, ...)
{
    va_list vargs;
    va_start(vargs, format);
    PyErr_FormatV(type, format, vargs);
    va_end(vargs);
    return NULL;
}

PyObject *
_PyErr_FormatFromCause(PyObject *type, const char *format, ...)
{
    PyObject *cause_type, *cause, *cause_tb;
    PyErr_Fetch(&cause_type, &cause, &cause_tb);
    PyErr_NormalizeException(&cause_type, &cause, &cause_tb);
    if (cause_tb != NULL && cause != NULL) {
        PyException_SetTraceback(cause, cause_tb);
    }
    Py_XDECREF(cause_tb);
    Py_XDECREF(cause_type);
    va_list vargs;
    va_start(vargs, format);
    PyErr_FormatV(type, format, vargs);
    va_end(vargs);
    PyObject *exc_type, *exc, *exc_tb;
    PyErr_Fetch(&exc_type, &exc, &exc_tb);
    PyErr_NormalizeException(&exc_type, &exc, &exc_tb);
    if (exc != NULL && cause != NULL) {
        PyException_SetCause(exc, Py_NewRef(cause));
        PyException_SetContext(exc, Py_NewRef(cause));
    }
    Py_XDECREF(cause);
    PyErr_Restore(exc_type, exc, exc_tb);
    return NULL;
}

void
PyErr_NormalizeException(PyObject **ptype, PyObject **pvalue, PyObject **ptb)
{
    for (int depth = 0;; depth++) {
        PyObject *type = *ptype, *value = *pvalue;
        if (type == NULL) {
            return; /* nothing pending: nothing to do */
        }
        if (value == NULL) {
            value = Py_NewRef(Py_None);
            *pvalue = value;
        }
        if (!PyExceptionClass_Check(type)) {
            return;
        }
        int is_instance = PyExceptionInstance_Check(value) &&
                          PyObject_IsSubclass((PyObject *)Py_TYPE(value), type) > 0;
        if (is_instance) {
            if ((PyObject *)Py_TYPE(value) != type) {
                Py_SETREF(*ptype, Py_NewRef((PyObject *)Py_TYPE(value)));
            }
            return;
        }
        PyObject *fresh = pyrs_err_create_exception(type, value);
        if (fresh != NULL) {
            Py_SETREF(*pvalue, fresh);
            return;
        }
        /* Instantiating failed: normalise the new error instead (bounded depth). */
        Py_CLEAR(*ptype);
        Py_CLEAR(*pvalue);
        PyObject *tb;
        PyErr_Fetch(ptype, pvalue, &tb);
        if (tb != NULL) {
            Py_XSETREF(*ptb, tb);
        }
        if (depth >= 32) {
            Py_XSETREF(*ptype, Py_NewRef(PyExc_RecursionError));
            Py_CLEAR(*pvalue);
            return;
        }
    }
}

_PyErr_StackItem *
_PyErr_GetTopmostException(PyThreadState *tstate)
{
    _PyErr_StackItem *item = tstate->exc_info;
    while ((item->exc_value == NULL || item->exc_value == Py_None) && item->previous_item != NULL) {
        item = item->previous_item;
    }
    return item;
}

PyObject *
PyErr_GetHandledException(void)
{
    PyObject *exc = _PyErr_GetTopmostException(PyThreadState_Get())->exc_value;
    return Py_XNewRef(exc == Py_None ? NULL : exc);
}

void
PyErr_SetHandledException(PyObject *exc)
{
    PyThreadState *tstate = PyThreadState_Get();
    Py_XSETREF(tstate->exc_info->exc_value, Py_XNewRef(exc == NULL || exc == Py_None ? NULL : exc));
}

void
PyErr_GetExcInfo(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)
{
    PyObject *exc = PyErr_GetHandledException();
    if (exc == NULL) {
        *ptype = Py_NewRef(Py_None);
        *pvalue = Py_NewRef(Py_None);
        *ptraceback = Py_NewRef(Py_None);
        return;
    }
    *ptype = Py_NewRef((PyObject *)Py_TYPE(exc));
    *pvalue = exc;
    PyObject *tb = PyException_GetTraceback(exc);
    *ptraceback = tb != NULL ? tb : Py_NewRef(Py_None);
}

void
PyErr_SetExcInfo(PyObject *type, PyObject *value, PyObject *traceback)
{
    PyErr_SetHandledException(value);
    Py_XDECREF(value);
    /* 3.11 keeps only the instance; type and traceback are derived from it. */
    Py_XDECREF(type);
    Py_XDECREF(traceback);
}

void
_PyErr_ChainExceptions(PyObject *type, PyObject *value, PyObject *tb)
{
    if (type == NULL) {
        return;
    }
    if (!PyErr_Occurred()) {
        PyErr_Restore(type, value, tb);
        return;
    }
    /* Take the pending error out first: normalising calls the exception classes. */
    PyObject *type2, *value2, *tb2;
    PyErr_Fetch(&type2, &value2, &tb2);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb != NULL) {
        if (value != NULL && PyExceptionInstance_Check(value)) {
            (void)PyException_SetTraceback(value, tb);
        }
        Py_DECREF(tb);
    }
    Py_XDECREF(type);
    PyErr_NormalizeException(&type2, &value2, &tb2);
    if (value2 != NULL && PyExceptionInstance_Check(value2) && value != NULL &&
        PyExceptionInstance_Check(value)) {
        PyException_SetContext(value2, value);
    } else {
        Py_XDECREF(value);
    }
    PyErr_Restore(type2, value2, tb2);
}

int
PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc)
{
    if (given == NULL || exc == NULL) {
        return 0;
    }
    if (PyTuple_Check(exc)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(exc); i++) {
            if (PyErr_GivenExceptionMatches(given, PyTuple_GET_ITEM(exc, i))) {
                return 1;
            }
        }
        return 0;
    }
    if (PyExceptionInstance_Check(given)) {
        given = (PyObject *)Py_TYPE(given);
    }
    if (PyExceptionClass_Check(given) && PyExceptionClass_Check(exc)) {
        return PyType_IsSubtype((PyTypeObject *)given, (PyTypeObject *)exc);
    }
    return given == exc;
}

int
PyErr_ExceptionMatches(PyObject *exc)
{
    return PyErr_GivenExceptionMatches(PyErr_Occurred(), exc);
}

PyObject *
PyErr_NoMemory(void)
{
    /* No allocation here: the instance is created lazily on normalisation. */
    pyrs_err_restore(PyThreadState_Get(), Py_NewRef(PyExc_MemoryError), NULL, NULL);
    return NULL;
}

int
PyErr_BadArgument(void)
{
    PyErr_SetString(PyExc_TypeError, "bad argument type for built-in operation");
    return 0;
}

void
_PyErr_BadInternalCall(const char *filename, int lineno)
{
    PyErr_Format(PyExc_SystemError, "%s:%d: bad argument to internal function", filename, lineno);
}

#undef PyErr_BadInternalCall
void
PyErr_BadInternalCall(void)
{
    PyErr_SetString(PyExc_SystemError, "bad argument to internal function");
}

void
_PyErr_SetKeyError(PyObject *key)
{
    PyObject *exc = PyObject_CallOneArg(PyExc_KeyError, key);
    if (exc != NULL) {
        PyErr_SetObject(PyExc_KeyError, exc);
        Py_DECREF(exc);
    }
}

PyObject *
PyErr_SetFromErrnoWithFilenameObjects(PyObject *type, PyObject *filename, PyObject *filename2)
{
    int err = errno;
    if (err == EINTR && PyErr_CheckSignals() < 0) {
        return NULL;
    }
    PyObject *message = err == 0 ? PyUnicode_FromString("Error")
                                 : PyUnicode_DecodeLocale(strerror(err), "surrogateescape");
    if (message == NULL) {
        return NULL;
    }
    PyObject *args = NULL, *code = PyLong_FromLong(err), *zero = NULL;
    if (code != NULL && filename != NULL && filename2 != NULL) {
        zero = PyLong_FromLong(0);
        args = zero != NULL ? PyTuple_Pack(5, code, message, filename, zero, filename2) : NULL;
    } else if (code != NULL && filename != NULL) {
        args = PyTuple_Pack(3, code, message, filename);
    } else if (code != NULL) {
        args = PyTuple_Pack(2, code, message);
    }
    Py_XDECREF(zero);
    Py_XDECREF(code);
    Py_DECREF(message);
    if (args == NULL) {
        return NULL;
    }
    PyObject *exc = PyObject_Call(type, args, NULL);
    Py_DECREF(args);
    if (exc != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *
PyErr_SetFromErrnoWithFilenameObject(PyObject *type, PyObject *filename)
{
    return PyErr_SetFromErrnoWithFilenameObjects(type, filename, NULL);
}

PyObject *
PyErr_SetFromErrno(PyObject *type)
{
    return PyErr_SetFromErrnoWithFilenameObjects(type, NULL, NULL);
}

PyObject *
PyErr_SetFromErrnoWithFilename(PyObject *type, const char *filename)
{
    int err = errno;
    PyObject *name = NULL;
    if (filename != NULL) {
        name = PyUnicode_DecodeFSDefault(filename);
        if (name == NULL) {
            return NULL;
        }
    }
    errno = err;
    PyErr_SetFromErrnoWithFilenameObjects(type, name, NULL);
    Py_XDECREF(name);
    return NULL;
}

PyObject *
PyErr_SetImportErrorSubclass(PyObject *exception, PyObject *msg, PyObject *name, PyObject *path)
{
    if (!PyExceptionClass_Check(exception) ||
        !PyType_IsSubtype((PyTypeObject *)exception, (PyTypeObject *)PyExc_ImportError)) {
        PyErr_SetString(PyExc_TypeError, "expected a subclass of ImportError");
        return NULL;
    }
    if (msg == NULL) {
        PyErr_SetString(PyExc_TypeError, "expected a message argument");
        return NULL;
    }
    PyObject *kwargs = PyDict_New();
    if (kwargs == NULL) {
        return NULL;
    }
    PyObject *args = NULL, *error = NULL;
    if (PyDict_SetItemString(kwargs, "name", name != NULL ? name : Py_None) < 0 ||
        PyDict_SetItemString(kwargs, "path", path != NULL ? path : Py_None) < 0) {
        goto done;
    }
    args = PyTuple_Pack(1, msg);
    if (args == NULL) {
        goto done;
    }
    error = PyObject_Call(exception, args, kwargs);
    if (error != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(error), error);
    }
done:
    Py_XDECREF(error);
    Py_XDECREF(args);
    Py_DECREF(kwargs);
    return NULL;
}

PyObject *
PyErr_SetImportError(PyObject *msg, PyObject *name, PyObject *path)
{
    return PyErr_SetImportErrorSubclass(PyExc_ImportError, msg, name, path);
}

/* The printed name of an exception class: "Name" for builtins, else "module.Name". */
static void
print_type_name(FILE *f, PyTypeObject *tp)
{
    const char *name = tp->tp_name;
    const char *dot = strrchr(name, '.');
    if (dot != NULL && !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        fputs(name, f); /* static types carry "module.Name" in tp_name */
        return;
    }
    PyObject *module = PyObject_GetAttrString((PyObject *)tp, "__module__");
    PyObject *qualname = PyObject_GetAttrString((PyObject *)tp, "__qualname__");
    const char *mod = module != NULL && PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : NULL;
    const char *qual =
        qualname != NULL && PyUnicode_Check(qualname) ? PyUnicode_AsUTF8(qualname) : NULL;
    PyErr_Clear();
    if (mod == NULL) {
        fputs("<unknown>", f);
    } else if (strcmp(mod, "builtins") != 0 && strcmp(mod, "__main__") != 0) {
        fprintf(f, "%s.", mod);
    }
    fputs(qual != NULL ? qual : name, f);
    Py_XDECREF(module);
    Py_XDECREF(qualname);
}

static void
print_object_str(FILE *f, PyObject *obj, int use_repr)
{
    PyObject *s = use_repr ? PyObject_Repr(obj) : PyObject_Str(obj);
    const char *text = s != NULL ? PyUnicode_AsUTF8(s) : NULL;
    if (text == NULL) {
        PyErr_Clear();
        fputs(use_repr ? "<object repr() failed>" : "<exception str() failed>", f);
    } else {
        fputs(text, f);
    }
    Py_XDECREF(s);
}

/* The "File ..., line N" header and caret line of a SyntaxError. */
static void
print_syntax_error_location(FILE *f, PySyntaxErrorObject *se)
{
    const char *filename = "<string>";
    if (se->filename != NULL && PyUnicode_Check(se->filename)) {
        filename = PyUnicode_AsUTF8(se->filename);
    }
    fprintf(f, "  File \"%s\", line %ld\n", filename != NULL ? filename : "<string>",
            PyLong_AsLong(se->lineno));
    if (se->text == NULL || !PyUnicode_Check(se->text)) {
        return;
    }
    const char *text = PyUnicode_AsUTF8(se->text);
    if (text == NULL) {
        PyErr_Clear();
        return;
    }
    size_t skip = strspn(text, " \t\f");
    size_t len = strcspn(text + skip, "\n");
    fprintf(f, "    %.*s\n", (int)len, text + skip);
    if (se->offset != NULL && PyLong_Check(se->offset)) {
        long off = PyLong_AsLong(se->offset) - 1 - (long)skip;
        long end = off + 1;
        if (se->end_offset != NULL && PyLong_Check(se->end_offset) &&
            (se->end_lineno == NULL || se->end_lineno == se->lineno ||
             PyObject_RichCompareBool(se->end_lineno, se->lineno, Py_EQ) == 1)) {
            long e = PyLong_AsLong(se->end_offset) - 1 - (long)skip;
            end = e > off ? e : off + 1;
        }
        PyErr_Clear();
        if (off >= 0) {
            fprintf(f, "    %*s", (int)off, "");
            for (long i = off; i < end; i++) {
                fputc('^', f);
            }
            fputc('\n', f);
        }
    }
}

static void
print_notes(FILE *f, PyObject *exc)
{
    /* 3.11 keeps the notes in the instance dict as __notes__. */
    PyObject *notes = NULL;
    if (_PyObject_LookupAttr(exc, pyrs_exc_str_notes(), &notes) <= 0) {
        PyErr_Clear();
        return;
    }
    if (!PySequence_Check(notes) || PyUnicode_Check(notes)) {
        print_object_str(f, notes, 1);
        fputc('\n', f);
        Py_DECREF(notes);
        return;
    }
    Py_ssize_t n = PySequence_Size(notes);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *note = PySequence_GetItem(notes, i);
        if (note == NULL) {
            PyErr_Clear();
            break;
        }
        print_object_str(f, note, !PyUnicode_Check(note));
        fputc('\n', f);
        Py_DECREF(note);
    }
    Py_DECREF(notes);
}

/* A SyntaxError with an int lineno prints its location and then only its msg (CPython's
 * parse_syntax_error); 1 if handled that way. */
static int
print_syntax_error(FILE *f, PyObject *exc)
{
    PySyntaxErrorObject *se = (PySyntaxErrorObject *)exc;
    if (!PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_SyntaxError) || se->lineno == NULL ||
        !PyLong_Check(se->lineno)) {
        return 0;
    }
    print_syntax_error_location(f, se);
    print_type_name(f, Py_TYPE(exc));
    PyObject *msg = se->msg != NULL ? PyObject_Str(se->msg) : NULL;
    const char *text = msg != NULL ? PyUnicode_AsUTF8(msg) : NULL;
    PyErr_Clear();
    if (text != NULL && text[0] != '\0') {
        fprintf(f, ": %s", text);
    }
    Py_XDECREF(msg);
    fputc('\n', f);
    return 1;
}

/* One exception without its chain: "Type: message" (or just "Type" for an empty message). */
static void
print_one(FILE *f, PyObject *exc)
{
    if (print_syntax_error(f, exc)) {
        print_notes(f, exc);
        return;
    }
    print_type_name(f, Py_TYPE(exc));
    PyObject *s = PyObject_Str(exc);
    if (s == NULL) {
        PyErr_Clear();
        fputs(": <exception str() failed>", f);
    } else {
        const char *text = PyUnicode_AsUTF8(s);
        if (text == NULL) {
            PyErr_Clear();
        } else if (text[0] != '\0') {
            fprintf(f, ": %s", text);
        }
        Py_DECREF(s);
    }
    fputc('\n', f);
    print_notes(f, exc);
}

/* Write TEXT, each line prefixed by the exception-group margin of LEVEL ("  | " at level 0,
 * two more spaces per level); LEVEL < 0 writes it unchanged. */
static void
emit(FILE *out, int level, const char *text)
{
    if (level < 0) {
        fputs(text, out);
        return;
    }
    for (const char *p = text; *p != '\0';) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "%*s| %.*s\n", 2 + 2 * level, "", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

#define GROUP_MAX_WIDTH 15 /* CPython's max_group_width */
#define GROUP_MAX_DEPTH 10 /* CPython's max_group_depth */
#define DASHES16        "----------------"

static void display(FILE *out, PyObject *exc, int level, int depth);

/* The numbered boxes of a group's members, as CPython's traceback printer draws them. */
static void
display_group_members(FILE *out, PyBaseExceptionGroupObject *g, int level, int depth)
{
    Py_ssize_t n = PyTuple_GET_SIZE(g->excs);
    Py_ssize_t shown = n > GROUP_MAX_WIDTH ? GROUP_MAX_WIDTH : n;
    int inner = 2 + 2 * (level + 1);
    for (Py_ssize_t i = 0; i < shown; i++) {
        if (i == 0) {
            fprintf(out, "%*s+-+" DASHES16 " %zd " DASHES16 "\n", 2 + 2 * level, "", i + 1);
        } else {
            fprintf(out, "%*s+" DASHES16 " %zd " DASHES16 "\n", inner, "", i + 1);
        }
        if (depth >= GROUP_MAX_DEPTH) {
            emit(out, level + 1, "... (max_group_depth is 10)\n");
        } else {
            display(out, PyTuple_GET_ITEM(g->excs, i), level + 1, depth + 1);
        }
    }
    if (n > shown) {
        char more[64];
        fprintf(out, "%*s+" DASHES16 " ... " DASHES16 "\n", inner, "");
        snprintf(more, sizeof(more), "and %zd more exception%s\n", n - shown,
                 n - shown > 1 ? "s" : "");
        emit(out, level + 1, more);
    } else if (depth < GROUP_MAX_DEPTH &&
               PyObject_TypeCheck(PyTuple_GET_ITEM(g->excs, n - 1),
                                  (PyTypeObject *)PyExc_BaseExceptionGroup)) {
        return; /* a trailing nested group has drawn the closing line already */
    }
    fprintf(out, "%*s+" DASHES16 DASHES16 "----\n", inner, "");
}

/* One exception's own lines (location, "Type: message", notes) rendered into memory. */
static char *
render_one(PyObject *exc)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (mem == NULL) {
        return NULL;
    }
    print_one(mem, exc);
    fclose(mem);
    return text;
}

static void
display(FILE *out, PyObject *exc, int level, int depth)
{
    PyBaseExceptionObject *b = (PyBaseExceptionObject *)exc;
    if (depth < 100) {
        if (b->cause != NULL && PyExceptionInstance_Check(b->cause)) {
            display(out, b->cause, level, depth + 1);
            emit(out, level,
                 "\nThe above exception was the direct cause of the following exception:\n\n");
        } else if (b->context != NULL && !b->suppress_context &&
                   PyExceptionInstance_Check(b->context)) {
            display(out, b->context, level, depth + 1);
            emit(out, level,
                 "\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    int is_group = PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_BaseExceptionGroup);
    int own_level = is_group && level < 0 ? 0 : level;
    char *text = render_one(exc);
    if (text != NULL) {
        emit(out, own_level, text);
        free(text);
    }
    if (is_group) {
        display_group_members(out, (PyBaseExceptionGroupObject *)exc, own_level, depth);
    }
}

void
pyrs_err_display(FILE *f, PyObject *exc)
{
    if (!PyExceptionInstance_Check(exc)) {
        fputs("TypeError: print_exception(): Exception expected for value, ", f);
        fputs(Py_TYPE(exc)->tp_name, f);
        fputs(" found\n", f);
        return;
    }
    display(f, exc, -1, 0);
    fflush(f);
}

void
PyErr_Display(PyObject *Py_UNUSED(type), PyObject *value, PyObject *Py_UNUSED(tb))
{
    if (value != NULL) {
        pyrs_err_display(stderr, value);
    }
}

/* SystemExit reaching the top: exit with its code as CPython's handle_system_exit does. */
static void
exit_for_system_exit(PyObject *value)
{
    PyObject *code = value;
    if (PyExceptionInstance_Check(value)) {
        code = ((PySystemExitObject *)value)->code;
    }
    int status = 0;
    if (code == NULL || code == Py_None) {
        status = 0;
    } else if (PyLong_Check(code)) {
        status = (int)PyLong_AsLong(code);
    } else {
        print_object_str(stderr, code, 0);
        fputc('\n', stderr);
        status = 1;
    }
    PyErr_Clear();
    fflush(stdout);
    exit(status);
}

void
PyErr_PrintEx(int Py_UNUSED(set_sys_last_vars))
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL) {
        return;
    }
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb != NULL && value != NULL && PyExceptionInstance_Check(value)) {
        PyException_SetTraceback(value, tb);
    }
    if (PyErr_GivenExceptionMatches(type, PyExc_SystemExit)) {
        exit_for_system_exit(value);
    }
    if (value != NULL) {
        fflush(stdout);
        pyrs_err_display(stderr, value);
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

void
PyErr_Print(void)
{
    PyErr_PrintEx(1);
}

/* The unraisable report's first line: "Exception ignored in: OBJ", or with a message
 * "Exception ignored MSG: OBJ" / "Exception ignored MSG:" (CPython 3.11's wording). */
static void
print_unraisable_header(const char *err_msg, PyObject *obj)
{
    if (err_msg == NULL && obj == NULL) {
        return;
    }
    fputs("Exception ignored ", stderr);
    fputs(err_msg != NULL ? err_msg : "in", stderr);
    fputc(':', stderr);
    if (obj != NULL) {
        fputc(' ', stderr);
        print_object_str(stderr, obj, 1);
    }
    fputc('\n', stderr);
}

/* A one-entry traceback for the running Python frame (new reference), or NULL. */
static PyObject *
traceback_of_current_frame(void)
{
    PyrsFrame *top = pyrs_frame_top();
    PyFrameObject *frame = top != NULL ? (PyFrameObject *)pyrs_frameobj_get(top) : NULL;
    if (frame == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *tb = PyObject_CallFunction((PyObject *)&PyTraceBack_Type, "OOii", Py_None, frame,
                                         PyFrame_GetLasti(frame), PyFrame_GetLineNumber(frame));
    Py_DECREF(frame);
    if (tb == NULL) {
        PyErr_Clear();
    }
    return tb;
}

/* Offers an unraisable error to a program's sys.unraisablehook, as CPython always does
 * (the default hook prints what the reporter below prints). 1 when the hook took it; 0 when
 * the report is to be printed, with the exception, ERR_MSG and OBJ replaced by the hook's
 * own failure when it raised (CPython reports that one instead). */
static int
offer_unraisable(PyObject **type, PyObject **value, PyObject **tb, const char **err_msg,
                 PyObject **obj)
{
    if (*tb == NULL) {
        *tb = traceback_of_current_frame();
    }
    if (*tb != NULL && *value != NULL && PyExceptionInstance_Check(*value)) {
        PyException_SetTraceback(*value, *tb);
    }
    PyObject *msg =
        *err_msg != NULL ? PyUnicode_FromFormat("Exception ignored %s", *err_msg) : NULL;
    int r = pyrs_sys_call_unraisablehook(*type, *value, *tb, msg, *obj);
    Py_XDECREF(msg);
    if (r >= 0) {
        return r;
    }
    Py_CLEAR(*type);
    Py_CLEAR(*value);
    Py_CLEAR(*tb);
    PyErr_Fetch(type, value, tb);
    PyErr_NormalizeException(type, value, tb);
    *err_msg = "in sys.unraisablehook";
    Py_XSETREF(*obj, Py_XNewRef(PySys_GetObject("unraisablehook")));
    return 0;
}

/* A traceback of the running frame for an exception raised in C with none yet (CPython's
 * unraisable hook shows where the program was), or NULL. */
static PyObject *
traceback_here(PyObject *type, PyObject *value)
{
    PyrsFrame *top = pyrs_frame_top();
    PyObject *frame = top != NULL ? pyrs_frameobj_get(top) : NULL;
    if (frame == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyErr_Restore(Py_NewRef(type), Py_XNewRef(value), NULL);
    PyObject *t, *v, *tb = NULL;
    if (PyTraceBack_Here((PyFrameObject *)frame) == 0) {
        PyErr_Fetch(&t, &v, &tb);
        Py_XDECREF(t);
        Py_XDECREF(v);
    }
    PyErr_Clear();
    Py_DECREF(frame);
    return tb;
}

void
_PyErr_WriteUnraisableMsg(const char *err_msg, PyObject *obj)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL) {
        return;
    }
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb == NULL) {
        tb = traceback_here(type, value);
    }
    Py_XINCREF(obj); /* a hook may drop the last other reference */
    if (offer_unraisable(&type, &value, &tb, &err_msg, &obj) == 1) {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        Py_XDECREF(obj);
        PyErr_Clear();
        return;
    }
    fflush(stdout);
    print_unraisable_header(err_msg, obj);
    pyrs_vm_print_traceback(tb);
    if (type != NULL && PyType_Check(type)) {
        print_type_name(stderr, (PyTypeObject *)type);
    }
    if (value != NULL && value != Py_None) {
        /* Unlike tracebacks, the unraisable hook writes ": " even for an empty message. */
        fputs(": ", stderr);
        print_object_str(stderr, value, 0);
    }
    fputc('\n', stderr);
    fflush(stderr);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    Py_XDECREF(obj);
    PyErr_Clear();
}

void
PyErr_WriteUnraisable(PyObject *obj)
{
    _PyErr_WriteUnraisableMsg(NULL, obj);
}

PyObject *
PyErr_NewExceptionWithDoc(const char *name, const char *doc, PyObject *base, PyObject *dict)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL) {
        PyErr_SetString(PyExc_SystemError, "PyErr_NewException: name must be module.class");
        return NULL;
    }
    PyObject *mydict = NULL, *bases = NULL, *qualname = NULL, *args = NULL, *result = NULL;
    mydict = dict != NULL ? PyDict_Copy(dict) : PyDict_New();
    if (mydict == NULL) {
        goto done;
    }
    if (doc != NULL && PyDict_GetItemString(mydict, "__doc__") == NULL) {
        PyObject *d = PyUnicode_FromString(doc);
        if (d == NULL || PyDict_SetItemString(mydict, "__doc__", d) < 0) {
            Py_XDECREF(d);
            goto done;
        }
        Py_DECREF(d);
    }
    if (PyDict_GetItemString(mydict, "__module__") == NULL) {
        PyObject *modname = PyUnicode_FromStringAndSize(name, dot - name);
        if (modname == NULL || PyDict_SetItemString(mydict, "__module__", modname) < 0) {
            Py_XDECREF(modname);
            goto done;
        }
        Py_DECREF(modname);
    }
    if (base == NULL) {
        base = PyExc_Exception;
    }
    bases = PyTuple_Check(base) ? Py_NewRef(base) : PyTuple_Pack(1, base);
    qualname = PyUnicode_FromString(dot + 1);
    if (bases == NULL || qualname == NULL) {
        goto done;
    }
    args = PyTuple_Pack(3, qualname, bases, mydict);
    if (args != NULL) {
        result = PyObject_Call((PyObject *)&PyType_Type, args, NULL);
    }
done:
    Py_XDECREF(args);
    Py_XDECREF(qualname);
    Py_XDECREF(bases);
    Py_XDECREF(mydict);
    return result;
}

PyObject *
PyErr_NewException(const char *name, PyObject *base, PyObject *dict)
{
    return PyErr_NewExceptionWithDoc(name, NULL, base, dict);
}

/* Set attribute NAME of EXC to the int V, or to None when V < 0 (errors are cleared). */
static void
set_int_attr(PyObject *exc, const char *name, long v)
{
    PyObject *num = v >= 0 ? PyLong_FromLong(v) : Py_NewRef(Py_None);
    if (num == NULL || PyObject_SetAttrString(exc, name, num) < 0) {
        PyErr_Clear();
    }
    Py_XDECREF(num);
}

/* A location attached to something other than a SyntaxError still gets msg and
 * print_file_and_line attributes, as CPython does. */
static void
ensure_msg_attrs(PyObject *value)
{
    PyObject *tmp;
    if (_PyObject_LookupAttr(value, PyUnicode_InternFromString("msg"), &tmp) < 0) {
        PyErr_Clear();
    } else if (tmp != NULL) {
        Py_DECREF(tmp);
    } else {
        PyObject *s = PyObject_Str(value);
        if (s == NULL || PyObject_SetAttrString(value, "msg", s) < 0) {
            PyErr_Clear();
        }
        Py_XDECREF(s);
    }
    if (_PyObject_LookupAttr(value, PyUnicode_InternFromString("print_file_and_line"), &tmp) < 0) {
        PyErr_Clear();
    } else if (tmp != NULL) {
        Py_DECREF(tmp);
    } else if (PyObject_SetAttrString(value, "print_file_and_line", Py_None) < 0) {
        PyErr_Clear();
    }
}

void
PyErr_RangedSyntaxLocationObject(PyObject *filename, int lineno, int col_offset, int end_lineno,
                                 int end_col_offset)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value == NULL || !PyExceptionInstance_Check(value)) {
        PyErr_Restore(type, value, tb);
        return;
    }
    set_int_attr(value, "lineno", lineno < 0 ? 0 : lineno);
    set_int_attr(value, "offset", col_offset);
    set_int_attr(value, "end_lineno", end_lineno);
    set_int_attr(value, "end_offset", end_col_offset);
    if (filename != NULL) {
        if (PyObject_SetAttrString(value, "filename", filename) < 0) {
            PyErr_Clear();
        }
        PyObject *text = PyErr_ProgramTextObject(filename, lineno);
        if (text != NULL) {
            if (PyObject_SetAttrString(value, "text", text) < 0) {
                PyErr_Clear();
            }
            Py_DECREF(text);
        }
    }
    if (type != PyExc_SyntaxError) {
        ensure_msg_attrs(value);
    }
    PyErr_Restore(type, value, tb);
}

void
PyErr_SyntaxLocationObject(PyObject *filename, int lineno, int col_offset)
{
    PyErr_RangedSyntaxLocationObject(filename, lineno, col_offset, lineno, -1);
}

void
PyErr_SyntaxLocationEx(const char *filename, int lineno, int col_offset)
{
    PyObject *name = NULL;
    if (filename != NULL) {
        name = PyUnicode_DecodeFSDefault(filename);
        if (name == NULL) {
            PyErr_Clear();
        }
    }
    PyErr_SyntaxLocationObject(name, lineno, col_offset);
    Py_XDECREF(name);
}

void
PyErr_SyntaxLocation(const char *filename, int lineno)
{
    PyErr_SyntaxLocationEx(filename, lineno, -1);
}

/* Line LINENO (1-based) of FILENAME as str with its newline, or NULL (no exception set). */
PyObject *
PyErr_ProgramText(const char *filename, int lineno)
{
    if (filename == NULL || lineno <= 0) {
        return NULL;
    }
    FILE *fp = fopen(filename, "rb");
    if (fp == NULL) {
        return NULL;
    }
    char buf[1000];
    PyObject *res = NULL;
    int line = 1;
    while (fgets(buf, sizeof(buf), fp) != NULL) {
        if (line == lineno) {
            res = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "replace");
            if (res == NULL) {
                PyErr_Clear();
            }
            break;
        }
        if (strchr(buf, '\n') != NULL) {
            line++;
        }
    }
    fclose(fp);
    return res;
}

PyObject *
PyErr_ProgramTextObject(PyObject *filename, int lineno)
{
    if (filename == NULL || !PyUnicode_Check(filename)) {
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8(filename);
    if (name == NULL) {
        PyErr_Clear();
        return NULL;
    }
    return PyErr_ProgramText(name, lineno);
}

/* Signals are recorded by the signal module's C handler (stdlib/signalmodule.c); their
 * Python handlers run here. */
int
PyErr_CheckSignals(void)
{
    if (!pyrs_signal_pending()) {
        return 0;
    }
    return pyrs_signal_run_handlers();
}

int
PyErr_SetInterruptEx(int signum)
{
    return pyrs_signal_trip(signum);
}

void
PyErr_SetInterrupt(void)
{
    (void)PyErr_SetInterruptEx(2);
}

void
_Py_FatalErrorFunc(const char *func, const char *message)
{
    fflush(stdout);
    fprintf(stderr, "Fatal Python error: %s: %s\n", func != NULL ? func : "?", message);
    fflush(stderr);
    abort();
}

void
_Py_FatalErrorFormat(const char *func, const char *format, ...)
{
    va_list vargs;
    fflush(stdout);
    fprintf(stderr, "Fatal Python error: %s: ", func != NULL ? func : "?");
    va_start(vargs, format);
    vfprintf(stderr, format, vargs);
    va_end(vargs);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}
