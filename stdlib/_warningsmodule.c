/* _warnings: the C warnings machinery of CPython 3.11 (Python/_warnings.c): the filters list,
 * default action and once-registry shared with warnings.py, filter matching, per-module
 * registries, and showing a warning through warnings._showwarnmsg when that module is
 * imported or as "file:line: Category: message" plus the source line on sys.stderr otherwise.
 * pyrs_warnings_warn / _warn_explicit (pyrs/rtmods.h) back the PyErr_Warn* C-API. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/rtmods.h"
#include "pyrs/sys.h"

static PyObject *filters;        /* _warnings.filters */
static PyObject *once_registry;  /* _warnings._onceregistry */
static PyObject *default_action; /* _warnings._defaultaction */
static long filters_version;     /* bumped by _filters_mutated */

/* ---- state shared with warnings.py ------------------------------------------------------- */

/* The default filters of a release build (DeprecationWarning shown in __main__ only). */
static PyObject *
default_filters(void)
{
    PyObject *ignored[] = {PyExc_DeprecationWarning, PyExc_PendingDeprecationWarning,
                           PyExc_ImportWarning, PyExc_ResourceWarning};
    PyObject *list = PyList_New(0);
    PyObject *item =
        Py_BuildValue("(sOOsi)", "default", Py_None, PyExc_DeprecationWarning, "__main__", 0);
    if (list == NULL || item == NULL || PyList_Append(list, item) < 0) {
        goto error;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(ignored); i++) {
        Py_DECREF(item);
        item = Py_BuildValue("(sOOOi)", "ignore", Py_None, ignored[i], Py_None, 0);
        if (item == NULL || PyList_Append(list, item) < 0) {
            goto error;
        }
    }
    Py_DECREF(item);
    return list;
error:
    Py_XDECREF(item);
    Py_XDECREF(list);
    return NULL;
}

static int
state_ready(void)
{
    if (filters == NULL) {
        filters = default_filters();
        once_registry = PyDict_New();
        default_action = PyUnicode_FromString("default");
        if (filters == NULL || once_registry == NULL || default_action == NULL) {
            Py_CLEAR(filters);
            Py_CLEAR(once_registry);
            Py_CLEAR(default_action);
            return -1;
        }
    }
    return 0;
}

/* warnings.ATTR when the warnings module is already imported (new reference); NULL without an
 * exception when it is not, or lacks ATTR. */
static PyObject *
warnings_attr(const char *attr)
{
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *mod = modules != NULL ? PyDict_GetItemString(modules, "warnings") : NULL;
    if (mod == NULL || mod == Py_None) {
        return NULL;
    }
    PyObject *v = PyObject_GetAttrString(mod, attr);
    if (v == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
    }
    return v;
}

