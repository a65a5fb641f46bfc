/* context.c: contextvars.Context, ContextVar and Token with the PyContext* C-API, as CPython
 * 3.11's Python/context.c. A context's variables live in a dict that is never mutated once
 * shared: setting a variable installs a fresh copy, so Context.copy() is O(1) like CPython's
 * HAMT while set() is O(n) (iteration order is insertion order, not the HAMT's). The current
 * context is the thread state's `context` field. */
#include "Python.h"
#include "context.h"
#include "pyrs/rtmods.h"
#include "pyrs/state.h"

struct _pycontextobject {
    PyObject_HEAD
    PyContext *ctx_prev; /* context to restore on exit, while entered */
    PyObject *ctx_vars;  /* dict ContextVar -> value, treated as immutable */
    PyObject *ctx_weakreflist;
    int ctx_entered; /* currently entered */
};

struct _pycontextvarobject {
    PyObject_HEAD
    PyObject *var_name;    /* str */
    PyObject *var_default; /* default value or NULL */
};

struct _pycontexttokenobject {
    PyObject_HEAD
    PyContext *tok_ctx;    /* context in which set() ran */
    PyContextVar *tok_var; /* the variable */
    PyObject *tok_oldval;  /* previous value or NULL (Token.MISSING) */
    int tok_used;          /* reset() already done */
};

static PyObject token_missing_obj;
static PyTypeObject token_missing_type;

/* ---- contexts ------------------------------------------------------------------------------ */

static PyContext *
context_alloc(PyObject *vars)
{
    PyContext *ctx = PyObject_GC_New(PyContext, &PyContext_Type);
    if (ctx == NULL) {
        return NULL;
    }
    ctx->ctx_prev = NULL;
    ctx->ctx_entered = 0;
    ctx->ctx_weakreflist = NULL;
    ctx->ctx_vars = vars != NULL ? Py_NewRef(vars) : PyDict_New();
    if (ctx->ctx_vars == NULL) {
        Py_DECREF(ctx);
        return NULL;
    }
    PyObject_GC_Track(ctx);
    return ctx;
}

/* The thread's current context (borrowed), created empty on first use; NULL on error. */
static PyContext *
context_current(void)
{
    PyThreadState *ts = pyrs_state_get();
    if (ts->context == NULL) {
        ts->context = (PyObject *)context_alloc(NULL);
        ts->context_ver++;
    }
    return (PyContext *)ts->context;
}

PyObject *
PyContext_New(void)
{
    return (PyObject *)context_alloc(NULL);
}

PyObject *
PyContext_Copy(PyObject *ctx)
{
    if (!PyContext_CheckExact(ctx)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return (PyObject *)context_alloc(((PyContext *)ctx)->ctx_vars);
}

PyObject *
PyContext_CopyCurrent(void)
{
    PyContext *ctx = context_current();
    return ctx == NULL ? NULL : (PyObject *)context_alloc(ctx->ctx_vars);
}

int
PyContext_Enter(PyObject *octx)
{
    PyContext *ctx = (PyContext *)octx;
    if (!PyContext_CheckExact(octx)) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (ctx->ctx_entered) {
        PyErr_Format(PyExc_RuntimeError, "cannot enter context: %R is already entered", octx);
        return -1;
    }
    if (context_current() == NULL) {
        return -1;
    }
    PyThreadState *ts = pyrs_state_get();
    ctx->ctx_prev = (PyContext *)ts->context; /* the reference moves */
    ctx->ctx_entered = 1;
    ts->context = Py_NewRef(octx);
    ts->context_ver++;
    return 0;
}

int
PyContext_Exit(PyObject *octx)
{
    PyContext *ctx = (PyContext *)octx;
    PyThreadState *ts = pyrs_state_get();
    if (!PyContext_CheckExact(octx)) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (!ctx->ctx_entered) {
        PyErr_Format(PyExc_RuntimeError, "cannot exit context: %R has not been entered", octx);
        return -1;
    }
    if (ts->context != octx) {
        PyErr_SetString(PyExc_RuntimeError,
                        "cannot exit context: thread state references a different context object");
        return -1;
    }
    PyObject *cur = ts->context;
    ts->context = (PyObject *)ctx->ctx_prev;
    ts->context_ver++;
    ctx->ctx_prev = NULL;
    ctx->ctx_entered = 0;
    Py_DECREF(cur);
    return 0;
}

static PyObject *
context_tp_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) || (kwds != NULL && PyDict_GET_SIZE(kwds))) {
        PyErr_SetString(PyExc_TypeError, "Context() does not accept any arguments");
        return NULL;
    }
    return PyContext_New();
}

