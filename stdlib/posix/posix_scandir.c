/* stdlib/posix/posix_scandir.c: posix.scandir, its iterator (a context manager) and
 * os.DirEntry, with CPython 3.11's caching: d_type answers is_dir/is_file/is_symlink when it
 * can, stat() and lstat() results are fetched once per entry. */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "posix.h"

typedef struct {
    PyObject_HEAD
    PyObject *name;     /* entry name, str or bytes like the scandir argument */
    PyObject *path;     /* directory path joined with name (or name alone for an fd) */
    PyObject *stat;     /* cached stat() result, or NULL */
    PyObject *lstat;    /* cached lstat() result, or NULL */
    unsigned char type; /* d_type (DT_UNKNOWN when the file system does not say) */
    ino_t ino;          /* d_ino */
    int dir_fd;         /* the directory's fd when scanning an fd, else -1 */
} DirEntry;

typedef struct {
    PyObject_HEAD
    DIR *dirp;     /* NULL once closed */
    PyrsPath path; /* the argument (owns its encoded copy) */
    PyObject *arg; /* owned reference to the original argument */
    int fd;        /* the descriptor being scanned, or -1 */
} ScandirIterator;

static PyTypeObject DirEntry_Type;
static PyTypeObject ScandirIterator_Type;

static const char *
entry_narrow(DirEntry *e, PyObject **tmp)
{
    PyObject *src = e->dir_fd >= 0 ? e->name : e->path;
    if (PyBytes_Check(src)) {
        return PyBytes_AS_STRING(src);
    }
    *tmp = PyUnicode_EncodeFSDefault(src);
    return *tmp != NULL ? PyBytes_AS_STRING(*tmp) : NULL;
}

/* stat or lstat of the entry, uncached. New reference or NULL with OSError. */
static PyObject *
entry_fetch_stat(DirEntry *e, int follow)
{
    PyObject *tmp = NULL;
    const char *path = entry_narrow(e, &tmp);
    if (path == NULL) {
        return NULL;
    }
    struct stat st;
    int r =
        fstatat(e->dir_fd >= 0 ? e->dir_fd : AT_FDCWD, path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    Py_XDECREF(tmp);
    if (r != 0) {
        return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, e->path);
    }
    return pyrs_posix_stat_result(&st);
}

static PyObject *
entry_get_lstat(DirEntry *e)
{
    if (e->lstat == NULL) {
        e->lstat = entry_fetch_stat(e, 0);
    }
    return e->lstat;
}

static int
entry_is_symlink(DirEntry *e)
{
    if (e->type != DT_UNKNOWN) {
        return e->type == DT_LNK;
    }
    PyObject *st = entry_get_lstat(e);
    if (st == NULL) {
        return -1;
    }
    long mode = PyLong_AsLong(PyStructSequence_GET_ITEM(st, 0));
    return S_ISLNK(mode);
}

static PyObject *
entry_get_stat(DirEntry *e, int follow)
{
    if (!follow) {
        return entry_get_lstat(e);
    }
    if (e->stat == NULL) {
        int link = entry_is_symlink(e);
        if (link < 0) {
            return NULL;
        }
        e->stat = link ? entry_fetch_stat(e, 1) : Py_XNewRef(entry_get_lstat(e));
    }
    return e->stat;
}

/* is_dir/is_file: MODE_BITS is S_IFDIR or S_IFREG. -1 with an exception, else 0/1. */
static int
entry_test_mode(DirEntry *e, int follow, unsigned int mode_bits)
{
    int need_stat = e->type == DT_UNKNOWN || (follow && e->type == DT_LNK);
    if (!need_stat) {
        return mode_bits == S_IFDIR ? e->type == DT_DIR : e->type == DT_REG;
    }
    PyObject *st = entry_get_stat(e, follow);
    if (st == NULL) {
        if (PyErr_ExceptionMatches(PyExc_FileNotFoundError)) {
            PyErr_Clear();
            return 0;
        }
        return -1;
    }
    long mode = PyLong_AsLong(PyStructSequence_GET_ITEM(st, 0));
    return ((unsigned int)mode & S_IFMT) == mode_bits;
}

static int
follow_arg(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"follow_symlinks", NULL};
    const PyrsArgSpec spec = {fname, names, 0, 0};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return -1;
    }
    return pyrs_osutil_flag(a[0], 1);
}