/* warnings.ATTR if it exists, else our own FALLBACK; checked with CHECK (new reference). */
static PyObject *
shared_state(const char *attr, PyObject *fallback, int (*check)(PyObject *), const char *what,
             const char *kind)
{
    PyObject *v = warnings_attr(attr);
    if (v == NULL) {
        return PyErr_Occurred() ? NULL : Py_NewRef(fallback);
    }
    if (!check(v)) {
        PyErr_Format(PyExc_TypeError, "_warnings.%s must be a %s, not '%.200s'", what, kind,
                     Py_TYPE(v)->tp_name);
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

static int
check_dict(PyObject *v)
{
    return PyDict_Check(v);
}

static int
check_str(PyObject *v)
{
    return PyUnicode_Check(v);
}

static PyObject *
get_filters(void)
{
    PyObject *v = warnings_attr("filters");
    if (v == NULL) {
        return PyErr_Occurred() ? NULL : Py_NewRef(filters);
    }
    if (!PyList_Check(v)) {
        PyErr_SetString(PyExc_ValueError, "_warnings.filters must be a list");
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

/* ---- filter matching --------------------------------------------------------------------- */

/* 1 if the filter field OBJ (None, an exact str, or a compiled regex) matches ARG. */
static int
check_matched(PyObject *obj, PyObject *arg)
{
    if (obj == Py_None) {
        return 1;
    }
    if (PyUnicode_CheckExact(obj)) {
        int cmp = PyUnicode_Compare(obj, arg);
        return cmp == -1 && PyErr_Occurred() ? -1 : cmp == 0;
    }
    PyObject *res = PyObject_CallMethod(obj, "match", "O", arg);
    if (res == NULL) {
        return -1;
    }
    int ok = PyObject_IsTrue(res);
    Py_DECREF(res);
    return ok;
}

/* The action for a warning (new reference) and, in *ITEM, the matching filter (borrowed, or
 * None for the default action). */
static PyObject *
get_filter(PyObject *category, PyObject *text, Py_ssize_t lineno, PyObject *module, PyObject **item)
{
    PyObject *list = get_filters();
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *f = PyList_GET_ITEM(list, i);
        if (!PyTuple_Check(f) || PyTuple_GET_SIZE(f) != 5) {
            PyErr_Format(PyExc_ValueError, "_warnings.filters item %zd isn't a 5-tuple", i);
            Py_DECREF(list);
            return NULL;
        }
        Py_INCREF(f);
        PyObject *action = PyTuple_GET_ITEM(f, 0);
        if (!PyUnicode_Check(action)) {
            PyErr_Format(PyExc_TypeError, "action must be a string, not '%.200s'",
                         Py_TYPE(action)->tp_name);
            Py_DECREF(f);
            Py_DECREF(list);
            return NULL;
        }
        int good_msg = check_matched(PyTuple_GET_ITEM(f, 1), text);
        int good_mod = good_msg > 0 ? check_matched(PyTuple_GET_ITEM(f, 3), module) : good_msg;
        int is_sub =
            good_mod > 0 ? PyObject_IsSubclass(category, PyTuple_GET_ITEM(f, 2)) : good_mod;
        Py_ssize_t ln = is_sub > 0 ? PyLong_AsSsize_t(PyTuple_GET_ITEM(f, 4)) : 0;
        if (is_sub < 0 || (ln == -1 && PyErr_Occurred())) {
            Py_DECREF(f);
            Py_DECREF(list);
            return NULL;
        }
        if (is_sub > 0 && (ln == 0 || ln == lineno)) {
            *item = f;
            Py_DECREF(f); /* still owned by the list we hold below */
            Py_INCREF(action);
            Py_DECREF(list);
            return action;
        }
        Py_DECREF(f);
    }
    Py_DECREF(list);
    *item = Py_None;
    PyObject *action =
        shared_state("defaultaction", default_action, check_str, "defaultaction", "string");
    return action;
}

/* 1 if KEY is marked in REGISTRY (reset when its version is stale), else 0 after marking it
 * when SHOULD_SET; -1 on error. */
static int
already_warned(PyObject *registry, PyObject *key, int should_set)
{
    PyObject *version = PyDict_GetItemString(registry, "version");
    if (version == NULL || !PyLong_CheckExact(version) ||
        PyLong_AsLong(version) != filters_version) {
        PyDict_Clear(registry);
        PyObject *v = PyLong_FromLong(filters_version);
        int r = v != NULL ? PyDict_SetItemString(registry, "version", v) : -1;
        Py_XDECREF(v);
        if (r < 0) {
            return -1;
        }
    } else {
        PyObject *already = PyDict_GetItemWithError(registry, key);
        if (already != NULL) {
            int t = PyObject_IsTrue(already);
            if (t != 0) {
                return t;
            }
        } else if (PyErr_Occurred()) {
            return -1;
        }
    }
    return should_set ? (PyDict_SetItem(registry, key, Py_True) < 0 ? -1 : 0) : 0;
}

static int
update_registry(PyObject *registry, PyObject *text, PyObject *category, int add_zero)
{
    PyObject *key =
        add_zero ? Py_BuildValue("(OOi)", text, category, 0) : PyTuple_Pack(2, text, category);
    if (key == NULL) {
        return -1;
    }
    int r = already_warned(registry, key, 1);
    Py_DECREF(key);
    return r;
}

/* ---- showing ----------------------------------------------------------------------------- */

static int
write_str(PyObject *file, PyObject *s)
{
    PyObject *r = PyObject_CallMethod(file, "write", "O", s);
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

/* LINENO of FILENAME stripped of leading blanks, or NULL (no exception) when unreadable. */
static PyObject *
read_source_line(PyObject *filename, Py_ssize_t lineno)
{
    const char *path = PyUnicode_Check(filename) ? PyUnicode_AsUTF8(filename) : NULL;
    FILE *fp = path != NULL && lineno > 0 ? fopen(path, "rb") : NULL;
    if (fp == NULL) {
        PyErr_Clear();
        return NULL;
    }
    char buf[4096];
    Py_ssize_t n = 0;
    PyObject *res = NULL;
    while (fgets(buf, sizeof buf, fp) != NULL) {
        size_t len = strlen(buf);
        int whole = len > 0 && buf[len - 1] == '\n';
        if (++n == lineno) {
            const char *p = buf;
            while (*p == ' ' || *p == '\t' || *p == '\f') {
                p++;
            }
            size_t m = strlen(p);
            while (m > 0 && (p[m - 1] == '\n' || p[m - 1] == '\r')) {
                m--;
            }
            res = PyUnicode_DecodeUTF8(p, (Py_ssize_t)m, "replace");
            break;
        }
        while (!whole && fgets(buf, sizeof buf, fp) != NULL) {
            len = strlen(buf);
            whole = len > 0 && buf[len - 1] == '\n';
        }
    }
    fclose(fp);
    if (res == NULL) {
        PyErr_Clear();
    }
    return res;
}

/* The C fallback printer: "FILE:LINE: Category: text" and the indented source line. */
static int
show_warning(PyObject *filename, Py_ssize_t lineno, PyObject *text, PyObject *category,
             PyObject *sourceline)
{
    PyObject *file = PySys_GetObject("stderr");
    if (file == NULL || file == Py_None) {
        fflush(stdout);
        fputs("lost sys.stderr\n", stderr);
        return 0;
    }
    PyObject *name = PyObject_GetAttrString(category, "__name__");
    PyObject *head = name != NULL
                         ? PyUnicode_FromFormat("%S:%zd: %S: %S\n", filename, lineno, name, text)
                         : NULL;
    Py_XDECREF(name);
    int r = head != NULL ? write_str(file, head) : -1;
    Py_XDECREF(head);
    if (r < 0) {
        return -1;
    }
    PyObject *line =
        sourceline != NULL ? Py_NewRef(sourceline) : read_source_line(filename, lineno);
    if (line != NULL) {
        PyObject *out = PyUnicode_FromFormat("  %S\n", line);
        r = out != NULL ? write_str(file, out) : -1;
        Py_XDECREF(out);
        Py_DECREF(line);
    }
    PyErr_Clear();
    return r;
}

/* Through warnings._showwarnmsg(WarningMessage(...)) when the module is imported. */
static int
call_show_warning(PyObject *category, PyObject *text, PyObject *message, PyObject *filename,
                  Py_ssize_t lineno, PyObject *sourceline, PyObject *source)
{
    PyObject *show_fn = warnings_attr("_showwarnmsg");
    if (show_fn == NULL) {
        return PyErr_Occurred() ? -1 : show_warning(filename, lineno, text, category, sourceline);
    }
    if (!PyCallable_Check(show_fn)) {
        PyErr_SetString(PyExc_TypeError, "warnings._showwarnmsg() must be set to a callable");
        Py_DECREF(show_fn);
        return -1;
    }
    PyObject *cls = warnings_attr("WarningMessage"), *msg = NULL, *res = NULL;
    if (cls == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_RuntimeError, "unable to get warnings.WarningMessage");
        }
    } else {
        /* WarningMessage(message, category, filename, lineno, file, line, source) */
        msg = PyObject_CallFunction(cls, "OOOnOOO", message, category, filename, lineno, Py_None,
                                    Py_None, source != NULL ? source : Py_None);
        Py_DECREF(cls);
    }
    if (msg != NULL) {
        res = PyObject_CallOneArg(show_fn, msg);
        Py_DECREF(msg);
    }
    Py_DECREF(show_fn);
    Py_XDECREF(res);
    return res == NULL ? -1 : 0;
}

/* ---- the core ---------------------------------------------------------------------------- */

/* FILENAME without ".py", "<unknown>" when empty (the module name a filter matches). */
static PyObject *
normalize_module(PyObject *filename)
{
    Py_ssize_t len = PyUnicode_GetLength(filename);
    if (len < 0) {
        return NULL;
    }
    if (len == 0) {
        return PyUnicode_FromString("<unknown>");
    }
    PyObject *suffix = PyUnicode_FromString(".py");
    Py_ssize_t ends = suffix != NULL ? PyUnicode_Tailmatch(filename, suffix, 0, len, 1) : -1;
    Py_XDECREF(suffix);
    if (ends < 0) {
        return NULL;
    }
    return ends ? PyUnicode_Substring(filename, 0, len - 3) : Py_NewRef(filename);
}

/* Applies the filters to one warning and shows, raises or ignores it. 0 or -1. */
static int
warn_explicit(PyObject *category, PyObject *message, PyObject *filename, Py_ssize_t lineno,
              PyObject *module, PyObject *registry, PyObject *sourceline, PyObject *source)
{
    PyObject *text = NULL, *key = NULL, *action = NULL, *item = NULL, *mod = NULL;
    int res = -1, rc = 0;
    if (state_ready() < 0) {
        return -1;
    }
    if (registry != NULL && registry != Py_None && !PyDict_Check(registry)) {
        PyErr_SetString(PyExc_TypeError, "'registry' must be a dict or None");
        return -1;
    }
    mod = module != NULL ? Py_NewRef(module) : normalize_module(filename);
    if (mod == NULL) {
        return -1;
    }
    if (PyObject_IsInstance(message, PyExc_Warning) > 0) {
        text = PyObject_Str(message);
        category = (PyObject *)Py_TYPE(message);
        Py_INCREF(message);
    } else {
        text = Py_NewRef(message);
        message = PyObject_CallOneArg(category, message);
    }
    if (text == NULL || message == NULL) {
        goto done;
    }
    key = Py_BuildValue("(OOn)", text, category, lineno);
    if (key == NULL) {
        goto done;
    }
    if (registry != NULL && registry != Py_None) {
        rc = already_warned(registry, key, 0);
        if (rc != 0) {
            res = rc < 0 ? -1 : 0;
            goto done;
        }
    }
    action = get_filter(category, text, lineno, mod, &item);
    if (action == NULL) {
        goto done;
    }
    if (PyUnicode_CompareWithASCIIString(action, "error") == 0) {
        PyErr_SetObject(category, message);
        goto done;
    }
    if (PyUnicode_CompareWithASCIIString(action, "ignore") == 0) {
        res = 0;
        goto done;
    }
    /* Remember the warning in the registry unless the action is "always". */
    if (PyUnicode_CompareWithASCIIString(action, "always") != 0) {
        if (registry != NULL && registry != Py_None && PyDict_SetItem(registry, key, Py_True) < 0) {
            goto done;
        }
        if (PyUnicode_CompareWithASCIIString(action, "once") == 0) {
            PyObject *reg = registry != NULL && registry != Py_None
                                ? Py_NewRef(registry)
                                : shared_state("onceregistry", once_registry, check_dict,
                                               "onceregistry", "dict");
            rc = reg != NULL ? update_registry(reg, text, category, 0) : -1;
            Py_XDECREF(reg);
        } else if (PyUnicode_CompareWithASCIIString(action, "module") == 0) {
            if (registry != NULL && registry != Py_None) {
                rc = update_registry(registry, text, category, 0);
            }
        } else if (PyUnicode_CompareWithASCIIString(action, "default") != 0) {
            PyErr_Format(PyExc_RuntimeError, "Unrecognized action (%R) in warnings.filters:\n %R",
                         action, item);
            goto done;
        }
    }
    if (rc < 0) {
        goto done;
    }
    res = rc == 1
              ? 0
              : call_show_warning(category, text, message, filename, lineno, sourceline, source);
done:
    Py_XDECREF(text);
    Py_XDECREF(message);
    Py_XDECREF(key);
    Py_XDECREF(action);
    Py_XDECREF(mod);
    return res;
}

/* The category to use for MESSAGE: its class for a Warning instance, CATEGORY (UserWarning
 * when NULL or None) otherwise; borrowed, or NULL with TypeError. */
static PyObject *
get_category(PyObject *message, PyObject *category)
{
    int is_warning = PyObject_IsInstance(message, PyExc_Warning);
    if (is_warning < 0) {
        return NULL;
    }
    if (is_warning) {
        category = (PyObject *)Py_TYPE(message);
    } else if (category == NULL || category == Py_None) {
        category = PyExc_UserWarning;
    }
    int rc = PyType_Check(category) ? PyObject_IsSubclass(category, PyExc_Warning) : 0;
    if (rc <= 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "category must be a Warning subclass, not '%s'",
                     Py_TYPE(category)->tp_name);
        return NULL;
    }
    return category;
}

/* An importlib bootstrap frame, skipped when counting stack levels. */
static int
is_internal_frame(PyObject *frame)
{
    PyObject *code = PyObject_GetAttrString(frame, "f_code");
    PyObject *fn = code != NULL ? PyObject_GetAttrString(code, "co_filename") : NULL;
    Py_XDECREF(code);
    int r = 0;
    if (fn != NULL && PyUnicode_Check(fn)) {
        const char *s = PyUnicode_AsUTF8(fn);
        r = s != NULL && strstr(s, "importlib") != NULL && strstr(s, "_bootstrap") != NULL;
    }
    Py_XDECREF(fn);
    PyErr_Clear();
    return r;
}

/* FRAME.f_back (new reference, None at the bottom) or NULL. */
static PyObject *
frame_back(PyObject *frame)
{
    PyObject *back = PyObject_GetAttrString(frame, "f_back");
    Py_DECREF(frame);
    return back;
}

/* The frame STACK_LEVEL levels up from the caller of the warning (new reference; None when
 * the stack is not that deep), or NULL. */
static PyObject *
caller_frame(Py_ssize_t stack_level)
{
    PyObject *getframe = PySys_GetObject("_getframe");
    PyObject *frame = getframe != NULL ? PyObject_CallNoArgs(getframe) : NULL;
    if (frame == NULL) {
        if (getframe == NULL || PyErr_ExceptionMatches(PyExc_ValueError)) {
            PyErr_Clear();
            return Py_NewRef(Py_None);
        }
        return NULL;
    }
    int skip_internal = stack_level > 0 && !is_internal_frame(frame);
    while (--stack_level > 0 && frame != NULL && frame != Py_None) {
        frame = frame_back(frame);
        while (skip_internal && frame != NULL && frame != Py_None && is_internal_frame(frame)) {
            frame = frame_back(frame);
        }
    }
    return frame;
}

/* filename, lineno, module and registry of the code STACK_LEVEL frames up (CPython's
 * setup_context); 0 or -1. The three objects are new references. */
static int
setup_context(Py_ssize_t stack_level, PyObject **filename, Py_ssize_t *lineno, PyObject **module,
              PyObject **registry)
{
    PyObject *frame = caller_frame(stack_level), *globals = NULL;
    *filename = *module = *registry = NULL;
    if (frame == NULL) {
        return -1;
    }
    if (frame == Py_None) {
        PyObject *sysmod = PyImport_GetModuleDict();
        sysmod = sysmod != NULL ? PyDict_GetItemString(sysmod, "sys") : NULL;
        globals = sysmod != NULL ? PyModule_GetDict(sysmod) : NULL;
        Py_XINCREF(globals);
        *filename = PyUnicode_FromString("sys");
        *lineno = 1;
    } else {
        PyObject *code = PyObject_GetAttrString(frame, "f_code");
        PyObject *ln = PyObject_GetAttrString(frame, "f_lineno");
        globals = PyObject_GetAttrString(frame, "f_globals");
        *filename = code != NULL ? PyObject_GetAttrString(code, "co_filename") : NULL;
        *lineno = ln != NULL && PyLong_Check(ln) ? PyLong_AsSsize_t(ln) : 0;
        Py_XDECREF(code);
        Py_XDECREF(ln);
    }
    Py_DECREF(frame);
    if (globals == NULL || *filename == NULL || !PyDict_Check(globals)) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "warnings: no globals for the calling frame");
        }
        goto error;
    }
    *registry = PyDict_GetItemString(globals, "__warningregistry__");
    if (*registry == NULL) {
        if ((*registry = PyDict_New()) == NULL ||
            PyDict_SetItemString(globals, "__warningregistry__", *registry) < 0) {
            goto error;
        }
    } else {
        Py_INCREF(*registry);
    }
    *module = PyDict_GetItemString(globals, "__name__");
    if (*module == NULL || !PyUnicode_Check(*module)) {
        *module = PyUnicode_FromString("<string>");
    } else {
        Py_INCREF(*module);
    }
    Py_DECREF(globals);
    return *module == NULL ? -1 : 0;