static int
context_tp_clear(PyObject *op)
{
    PyContext *self = (PyContext *)op;
    Py_CLEAR(self->ctx_prev);
    Py_CLEAR(self->ctx_vars);
    return 0;
}

static int
context_tp_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyContext *self = (PyContext *)op;
    Py_VISIT(self->ctx_prev);
    Py_VISIT(self->ctx_vars);
    return 0;
}

static void
context_tp_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    if (((PyContext *)op)->ctx_weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    context_tp_clear(op);
    PyObject_GC_Del(op);
}

static int
check_var_key(PyObject *key)
{
    if (!PyContextVar_CheckExact(key)) {
        PyErr_Format(PyExc_TypeError, "a ContextVar key was expected, got %R", key);
        return -1;
    }
    return 0;
}

static PyObject *
context_tp_subscript(PyObject *op, PyObject *key)
{
    if (check_var_key(key) < 0) {
        return NULL;
    }
    PyObject *v = PyDict_GetItemWithError(((PyContext *)op)->ctx_vars, key);
    if (v == NULL && !PyErr_Occurred()) {
        PyErr_SetObject(PyExc_KeyError, key);
    }
    return Py_XNewRef(v);
}

static int
context_tp_contains(PyObject *op, PyObject *key)
{
    if (check_var_key(key) < 0) {
        return -1;
    }
    return PyDict_Contains(((PyContext *)op)->ctx_vars, key);
}

static Py_ssize_t
context_tp_len(PyObject *op)
{
    return PyDict_GET_SIZE(((PyContext *)op)->ctx_vars);
}

static PyObject *
context_tp_iter(PyObject *op)
{
    return PyObject_GetIter(((PyContext *)op)->ctx_vars);
}

static PyObject *
context_tp_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PyContext_CheckExact(v) || !PyContext_CheckExact(w) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return PyObject_RichCompare(((PyContext *)v)->ctx_vars, ((PyContext *)w)->ctx_vars, op);
}

static PyObject *
context_get(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "get expected %s 1 argument%s, got %zd",
                     nargs < 1 ? "at least" : "at most", nargs < 1 ? "" : "", nargs);
        return NULL;
    }
    if (check_var_key(args[0]) < 0) {
        return NULL;
    }
    PyObject *v = PyDict_GetItemWithError(((PyContext *)op)->ctx_vars, args[0]);
    if (v == NULL && PyErr_Occurred()) {
        return NULL;
    }
    return Py_NewRef(v != NULL ? v : nargs > 1 ? args[1] : Py_None);
}

/* keys()/values()/items(): views of the variables' dict, which is never mutated once shared,
 * so they behave as CPython's snapshot views (sized, iterable, containment). */
static PyObject *
context_view(PyObject *op, const char *which)
{
    return PyObject_CallMethod(((PyContext *)op)->ctx_vars, which, NULL);
}

static PyObject *
context_items(PyObject *op, PyObject *Py_UNUSED(args))
{
    return context_view(op, "items");
}

static PyObject *
context_keys(PyObject *op, PyObject *Py_UNUSED(args))
{
    return context_view(op, "keys");
}

static PyObject *
context_values(PyObject *op, PyObject *Py_UNUSED(args))
{
    return context_view(op, "values");
}

static PyObject *
context_copy(PyObject *op, PyObject *Py_UNUSED(args))
{
    return PyContext_Copy(op);
}

static PyObject *
context_run(PyObject *op, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs < 1) {
        PyErr_SetString(PyExc_TypeError, "run() missing 1 required positional argument");
        return NULL;
    }
    if (PyContext_Enter(op) < 0) {
        return NULL;
    }
    PyObject *res = PyObject_Vectorcall(args[0], args + 1, (size_t)(nargs - 1), kwnames);
    if (PyContext_Exit(op) < 0) {
        Py_CLEAR(res);
    }
    return res;
}

