/* cxtest: a CPython 3.11 extension module built against python3.11-dev's headers (not
 * pyrs's) to test cpyext: PEP 489 multi-phase init with module state, a GC heap type made by
 * PyType_FromModuleAndSpec with methods, members, getsets, number/sequence/mapping slots,
 * rich comparison, weak references and the buffer protocol, a module exception, argument
 * parsing and value building, calls back into Python and iteration. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <structmember.h>

typedef struct {
    PyObject *vec_type; /* cxtest.Vec */
    PyObject *error;    /* cxtest.Error (a ValueError) */
    long counter;       /* bumped by counter() */
} cx_state;

static cx_state *
get_state(PyObject *module)
{
    return (cx_state *)PyModule_GetState(module);
}

/* ---- Vec: a growable vector of doubles ---- */

typedef struct {
    PyObject_HEAD
    double *data;
    Py_ssize_t size;
    PyObject *tag;      /* any object (member, may form cycles) */
    PyObject *weakrefs; /* weak reference list */
    int exports;        /* live buffer exports: resizing is refused meanwhile */
} VecObject;

static PyObject *
vec_alloc(PyTypeObject *type, Py_ssize_t n)
{
    VecObject *v = (VecObject *)type->tp_alloc(type, 0);
    if (v == NULL) {
        return NULL;
    }
    v->data = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof(double));
    if (v->data == NULL) {
        Py_DECREF(v);
        return PyErr_NoMemory();
    }
    v->size = n;
    return (PyObject *)v;
}

static PyObject *
vec_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"items", "tag", NULL};
    PyObject *items = NULL, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O$O:Vec", kwlist, &items, &tag)) {
        return NULL;
    }
    PyObject *seq = items ? PySequence_Fast(items, "Vec() argument must be iterable") : NULL;
    if (items != NULL && seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = seq ? PySequence_Fast_GET_SIZE(seq) : 0;
    VecObject *v = (VecObject *)vec_alloc(type, n);
    for (Py_ssize_t i = 0; v != NULL && i < n; i++) {
        double d = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (d == -1.0 && PyErr_Occurred()) {
            Py_CLEAR(v);
            break;
        }
        v->data[i] = d;
    }
    Py_XDECREF(seq);
    if (v != NULL) {
        Py_INCREF(tag);
        v->tag = tag;
    }
    return (PyObject *)v;
}

static int
vec_traverse(VecObject *v, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(v)); /* heap types own a reference to their type */
    Py_VISIT(v->tag);
    return 0;
}

static int
vec_clear(VecObject *v)
{
    Py_CLEAR(v->tag);
    return 0;
}

static void
vec_dealloc(VecObject *v)
{
    PyTypeObject *tp = Py_TYPE(v);
    PyObject_GC_UnTrack(v);
    if (v->weakrefs != NULL) {
        PyObject_ClearWeakRefs((PyObject *)v);
    }
    vec_clear(v);
    PyMem_Free(v->data);
    tp->tp_free((PyObject *)v);
    Py_DECREF(tp);
}