error:
    Py_XDECREF(globals);
    Py_CLEAR(*filename);
    Py_CLEAR(*registry);
    return -1;
}

int
pyrs_warnings_warn(PyObject *category, PyObject *message, Py_ssize_t stack_level, PyObject *source)
{
    PyObject *filename, *module, *registry;
    Py_ssize_t lineno;
    category = get_category(message, category);
    if (category == NULL ||
        setup_context(stack_level, &filename, &lineno, &module, &registry) < 0) {
        return -1;
    }
    int r = warn_explicit(category, message, filename, lineno, module, registry, NULL, source);
    Py_DECREF(filename);
    Py_DECREF(module);
    Py_DECREF(registry);
    return r;
}

int
pyrs_warnings_warn_explicit(PyObject *category, PyObject *message, PyObject *filename, int lineno,
                            PyObject *module, PyObject *registry)
{
    if (category == NULL) {
        category = PyExc_RuntimeWarning;
    }
    return warn_explicit(category, message, filename, lineno, module, registry, NULL, NULL);
}

/* ---- the PyErr_Warn* C-API ------------------------------------------------------------------
 * errors.c still defines these with a stand-in that only prints; once those definitions are
 * removed, PYRS_WARNINGS_CAPI becomes 1 and the real machinery above serves C callers too. */
