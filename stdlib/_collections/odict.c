/* _collections/odict.c: collections.OrderedDict, a dict subclass that remembers insertion
 * order, with its order-aware views and iterators, mirroring CPython 3.11's
 * Objects/odictobject.c (move_to_end, popitem(last), order-sensitive ==, repr, pickling, |,
 * and the "mutated"/"changed size during iteration" checks). The order lives in a linked list
 * of nodes found through a side dict (key -> node) rather than CPython's index table. */
#include "collections.h"
#include "pyrs/call.h"

/* One key's place in the order. Plain (non-GC) object: the side dict holds the only
 * reference; the key reference it owns is reported by odict_traverse. */
typedef struct odictnode {
    PyObject_HEAD
    struct odictnode *prev, *next; /* neighbours (not owned) */
    PyObject *key;                 /* owned */
    Py_hash_t hash;                /* hash of key */
} odictnode;

/* Created by dict's tp_new (zero-filled): od_nodes is made on first insertion, so
 * dict.__new__(OrderedDict) gives a working object as in CPython. */
typedef struct {
    PyDictObject od_dict;     /* the dict part, laid out as the base type's */
    odictnode *first, *last;  /* the order (borrowed from od_nodes) */
    PyObject *od_nodes;       /* dict: key -> odictnode */
    size_t od_state;          /* changes whenever the order changes */
    PyObject *od_inst_dict;   /* instance __dict__ */
    PyObject *od_weakreflist; /* weak references */
} odictobject;

#define odict_type pyrs_collections_odict_type
#define ODICT(op)  ((odictobject *)(op))

static PyTypeObject odictnode_type;
static PyTypeObject odictiter_type;
static PyTypeObject odictkeys_type;
static PyTypeObject odictvalues_type;
static PyTypeObject odictitems_type;

/* ---- the node list ----------------------------------------------------------------------- */

static void
odictnode_dealloc(odictnode *node)
{
    Py_XDECREF(node->key);
    PyObject_Free(node);
}

static PyTypeObject odictnode_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "collections._odictnode",
    .tp_basicsize = sizeof(odictnode),
    .tp_dealloc = (destructor)odictnode_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* The node of KEY (borrowed), or NULL: with an exception only if the lookup failed. */
static odictnode *
find_node(odictobject *od, PyObject *key, Py_hash_t hash)
{
    if (od->od_nodes == NULL) {
        return NULL;
    }
    return (odictnode *)_PyDict_GetItem_KnownHash(od->od_nodes, key, hash);
}

static void
link_tail(odictobject *od, odictnode *node)
{
    node->prev = od->last;
    node->next = NULL;
    if (od->last == NULL) {
        od->first = node;
    } else {
        od->last->next = node;
    }
    od->last = node;
    od->od_state++;
}

static void
link_head(odictobject *od, odictnode *node)
{
    node->prev = NULL;
    node->next = od->first;
    if (od->first == NULL) {
        od->last = node;
    } else {
        od->first->prev = node;
    }
    od->first = node;
    od->od_state++;
}

static void
unlink_node(odictobject *od, odictnode *node)
{
    if (node->prev == NULL) {
        od->first = node->next;
    } else {
        node->prev->next = node->next;
    }
    if (node->next == NULL) {
        od->last = node->prev;
    } else {
        node->next->prev = node->prev;
    }
    node->prev = node->next = NULL;
    od->od_state++;
}