static PyMethodDef context_methods[] = {
    {"get", (PyCFunction)(void (*)(void))context_get, METH_FASTCALL, NULL},
    {"items", context_items, METH_NOARGS, NULL},
    {"keys", context_keys, METH_NOARGS, NULL},
    {"values", context_values, METH_NOARGS, NULL},
    {"copy", context_copy, METH_NOARGS, NULL},
    {"run", (PyCFunction)(void (*)(void))context_run, METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods context_as_sequence = {.sq_contains = context_tp_contains};

static PyMappingMethods context_as_mapping = {
    .mp_length = context_tp_len,
    .mp_subscript = context_tp_subscript,
};

PyTypeObject PyContext_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_contextvars.Context",
    .tp_basicsize = sizeof(PyContext),
    .tp_dealloc = context_tp_dealloc,
    .tp_as_sequence = &context_as_sequence,
    .tp_as_mapping = &context_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = context_tp_traverse,
    .tp_clear = context_tp_clear,
    .tp_richcompare = context_tp_richcompare,
    .tp_weaklistoffset = offsetof(PyContext, ctx_weakreflist),
    .tp_iter = context_tp_iter,
    .tp_methods = context_methods,
    .tp_new = context_tp_new,
};

/* ---- context variables --------------------------------------------------------------------- */

static PyObject *
contextvar_alloc(PyObject *name, PyObject *def)
{
    if (!PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "context variable name must be a str");
        return NULL;
    }
    PyContextVar *var = PyObject_GC_New(PyContextVar, &PyContextVar_Type);
    if (var == NULL) {
        return NULL;
    }
    var->var_name = Py_NewRef(name);
    var->var_default = Py_XNewRef(def);
    PyObject_GC_Track(var);
    return (PyObject *)var;
}

PyObject *
PyContextVar_New(const char *name, PyObject *def)
{
    PyObject *pyname = PyUnicode_FromString(name);
    if (pyname == NULL) {
        return NULL;
    }
    PyObject *var = contextvar_alloc(pyname, def);
    Py_DECREF(pyname);
    return var;
}

int
PyContextVar_Get(PyObject *ovar, PyObject *def, PyObject **val)
{
    PyContextVar *var = (PyContextVar *)ovar;
    if (!PyContextVar_CheckExact(ovar)) {
        PyErr_BadInternalCall();
        *val = NULL;
        return -1;
    }
    PyContext *ctx = context_current();
    if (ctx == NULL) {
        *val = NULL;
        return -1;
    }
    PyObject *v = PyDict_GetItemWithError(ctx->ctx_vars, ovar);
    if (v == NULL && PyErr_Occurred()) {
        *val = NULL;
        return -1;
    }
    if (v == NULL) {
        v = def != NULL ? def : var->var_default;
    }
    *val = Py_XNewRef(v);
    return 0;
}

/* Installs a copy of the current context's variables with VAR set to VALUE (NULL deletes). */
static int
contextvar_store(PyObject *var, PyObject *value)
{
    PyContext *ctx = context_current();
    if (ctx == NULL) {
        return -1;
    }
    PyObject *vars = PyDict_Copy(ctx->ctx_vars);
    if (vars == NULL) {
        return -1;
    }
    int r = value != NULL ? PyDict_SetItem(vars, var, value) : PyDict_DelItem(vars, var);
    if (r < 0) {
        Py_DECREF(vars);
        return -1;
    }
    Py_SETREF(ctx->ctx_vars, vars);
    return 0;
}

