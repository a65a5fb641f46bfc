/* traceback.c: traceback objects (CPython 3.11's PyTracebackObject fields first, then the code
 * object and instruction that the VM records instead of a frame object) and the printer of
 * uncaught exceptions in the format of CPython's default sys.excepthook. */
#include "pyrs/vm.h"
#include "pyrs/lifecycle.h"

#include "structmember.h"

typedef struct PyTracebackObject {
    PyObject_HEAD
    struct PyTracebackObject *tb_next; /* the next (inner) entry, or NULL */
    PyObject *tb_frame;                /* frame object; NULL until frames are materialised */
    int tb_lasti;                      /* instruction offset (pc * 2, CPython-style even) */
    int tb_lineno;                     /* source line */
    PyrsCodeObject *tb_code;           /* pyrs: the code that was running */
} PyTracebackObject;

static void
tb_dealloc(PyObject *op)
{
    PyTracebackObject *tb = (PyTracebackObject *)op;
    PyObject_GC_UnTrack(op);
    Py_XDECREF(tb->tb_next);
    Py_XDECREF(tb->tb_frame);
    Py_XDECREF(tb->tb_code);
    PyObject_GC_Del(op);
}

static int
tb_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyTracebackObject *tb = (PyTracebackObject *)op;
    Py_VISIT(tb->tb_next);
    Py_VISIT(tb->tb_frame);
    return 0;
}

static PyMemberDef tb_members[] = {
    {"tb_next", T_OBJECT, offsetof(PyTracebackObject, tb_next), READONLY, NULL},
    {"tb_frame", T_OBJECT, offsetof(PyTracebackObject, tb_frame), READONLY, NULL},
    {"tb_lasti", T_INT, offsetof(PyTracebackObject, tb_lasti), READONLY, NULL},
    {"tb_lineno", T_INT, offsetof(PyTracebackObject, tb_lineno), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyTraceBack_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "traceback",
    .tp_basicsize = sizeof(PyTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_members = tb_members,
};

int
pyrs_traceback_init(void)
{
    return PyType_Ready(&PyTraceBack_Type);
}

/* Prepends an entry for instruction PC of CODE to the pending exception's traceback. */
void
pyrs_vm_traceback_here(PyrsCodeObject *code, Py_ssize_t pc)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyTracebackObject *entry = PyObject_GC_New(PyTracebackObject, &PyTraceBack_Type);
    if (entry == NULL) {
        PyErr_Clear();
        PyErr_Restore(t, v, tb);
        return;
    }
    entry->tb_next = (PyTracebackObject *)tb; /* steals the old head */
    entry->tb_frame = NULL;
    entry->tb_lasti = (int)(pc * 2);
    entry->tb_lineno = pyrs_code_line(code, pc);
    entry->tb_code = (PyrsCodeObject *)Py_NewRef(code);
    PyObject_GC_Track(entry);
    PyErr_Restore(t, v, (PyObject *)entry);
}

/* Writes line LINENO of FILENAME stripped of indentation, indented by four spaces, as the
 * traceback printer shows it; nothing when the file cannot be read. */
static void
print_source_line(FILE *out, const char *filename, int lineno)
{
    FILE *src = fopen(filename, "r");
    if (src == NULL) {
        return;
    }
    char buf[4096];
    int line = 0;
    while (fgets(buf, sizeof buf, src) != NULL) {
        size_t len = strlen(buf);
        int complete = len > 0 && buf[len - 1] == '\n';
        if (++line == lineno) {
            char *s = buf;
            while (*s == ' ' || *s == '\t' || *s == '\f') {
                s++;
            }
            len = strlen(s);
            while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ')) {
                s[--len] = '\0';
            }
            if (len > 0) {
                fprintf(out, "    %s\n", s);
            }
            break;
        }
        /* A line longer than the buffer continues in the next read. */
        if (!complete) {
            line--;
        }
    }
    fclose(src);
}

static void
print_tb(FILE *out, PyTracebackObject *tb)
{
    for (; tb != NULL; tb = tb->tb_next) {
        const char *file = PyUnicode_AsUTF8(tb->tb_code->co_filename);
        const char *name = PyUnicode_AsUTF8(tb->tb_code->co_name);
        if (file == NULL || name == NULL) {
            PyErr_Clear();
            continue;
        }
        fprintf(out, "  File \"%s\", line %d, in %s\n", file, tb->tb_lineno, name);
        print_source_line(out, file, tb->tb_lineno);
    }
}

/* "Type: message" (or just "Type"), with the module prefix for non-builtin classes. */
static void
print_exception_line(FILE *out, PyObject *exc)
{
    PyTypeObject *tp = Py_TYPE(exc);
    const char *name = tp->tp_name;
    const char *dot = strrchr(name, '.');
    if (dot != NULL && strncmp(name, "builtins.", 9) != 0) {
        fprintf(out, "%s", name);
    } else {
        fprintf(out, "%s", dot != NULL ? dot + 1 : name);
    }
    PyObject *s = PyObject_Str(exc);
    const char *text = s != NULL ? PyUnicode_AsUTF8(s) : NULL;
    if (text == NULL) {
        PyErr_Clear();
        fprintf(out, ": <exception str() failed>\n");
    } else if (*text != '\0') {
        fprintf(out, ": %s\n", text);
    } else {
        fprintf(out, "\n");
    }
    Py_XDECREF(s);
}

/* Prints EXC's cause or context chain first, then EXC itself. SEEN stops cycles. */
static void
print_chain(FILE *out, PyObject *exc, PyObject *seen)
{
    if (PySet_Add(seen, exc) < 0) {
        PyErr_Clear();
    }
    PyObject *cause = PyException_GetCause(exc);
    PyObject *context = PyException_GetContext(exc);
    int suppress = ((PyBaseExceptionObject *)exc)->suppress_context;
    if (cause != NULL && PySet_Contains(seen, cause) == 0) {
        print_chain(out, cause, seen);
        fprintf(out, "\nThe above exception was the direct cause of the following "
                     "exception:\n\n");
    } else if (cause == NULL && context != NULL && !suppress &&
               PySet_Contains(seen, context) == 0) {
        print_chain(out, context, seen);
        fprintf(out, "\nDuring handling of the above exception, another exception "
                     "occurred:\n\n");
    }
    Py_XDECREF(cause);
    Py_XDECREF(context);
    PyObject *tb = PyException_GetTraceback(exc);
    if (tb != NULL) {
        fprintf(out, "Traceback (most recent call last):\n");
        print_tb(out, (PyTracebackObject *)tb);
        Py_DECREF(tb);
    }
    print_exception_line(out, exc);
}

void
pyrs_vm_print_exception(PyObject *exc)
{
    fflush(stdout);
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL) {
        PyErr_Clear();
        return;
    }
    print_chain(stderr, exc, seen);
    Py_DECREF(seen);
    fflush(stderr);
}