/* Appends a node for KEY unless it has one. 0 or -1. */
static int
add_node(odictobject *od, PyObject *key, Py_hash_t hash)
{
    odictnode *node = find_node(od, key, hash);
    if (node != NULL) {
        return 0;
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    if (od->od_nodes == NULL && (od->od_nodes = PyDict_New()) == NULL) {
        return -1;
    }
    node = PyObject_New(odictnode, &odictnode_type);
    if (node == NULL) {
        return -1;
    }
    node->key = Py_NewRef(key);
    node->hash = hash;
    node->prev = node->next = NULL;
    if (_PyDict_SetItem_KnownHash(od->od_nodes, key, (PyObject *)node, hash) < 0) {
        Py_DECREF(node);
        return -1;
    }
    Py_DECREF(node);
    link_tail(od, node);
    return 0;
}

/* Forgets KEY's node if it has one. 0 or -1. */
static int
remove_node(odictobject *od, PyObject *key, Py_hash_t hash)
{
    odictnode *node = find_node(od, key, hash);
    if (node == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    unlink_node(od, node);
    return _PyDict_DelItem_KnownHash(od->od_nodes, key, hash);
}

static void
clear_nodes(odictobject *od)
{
    /* No state change: like CPython, an iterator then reports the size change. */
    od->first = od->last = NULL;
    if (od->od_nodes != NULL) {
        PyDict_Clear(od->od_nodes);
    }
}

/* ---- item access ------------------------------------------------------------------------- */

/* Removes KEY (hash HASH) from the dict storage and returns its value (new reference); when it
 * is missing, returns FAILOBJ (new reference) or raises KeyError if FAILOBJ is NULL. */
static PyObject *
dict_pop_known_hash(PyObject *od, PyObject *key, Py_hash_t hash, PyObject *failobj)
{
    PyObject *value = _PyDict_GetItem_KnownHash(od, key, hash);
    if (value == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (failobj != NULL) {
            return Py_NewRef(failobj);
        }
        PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    Py_INCREF(value);
    if (_PyDict_DelItem_KnownHash(od, key, hash) < 0) {
        Py_DECREF(value);
        return NULL;
    }
    return value;
}

/* od[key] = value on the dict storage plus the order. 0 or -1. */
static int
odict_setitem(PyObject *od, PyObject *key, PyObject *value)
{
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        return -1;
    }
    if (_PyDict_SetItem_KnownHash(od, key, value, hash) < 0) {
        return -1;
    }
    if (add_node(ODICT(od), key, hash) < 0) {
        /* keep dict and order consistent */
        PyObject *exc, *val, *tb;
        PyErr_Fetch(&exc, &val, &tb);
        (void)_PyDict_DelItem_KnownHash(od, key, hash);
        PyErr_Restore(exc, val, tb);
        return -1;
    }
    return 0;
}

static int
odict_delitem(PyObject *od, PyObject *key)
{
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        return -1;
    }
    if (remove_node(ODICT(od), key, hash) < 0) {
        return -1;
    }
    return _PyDict_DelItem_KnownHash(od, key, hash);
}

static int
odict_ass_sub(PyObject *od, PyObject *key, PyObject *value)
{
    return value == NULL ? odict_delitem(od, key) : odict_setitem(od, key, value);
}

/* ---- MutableMapping.update --------------------------------------------------------------- */

/* self[k] = v for each (k, v) pair of PAIRS. 0 or -1. */
static int
add_pairs(PyObject *self, PyObject *pairs)
{
    PyObject *iterator = PyObject_GetIter(pairs), *pair;
    if (iterator == NULL) {
        return -1;
    }
    int res = 0;
    while (res == 0 && (pair = PyIter_Next(iterator)) != NULL) {
        PyObject *key = NULL, *value = NULL, *extra = NULL;
        PyObject *pair_iterator = PyObject_GetIter(pair);
        res = -1;
        if (pair_iterator == NULL) {
            goto next;
        }
        key = PyIter_Next(pair_iterator);
        if (key == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "need more than 0 values to unpack");
            }
            goto next;
        }
        value = PyIter_Next(pair_iterator);
        if (value == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "need more than 1 value to unpack");
            }
            goto next;
        }
        extra = PyIter_Next(pair_iterator);
        if (extra != NULL || PyErr_Occurred()) {
            if (extra != NULL) {
                PyErr_SetString(PyExc_ValueError, "too many values to unpack (expected 2)");
            }
            goto next;
        }
        res = PyObject_SetItem(self, key, value);
    next:
        Py_XDECREF(extra);
        Py_XDECREF(key);
        Py_XDECREF(value);
        Py_XDECREF(pair_iterator);
        Py_DECREF(pair);
    }
    Py_DECREF(iterator);
    if (res == 0 && PyErr_Occurred()) {
        return -1;
    }
    return res;
}

/* One positional argument of update(): a dict, something with keys(), something with
 * items(), or an iterable of pairs. 0 or -1. */