PyObject *
PyContextVar_Set(PyObject *var, PyObject *val)
{
    if (!PyContextVar_CheckExact(var)) {
        PyErr_SetString(PyExc_TypeError, "an instance of ContextVar was expected");
        return NULL;
    }
    PyContext *ctx = context_current();
    if (ctx == NULL) {
        return NULL;
    }
    PyObject *old = PyDict_GetItemWithError(ctx->ctx_vars, var);
    if (old == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyContextToken *tok = PyObject_GC_New(PyContextToken, &PyContextToken_Type);
    if (tok == NULL) {
        return NULL;
    }
    tok->tok_ctx = (PyContext *)Py_NewRef((PyObject *)ctx);
    tok->tok_var = (PyContextVar *)Py_NewRef(var);
    tok->tok_oldval = Py_XNewRef(old);
    tok->tok_used = 0;
    PyObject_GC_Track(tok);
    if (contextvar_store(var, val) < 0) {
        Py_DECREF(tok);
        return NULL;
    }
    return (PyObject *)tok;
}

int
PyContextVar_Reset(PyObject *var, PyObject *otok)
{
    PyContextToken *tok = (PyContextToken *)otok;
    if (!PyContextVar_CheckExact(var)) {
        PyErr_SetString(PyExc_TypeError, "an instance of ContextVar was expected");
        return -1;
    }
    if (tok->tok_used) {
        PyErr_Format(PyExc_RuntimeError, "%R has already been used once", otok);
        return -1;
    }
    if ((PyObject *)tok->tok_var != var) {
        PyErr_Format(PyExc_ValueError, "%R was created by a different ContextVar", otok);
        return -1;
    }
    PyContext *ctx = context_current();
    if (ctx == NULL) {
        return -1;
    }
    if (ctx != tok->tok_ctx) {
        PyErr_Format(PyExc_ValueError, "%R was created in a different Context", otok);
        return -1;
    }
    tok->tok_used = 1;
    if (tok->tok_oldval == NULL && PyDict_GetItemWithError(ctx->ctx_vars, var) == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    return contextvar_store(var, tok->tok_oldval);
}

static PyObject *
contextvar_tp_new(PyTypeObject *Py_UNUSED(type), PyObject *args, PyObject *kwds)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *def = NULL, *key, *value;
    if (n != 1) {
        PyErr_Format(PyExc_TypeError, "ContextVar() takes %s 1 positional argument (%zd given)",
                     n > 1 ? "at most" : "exactly", n);
        return NULL;
    }
    for (Py_ssize_t pos = 0; kwds != NULL && PyDict_Next(kwds, &pos, &key, &value);) {
        if (!PyUnicode_Check(key) || PyUnicode_CompareWithASCIIString(key, "default") != 0) {
            PyErr_Format(PyExc_TypeError, "%R is an invalid keyword argument for ContextVar()",
                         key);
            return NULL;
        }
        def = value;
    }
    return contextvar_alloc(PyTuple_GET_ITEM(args, 0), def);
}

static int
contextvar_tp_clear(PyObject *op)
{
    PyContextVar *self = (PyContextVar *)op;
    Py_CLEAR(self->var_name);
    Py_CLEAR(self->var_default);
    return 0;
}

static int
contextvar_tp_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyContextVar *self = (PyContextVar *)op;
    Py_VISIT(self->var_name);
    Py_VISIT(self->var_default);
    return 0;
}

static void
contextvar_tp_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    contextvar_tp_clear(op);
    PyObject_GC_Del(op);
}

static PyObject *
contextvar_tp_repr(PyObject *op)
{
    PyContextVar *self = (PyContextVar *)op;
    if (self->var_default != NULL) {
        return PyUnicode_FromFormat("<ContextVar name=%R default=%R at %p>", self->var_name,
                                    self->var_default, op);
    }
    return PyUnicode_FromFormat("<ContextVar name=%R at %p>", self->var_name, op);
}

static PyObject *
contextvar_get(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *val;
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "get expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (PyContextVar_Get(op, nargs ? args[0] : NULL, &val) < 0) {
        return NULL;
    }
    if (val == NULL) {
        PyErr_SetObject(PyExc_LookupError, op);
    }
    return val;
}

static PyObject *
contextvar_set(PyObject *op, PyObject *value)
{
    return PyContextVar_Set(op, value);
}

static PyObject *
contextvar_reset(PyObject *op, PyObject *token)
{
    if (!PyContextToken_CheckExact(token)) {
        PyErr_Format(PyExc_TypeError, "expected an instance of Token, got %R", token);
        return NULL;
    }
    if (PyContextVar_Reset(op, token) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
contextvar_name_get(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyContextVar *)op)->var_name);
}