#define PYRS_WARNINGS_CAPI 1
#if PYRS_WARNINGS_CAPI

/* Warns with the str MESSAGE (stolen; NULL means an error already happened). */
static int
warn_steal(PyObject *category, PyObject *message, Py_ssize_t stack_level, PyObject *source)
{
    if (message == NULL) {
        return -1;
    }
    int r = pyrs_warnings_warn(category != NULL ? category : PyExc_RuntimeWarning, message,
                               stack_level, source);
    Py_DECREF(message);
    return r;
}

int
PyErr_WarnEx(PyObject *category, const char *text, Py_ssize_t stack_level)
{
    return warn_steal(category, PyUnicode_FromString(text), stack_level, NULL);
}

int
PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format, ...)
{
    va_list vargs;
    va_start(vargs, format);
    PyObject *message = PyUnicode_FromFormatV(format, vargs);
    va_end(vargs);
    return warn_steal(category, message, stack_level, NULL);
}

int
PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level, const char *format, ...)
{
    va_list vargs;
    va_start(vargs, format);
    PyObject *message = PyUnicode_FromFormatV(format, vargs);
    va_end(vargs);
    return warn_steal(PyExc_ResourceWarning, message, stack_level, source);
}

int
PyErr_WarnExplicitObject(PyObject *category, PyObject *message, PyObject *filename, int lineno,
                         PyObject *module, PyObject *registry)
{
    return pyrs_warnings_warn_explicit(category, message, filename, lineno, module, registry);
}