static int
update_arg(PyObject *self, PyObject *arg)
{
    PyObject *func, *items;
    int res;
    if (PyDict_CheckExact(arg)) {
        items = PyDict_Items(arg);
        if (items == NULL) {
            return -1;
        }
        res = add_pairs(self, items);
        Py_DECREF(items);
        return res;
    }
    _Py_IDENTIFIER(keys);
    _Py_IDENTIFIER(items);
    if (_PyObject_LookupAttrId(arg, &PyId_keys, &func) < 0) {
        return -1;
    }
    if (func != NULL) {
        PyObject *keys = PyObject_CallNoArgs(func), *iterator, *key;
        Py_DECREF(func);
        if (keys == NULL) {
            return -1;
        }
        iterator = PyObject_GetIter(keys);
        Py_DECREF(keys);
        if (iterator == NULL) {
            return -1;
        }
        res = 0;
        while (res == 0 && (key = PyIter_Next(iterator)) != NULL) {
            PyObject *value = PyObject_GetItem(arg, key);
            res = value == NULL ? -1 : PyObject_SetItem(self, key, value);
            Py_XDECREF(value);
            Py_DECREF(key);
        }
        Py_DECREF(iterator);
        return res < 0 || PyErr_Occurred() ? -1 : 0;
    }
    if (_PyObject_LookupAttrId(arg, &PyId_items, &func) < 0) {
        return -1;
    }
    if (func != NULL) {
        items = PyObject_CallNoArgs(func);
        Py_DECREF(func);
        if (items == NULL) {
            return -1;
        }
        res = add_pairs(self, items);
        Py_DECREF(items);
        return res;
    }
    return add_pairs(self, arg);
}

static PyObject *
odict_update(PyObject *self, PyObject *args, PyObject *kwargs)
{
    Py_ssize_t len = PyTuple_GET_SIZE(args);
    if (len > 1) {
        PyErr_Format(PyExc_TypeError, "update() takes at most 1 positional argument (%zd given)",
                     len);
        return NULL;
    }
    if (len == 1 && update_arg(self, PyTuple_GET_ITEM(args, 0)) < 0) {
        return NULL;
    }
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) > 0) {
        PyObject *items = PyDict_Items(kwargs);
        int res = items == NULL ? -1 : add_pairs(self, items);
        Py_XDECREF(items);
        if (res < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* ---- construction and lifetime ----------------------------------------------------------- */

static int
odict_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    Py_ssize_t len = PyTuple_GET_SIZE(args);
    if (len > 1) {
        PyErr_Format(PyExc_TypeError, "expected at most 1 arguments, got %zd", len);
        return -1;
    }
    PyObject *res = odict_update(self, args, kwds);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static int
odict_traverse(PyObject *self, visitproc visit, void *arg)
{
    odictobject *od = ODICT(self);
    for (odictnode *node = od->first; node != NULL; node = node->next) {
        Py_VISIT(node->key);
    }
    Py_VISIT(od->od_nodes);
    Py_VISIT(od->od_inst_dict);
    return PyDict_Type.tp_traverse(self, visit, arg);
}

static int
odict_tp_clear(PyObject *self)
{
    Py_CLEAR(ODICT(self)->od_inst_dict);
    clear_nodes(ODICT(self));
    PyDict_Clear(self);
    return 0;
}

static void
odict_dealloc(PyObject *self)
{
    odictobject *od = ODICT(self);
    PyObject_GC_UnTrack(self);
    if (od->od_weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    Py_CLEAR(od->od_inst_dict);
    od->first = od->last = NULL;
    Py_CLEAR(od->od_nodes);
    PyDict_Type.tp_dealloc(self);
}

/* ---- methods ----------------------------------------------------------------------------- */

static PyObject *
odict_clear(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyDict_Clear(self);
    clear_nodes(ODICT(self));
    Py_RETURN_NONE;
}

static PyObject *
odict_copy(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *copy = PyObject_CallNoArgs((PyObject *)Py_TYPE(self));
    if (copy == NULL) {
        return NULL;
    }
    int exact = Py_IS_TYPE(self, &odict_type);
    for (odictnode *node = ODICT(self)->first; node != NULL; node = node->next) {
        PyObject *key = Py_NewRef(node->key);
        PyObject *value =
            exact ? Py_XNewRef(PyDict_GetItemWithError(self, key)) : PyObject_GetItem(self, key);
        int r = -1;
        if (value == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetObject(PyExc_KeyError, key);
            }
        } else {
            r = exact ? odict_setitem(copy, key, value) : PyObject_SetItem(copy, key, value);
        }
        Py_XDECREF(value);
        Py_DECREF(key);
        if (r < 0) {
            Py_DECREF(copy);
            return NULL;
        }
    }
    return copy;
}

/* The (key, default) / (key, last) arguments of pop, setdefault, move_to_end, popitem. */
static int
parse_key_arg(const char *fmt, const char **kwlist, PyObject *args, PyObject *kwds, PyObject **key,
              PyObject **second)
{
    return PyArg_ParseTupleAndKeywords(args, kwds, fmt, (char **)kwlist, key, second) ? 0 : -1;
}

static PyObject *
odict_pop(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"key", "default", NULL};
    PyObject *key, *failobj = NULL;
    if (parse_key_arg("O|O:pop", kwlist, args, kwds, &key, &failobj) < 0) {
        return NULL;
    }
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        return NULL;
    }
    odictnode *node = find_node(ODICT(self), key, hash);
    if (node == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (failobj != NULL) {
            return Py_NewRef(failobj);
        }
        PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    Py_INCREF(key);
    PyObject *value = NULL;
    if (remove_node(ODICT(self), key, hash) == 0) {
        value = dict_pop_known_hash(self, key, hash, failobj);
    }
    Py_DECREF(key);
    return value;
}

static PyObject *
odict_popitem(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"last", NULL};
    int last = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|p:popitem", (char **)kwlist, &last)) {
        return NULL;
    }
    odictobject *od = ODICT(self);
    if (od->first == NULL) {
        PyErr_SetString(PyExc_KeyError, "dictionary is empty");
        return NULL;
    }
    odictnode *node = last ? od->last : od->first;
    PyObject *key = Py_NewRef(node->key);
    Py_hash_t hash = node->hash;
    PyObject *value = NULL;
    if (remove_node(od, key, hash) == 0) {
        value = dict_pop_known_hash(self, key, hash, NULL);
    }
    PyObject *item = value == NULL ? NULL : PyTuple_Pack(2, key, value);
    Py_XDECREF(value);
    Py_DECREF(key);
    return item;
}

