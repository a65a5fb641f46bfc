/* _locale: the C library's locale services as CPython 3.11's Modules/_localemodule.c exposes
 * them on Linux: setlocale, localeconv, nl_langinfo and its constants, strcoll, strxfrm,
 * getencoding, the gettext family, and locale.Error. Strings cross the C boundary in the
 * current locale's encoding (PyUnicode_DecodeLocale / EncodeLocale). */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/rtmods.h"
#include <errno.h>
#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <wchar.h>

static PyObject *locale_error; /* locale.Error */

static PyObject *
decode_locale(const char *s)
{
    return PyUnicode_DecodeLocale(s, NULL);
}

static int
int_arg(PyObject *arg, int *out)
{
    if (!PyLong_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    *out = _PyLong_AsInt(arg);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* A str or None argument as a C string (NULL for None); 0 or -1. */
static int
opt_str(const char *fname, const char *which, PyObject *arg, const char **out)
{
    *out = NULL;
    if (arg == NULL || arg == Py_None) {
        return 0;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() argument %s must be str or None, not %.50s", fname,
                     which, Py_TYPE(arg)->tp_name);
        return -1;
    }
    *out = pyrs_rtmods_str(fname, which, arg);
    return *out == NULL ? -1 : 0;
}

static PyObject *
locale_setlocale(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    int category;
    const char *name;
    if (!_PyArg_CheckPositional("setlocale", nargs, 1, 2) || int_arg(args[0], &category) < 0 ||
        opt_str("setlocale", "2", nargs > 1 ? args[1] : NULL, &name) < 0) {
        return NULL;
    }
    const char *res = setlocale(category, name);
    if (res == NULL) {
        PyErr_SetString(locale_error,
                        name != NULL ? "unsupported locale setting" : "locale query failed");
        return NULL;
    }
    return decode_locale(res);
}

/* The grouping string of localeconv() as CPython's list (ends with 0 unless CHAR_MAX). */
static PyObject *
grouping_list(const char *g)
{
    PyObject *list = PyList_New(0);
    if (list == NULL || g[0] == '\0') {
        return list;
    }
    Py_ssize_t i = -1;
    do {
        i++;
        PyObject *v = PyLong_FromLong((unsigned char)g[i] == CHAR_MAX ? CHAR_MAX : g[i]);
        if (v == NULL || PyList_Append(list, v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(v);
    } while ((unsigned char)g[i] != CHAR_MAX && g[i] != '\0');
    return list;
}

static int
set_str(PyObject *d, const char *key, const char *value)
{
    PyObject *v = decode_locale(value);
    int r = v != NULL ? PyDict_SetItemString(d, key, v) : -1;
    Py_XDECREF(v);
    return r;
}

static int
set_obj(PyObject *d, const char *key, PyObject *v)
{
    int r = v != NULL ? PyDict_SetItemString(d, key, v) : -1;
    Py_XDECREF(v);
    return r;
}

static PyObject *
locale_localeconv(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    struct lconv *lc = localeconv();
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    const struct {
        const char *key;
        char value;
    } ints[] = {
        {"int_frac_digits", lc->int_frac_digits}, {"frac_digits", lc->frac_digits},
        {"p_cs_precedes", lc->p_cs_precedes},     {"p_sep_by_space", lc->p_sep_by_space},
        {"n_cs_precedes", lc->n_cs_precedes},     {"n_sep_by_space", lc->n_sep_by_space},
        {"p_sign_posn", lc->p_sign_posn},         {"n_sign_posn", lc->n_sign_posn},
    };
    if (set_str(d, "int_curr_symbol", lc->int_curr_symbol) < 0 ||
        set_str(d, "currency_symbol", lc->currency_symbol) < 0 ||
        set_str(d, "mon_decimal_point", lc->mon_decimal_point) < 0 ||
        set_str(d, "mon_thousands_sep", lc->mon_thousands_sep) < 0 ||
        set_obj(d, "mon_grouping", grouping_list(lc->mon_grouping)) < 0 ||
        set_str(d, "positive_sign", lc->positive_sign) < 0 ||
        set_str(d, "negative_sign", lc->negative_sign) < 0) {
        goto error;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(ints); i++) {
        if (set_obj(d, ints[i].key, PyLong_FromLong((unsigned char)ints[i].value)) < 0) {
            goto error;
        }
    }
    if (set_str(d, "decimal_point", lc->decimal_point) < 0 ||
        set_str(d, "thousands_sep", lc->thousands_sep) < 0 ||
        set_obj(d, "grouping", grouping_list(lc->grouping)) < 0) {
        goto error;
    }
    return d;
error:
    Py_DECREF(d);
    return NULL;
}

/* wchar_t copy of a str argument (PyMem), or NULL with TypeError naming ARGNUM. */
static wchar_t *
wide_arg(const char *fname, int argnum, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() argument %d must be str, not %.50s", fname, argnum,
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    return PyUnicode_AsWideCharString(arg, NULL);
}

static PyObject *
locale_strcoll(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("strcoll", nargs, 2, 2)) {
        return NULL;
    }
    wchar_t *a = wide_arg("strcoll", 1, args[0]);
    wchar_t *b = a != NULL ? wide_arg("strcoll", 2, args[1]) : NULL;
    PyObject *res = b != NULL ? PyLong_FromLong(wcscoll(a, b)) : NULL;
    PyMem_Free(a);
    PyMem_Free(b);
    return res;
}

static PyObject *
locale_strxfrm(PyObject *Py_UNUSED(module), PyObject *arg)
{
    wchar_t *s = wide_arg("strxfrm", 0, arg);
    if (s == NULL) {
        if (!PyUnicode_Check(arg)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "strxfrm() argument must be str, not %.50s",
                         Py_TYPE(arg)->tp_name);
        }
        return NULL;
    }
    size_t n = wcsxfrm(NULL, s, 0) + 1;
    wchar_t *buf = PyMem_New(wchar_t, n);
    PyObject *res = NULL;
    if (buf == NULL) {
        PyErr_NoMemory();
    } else {
        wcsxfrm(buf, s, n);
        res = PyUnicode_FromWideChar(buf, -1);
    }
    PyMem_Free(buf);
    PyMem_Free(s);
    return res;
}

#define LANGINFO(X)                                                                                \
    {                                                                                              \
#X, X                                                                                      \
    }
static const struct {
    const char *name;
    int value;
} langinfo_constants[] = {
    LANGINFO(DAY_1),      LANGINFO(DAY_2),       LANGINFO(DAY_3),     LANGINFO(DAY_4),
    LANGINFO(DAY_5),      LANGINFO(DAY_6),       LANGINFO(DAY_7),     LANGINFO(ABDAY_1),
    LANGINFO(ABDAY_2),    LANGINFO(ABDAY_3),     LANGINFO(ABDAY_4),   LANGINFO(ABDAY_5),
    LANGINFO(ABDAY_6),    LANGINFO(ABDAY_7),     LANGINFO(MON_1),     LANGINFO(MON_2),
    LANGINFO(MON_3),      LANGINFO(MON_4),       LANGINFO(MON_5),     LANGINFO(MON_6),
    LANGINFO(MON_7),      LANGINFO(MON_8),       LANGINFO(MON_9),     LANGINFO(MON_10),
    LANGINFO(MON_11),     LANGINFO(MON_12),      LANGINFO(ABMON_1),   LANGINFO(ABMON_2),
    LANGINFO(ABMON_3),    LANGINFO(ABMON_4),     LANGINFO(ABMON_5),   LANGINFO(ABMON_6),
    LANGINFO(ABMON_7),    LANGINFO(ABMON_8),     LANGINFO(ABMON_9),   LANGINFO(ABMON_10),
    LANGINFO(ABMON_11),   LANGINFO(ABMON_12),    LANGINFO(RADIXCHAR), LANGINFO(THOUSEP),
    LANGINFO(YESEXPR),    LANGINFO(NOEXPR),      LANGINFO(CRNCYSTR),  LANGINFO(D_T_FMT),
    LANGINFO(D_FMT),      LANGINFO(T_FMT),       LANGINFO(AM_STR),    LANGINFO(PM_STR),
    LANGINFO(CODESET),    LANGINFO(T_FMT_AMPM),  LANGINFO(ERA),       LANGINFO(ERA_D_FMT),
    LANGINFO(ALT_DIGITS), LANGINFO(ERA_D_T_FMT), LANGINFO(ERA_T_FMT), LANGINFO(_DATE_FMT),
};

static PyObject *
locale_nl_langinfo(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int item;
    if (int_arg(arg, &item) < 0) {
        return NULL;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(langinfo_constants); i++) {
        if (langinfo_constants[i].value == item) {
            const char *s = nl_langinfo((nl_item)item);
            return decode_locale(s != NULL ? s : "");
        }
    }
    PyErr_SetString(PyExc_ValueError, "unsupported langinfo constant");
    return NULL;
}

static PyObject *
locale_getencoding(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    const char *codeset = nl_langinfo(CODESET);
    return PyUnicode_FromString(codeset != NULL && codeset[0] ? codeset : "utf-8");
}

static PyObject *
locale_gettext(PyObject *Py_UNUSED(module), PyObject *arg)
{
    const char *msg = pyrs_rtmods_str("gettext", "", arg);
    return msg == NULL ? NULL : decode_locale(gettext(msg));
}

static PyObject *
locale_dgettext(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    const char *domain, *msg;
    if (!_PyArg_CheckPositional("dgettext", nargs, 2, 2) ||
        opt_str("dgettext", "1", args[0], &domain) < 0 ||
        (msg = pyrs_rtmods_str("dgettext", "2", args[1])) == NULL) {
        return NULL;
    }
    return decode_locale(dgettext(domain, msg));
}

static PyObject *
locale_dcgettext(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    const char *domain, *msg;
    int category;
    if (!_PyArg_CheckPositional("dcgettext", nargs, 3, 3) ||
        opt_str("dcgettext", "1", args[0], &domain) < 0 ||
        (msg = pyrs_rtmods_str("dcgettext", "2", args[1])) == NULL ||
        int_arg(args[2], &category) < 0) {
        return NULL;
    }
    return decode_locale(dcgettext(domain, msg, category));
}

static PyObject *
locale_textdomain(PyObject *Py_UNUSED(module), PyObject *arg)
{
    const char *domain;
    if (opt_str("textdomain", "", arg, &domain) < 0) {
        return NULL;
    }
    const char *res = textdomain(domain);
    if (res == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return decode_locale(res);
}

static PyObject *
locale_bindtextdomain(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    const char *domain, *dir;
    if (!_PyArg_CheckPositional("bindtextdomain", nargs, 2, 2) ||
        (domain = pyrs_rtmods_str("bindtextdomain", "1", args[0])) == NULL ||
        opt_str("bindtextdomain", "2", args[1], &dir) < 0) {
        return NULL;
    }
    if (domain[0] == '\0') {
        PyErr_SetString(locale_error, "domain must be a non-empty string");
        return NULL;
    }
    const char *res = bindtextdomain(domain, dir);
    if (res == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return decode_locale(res);
}

static PyObject *
locale_bind_textdomain_codeset(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    const char *domain, *codeset;
    if (!_PyArg_CheckPositional("bind_textdomain_codeset", nargs, 2, 2) ||
        (domain = pyrs_rtmods_str("bind_textdomain_codeset", "1", args[0])) == NULL ||
        opt_str("bind_textdomain_codeset", "2", args[1], &codeset) < 0) {
        return NULL;
    }
    errno = 0;
    const char *res = bind_textdomain_codeset(domain, codeset);
    if (res == NULL) {
        if (errno != 0) {
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        Py_RETURN_NONE;
    }
    return decode_locale(res);
}

#define FAST(name)                                                                                 \
    {                                                                                              \
#name, (PyCFunction)(void (*)(void))locale_##name, METH_FASTCALL, NULL                     \
    }

static PyMethodDef locale_methods[] = {
    FAST(setlocale),
    {"localeconv", locale_localeconv, METH_NOARGS, NULL},
    FAST(strcoll),
    {"strxfrm", locale_strxfrm, METH_O, NULL},
    {"nl_langinfo", locale_nl_langinfo, METH_O, NULL},
    {"getencoding", locale_getencoding, METH_NOARGS, NULL},
    {"gettext", locale_gettext, METH_O, NULL},
    FAST(dgettext),
    FAST(dcgettext),
    {"textdomain", locale_textdomain, METH_O, NULL},
    FAST(bindtextdomain),
    FAST(bind_textdomain_codeset),
    {NULL, NULL, 0, NULL},
};

static int
locale_exec(PyObject *m)
{
    static const struct {
        const char *name;
        int value;
    } categories[] = {
        {"LC_CTYPE", LC_CTYPE},       {"LC_TIME", LC_TIME},         {"LC_COLLATE", LC_COLLATE},
        {"LC_MONETARY", LC_MONETARY}, {"LC_MESSAGES", LC_MESSAGES}, {"LC_NUMERIC", LC_NUMERIC},
        {"LC_ALL", LC_ALL},           {"CHAR_MAX", CHAR_MAX},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(categories); i++) {
        if (PyModule_AddIntConstant(m, categories[i].name, categories[i].value) < 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(langinfo_constants); i++) {
        if (PyModule_AddIntConstant(m, langinfo_constants[i].name, langinfo_constants[i].value) <
            0) {
            return -1;
        }
    }
    if (locale_error == NULL &&
        (locale_error = PyErr_NewException("locale.Error", NULL, NULL)) == NULL) {
        return -1;
    }
    return PyModule_AddObjectRef(m, "Error", locale_error);
}

static struct PyModuleDef locale_module = {
    PyModuleDef_HEAD_INIT,
    "_locale",
    "Support for POSIX locales.",
    0,
    locale_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__locale(void);

PyMODINIT_FUNC
PyInit__locale(void)
{
    PyObject *m = PyModule_Create(&locale_module);
    if (m != NULL && locale_exec(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