int
PyErr_WarnExplicit(PyObject *category, const char *text, const char *filename_str, int lineno,
                   const char *module_str, PyObject *registry)
{
    PyObject *message = PyUnicode_FromString(text);
    PyObject *filename = PyUnicode_DecodeFSDefault(filename_str);
    PyObject *module = module_str != NULL ? PyUnicode_FromString(module_str) : NULL;
    int r = -1;
    if (message != NULL && filename != NULL && (module_str == NULL || module != NULL)) {
        r = pyrs_warnings_warn_explicit(category, message, filename, lineno, module, registry);
    }
    Py_XDECREF(message);
    Py_XDECREF(filename);
    Py_XDECREF(module);
    return r;
}

#endif /* PYRS_WARNINGS_CAPI */

/* ---- module functions -------------------------------------------------------------------- */

static PyObject *
warnings_warn(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames)
{
    static const char *const names[] = {"message", "category", "stacklevel", "source", NULL};
    PyObject *a[4];
    Py_ssize_t stacklevel = 1;
    if (pyrs_rtmods_bind("warn", args, nargs, kwnames, names, 1, a) < 0) {
        return NULL;
    }
    if (a[2] != NULL) {
        stacklevel = PyNumber_AsSsize_t(a[2], PyExc_OverflowError);
        if (stacklevel == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (pyrs_warnings_warn(a[1], a[0], stacklevel, a[3] == Py_None ? NULL : a[3]) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
warnings_warn_explicit(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames)
{
    static const char *const names[] = {"message",        "category", "filename",
                                        "lineno",         "module",   "registry",
                                        "module_globals", "source",   NULL};
    PyObject *a[8];
    if (pyrs_rtmods_bind("warn_explicit", args, nargs, kwnames, names, 4, a) < 0) {
        return NULL;
    }
    if (!PyUnicode_Check(a[2])) {
        PyErr_Format(PyExc_TypeError, "warn_explicit() argument 3 must be str, not %.50s",
                     Py_TYPE(a[2])->tp_name);
        return NULL;
    }
    int lineno = _PyLong_AsInt(a[3]);
    if (lineno == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (a[6] != NULL && a[6] != Py_None && !PyDict_Check(a[6])) {
        PyErr_Format(PyExc_TypeError, "module_globals must be a dict, not '%.200s'",
                     Py_TYPE(a[6])->tp_name);
        return NULL;
    }
    if (warn_explicit(a[1], a[0], a[2], lineno, a[4], a[5], NULL, a[7] == Py_None ? NULL : a[7]) <
        0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
warnings_filters_mutated(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    filters_version++;
    Py_RETURN_NONE;
}

static PyMethodDef warnings_methods[] = {
    {"warn", (PyCFunction)(void (*)(void))warnings_warn, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"warn_explicit", (PyCFunction)(void (*)(void))warnings_warn_explicit,
     METH_FASTCALL | METH_KEYWORDS, NULL},
    {"_filters_mutated", warnings_filters_mutated, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef warnings_module = {
    PyModuleDef_HEAD_INIT, "_warnings", NULL, 0, warnings_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__warnings(void);

PyMODINIT_FUNC
PyInit__warnings(void)
{
    if (state_ready() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&warnings_module);
    if (m == NULL || PyModule_AddObjectRef(m, "filters", filters) < 0 ||
        PyModule_AddObjectRef(m, "_onceregistry", once_registry) < 0 ||
        PyModule_AddObjectRef(m, "_defaultaction", default_action) < 0) {
        Py_XDECREF(m);
        return NULL;
    }
    return m;
}