static PyMethodDef contextvar_methods[] = {
    {"get", (PyCFunction)(void (*)(void))contextvar_get, METH_FASTCALL, NULL},
    {"set", contextvar_set, METH_O, NULL},
    {"reset", contextvar_reset, METH_O, NULL},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef contextvar_getset[] = {
    {"name", contextvar_name_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyContextVar_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_contextvars.ContextVar",
    .tp_basicsize = sizeof(PyContextVar),
    .tp_dealloc = contextvar_tp_dealloc,
    .tp_repr = contextvar_tp_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = contextvar_tp_traverse,
    .tp_clear = contextvar_tp_clear,
    .tp_methods = contextvar_methods,
    .tp_getset = contextvar_getset,
    .tp_new = contextvar_tp_new,
};

/* ---- tokens -------------------------------------------------------------------------------- */

static PyObject *
token_tp_new(PyTypeObject *Py_UNUSED(type), PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    PyErr_SetString(PyExc_RuntimeError, "Tokens can only be created by ContextVars");
    return NULL;
}

static int
token_tp_clear(PyObject *op)
{
    PyContextToken *self = (PyContextToken *)op;
    Py_CLEAR(self->tok_ctx);
    Py_CLEAR(self->tok_var);
    Py_CLEAR(self->tok_oldval);
    return 0;
}

static int
token_tp_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyContextToken *self = (PyContextToken *)op;
    Py_VISIT(self->tok_ctx);
    Py_VISIT(self->tok_var);
    Py_VISIT(self->tok_oldval);
    return 0;
}

static void
token_tp_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    token_tp_clear(op);
    PyObject_GC_Del(op);
}

static PyObject *
token_tp_repr(PyObject *op)
{
    PyContextToken *self = (PyContextToken *)op;
    return PyUnicode_FromFormat("<Token%s var=%R at %p>", self->tok_used ? " used" : "",
                                (PyObject *)self->tok_var, op);
}

static PyObject *
token_var_get(PyObject *op, void *Py_UNUSED(closure))
{
    return Py_NewRef((PyObject *)((PyContextToken *)op)->tok_var);
}

static PyObject *
token_old_value_get(PyObject *op, void *Py_UNUSED(closure))
{
    PyObject *v = ((PyContextToken *)op)->tok_oldval;
    return Py_NewRef(v != NULL ? v : &token_missing_obj);
}

static PyMethodDef token_methods[] = {
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef token_getset[] = {
    {"var", token_var_get, NULL, NULL, NULL},
    {"old_value", token_old_value_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyContextToken_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_contextvars.Token",
    .tp_basicsize = sizeof(PyContextToken),
    .tp_dealloc = token_tp_dealloc,
    .tp_repr = token_tp_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = token_tp_traverse,
    .tp_clear = token_tp_clear,
    .tp_methods = token_methods,
    .tp_getset = token_getset,
    .tp_new = token_tp_new,
};

/* Token.MISSING: a static singleton of its own type. */
static PyObject *
missing_repr(PyObject *Py_UNUSED(op))
{
    return PyUnicode_FromString("<Token.MISSING>");
}

static void
missing_dealloc(PyObject *Py_UNUSED(op))
{
}

static PyTypeObject token_missing_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "Token.MISSING",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = missing_dealloc,
    .tp_repr = missing_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject token_missing_obj = {1 << 30, &token_missing_type};

int
pyrs_context_init_types(void)
{
    if (PyType_Ready(&token_missing_type) < 0 || PyType_Ready(&PyContext_Type) < 0 ||
        PyType_Ready(&PyContextVar_Type) < 0 || PyType_Ready(&PyContextToken_Type) < 0) {
        return -1;
    }
    if (PyDict_GetItemString(PyContextToken_Type.tp_dict, "MISSING") == NULL) {
        if (PyDict_SetItemString(PyContextToken_Type.tp_dict, "MISSING", &token_missing_obj) < 0) {
            return -1;
        }
        PyType_Modified(&PyContextToken_Type);
    }
    return 0;
}
