/* stdlib/pwdmodule.c: the pwd module: the password database as pwd.struct_passwd entries
 * (getpwuid, getpwnam, getpwall), with CPython 3.11's KeyError messages. */
#define _GNU_SOURCE 1
#include "Python.h"

#include <errno.h>
#include <pwd.h>

#include "posix/osutil.h"

static PyTypeObject *struct_passwd_type;

static PyStructSequence_Field passwd_fields[] = {
    {"pw_name", "user name"},      {"pw_passwd", "password"},
    {"pw_uid", "user id"},         {"pw_gid", "group id"},
    {"pw_gecos", "real name"},     {"pw_dir", "home directory"},
    {"pw_shell", "shell program"}, {NULL, NULL},
};

static PyStructSequence_Desc passwd_desc = {
    "pwd.struct_passwd",
    "pwd.struct_passwd: Results from getpw*() routines.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (pw_name,pw_passwd,pw_uid,pw_gid,pw_gecos,pw_dir,pw_shell)\n"
    "or via the object attributes as named in the above tuple.",
    passwd_fields,
    7,
};

static PyObject *
text(const char *s)
{
    return PyUnicode_DecodeFSDefault(s != NULL ? s : "");
}

static PyObject *
entry_from(const struct passwd *p)
{
    PyObject *res = PyStructSequence_New(struct_passwd_type);
    if (res == NULL) {
        return NULL;
    }
    PyObject *v[7] = {text(p->pw_name),
                      text(p->pw_passwd),
                      PyLong_FromUnsignedLong((unsigned long)p->pw_uid),
                      PyLong_FromUnsignedLong((unsigned long)p->pw_gid),
                      text(p->pw_gecos),
                      text(p->pw_dir),
                      text(p->pw_shell)};
    int failed = 0;
    for (int i = 0; i < 7; i++) {
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
pwd_getpwuid(PyObject *Py_UNUSED(m), PyObject *arg)
{
    unsigned int uid;
    if (pyrs_osutil_id(arg, "uid", &uid) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_KeyError, "getpwuid(): uid not found");
        }
        return NULL;
    }
    struct passwd pw, *found = NULL;
    char buf[16384];
    int err = getpwuid_r((uid_t)uid, &pw, buf, sizeof buf, &found);
    if (found == NULL) {
        if (err != 0 && err != ENOENT && err != ESRCH) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        PyObject *num = PyNumber_Index(arg);
        if (num != NULL) {
            PyErr_Format(PyExc_KeyError, "getpwuid(): uid not found: %S", num);
            Py_DECREF(num);
        }
        return NULL;
    }
    return entry_from(found);
}

static PyObject *
pwd_getpwnam(PyObject *Py_UNUSED(m), PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "getpwnam() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(arg, &bytes)) {
        return NULL;
    }
    struct passwd pw, *found = NULL;
    char buf[16384];
    int err = getpwnam_r(PyBytes_AS_STRING(bytes), &pw, buf, sizeof buf, &found);
    Py_DECREF(bytes);
    if (found == NULL) {
        if (err != 0 && err != ENOENT && err != ESRCH) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        PyErr_Format(PyExc_KeyError, "getpwnam(): name not found: %R", arg);
        return NULL;
    }
    return entry_from(found);
}

static PyObject *
pwd_getpwall(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(a))
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    setpwent();
    struct passwd *p;
    while ((p = getpwent()) != NULL) {
        PyObject *e = entry_from(p);
        if (e == NULL || PyList_Append(list, e) < 0) {
            Py_XDECREF(e);
            Py_CLEAR(list);
            break;
        }
        Py_DECREF(e);
    }
    endpwent();
    return list;
}

static PyMethodDef pwd_methods[] = {
    {"getpwuid", pwd_getpwuid, METH_O, "The password database entry of a user id."},
    {"getpwnam", pwd_getpwnam, METH_O, "The password database entry of a user name."},
    {"getpwall", pwd_getpwall, METH_NOARGS, "Every password database entry."},
    {NULL, NULL, 0, NULL},
};

static int
pwd_exec(PyObject *m)
{
    if (struct_passwd_type == NULL) {
        struct_passwd_type = PyStructSequence_NewType(&passwd_desc);
        if (struct_passwd_type == NULL) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(m, "struct_passwd", (PyObject *)struct_passwd_type);
}

static PyModuleDef_Slot pwd_slots[] = {
    {Py_mod_exec, (void *)pwd_exec},
    {0, NULL},
};

static PyModuleDef pwd_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pwd",
    .m_doc = "Access to the Unix password database.",
    .m_size = 0,
    .m_methods = pwd_methods,
    .m_slots = pwd_slots,
};

PyMODINIT_FUNC PyInit_pwd(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_pwd(void)
{
    return PyModuleDef_Init(&pwd_module);
}
