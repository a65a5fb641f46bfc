/* spwdmodule.c: the spwd module (shadow password database) over getspnam(3)/getspent(3), as
 * CPython 3.11's: getspnam, getspall and the struct_spwd structseq; importing it warns that
 * it is deprecated (removed in 3.13). */
#include "Python.h"

#include <errno.h>
#include <shadow.h>

static PyTypeObject StructSpwdType;

static PyStructSequence_Field spwd_fields[] = {
    {"sp_namp", "user name"},
    {"sp_pwdp", "hashed password"},
    {"sp_lstchg", "days from 1970-01-01 to the last change"},
    {"sp_min", "least days between changes"},
    {"sp_max", "most days between changes"},
    {"sp_warn", "days of warning before the password expires"},
    {"sp_inact", "days after expiry until the account is disabled"},
    {"sp_expire", "days from 1970-01-01 to the account expiry"},
    {"sp_flag", "reserved field"},
    {"sp_nam", "user name (old alias)"},
    {"sp_pwd", "hashed password (old alias)"},
    {NULL, NULL},
};

static PyStructSequence_Desc spwd_desc = {
    "spwd.struct_spwd",
    "One entry of the shadow password database, from getspnam() or getspall(): a 9-tuple\n"
    "(sp_namp, sp_pwdp, sp_lstchg, sp_min, sp_max, sp_warn, sp_inact, sp_expire, sp_flag)\n"
    "whose items are also attributes of those names.",
    spwd_fields,
    9,
};

static PyObject *
make_entry(const struct spwd *p)
{
    PyObject *v = PyStructSequence_New(&StructSpwdType);
    if (v == NULL) {
        return NULL;
    }
    PyObject *items[11] = {
        PyUnicode_DecodeFSDefault(p->sp_namp),
        p->sp_pwdp != NULL ? PyUnicode_DecodeFSDefault(p->sp_pwdp) : Py_NewRef(Py_None),
        PyLong_FromLong(p->sp_lstchg),
        PyLong_FromLong(p->sp_min),
        PyLong_FromLong(p->sp_max),
        PyLong_FromLong(p->sp_warn),
        PyLong_FromLong(p->sp_inact),
        PyLong_FromLong(p->sp_expire),
        PyLong_FromUnsignedLong(p->sp_flag),
        NULL,
        NULL,
    };
    items[9] = Py_XNewRef(items[0]);
    items[10] = Py_XNewRef(items[1]);
    int ok = 1;
    for (int i = 0; i < 11; i++) {
        ok &= items[i] != NULL;
        PyStructSequence_SET_ITEM(v, i, items[i]);
    }
    if (!ok) {
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

static PyObject *
spwd_getspnam(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "getspnam() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    PyObject *bytes = PyUnicode_EncodeFSDefault(arg);
    if (bytes == NULL) {
        return NULL;
    }
    if (PySys_Audit("spwd.getspnam", "O", arg) < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    errno = 0;
    struct spwd *p = getspnam(PyBytes_AS_STRING(bytes));
    Py_DECREF(bytes);
    if (p == NULL) {
        if (errno != 0) {
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        PyErr_SetString(PyExc_KeyError, "getspnam(): name not found");
        return NULL;
    }
    return make_entry(p);
}

static PyObject *
spwd_getspall(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    if (PySys_Audit("spwd.getspall", NULL) < 0) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    setspent();
    struct spwd *p;
    while ((p = getspent()) != NULL) {
        PyObject *v = make_entry(p);
        if (v == NULL || PyList_Append(list, v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(list);
            break;
        }
        Py_DECREF(v);
    }
    endspent();
    return list;
}

static PyMethodDef spwd_methods[] = {
    {"getspnam", spwd_getspnam, METH_O,
     "getspnam($module, arg, /)\n--\n\nReturn the shadow password database entry for the given "
     "user name.\n\nSee `help(spwd)` for more on shadow password database entries."},
    {"getspall", spwd_getspall, METH_NOARGS,
     "getspall($module, /)\n--\n\nReturn a list of all available shadow password database "
     "entries, in arbitrary order.\n\nSee `help(spwd)` for more on shadow password database "
     "entries."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef spwd_module = {
    PyModuleDef_HEAD_INIT, "spwd", NULL, -1, spwd_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_spwd(void);

PyMODINIT_FUNC
PyInit_spwd(void)
{
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "'spwd' is deprecated and slated for removal in Python 3.13", 1) < 0) {
        return NULL;
    }
    if (StructSpwdType.tp_name == NULL &&
        PyStructSequence_InitType2(&StructSpwdType, &spwd_desc) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&spwd_module);
    if (m != NULL && PyModule_AddObjectRef(m, "struct_spwd", (PyObject *)&StructSpwdType) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
