/* stdstreams.c: sys.stdin/stdout/stderr built from _io objects at start-up, with CPython
 * 3.11's buffering, line-buffering, encoding and error-handler choices (create_stdio). */
#include "pyrs_io.h"
#include "_iomodule.h"
#include "pyrs/config.h"
#include "pyrs/sys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The locale's LC_CTYPE as the environment gives it. */
static const char *
ctype_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(vars); i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && *v) {
            return v;
        }
    }
    return "C";
}

/* surrogateescape under the C/POSIX locale (and its C.UTF-8 coercion target), else strict. */
static const char *
default_errors(void)
{
    const char *loc = ctype_locale();
    if (strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 || strncmp(loc, "C.", 2) == 0) {
        return "surrogateescape";
    }
    return "strict";
}

static PyObject *
make_stream(int fd, int writing, const char *name, const char *encoding, const char *errors,
            int unbuffered)
{
    struct stat st;
    if (fstat(fd, &st) < 0 && errno == EBADF) {
        return Py_NewRef(Py_None);
    }
    PyObject *raw = NULL, *buf = NULL, *text = NULL, *nameobj = NULL, *mode = NULL;
    raw = PyObject_CallFunction((PyObject *)&pyrs_io_fileio_type, "isi", fd, writing ? "wb" : "rb",
                                0);
    nameobj = PyUnicode_FromString(name);
    if (raw == NULL || nameobj == NULL || PyObject_SetAttr(raw, pyrs_io_str.name, nameobj) < 0) {
        goto done;
    }
    int tty = isatty(fd);
    int line_buffering = !unbuffered && (fd == 2 || (writing && tty));
    int write_through = unbuffered;
    if (unbuffered && writing) {
        buf = Py_NewRef(raw);
    } else {
        PyTypeObject *tp = writing ? &pyrs_io_bufferedwriter_type : &pyrs_io_bufferedreader_type;
        long size = st.st_blksize > 1 ? (long)st.st_blksize : PYRS_IO_DEFAULT_BUFFER_SIZE;
        buf = PyObject_CallFunction((PyObject *)tp, "Ol", raw, size);
        if (buf == NULL) {
            goto done;
        }
    }
    text = PyObject_CallFunction((PyObject *)&pyrs_io_textiowrapper_type, "Osssii", buf, encoding,
                                 errors, "\n", line_buffering, write_through);
    mode = PyUnicode_FromString(writing ? "w" : "r");
    if (text == NULL || mode == NULL || PyObject_SetAttr(text, pyrs_io_str.mode, mode) < 0) {
        Py_CLEAR(text);
    }
done:
    Py_XDECREF(raw);
    Py_XDECREF(buf);
    Py_XDECREF(nameobj);
    Py_XDECREF(mode);
    return text;
}

static int
set_sys(PyObject *sys, const char *name, const char *dunder, PyObject *value)
{
    if (PyObject_SetAttrString(sys, name, value) < 0 ||
        PyObject_SetAttrString(sys, dunder, value) < 0) {
        return -1;
    }
    return 0;
}

/* builtins.open = io.open, as CPython sets it at start-up whether or not site runs (-S). */
static int
set_builtins_open(void)
{
    PyObject *io = PyImport_ImportModule("_io");
    PyObject *open = io != NULL ? PyObject_GetAttrString(io, "open") : NULL;
    PyObject *builtins = PyImport_ImportModule("builtins");
    int rc = open != NULL && builtins != NULL ? PyObject_SetAttrString(builtins, "open", open) : -1;
    Py_XDECREF(io);
    Py_XDECREF(open);
    Py_XDECREF(builtins);
    return rc;
}

int
pyrs_io_init_std_streams(void)
{
    if (pyrs_io_ready() < 0 || set_builtins_open() < 0) {
        return -1;
    }
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *sys = modules ? PyDict_GetItemString(modules, "sys") : NULL;
    if (sys == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "sys must exist before the standard streams");
        return -1;
    }
    int unbuffered = pyrs_config.unbuffered;
    char encbuf[64] = "utf-8", errbuf[64] = "";
    const char *ioenc = pyrs_config_getenv("PYTHONIOENCODING");
    if (ioenc != NULL && *ioenc) {
        const char *colon = strchr(ioenc, ':');
        size_t n = colon ? (size_t)(colon - ioenc) : strlen(ioenc);
        if (n > 0 && n < sizeof encbuf) {
            memcpy(encbuf, ioenc, n);
            encbuf[n] = 0;
        }
        if (colon && colon[1] && strlen(colon + 1) < sizeof errbuf) {
            strcpy(errbuf, colon + 1);
        }
    }
    const char *errors = *errbuf ? errbuf : default_errors();
    static const struct {
        int fd, writing;
        const char *name, *attr, *dunder;
    } streams[] = {
        {0, 0, "<stdin>", "stdin", "__stdin__"},
        {1, 1, "<stdout>", "stdout", "__stdout__"},
        {2, 1, "<stderr>", "stderr", "__stderr__"},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(streams); i++) {
        const char *errs = streams[i].fd == 2 ? "backslashreplace" : errors;
        PyObject *s = make_stream(streams[i].fd, streams[i].writing, streams[i].name, encbuf, errs,
                                  unbuffered);
        if (s == NULL || set_sys(sys, streams[i].attr, streams[i].dunder, s) < 0) {
            Py_XDECREF(s);
            return -1;
        }
        Py_DECREF(s);
    }
    return 0;
}
