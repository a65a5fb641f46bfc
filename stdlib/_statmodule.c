/* stdlib/_statmodule.c: the _stat module that stat.py star-imports: the S_IS* predicates,
 * S_IMODE/S_IFMT, filemode and the mode, index and flag constants, with CPython 3.11's
 * conversion errors for mode arguments. */
#include "Python.h"

#include <sys/stat.h>

#include "posix/osutil.h"

/* CPython's mode_t conversion: TypeError for non-ints, OverflowError outside 0..2**32-1. */
static int
mode_from(PyObject *obj, unsigned int *out)
{
    if (!PyLong_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return -1;
    }
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (overflow < 0 || (overflow == 0 && v < 0)) {
        PyErr_SetString(PyExc_OverflowError, "can't convert negative value to unsigned int");
        return -1;
    }
    unsigned long u = PyLong_AsUnsignedLong(obj);
    if (u == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    if (u > 0xFFFFFFFFul) {
        PyErr_SetString(PyExc_OverflowError, "mode out of range");
        return -1;
    }
    *out = (unsigned int)u;
    return 0;
}

#define STAT_PREDICATE(NAME, TEST)                                                                 \
    static PyObject *stat_##NAME(PyObject *Py_UNUSED(module), PyObject *arg)                       \
    {                                                                                              \
        unsigned int mode;                                                                         \
        if (mode_from(arg, &mode) < 0) {                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        return PyBool_FromLong(TEST);                                                              \
    }

STAT_PREDICATE(S_ISDIR, S_ISDIR(mode))
STAT_PREDICATE(S_ISCHR, S_ISCHR(mode))
STAT_PREDICATE(S_ISBLK, S_ISBLK(mode))
STAT_PREDICATE(S_ISREG, S_ISREG(mode))
STAT_PREDICATE(S_ISFIFO, S_ISFIFO(mode))
STAT_PREDICATE(S_ISLNK, S_ISLNK(mode))
STAT_PREDICATE(S_ISSOCK, S_ISSOCK(mode))
/* Solaris doors, event ports and whiteouts do not exist on Linux. */
STAT_PREDICATE(S_ISDOOR, ((void)mode, 0))
STAT_PREDICATE(S_ISPORT, ((void)mode, 0))
STAT_PREDICATE(S_ISWHT, ((void)mode, 0))

static PyObject *
stat_S_IMODE(PyObject *Py_UNUSED(module), PyObject *arg)
{
    unsigned int mode;
    if (mode_from(arg, &mode) < 0) {
        return NULL;
    }
    return PyLong_FromUnsignedLong(mode & 07777);
}

static PyObject *
stat_S_IFMT(PyObject *Py_UNUSED(module), PyObject *arg)
{
    unsigned int mode;
    if (mode_from(arg, &mode) < 0) {
        return NULL;
    }
    return PyLong_FromUnsignedLong(mode & S_IFMT);
}

static char
type_char(unsigned int mode)
{
    switch (mode & S_IFMT) {
    case S_IFLNK:
        return 'l';
    case S_IFSOCK:
        return 's';
    case S_IFREG:
        return '-';
    case S_IFBLK:
        return 'b';
    case S_IFDIR:
        return 'd';
    case S_IFCHR:
        return 'c';
    case S_IFIFO:
        return 'p';
    default:
        return '?';
    }
}

/* One rwx triple; SPECIAL is the setuid/setgid/sticky bit shown in the x position as
 * LOWER when executable too, else UPPER. */
static void
triple(char *out, unsigned int mode, unsigned int r, unsigned int w, unsigned int x,
       unsigned int special, char lower, char upper)
{
    out[0] = (mode & r) ? 'r' : '-';
    out[1] = (mode & w) ? 'w' : '-';
    if (mode & special) {
        out[2] = (mode & x) ? lower : upper;
    } else {
        out[2] = (mode & x) ? 'x' : '-';
    }
}

static PyObject *
stat_filemode(PyObject *Py_UNUSED(module), PyObject *arg)
{
    unsigned int mode;
    if (mode_from(arg, &mode) < 0) {
        return NULL;
    }
    char buf[10];
    buf[0] = type_char(mode);
    triple(buf + 1, mode, S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's', 'S');
    triple(buf + 4, mode, S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's', 'S');
    triple(buf + 7, mode, S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't', 'T');
    return PyUnicode_FromStringAndSize(buf, 10);
}

static PyMethodDef stat_methods[] = {
    {"S_ISDIR", stat_S_ISDIR, METH_O, "S_ISDIR(mode) -> bool: a directory"},
    {"S_ISCHR", stat_S_ISCHR, METH_O, "S_ISCHR(mode) -> bool: a character device"},
    {"S_ISBLK", stat_S_ISBLK, METH_O, "S_ISBLK(mode) -> bool: a block device"},
    {"S_ISREG", stat_S_ISREG, METH_O, "S_ISREG(mode) -> bool: a regular file"},
    {"S_ISFIFO", stat_S_ISFIFO, METH_O, "S_ISFIFO(mode) -> bool: a FIFO"},
    {"S_ISLNK", stat_S_ISLNK, METH_O, "S_ISLNK(mode) -> bool: a symbolic link"},
    {"S_ISSOCK", stat_S_ISSOCK, METH_O, "S_ISSOCK(mode) -> bool: a socket"},
    {"S_ISDOOR", stat_S_ISDOOR, METH_O, "S_ISDOOR(mode) -> bool: a door (never on Linux)"},
    {"S_ISPORT", stat_S_ISPORT, METH_O, "S_ISPORT(mode) -> bool: an event port (never)"},
    {"S_ISWHT", stat_S_ISWHT, METH_O, "S_ISWHT(mode) -> bool: a whiteout (never)"},
    {"S_IMODE", stat_S_IMODE, METH_O, "The permission bits of a mode (chmod's part)."},
    {"S_IFMT", stat_S_IFMT, METH_O, "The file-type bits of a mode."},
    {"filemode", stat_filemode, METH_O, "A mode as ls -l shows it ('-rwxr-xr-x')."},
    {NULL, NULL, 0, NULL},
};

static const PyrsIntConst stat_constants[] = {
    {"S_IFDIR", S_IFDIR},
    {"S_IFCHR", S_IFCHR},
    {"S_IFBLK", S_IFBLK},
    {"S_IFREG", S_IFREG},
    {"S_IFIFO", S_IFIFO},
    {"S_IFLNK", S_IFLNK},
    {"S_IFSOCK", S_IFSOCK},
    {"S_IFDOOR", 0},
    {"S_IFPORT", 0},
    {"S_IFWHT", 0},
    {"S_ISUID", S_ISUID},
    {"S_ISGID", S_ISGID},
    {"S_ISVTX", S_ISVTX},
    {"S_ENFMT", S_ISGID},
    {"S_IREAD", S_IRUSR},
    {"S_IWRITE", S_IWUSR},
    {"S_IEXEC", S_IXUSR},
    {"S_IRWXU", S_IRWXU},
    {"S_IRUSR", S_IRUSR},
    {"S_IWUSR", S_IWUSR},
    {"S_IXUSR", S_IXUSR},
    {"S_IRWXG", S_IRWXG},
    {"S_IRGRP", S_IRGRP},
    {"S_IWGRP", S_IWGRP},
    {"S_IXGRP", S_IXGRP},
    {"S_IRWXO", S_IRWXO},
    {"S_IROTH", S_IROTH},
    {"S_IWOTH", S_IWOTH},
    {"S_IXOTH", S_IXOTH},
    /* BSD file flags (st_flags), defined everywhere as CPython does. */
    {"UF_NODUMP", 0x00000001},
    {"UF_IMMUTABLE", 0x00000002},
    {"UF_APPEND", 0x00000004},
    {"UF_OPAQUE", 0x00000008},
    {"UF_NOUNLINK", 0x00000010},
    {"UF_COMPRESSED", 0x00000020},
    {"UF_HIDDEN", 0x00008000},
    {"SF_ARCHIVED", 0x00010000},
    {"SF_IMMUTABLE", 0x00020000},
    {"SF_APPEND", 0x00040000},
    {"SF_NOUNLINK", 0x00100000},
    {"SF_SNAPSHOT", 0x00200000},
    /* Indices into the stat tuple. */
    {"ST_MODE", 0},
    {"ST_INO", 1},
    {"ST_DEV", 2},
    {"ST_NLINK", 3},
    {"ST_UID", 4},
    {"ST_GID", 5},
    {"ST_SIZE", 6},
    {"ST_ATIME", 7},
    {"ST_MTIME", 8},
    {"ST_CTIME", 9},
    {NULL, 0},
};

static int
stat_exec(PyObject *module)
{
    return pyrs_osutil_add_ints(module, stat_constants);
}

static PyModuleDef_Slot stat_slots[] = {
    {Py_mod_exec, (void *)stat_exec},
    {0, NULL},
};

static PyModuleDef stat_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_stat",
    .m_doc = "Constants and predicates for the st_mode field of stat results.",
    .m_size = 0,
    .m_methods = stat_methods,
    .m_slots = stat_slots,
};

PyMODINIT_FUNC PyInit__stat(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit__stat(void)
{
    return PyModuleDef_Init(&stat_module);
}