static PyObject *
vec_repr(VecObject *v)
{
    PyObject *parts = PyList_New(0);
    for (Py_ssize_t i = 0; parts != NULL && i < v->size; i++) {
        PyObject *f = PyFloat_FromDouble(v->data[i]);
        PyObject *r = f ? PyObject_Repr(f) : NULL;
        Py_XDECREF(f);
        if (r == NULL || PyList_Append(parts, r) < 0) {
            Py_XDECREF(r);
            Py_CLEAR(parts);
            break;
        }
        Py_DECREF(r);
    }
    if (parts == NULL) {
        return NULL;
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *body = sep ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    if (body == NULL) {
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("%s([%U], tag=%R)", _PyType_Name(Py_TYPE(v)), body,
                                         v->tag ? v->tag : Py_None);
    Py_DECREF(body);
    return res;
}

static PyObject *
vec_sum(VecObject *v, PyObject *Py_UNUSED(ignored))
{
    double s = 0.0;
    for (Py_ssize_t i = 0; i < v->size; i++) {
        s += v->data[i];
    }
    return PyFloat_FromDouble(s);
}

static PyObject *
vec_scale(VecObject *v, PyObject *factor)
{
    double f = PyFloat_AsDouble(factor);
    if (f == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < v->size; i++) {
        v->data[i] *= f;
    }
    Py_RETURN_NONE;
}

static PyObject *
vec_append(VecObject *v, PyObject *const *args, Py_ssize_t nargs)
{
    if (v->exports > 0) {
        PyErr_SetString(PyExc_BufferError, "Vec is exported: cannot resize");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < nargs; k++) {
        double d = PyFloat_AsDouble(args[k]);
        if (d == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        double *nd = PyMem_Realloc(v->data, (size_t)(v->size + 1) * sizeof(double));
        if (nd == NULL) {
            return PyErr_NoMemory();
        }
        v->data = nd;
        v->data[v->size++] = d;
    }
    return PyLong_FromSsize_t(v->size);
}

/* A METH_METHOD function: finds the module state through the defining class. */
static PyObject *
vec_module_counter(VecObject *Py_UNUSED(v), PyTypeObject *cls, PyObject *const *Py_UNUSED(args),
                   Py_ssize_t nargs, PyObject *kwnames)
{
    if (nargs != 0 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0)) {
        PyErr_SetString(PyExc_TypeError, "module_counter() takes no arguments");
        return NULL;
    }
    cx_state *st = PyType_GetModuleState(cls);
    if (st == NULL) {
        return NULL;
    }
    return PyLong_FromLong(st->counter);
}

static PyObject *
vec_zeros(PyTypeObject *type, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (n < 0) {
        PyErr_Format(PyExc_ValueError, "negative size: %zd", n);
        return NULL;
    }
    VecObject *v = (VecObject *)vec_alloc(type, n);
    if (v != NULL) {
        Py_INCREF(Py_None);
        v->tag = Py_None;
    }
    return (PyObject *)v;
}

static PyObject *
vec_dot(PyObject *Py_UNUSED(unused), PyObject *args)
{
    VecObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO:dot", &a, &b)) {
        return NULL;
    }
    if (Py_TYPE(a) != Py_TYPE(b) || Py_TYPE(a)->tp_dealloc != (destructor)vec_dealloc) {
        PyErr_SetString(PyExc_TypeError, "dot() needs two Vec objects");
        return NULL;
    }
    if (a->size != b->size) {
        PyErr_Format(PyExc_ValueError, "sizes differ: %zd != %zd", a->size, b->size);
        return NULL;
    }
    double s = 0;
    for (Py_ssize_t i = 0; i < a->size; i++) {
        s += a->data[i] * b->data[i];
    }
    return PyFloat_FromDouble(s);
}

static PyMethodDef vec_methods[] = {
    {"sum", (PyCFunction)vec_sum, METH_NOARGS, "sum of the items"},
    {"scale", (PyCFunction)vec_scale, METH_O, "multiply every item in place"},
    {"append", (PyCFunction)(void (*)(void))vec_append, METH_FASTCALL, "append items"},
    {"module_counter", (PyCFunction)(void (*)(void))vec_module_counter,
     METH_METHOD | METH_FASTCALL | METH_KEYWORDS, "the module's counter"},
    {"zeros", (PyCFunction)vec_zeros, METH_O | METH_CLASS, "a Vec of n zeros"},
    {"dot", (PyCFunction)vec_dot, METH_VARARGS | METH_STATIC, "dot product"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef vec_members[] = {
    {"tag", T_OBJECT_EX, offsetof(VecObject, tag), 0, "a tag"},
    {"size", T_PYSSIZET, offsetof(VecObject, size), READONLY, "number of items"},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(VecObject, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyObject *
vec_get_norm(VecObject *v, void *Py_UNUSED(closure))
{
    double s = 0;
    for (Py_ssize_t i = 0; i < v->size; i++) {
        s += v->data[i] * v->data[i];
    }
    return PyFloat_FromDouble(sqrt(s));
}

static PyObject *
vec_get_first(VecObject *v, void *Py_UNUSED(closure))
{
    if (v->size == 0) {
        PyErr_SetString(PyExc_AttributeError, "empty Vec has no first item");
        return NULL;
    }
    return PyFloat_FromDouble(v->data[0]);
}

static int
vec_set_first(VecObject *v, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete first");
        return -1;
    }
    double d = PyFloat_AsDouble(value);
    if (d == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    if (v->size == 0) {
        PyErr_SetString(PyExc_IndexError, "empty Vec");
        return -1;
    }
    v->data[0] = d;
    return 0;
}

static PyGetSetDef vec_getset[] = {
    {"norm", (getter)vec_get_norm, NULL, "Euclidean norm", NULL},
    {"first", (getter)vec_get_first, (setter)vec_set_first, "first item", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static Py_ssize_t
vec_len(VecObject *v)
{
    return v->size;
}

static PyObject *
vec_item(VecObject *v, Py_ssize_t i)
{
    if (i < 0 || i >= v->size) {
        PyErr_SetString(PyExc_IndexError, "Vec index out of range");
        return NULL;
    }
    return PyFloat_FromDouble(v->data[i]);
}

static PyObject *
vec_add(PyObject *a, PyObject *b)
{
    if (Py_TYPE(a) != Py_TYPE(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    VecObject *x = (VecObject *)a, *y = (VecObject *)b;
    if (x->size != y->size) {
        PyErr_SetString(PyExc_ValueError, "Vec sizes differ");
        return NULL;
    }
    VecObject *r = (VecObject *)vec_alloc(Py_TYPE(a), x->size);
    if (r == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < x->size; i++) {
        r->data[i] = x->data[i] + y->data[i];
    }
    Py_INCREF(Py_None);
    r->tag = Py_None;
    return (PyObject *)r;
}

static int
vec_bool(VecObject *v)
{
    return v->size > 0;
}

static PyObject *
vec_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    VecObject *x = (VecObject *)a, *y = (VecObject *)b;
    int eq = x->size == y->size;
    for (Py_ssize_t i = 0; eq && i < x->size; i++) {
        eq = x->data[i] == y->data[i];
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static int
vec_getbuffer(VecObject *v, Py_buffer *view, int flags)
{
    if (PyBuffer_FillInfo(view, (PyObject *)v, v->data, v->size * (Py_ssize_t)sizeof(double), 0,
                          flags) < 0) {
        return -1;
    }
    view->itemsize = sizeof(double);
    if (flags & PyBUF_FORMAT) {
        view->format = "d";
    }
    if (flags & PyBUF_ND) {
        view->ndim = 1;
        view->shape = &v->size;
    }
    v->exports++;
    return 0;
}

static void
vec_releasebuffer(VecObject *v, Py_buffer *Py_UNUSED(view))
{
    v->exports--;
}

static PyType_Slot vec_slots[] = {
    {Py_tp_new, vec_new},
    {Py_tp_dealloc, vec_dealloc},
    {Py_tp_traverse, vec_traverse},
    {Py_tp_clear, vec_clear},
    {Py_tp_repr, vec_repr},
    {Py_tp_methods, vec_methods},
    {Py_tp_members, vec_members},
    {Py_tp_getset, vec_getset},
    {Py_tp_richcompare, vec_richcompare},
    {Py_sq_length, vec_len},
    {Py_sq_item, vec_item},
    {Py_nb_add, vec_add},
    {Py_nb_bool, vec_bool},
    {Py_bf_getbuffer, vec_getbuffer},
    {Py_bf_releasebuffer, vec_releasebuffer},
    {Py_tp_doc, "Vec(items=(), *, tag=None): a vector of floats"},
    {0, NULL},
};

static PyType_Spec vec_spec = {
    "cxtest.Vec",
    sizeof(VecObject),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    vec_slots,
};

/* ---- module functions ---- */

static PyObject *
cx_counter(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    cx_state *st = get_state(module);
    return PyLong_FromLong(++st->counter);
}

static PyObject *
cx_raise_error(PyObject *module, PyObject *args)
{
    const char *msg;
    int code = 0;
    if (!PyArg_ParseTuple(args, "s|i:raise_error", &msg, &code)) {
        return NULL;
    }
    PyObject *exc = PyObject_CallFunction(get_state(module)->error, "si", msg, code);
    if (exc != NULL) {
        PyErr_SetObject(get_state(module)->error, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

static PyObject *
cx_parse(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", "count", "ratio", "data", "flag", NULL};
    const char *name;
    int count = 1;
    double ratio = 0.5;
    const char *data = NULL;
    Py_ssize_t datalen = 0;
    int flag = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s|id$y#p:parse", kwlist, &name, &count, &ratio,
                                     &data, &datalen, &flag)) {
        return NULL;
    }
    return Py_BuildValue("{s:s,s:i,s:d,s:y#,s:O}", "name", name, "count", count, "ratio", ratio,
                         "data", data ? data : "", datalen, "flag", flag ? Py_True : Py_False);
}

static PyObject *
cx_build(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(iIlkLKnd)[s,z,y#]{s:(ii)}NC", -1, 4000000000u, -7L, 7ul, -(1LL << 40),
                         1ULL << 63, (Py_ssize_t)-3, 2.5, "text", NULL, "by\0tes", (Py_ssize_t)6,
                         "pair", 1, 2, PyUnicode_FromString("owned"), 0x263A);
}

static PyObject *
cx_call(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "call() needs a callable");
        return NULL;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    if (rest == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Call(PyTuple_GET_ITEM(args, 0), rest, kwds);
    Py_DECREF(rest);
    return res;
}

static PyObject *
cx_total(PyObject *Py_UNUSED(module), PyObject *iterable)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) {
        return NULL;
    }
    PyObject *total = PyLong_FromLong(0), *item;
    while (total != NULL && (item = PyIter_Next(it)) != NULL) {
        PyObject *t = PyNumber_Add(total, item);
        Py_DECREF(item);
        Py_SETREF(total, t);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_XDECREF(total);
        return NULL;
    }
    return total;
}

static PyObject *
cx_buffer_info(PyObject *Py_UNUSED(module), PyObject *obj)
{
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_FULL_RO) < 0) {
        return NULL;
    }
    long checksum = 0;
    if (PyBuffer_IsContiguous(&view, 'C')) {
        for (Py_ssize_t i = 0; i < view.len; i++) {
            checksum = checksum * 31 + ((unsigned char *)view.buf)[i];
            checksum %= 1000003;
        }
    }
    PyObject *res = Py_BuildValue("{s:n,s:n,s:s,s:i,s:i,s:l}", "len", view.len, "itemsize",
                                  view.itemsize, "format", view.format ? view.format : "B", "ndim",
                                  view.ndim, "readonly", view.readonly, "checksum", checksum);
    PyBuffer_Release(&view);
    return res;
}

static PyObject *
cx_containers(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    PyObject *d = PyDict_New();
    PyObject *l = PyList_New(0);
    PyObject *s = PySet_New(NULL);
    PyObject *res = NULL;
    if (d == NULL || l == NULL || s == NULL) {
        goto done;
    }
    for (long i = 0; i < 5; i++) {
        PyObject *k = PyLong_FromLong(i);
        PyObject *v = PyUnicode_FromFormat("v%ld", i * i);
        if (k == NULL || v == NULL || PyDict_SetItem(d, v, k) < 0 || PyList_Append(l, k) < 0 ||
            PySet_Add(s, v) < 0) {
            Py_XDECREF(k);
            Py_XDECREF(v);
            goto done;
        }
        Py_DECREF(k);
        Py_DECREF(v);
    }
    if (PyList_Reverse(l) < 0 || PyDict_DelItemString(d, "v4") < 0) {
        goto done;
    }
    PyObject *t = PyList_AsTuple(l);
    PyObject *keys = PyDict_Keys(d);
    PyObject *sorted = PySequence_List(s);
    if (sorted != NULL && PyList_Sort(sorted) < 0) {
        Py_CLEAR(sorted);
    }
    if (t != NULL && keys != NULL && sorted != NULL) {
        res = Py_BuildValue("(OOOnn)", t, keys, sorted, PyDict_Size(d), PySet_Size(s));
    }
    Py_XDECREF(t);
    Py_XDECREF(keys);
    Py_XDECREF(sorted);
done:
    Py_XDECREF(d);
    Py_XDECREF(l);
    Py_XDECREF(s);
    return res;
}

static PyObject *
cx_strings(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "expected str, got %.50s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(arg, &size);
    if (utf8 == NULL) {
        return NULL;
    }
    PyObject *upper = PyObject_CallMethod(arg, "upper", NULL);
    PyObject *enc = PyUnicode_AsEncodedString(arg, "utf-16-le", "strict");
    PyObject *res = NULL;
    if (upper != NULL && enc != NULL) {
        res = Py_BuildValue("(nnOnI)", size, PyUnicode_GetLength(arg), upper, PyBytes_GET_SIZE(enc),
                            (unsigned)PyUnicode_ReadChar(arg, PyUnicode_GetLength(arg) - 1));
    }
    Py_XDECREF(upper);
    Py_XDECREF(enc);
    return res;
}

static PyObject *
cx_numbers(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_UnpackTuple(args, "numbers", 2, 2, &a, &b)) {
        return NULL;
    }
    PyObject *sum = PyNumber_Add(a, b);
    PyObject *prod = sum ? PyNumber_Multiply(a, b) : NULL;
    PyObject *pw = prod ? PyNumber_Power(a, b, Py_None) : NULL;
    PyObject *fl = pw ? PyNumber_FloorDivide(a, b) : NULL;
    PyObject *res = NULL;
    if (fl != NULL) {
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(pw, &overflow);
        if (v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            v = 0;
        }
        res = Py_BuildValue("(OOOOiL)", sum, prod, pw, fl, overflow, overflow ? 0LL : v);
    }
    Py_XDECREF(sum);
    Py_XDECREF(prod);
    Py_XDECREF(pw);
    Py_XDECREF(fl);
    return res;
}

static PyMethodDef cx_functions[] = {
    {"counter", cx_counter, METH_NOARGS, "increment and return the module's counter"},
    {"raise_error", cx_raise_error, METH_VARARGS, "raise cxtest.Error(msg, code)"},
    {"parse", (PyCFunction)(void (*)(void))cx_parse, METH_VARARGS | METH_KEYWORDS,
     "parse arguments"},
    {"build", cx_build, METH_NOARGS, "Py_BuildValue of every unit"},
    {"call", (PyCFunction)(void (*)(void))cx_call, METH_VARARGS | METH_KEYWORDS,
     "call(f, *args, **kw)"},
    {"total", cx_total, METH_O, "sum of an iterable"},
    {"buffer_info", cx_buffer_info, METH_O, "what PyObject_GetBuffer sees"},
    {"containers", cx_containers, METH_NOARGS, "dict/list/set API"},
    {"strings", cx_strings, METH_O, "str API"},
    {"numbers", cx_numbers, METH_VARARGS, "number protocol"},
    {NULL, NULL, 0, NULL},
};

/* ---- module definition (multi-phase) ---- */

static int
cx_exec(PyObject *module)
{
    cx_state *st = get_state(module);
    st->vec_type = PyType_FromModuleAndSpec(module, &vec_spec, NULL);
    if (st->vec_type == NULL || PyModule_AddType(module, (PyTypeObject *)st->vec_type) < 0) {
        return -1;
    }
    st->error = PyErr_NewExceptionWithDoc("cxtest.Error", "cxtest's error", PyExc_ValueError, NULL);
    if (st->error == NULL || PyModule_AddObjectRef(module, "Error", st->error) < 0) {
        return -1;
    }
    if (PyModule_AddIntConstant(module, "ANSWER", 42) < 0 ||
        PyModule_AddStringConstant(module, "GREETING", "hello from C") < 0) {
        return -1;
    }
    return 0;
}

static int
cx_traverse(PyObject *module, visitproc visit, void *arg)
{
    cx_state *st = get_state(module);
    Py_VISIT(st->vec_type);
    Py_VISIT(st->error);
    return 0;
}

static int
cx_clear(PyObject *module)
{
    cx_state *st = get_state(module);
    Py_CLEAR(st->vec_type);
    Py_CLEAR(st->error);
    return 0;
}

static void
cx_free(void *module)
{
    cx_clear((PyObject *)module);
}

static PyModuleDef_Slot cx_slots[] = {
    {Py_mod_exec, cx_exec},
    {0, NULL},
};

static struct PyModuleDef cx_module = {
    PyModuleDef_HEAD_INIT, "cxtest",     "cpyext test module (multi-phase init)",
    sizeof(cx_state),      cx_functions, cx_slots,
    cx_traverse,           cx_clear,     cx_free,
};

PyMODINIT_FUNC
PyInit_cxtest(void)
{
    return PyModuleDef_Init(&cx_module);
}
