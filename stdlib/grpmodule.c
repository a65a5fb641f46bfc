/* stdlib/grpmodule.c: the grp module: the group database as grp.struct_group entries
 * (getgrgid, getgrnam, getgrall; gr_mem is a list), with CPython 3.11's messages. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <grp.h>

#include "posix/osutil.h"

static PyTypeObject *struct_group_type;

static PyStructSequence_Field group_fields[] = {
    {"gr_name", "group name"},
    {"gr_passwd", "password"},
    {"gr_gid", "group id"},
    {"gr_mem", "group members"},
    {NULL, NULL},
};

static PyStructSequence_Desc group_desc = {
    "grp.struct_group",
    "grp.struct_group: Results from getgr*() routines.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (gr_name,gr_passwd,gr_gid,gr_mem)\n"
    "or via the object attributes as named in the above tuple.\n",
    group_fields,
    4,
};

static PyObject *
members(char **mem)
{
    PyObject *list = PyList_New(0);
    for (; list != NULL && mem != NULL && *mem != NULL; mem++) {
        PyObject *s = PyUnicode_DecodeFSDefault(*mem);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(s);
    }
    return list;
}

static PyObject *
entry_from(const struct group *g)
{
    PyObject *res = PyStructSequence_New(struct_group_type);
    if (res == NULL) {
        return NULL;
    }
    PyObject *v[4] = {PyUnicode_DecodeFSDefault(g->gr_name),
                      PyUnicode_DecodeFSDefault(g->gr_passwd != NULL ? g->gr_passwd : ""),
                      PyLong_FromUnsignedLong((unsigned long)g->gr_gid), members(g->gr_mem)};
    int failed = 0;
    for (int i = 0; i < 4; i++) {
        failed |= v[i] == NULL;
        PyStructSequence_SET_ITEM(res, i, v[i] != NULL ? v[i] : Py_NewRef(Py_None));
    }
    if (failed) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
grp_getgrgid(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"id", NULL};
    static const PyrsArgSpec spec = {"getgrgid", names, 1, 1};
    PyObject *a[1];
    unsigned int gid;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_id(a[0], "gid", &gid) < 0) {
        return NULL;
    }
    struct group g, *found = NULL;
    char buf[65536];
    int err = getgrgid_r((gid_t)gid, &g, buf, sizeof buf, &found);
    if (found == NULL) {
        if (err != 0 && err != ENOENT && err != ESRCH) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        PyObject *num = PyNumber_Index(a[0]);
        if (num != NULL) {
            PyErr_Format(PyExc_KeyError, "getgrgid(): gid not found: %S", num);
            Py_DECREF(num);
        }
        return NULL;
    }
    return entry_from(found);
}

static PyObject *
grp_getgrnam(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"name", NULL};
    static const PyrsArgSpec spec = {"getgrnam", names, 1, 1};
    PyObject *a[1], *bytes = NULL;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(a[0])) {
        PyErr_Format(PyExc_TypeError, "getgrnam() argument 'name' must be str, not %.50s",
                     Py_TYPE(a[0])->tp_name);
        return NULL;
    }
    if (!PyUnicode_FSConverter(a[0], &bytes)) {
        return NULL;
    }
    struct group g, *found = NULL;
    char buf[65536];
    int err = getgrnam_r(PyBytes_AS_STRING(bytes), &g, buf, sizeof buf, &found);
    Py_DECREF(bytes);
    if (found == NULL) {
        if (err != 0 && err != ENOENT && err != ESRCH) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        PyErr_Format(PyExc_KeyError, "getgrnam(): name not found: %R", a[0]);
        return NULL;
    }
    return entry_from(found);
}

static PyObject *
grp_getgrall(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    setgrent();
    struct group *g;
    while ((g = getgrent()) != NULL) {
        PyObject *e = entry_from(g);
        if (e == NULL || PyList_Append(list, e) < 0) {
            Py_XDECREF(e);
            Py_CLEAR(list);
            break;
        }
        Py_DECREF(e);
    }
    endgrent();
    return list;
}

#define KW (METH_FASTCALL | METH_KEYWORDS)

static PyMethodDef grp_methods[] = {
    {"getgrgid", (PyCFunction)(void (*)(void))grp_getgrgid, KW, "The group entry of a gid."},
    {"getgrnam", (PyCFunction)(void (*)(void))grp_getgrnam, KW, "The group entry of a name."},
    {"getgrall", grp_getgrall, METH_NOARGS, "Every group database entry."},
    {NULL, NULL, 0, NULL},
};

static int
grp_exec(PyObject *m)
{
    if (struct_group_type == NULL) {
        struct_group_type = PyStructSequence_NewType(&group_desc);
        if (struct_group_type == NULL) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(m, "struct_group", (PyObject *)struct_group_type);
}

static PyModuleDef_Slot grp_slots[] = {
    {Py_mod_exec, (void *)grp_exec},
    {0, NULL},
};

static PyModuleDef grp_module = {
    PyModuleDef_HEAD_INIT, .m_name = "grp",          .m_doc = "Access to the Unix group database.",
    .m_size = 0,           .m_methods = grp_methods, .m_slots = grp_slots,
};

PyMODINIT_FUNC PyInit_grp(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_grp(void)
{
    return PyModuleDef_Init(&grp_module);
}