static PyObject *
DirEntry_is_dir(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    int follow = follow_arg("is_dir", args, nargs, kwnames);
    int r = follow < 0 ? -1 : entry_test_mode((DirEntry *)self, follow, S_IFDIR);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
DirEntry_is_file(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    int follow = follow_arg("is_file", args, nargs, kwnames);
    int r = follow < 0 ? -1 : entry_test_mode((DirEntry *)self, follow, S_IFREG);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
DirEntry_is_symlink(PyObject *self, PyObject *Py_UNUSED(a))
{
    int r = entry_is_symlink((DirEntry *)self);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
DirEntry_stat(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    int follow = follow_arg("stat", args, nargs, kwnames);
    PyObject *st = follow < 0 ? NULL : entry_get_stat((DirEntry *)self, follow);
    return Py_XNewRef(st);
}

static PyObject *
DirEntry_inode(PyObject *self, PyObject *Py_UNUSED(a))
{
    return PyLong_FromUnsignedLongLong((unsigned long long)((DirEntry *)self)->ino);
}

static PyObject *
DirEntry_fspath(PyObject *self, PyObject *Py_UNUSED(a))
{
    return Py_NewRef(((DirEntry *)self)->path);
}

static PyObject *
DirEntry_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<DirEntry %R>", ((DirEntry *)self)->name);
}

static PyObject *
DirEntry_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    PyErr_Format(PyExc_TypeError, "cannot create '%.100s' instances", type->tp_name);
    return NULL;
}

static void
DirEntry_dealloc(PyObject *self)
{
    DirEntry *e = (DirEntry *)self;
    Py_XDECREF(e->name);
    Py_XDECREF(e->path);
    Py_XDECREF(e->stat);
    Py_XDECREF(e->lstat);
    PyObject_Free(self);
}

static PyObject *
DirEntry_get_name(PyObject *self, void *Py_UNUSED(c))
{
    return Py_NewRef(((DirEntry *)self)->name);
}

static PyObject *
DirEntry_get_path(PyObject *self, void *Py_UNUSED(c))
{
    return Py_NewRef(((DirEntry *)self)->path);
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

static PyMethodDef DirEntry_methods[] = {
    {"is_dir", PYRS_FASTCALL(DirEntry_is_dir), KW, "Whether the entry is a directory."},
    {"is_file", PYRS_FASTCALL(DirEntry_is_file), KW, "Whether the entry is a regular file."},
    {"is_symlink", DirEntry_is_symlink, METH_NOARGS, "Whether the entry is a symbolic link."},
    {"stat", PYRS_FASTCALL(DirEntry_stat), KW, "The entry's stat_result (cached)."},
    {"inode", DirEntry_inode, METH_NOARGS, "The entry's inode number."},
    {"__fspath__", DirEntry_fspath, METH_NOARGS, "The entry's path."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef DirEntry_getset[] = {
    {"name", DirEntry_get_name, NULL, "the entry's base filename", NULL},
    {"path", DirEntry_get_path, NULL, "the entry's full path name", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject DirEntry_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "posix.DirEntry",
    .tp_basicsize = sizeof(DirEntry),
    .tp_dealloc = DirEntry_dealloc,
    .tp_repr = DirEntry_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "An entry of a directory listing, as yielded by os.scandir().",
    .tp_methods = DirEntry_methods,
    .tp_getset = DirEntry_getset,
    .tp_new = DirEntry_new,
};

static PyObject *
join_path(ScandirIterator *it, const char *name, Py_ssize_t nlen)
{
    PyrsPath *p = &it->path;
    if (it->fd >= 0) {
        return pyrs_osutil_path_result(name, nlen, p->is_bytes);
    }
    const char *dir = p->narrow != NULL ? p->narrow : ".";
    size_t dlen = strlen(dir);
    int slash = dlen > 0 && dir[dlen - 1] != '/';
    PyObject *res = NULL;
    char *buf = PyMem_Malloc(dlen + (size_t)nlen + 2);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    memcpy(buf, dir, dlen);
    if (slash) {
        buf[dlen] = '/';
    }
    memcpy(buf + dlen + slash, name, (size_t)nlen);
    res = pyrs_osutil_path_result(buf, (Py_ssize_t)(dlen + slash) + nlen, p->is_bytes);
    PyMem_Free(buf);
    return res;
}

static PyObject *
make_entry(ScandirIterator *it, struct dirent *d)
{
    DirEntry *e = PyObject_New(DirEntry, &DirEntry_Type);
    if (e == NULL) {
        return NULL;
    }
    Py_ssize_t nlen = (Py_ssize_t)strlen(d->d_name);
    e->name = pyrs_osutil_path_result(d->d_name, nlen, it->path.is_bytes);
    e->path = e->name != NULL ? join_path(it, d->d_name, nlen) : NULL;
    e->stat = e->lstat = NULL;
    e->type = d->d_type;
    e->ino = d->d_ino;
    e->dir_fd = it->fd;
    if (e->path == NULL) {
        Py_DECREF(e);
        return NULL;
    }
    return (PyObject *)e;
}

static void
iterator_close(ScandirIterator *it)
{
    if (it->dirp == NULL) {
        return;
    }
    if (it->fd >= 0) {
        rewinddir(it->dirp);
    }
    closedir(it->dirp);
    it->dirp = NULL;
}

static PyObject *
ScandirIterator_next(PyObject *self)
{
    ScandirIterator *it = (ScandirIterator *)self;
    while (it->dirp != NULL) {
        errno = 0;
        struct dirent *d = readdir(it->dirp);
        if (d == NULL) {
            if (errno != 0) {
                pyrs_osutil_path_error(&it->path);
                iterator_close(it);
                return NULL;
            }
            break;
        }
        const char *n = d->d_name;
        if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) {
            continue;
        }
        return make_entry(it, d);
    }
    iterator_close(it);
    return NULL;
}

static PyObject *
ScandirIterator_close(PyObject *self, PyObject *Py_UNUSED(a))
{
    iterator_close((ScandirIterator *)self);
    Py_RETURN_NONE;
}

static PyObject *
ScandirIterator_enter(PyObject *self, PyObject *Py_UNUSED(a))
{
    return Py_NewRef(self);
}

static PyObject *
ScandirIterator_exit(PyObject *self, PyObject *Py_UNUSED(args))
{
    iterator_close((ScandirIterator *)self);
    Py_RETURN_NONE;
}

/* CPython warns about an iterator dropped before exhaustion or close(). The warning may keep
 * a reference to the iterator (catch_warnings(record=True)); then it lives on, closed. 1 when
 * it was resurrected. */
static int
warn_unclosed(PyObject *self)
{
    Py_SET_REFCNT(self, 1);
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    if (PyErr_ResourceWarning(self, 1, "unclosed scandir iterator %R", self) < 0) {
        PyErr_WriteUnraisable(self);
    }
    PyErr_Restore(et, ev, tb);
    Py_SET_REFCNT(self, Py_REFCNT(self) - 1);
    return Py_REFCNT(self) > 0;
}

static void
ScandirIterator_dealloc(PyObject *self)
{
    ScandirIterator *it = (ScandirIterator *)self;
    if (it->dirp != NULL) {
        iterator_close(it);
        if (warn_unclosed(self)) {
            return;
        }
    }
    pyrs_osutil_path_clear(&it->path);
    Py_XDECREF(it->arg);
    PyObject_Free(self);
}

static PyMethodDef ScandirIterator_methods[] = {
    {"close", ScandirIterator_close, METH_NOARGS, "Close the directory."},
    {"__enter__", ScandirIterator_enter, METH_NOARGS, NULL},
    {"__exit__", ScandirIterator_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScandirIterator_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "posix.ScandirIterator",
    .tp_basicsize = sizeof(ScandirIterator),
    .tp_dealloc = ScandirIterator_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = ScandirIterator_next,
    .tp_methods = ScandirIterator_methods,
};

static PyObject *
posix_scandir(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", NULL};
    static const PyrsArgSpec spec = {"scandir", names, 1, 0};
    PyObject *a[1];
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    ScandirIterator *it = PyObject_New(ScandirIterator, &ScandirIterator_Type);
    if (it == NULL) {
        return NULL;
    }
    it->dirp = NULL;
    it->fd = -1;
    it->arg = Py_XNewRef(a[0]);
    it->path = (PyrsPath){.function_name = "scandir", .nullable = 1, .allow_fd = 1};
    if (pyrs_osutil_path_init(&it->path, a[0]) < 0) {
        Py_DECREF(it);
        return NULL;
    }
    if (it->path.fd >= 0) {
        int fd = dup(it->path.fd);
        it->dirp = fd >= 0 ? fdopendir(fd) : NULL;
        if (it->dirp == NULL && fd >= 0) {
            close(fd);
        }
        it->fd = it->path.fd;
    } else {
        it->dirp = opendir(it->path.narrow != NULL ? it->path.narrow : ".");
    }
    if (it->dirp == NULL) {
        pyrs_osutil_path_error(&it->path);
        Py_DECREF(it);
        return NULL;
    }
    return (PyObject *)it;
}

PyMethodDef pyrs_posix_scandir_methods[] = {
    {"scandir", PYRS_FASTCALL(posix_scandir), METH_FASTCALL | METH_KEYWORDS,
     "An iterator of DirEntry objects for the entries of a directory."},
    {NULL, NULL, 0, NULL},
};

int
pyrs_posix_scandir_init(PyObject *m)
{
    if (PyType_Ready(&DirEntry_Type) < 0 || PyType_Ready(&ScandirIterator_Type) < 0) {
        return -1;
    }
    return PyModule_AddObjectRef(m, "DirEntry", (PyObject *)&DirEntry_Type);
}