static PyObject *
odict_setdefault(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"key", "default", NULL};
    PyObject *key, *dflt = Py_None, *result;
    if (parse_key_arg("O|O:setdefault", kwlist, args, kwds, &key, &dflt) < 0) {
        return NULL;
    }
    if (Py_IS_TYPE(self, &odict_type)) {
        result = PyDict_GetItemWithError(self, key);
        if (result != NULL) {
            return Py_NewRef(result);
        }
        if (PyErr_Occurred() || odict_setitem(self, key, dflt) < 0) {
            return NULL;
        }
        return Py_NewRef(dflt);
    }
    int exists = PySequence_Contains(self, key);
    if (exists < 0) {
        return NULL;
    }
    if (exists) {
        return PyObject_GetItem(self, key);
    }
    if (PyObject_SetItem(self, key, dflt) < 0) {
        return NULL;
    }
    return Py_NewRef(dflt);
}

static PyObject *
odict_move_to_end(PyObject *self, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"key", "last", NULL};
    PyObject *key;
    int last = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|p:move_to_end", (char **)kwlist, &key, &last)) {
        return NULL;
    }
    odictobject *od = ODICT(self);
    if (od->first == NULL) {
        PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    odictnode *node = last ? od->last : od->first;
    if (key != node->key) {
        Py_hash_t hash = PyObject_Hash(key);
        if (hash == -1) {
            return NULL;
        }
        node = find_node(od, key, hash);
        if (node == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_SetObject(PyExc_KeyError, key);
            }
            return NULL;
        }
        if (last && node != od->last) {
            unlink_node(od, node);
            link_tail(od, node);
        } else if (!last && node != od->first) {
            unlink_node(od, node);
            link_head(od, node);
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
odict_fromkeys(PyObject *cls, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"iterable", "value", NULL};
    PyObject *seq, *value = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:fromkeys", (char **)kwlist, &seq, &value)) {
        return NULL;
    }
    PyObject *d = PyObject_CallNoArgs(cls), *it, *key;
    if (d == NULL) {
        return NULL;
    }
    it = PyObject_GetIter(seq);
    if (it == NULL) {
        Py_DECREF(d);
        return NULL;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int r = PyObject_SetItem(d, key, value);
        Py_DECREF(key);
        if (r < 0) {
            break;
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *
odict_sizeof(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t res = _PyDict_SizeOf((PyDictObject *)self);
    if (ODICT(self)->od_nodes != NULL) {
        res += (Py_ssize_t)(sizeof(odictnode) * (size_t)PyDict_GET_SIZE(ODICT(self)->od_nodes));
    }
    return PyLong_FromSsize_t(res);
}

static PyObject *
odict_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    /* The state is object.__getstate__()'s: None, the __dict__, or (dict, slots). */
    PyObject *state = PyObject_CallMethod(self, "__getstate__", NULL), *args, *items, *items_iter;
    if (state == NULL) {
        return NULL;
    }
    args = PyTuple_New(0);
    if (args == NULL) {
        Py_DECREF(state);
        return NULL;
    }
    _Py_IDENTIFIER(items);
    items = _PyObject_CallMethodIdNoArgs(self, &PyId_items);
    items_iter = items == NULL ? NULL : PyObject_GetIter(items);
    Py_XDECREF(items);
    if (items_iter == NULL) {
        Py_DECREF(args);
        Py_DECREF(state);
        return NULL;
    }
    return Py_BuildValue("ONNON", Py_TYPE(self), args, state, Py_None, items_iter);
}

static PyObject *
odict_repr(PyObject *self)
{
    if (PyDict_GET_SIZE(self) == 0) {
        return PyUnicode_FromFormat("%s()", _PyType_Name(Py_TYPE(self)));
    }
    int i = Py_ReprEnter(self);
    if (i != 0) {
        return i > 0 ? PyUnicode_FromString("...") : NULL;
    }
    PyObject *pieces = NULL, *result = NULL;
    if (Py_IS_TYPE(self, &odict_type)) {
        pieces = PyList_New(0);
        for (odictnode *node = ODICT(self)->first; pieces != NULL && node != NULL;
             node = node->next) {
            /* Looked up by a fresh hash: a key whose hash changed raises KeyError. */
            PyObject *value = PyDict_GetItemWithError(self, node->key);
            PyObject *pair = value == NULL ? NULL : PyTuple_Pack(2, node->key, value);
            if (pair == NULL) {
                if (!PyErr_Occurred()) {
                    PyErr_SetObject(PyExc_KeyError, node->key);
                }
                Py_CLEAR(pieces);
                break;
            }
            int r = PyList_Append(pieces, pair);
            Py_DECREF(pair);
            if (r < 0) {
                Py_CLEAR(pieces);
            }
        }
    } else {
        _Py_IDENTIFIER(items);
        PyObject *items = _PyObject_CallMethodIdNoArgs(self, &PyId_items);
        if (items != NULL) {
            pieces = PySequence_List(items);
            Py_DECREF(items);
        }
    }
    if (pieces != NULL) {
        result = PyUnicode_FromFormat("%s(%R)", _PyType_Name(Py_TYPE(self)), pieces);
        Py_DECREF(pieces);
    }
    Py_ReprLeave(self);
    return result;
}

/* 1 if A and B hold their keys in the same order, 0 if not, -1 on error. */
static int
keys_equal(odictobject *a, odictobject *b)
{
    size_t state_a = a->od_state, state_b = b->od_state;
    odictnode *na = a->first, *nb = b->first;
    for (;;) {
        if (na == NULL || nb == NULL) {
            return na == nb;
        }
        PyObject *ka = Py_NewRef(na->key), *kb = Py_NewRef(nb->key);
        int res = PyObject_RichCompareBool(ka, kb, Py_EQ);
        Py_DECREF(ka);
        Py_DECREF(kb);
        if (res <= 0) {
            return res;
        }
        if (a->od_state != state_a || b->od_state != state_b) {
            PyErr_SetString(PyExc_RuntimeError, "OrderedDict mutated during iteration");
            return -1;
        }
        na = na->next;
        nb = nb->next;
    }
}

static PyObject *
odict_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!PyObject_TypeCheck(v, &odict_type) || !PyDict_Check(w) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *res = PyDict_Type.tp_richcompare(v, w, Py_EQ);
    if (res == NULL || res == Py_NotImplemented) {
        return res;
    }
    int eq = res == Py_True;
    Py_DECREF(res);
    if (eq && PyObject_TypeCheck(w, &odict_type)) {
        eq = keys_equal(ODICT(v), ODICT(w));
        if (eq < 0) {
            return NULL;
        }
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyObject *
odict_or(PyObject *left, PyObject *right)
{
    PyTypeObject *type;
    PyObject *other;
    if (PyObject_TypeCheck(left, &odict_type)) {
        type = Py_TYPE(left);
        other = right;
    } else {
        type = Py_TYPE(right);
        other = left;
    }
    if (!PyDict_Check(other)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *res = PyObject_CallOneArg((PyObject *)type, left);
    if (res == NULL) {
        return NULL;
    }
    if (update_arg(res, right) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

static PyObject *
odict_inplace_or(PyObject *self, PyObject *other)
{
    if (update_arg(self, other) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

/* ---- iterators and views ----------------------------------------------------------------- */

enum { ITER_KEYS = 1, ITER_VALUES = 2, ITER_ITEMS = 3, ITER_REVERSED = 4 };

typedef struct {
    PyObject_HEAD
    int kind;             /* ITER_KEYS/VALUES/ITEMS, plus ITER_REVERSED */
    PyObject *di_odict;   /* the OrderedDict, NULL once exhausted */
    Py_ssize_t di_size;   /* its size when iteration started (-1: failed) */
    size_t di_state;      /* its order state when iteration started */
    PyObject *di_current; /* key of the next node, or NULL at the end */
} odictiterobject;

static PyObject *
odictiter_new(PyObject *od, int kind)
{
    odictiterobject *di = PyObject_GC_New(odictiterobject, &odictiter_type);
    if (di == NULL) {
        return NULL;
    }
    odictnode *node = (kind & ITER_REVERSED) ? ODICT(od)->last : ODICT(od)->first;
    di->kind = kind;
    di->di_current = node != NULL ? Py_NewRef(node->key) : NULL;
    di->di_size = PyDict_GET_SIZE(od);
    di->di_state = ODICT(od)->od_state;
    di->di_odict = Py_NewRef(od);
    PyObject_GC_Track(di);
    return (PyObject *)di;
}

static void
odictiter_dealloc(odictiterobject *di)
{
    PyObject_GC_UnTrack(di);
    Py_XDECREF(di->di_odict);
    Py_XDECREF(di->di_current);
    PyObject_GC_Del(di);
}

static int
odictiter_traverse(odictiterobject *di, visitproc visit, void *arg)
{
    Py_VISIT(di->di_odict);
    Py_VISIT(di->di_current);
    return 0;
}

/* The next key (new reference), or NULL at the end or with an exception. */
static PyObject *
odictiter_nextkey(odictiterobject *di)
{
    if (di->di_odict == NULL) {
        return NULL;
    }
    if (di->di_current == NULL) {
        goto done;
    }
    odictobject *od = ODICT(di->di_odict);
    if (od->od_state != di->di_state) {
        PyErr_SetString(PyExc_RuntimeError, "OrderedDict mutated during iteration");
        goto done;
    }
    if (di->di_size != PyDict_GET_SIZE(od)) {
        PyErr_SetString(PyExc_RuntimeError, "OrderedDict changed size during iteration");
        di->di_size = -1; /* stays failed */
        return NULL;
    }
    Py_hash_t hash = PyObject_Hash(di->di_current);
    if (hash == -1) {
        return NULL;
    }
    odictnode *node = find_node(od, di->di_current, hash);
    if (node == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_KeyError, di->di_current);
        }
        Py_CLEAR(di->di_current);
        return NULL;
    }
    PyObject *key = di->di_current;
    node = (di->kind & ITER_REVERSED) ? node->prev : node->next;
    di->di_current = node != NULL ? Py_NewRef(node->key) : NULL;
    return key;
done:
    Py_CLEAR(di->di_odict);
    return NULL;
}

static PyObject *
odictiter_iternext(odictiterobject *di)
{
    PyObject *key = odictiter_nextkey(di);
    int kind = di->kind & ~ITER_REVERSED;
    if (key == NULL || kind == ITER_KEYS) {
        return key;
    }
    PyObject *value = PyObject_GetItem(di->di_odict, key);
    if (value == NULL) {
        if (PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            PyErr_SetObject(PyExc_KeyError, key);
        }
        Py_DECREF(key);
        Py_CLEAR(di->di_odict);
        return NULL;
    }
    if (kind == ITER_VALUES) {
        Py_DECREF(key);
        return value;
    }
    PyObject *item = PyTuple_Pack(2, key, value);
    Py_DECREF(key);
    Py_DECREF(value);
    return item;
}

static PyObject *
odictiter_reduce(odictiterobject *di, PyObject *Py_UNUSED(ignored))
{
    /* Run a copy of this iterator to the end and pickle as iter(list). */
    odictiterobject *tmp = PyObject_GC_New(odictiterobject, &odictiter_type);
    if (tmp == NULL) {
        return NULL;
    }
    tmp->kind = di->kind;
    tmp->di_odict = Py_XNewRef(di->di_odict);
    tmp->di_current = Py_XNewRef(di->di_current);
    tmp->di_size = di->di_size;
    tmp->di_state = di->di_state;
    PyObject_GC_Track(tmp);
    PyObject *list = PySequence_List((PyObject *)tmp);
    Py_DECREF(tmp);
    if (list == NULL) {
        return NULL;
    }
    PyObject *builtins = PyImport_ImportModule("builtins");
    PyObject *iter = builtins ? PyObject_GetAttrString(builtins, "iter") : NULL;
    Py_XDECREF(builtins);
    if (iter == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    return Py_BuildValue("N(N)", iter, list);
}

static PyMethodDef odictiter_methods[] = {
    {"__reduce__", (PyCFunction)odictiter_reduce, METH_NOARGS,
     "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject odictiter_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "odict_iterator",
    .tp_basicsize = sizeof(odictiterobject),
    .tp_dealloc = (destructor)odictiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)odictiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)odictiter_iternext,
    .tp_methods = odictiter_methods,
};

/* The views share the dict views' layout: a head and the (owned) mapping. */
typedef struct {
    PyObject_HEAD
    PyObject *dv_dict; /* the OrderedDict */
} odictviewobject;

static PyObject *
odictview_new(PyObject *od, PyTypeObject *type)
{
    odictviewobject *dv = PyObject_GC_New(odictviewobject, type);
    if (dv == NULL) {
        return NULL;
    }
    dv->dv_dict = Py_NewRef(od);
    PyObject_GC_Track(dv);
    return (PyObject *)dv;
}

static PyObject *
odictkeys_iter(PyObject *dv)
{
    return odictiter_new(((odictviewobject *)dv)->dv_dict, ITER_KEYS);
}

static PyObject *
odictkeys_reversed(PyObject *dv, PyObject *Py_UNUSED(ignored))
{
    return odictiter_new(((odictviewobject *)dv)->dv_dict, ITER_KEYS | ITER_REVERSED);
}

static PyObject *
odictvalues_iter(PyObject *dv)
{
    return odictiter_new(((odictviewobject *)dv)->dv_dict, ITER_VALUES);
}

static PyObject *
odictvalues_reversed(PyObject *dv, PyObject *Py_UNUSED(ignored))
{
    return odictiter_new(((odictviewobject *)dv)->dv_dict, ITER_VALUES | ITER_REVERSED);
}

static PyObject *
odictitems_iter(PyObject *dv)
{
    return odictiter_new(((odictviewobject *)dv)->dv_dict, ITER_ITEMS);
}

static PyObject *
odictitems_reversed(PyObject *dv, PyObject *Py_UNUSED(ignored))
{
    return odictiter_new(((odictviewobject *)dv)->dv_dict, ITER_ITEMS | ITER_REVERSED);
}

static PyMethodDef odictkeys_methods[] = {
    {"__reversed__", odictkeys_reversed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef odictvalues_methods[] = {
    {"__reversed__", odictvalues_reversed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef odictitems_methods[] = {
    {"__reversed__", odictitems_reversed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#define ODICT_VIEW_TYPE(cname, pyname, base, iterf, methods)                                       \
    static PyTypeObject cname = {                                                                  \
        PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = pyname,                                   \
        .tp_basicsize = sizeof(odictviewobject),                                                   \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                       \
        .tp_iter = iterf,                                                                          \
        .tp_methods = methods,                                                                     \
        .tp_base = base,                                                                           \
    }

ODICT_VIEW_TYPE(odictkeys_type, "odict_keys", &PyDictKeys_Type, odictkeys_iter, odictkeys_methods);
ODICT_VIEW_TYPE(odictvalues_type, "odict_values", &PyDictValues_Type, odictvalues_iter,
                odictvalues_methods);
ODICT_VIEW_TYPE(odictitems_type, "odict_items", &PyDictItems_Type, odictitems_iter,
                odictitems_methods);

static PyObject *
odict_keys(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return odictview_new(self, &odictkeys_type);
}

static PyObject *
odict_values(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return odictview_new(self, &odictvalues_type);
}

static PyObject *
odict_items(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return odictview_new(self, &odictitems_type);
}

static PyObject *
odict_iter(PyObject *self)
{
    return odictiter_new(self, ITER_KEYS);
}

static PyObject *
odict_reversed(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return odictiter_new(self, ITER_KEYS | ITER_REVERSED);
}

/* ---- the type ---------------------------------------------------------------------------- */

#define KW(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS

static PyMethodDef odict_methods[] = {
    {"__sizeof__", odict_sizeof, METH_NOARGS, NULL},
    {"__reduce__", odict_reduce, METH_NOARGS, "Return state information for pickling"},
    {"setdefault", KW(odict_setdefault),
     "setdefault($self, /, key, default=None)\n--\n\nInsert key with a value of default if key is "
     "not in the dictionary.\n\nReturn the value "
     "for key if key is in the dictionary, else default."},
    {"pop", KW(odict_pop),
     "pop($self, /, key, default=<unrepresentable>)\n--\n\nod.pop(key[,default]) -> v, remove "
     "specified key and return the corresponding\n        "
     "value.  If key is not found, default is returned if given, otherwise KeyError\n        "
     "is raised.\n\n"},
    {"popitem", KW(odict_popitem),
     "popitem($self, /, last=True)\n--\n\nRemove and return a (key, value) pair from the "
     "dictionary.\n\nPairs are returned in LIFO "
     "order if last is true or FIFO order if false."},
    {"keys", odict_keys, METH_NOARGS, NULL},
    {"values", odict_values, METH_NOARGS, NULL},
    {"items", odict_items, METH_NOARGS, NULL},
    {"update", KW(odict_update), NULL},
    {"clear", odict_clear, METH_NOARGS, "od.clear() -> None.  Remove all items from od."},
    {"copy", odict_copy, METH_NOARGS, "od.copy() -> a shallow copy of od"},
    {"__reversed__", odict_reversed, METH_NOARGS, "od.__reversed__() <==> reversed(od)"},
    {"move_to_end", KW(odict_move_to_end),
     "move_to_end($self, /, key, last=True)\n--\n\nMove an existing element to the end (or "
     "beginning if last is false).\n\nRaise KeyError if "
     "the element does not exist."},
    {"fromkeys", (PyCFunction)(void (*)(void))odict_fromkeys,
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "fromkeys($type, /, iterable, value=None)\n--\n\nCreate a new ordered dictionary with keys "
     "from iterable and values set to value."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef odict_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMappingMethods odict_as_mapping; /* filled from dict's at init, with odict_ass_sub */

static PyNumberMethods odict_as_number = {
    .nb_or = odict_or,
    .nb_inplace_or = odict_inplace_or,
};

PyTypeObject odict_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "collections.OrderedDict",
    .tp_basicsize = sizeof(odictobject),
    .tp_dealloc = (destructor)odict_dealloc,
    .tp_repr = odict_repr,
    .tp_as_number = &odict_as_number,
    .tp_as_mapping = &odict_as_mapping,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Dictionary that remembers insertion order",
    .tp_traverse = odict_traverse,
    .tp_clear = odict_tp_clear,
    .tp_richcompare = odict_richcompare,
    .tp_weaklistoffset = offsetof(odictobject, od_weakreflist),
    .tp_iter = odict_iter,
    .tp_methods = odict_methods,
    .tp_getset = odict_getset,
    .tp_base = &PyDict_Type,
    .tp_dictoffset = offsetof(odictobject, od_inst_dict),
    .tp_init = odict_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_free = PyObject_GC_Del,
};

int
pyrs_collections_odict_ready(void)
{
    /* Reading and len() are dict's own; only assignment and deletion keep the order. */
    odict_as_mapping = *PyDict_Type.tp_as_mapping;
    odict_as_mapping.mp_ass_subscript = odict_ass_sub;
    if (PyType_Ready(&odictnode_type) < 0 || PyType_Ready(&odictiter_type) < 0 ||
        PyType_Ready(&odictkeys_type) < 0 || PyType_Ready(&odictvalues_type) < 0 ||
        PyType_Ready(&odictitems_type) < 0) {
        return -1;
    }
    return PyType_Ready(&odict_type);
}
