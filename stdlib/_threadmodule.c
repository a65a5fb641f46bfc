/* _thread: OS threads, locks, re-entrant locks, thread identity and thread-local data, as
 * CPython 3.11's Modules/_threadmodule.c. start_new_thread runs the function on a pthread
 * with its own thread state; locks are POSIX semaphores waited on without the GIL, so a
 * blocked acquire lets other threads run and is interrupted by signals in the main thread. */
#define _GNU_SOURCE 1 /* sem_clockwait */
#include "Python.h"
#include "structseq.h"
#include "pyrs/call.h"
#include "pyrs/gil.h"
#include "pyrs/rtmods.h"
#include "pyrs/state.h"
#include "pyrs/sys.h"
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MAX_SECONDS 9223372036.0

/* ---- the underlying lock ----------------------------------------------------------------- */

typedef struct {
    sem_t sem;  /* 1 when free, 0 when held */
    int locked; /* held (read and written under the GIL) */
} RawLock;

static void
rawlock_init(RawLock *l)
{
    sem_init(&l->sem, 0, 1);
    l->locked = 0;
}

static void
rawlock_fini(RawLock *l)
{
    sem_destroy(&l->sem);
}

/* The absolute CLOCK_MONOTONIC time TIMEOUT seconds from now. */
static struct timespec
deadline_after(double timeout)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double whole = floor(timeout);
    t.tv_sec += (time_t)whole;
    t.tv_nsec += (long)((timeout - whole) * 1e9);
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* One wait for the semaphore without the GIL: 0 acquired, else an errno value. */
static int
sem_wait_released(sem_t *sem, double timeout, const struct timespec *deadline)
{
    int r;
    Py_BEGIN_ALLOW_THREADS;
    r = timeout < 0 ? sem_wait(sem) : sem_clockwait(sem, CLOCK_MONOTONIC, deadline);
    if (r != 0) {
        r = errno;
    }
    Py_END_ALLOW_THREADS;
    return r;
}

/* Acquires within TIMEOUT seconds (< 0: forever, 0: no wait), releasing the GIL while it
 * waits. INTR: a signal interrupts the wait to run the handlers (an exception they raise
 * ends it). 1 acquired, 0 timed out, -1 with an exception. */
static int
rawlock_acquire(RawLock *l, double timeout, int intr)
{
    if (sem_trywait(&l->sem) == 0) {
        l->locked = 1;
        return 1;
    }
    if (timeout == 0) {
        return 0;
    }
    struct timespec deadline = timeout > 0 ? deadline_after(timeout) : (struct timespec){0, 0};
    for (;;) {
        int err = sem_wait_released(&l->sem, timeout, &deadline);
        if (err == 0) {
            l->locked = 1;
            return 1;
        }
        if (err == ETIMEDOUT) {
            return 0;
        }
        if (err == EINTR && intr && Py_MakePendingCalls() < 0) {
            return -1;
        }
    }
}

static void
rawlock_release(RawLock *l)
{
    l->locked = 0;
    sem_post(&l->sem);
}

/* Parses acquire(blocking=True, timeout=-1) into a timeout for rawlock_acquire; 0 or -1. */
static int
acquire_args(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, double *timeout)
{
    static const char *const names[] = {"blocking", "timeout", NULL};
    PyObject *a[2];
    int blocking = 1;
    *timeout = -1;
    if (pyrs_rtmods_bind("acquire", args, nargs, kwnames, names, 0, a) < 0) {
        return -1;
    }
    if (a[0] != NULL && (blocking = PyObject_IsTrue(a[0])) < 0) {
        return -1;
    }
    if (a[1] != NULL) {
        *timeout = PyFloat_AsDouble(a[1]);
        if (*timeout == -1 && PyErr_Occurred()) {
            return -1;
        }
    }
    if (!blocking && *timeout != -1) {
        PyErr_SetString(PyExc_ValueError, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (*timeout < 0 && *timeout != -1) {
        PyErr_SetString(PyExc_ValueError, "timeout value must be positive");
        return -1;
    }
    if (*timeout * 1e9 >= 9223372036854775808.0) {
        PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
        return -1;
    }
    if (*timeout > TIMEOUT_MAX_SECONDS) {
        PyErr_SetString(PyExc_OverflowError, "timeout value is too large");
        return -1;
    }
    if (!blocking) {
        *timeout = 0;
    }
    return 0;
}

/* ---- lock -------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    RawLock lock;             /* the lock */
    PyObject *in_weakreflist; /* weak references */
} LockObject;

static PyTypeObject Lock_Type;

static PyObject *
newlock(PyTypeObject *tp)
{
    LockObject *self = PyObject_New(LockObject, tp);
    if (self != NULL) {
        rawlock_init(&self->lock);
        self->in_weakreflist = NULL;
    }
    return (PyObject *)self;
}

static void
lock_dealloc(PyObject *op)
{
    LockObject *self = (LockObject *)op;
    if (self->in_weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    rawlock_fini(&self->lock);
    PyObject_Free(op);
}

static PyObject *
lock_acquire(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    double timeout;
    if (acquire_args(args, nargs, kwnames, &timeout) < 0) {
        return NULL;
    }
    int r = rawlock_acquire(&((LockObject *)op)->lock, timeout, 1);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *
lock_release(PyObject *op, PyObject *Py_UNUSED(args))
{
    LockObject *self = (LockObject *)op;
    if (!self->lock.locked) {
        PyErr_SetString(PyExc_RuntimeError, "release unlocked lock");
        return NULL;
    }
    rawlock_release(&self->lock);
    Py_RETURN_NONE;
}

static PyObject *
lock_exit(PyObject *op, PyObject *Py_UNUSED(args))
{
    return lock_release(op, NULL);
}

static PyObject *
lock_locked(PyObject *op, PyObject *Py_UNUSED(args))
{
    return PyBool_FromLong(((LockObject *)op)->lock.locked);
}

static PyObject *
lock_at_fork_reinit(PyObject *op, PyObject *Py_UNUSED(args))
{
    LockObject *self = (LockObject *)op;
    rawlock_fini(&self->lock);
    rawlock_init(&self->lock);
    Py_RETURN_NONE;
}

static PyObject *
lock_repr(PyObject *op)
{
    return PyUnicode_FromFormat("<%s %s object at %p>",
                                ((LockObject *)op)->lock.locked ? "locked" : "unlocked",
                                Py_TYPE(op)->tp_name, op);
}

#define ACQUIRE_DEF(name, fn)                                                                      \
    {                                                                                              \
        name, (PyCFunction)(void (*)(void))fn, METH_FASTCALL | METH_KEYWORDS, NULL                 \
    }

static PyMethodDef lock_methods[] = {
    ACQUIRE_DEF("acquire_lock", lock_acquire),
    ACQUIRE_DEF("acquire", lock_acquire),
    {"release_lock", lock_release, METH_NOARGS, NULL},
    {"release", lock_release, METH_NOARGS, NULL},
    {"locked_lock", lock_locked, METH_NOARGS, NULL},
    {"locked", lock_locked, METH_NOARGS, NULL},
    ACQUIRE_DEF("__enter__", lock_acquire),
    {"__exit__", lock_exit, METH_VARARGS, NULL},
    {"_at_fork_reinit", lock_at_fork_reinit, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Lock_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_thread.lock",
    .tp_basicsize = sizeof(LockObject),
    .tp_dealloc = lock_dealloc,
    .tp_repr = lock_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_weaklistoffset = offsetof(LockObject, in_weakreflist),
    .tp_methods = lock_methods,
};

/* ---- RLock ------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    RawLock lock;             /* held while count > 0 */
    unsigned long owner;      /* thread id of the holder, 0 when free */
    unsigned long count;      /* recursion depth */
    PyObject *in_weakreflist; /* weak references */
} RLockObject;

static unsigned long
current_ident(void)
{
    return (unsigned long)pthread_self();
}

/* The lock of a sentinel (_set_sentinel), released when its thread state goes away. */
static void
release_sentinel(void *data)
{
    PyObject *wr = data;
    PyObject *obj = PyWeakref_GET_OBJECT(wr);
    if (obj != Py_None && ((LockObject *)obj)->lock.locked) {
        rawlock_release(&((LockObject *)obj)->lock);
    }
    Py_DECREF(wr);
}

static PyObject *
rlock_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    RLockObject *self = (RLockObject *)type->tp_alloc(type, 0);
    if (self != NULL) {
        rawlock_init(&self->lock);
        self->owner = 0;
        self->count = 0;
        self->in_weakreflist = NULL;
    }
    return (PyObject *)self;
}

static void
rlock_dealloc(PyObject *op)
{
    RLockObject *self = (RLockObject *)op;
    if (self->in_weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    rawlock_fini(&self->lock);
    Py_TYPE(op)->tp_free(op);
}

static PyObject *
rlock_acquire(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    RLockObject *self = (RLockObject *)op;
    double timeout;
    if (acquire_args(args, nargs, kwnames, &timeout) < 0) {
        return NULL;
    }
    unsigned long tid = current_ident();
    if (self->count > 0 && self->owner == tid) {
        if (self->count == ULONG_MAX) {
            PyErr_SetString(PyExc_OverflowError, "Internal lock count overflowed");
            return NULL;
        }
        self->count++;
        Py_RETURN_TRUE;
    }
    int r = rawlock_acquire(&self->lock, timeout, 1);
    if (r <= 0) {
        return r < 0 ? NULL : Py_NewRef(Py_False);
    }
    self->owner = tid;
    self->count = 1;
    Py_RETURN_TRUE;
}

static PyObject *
rlock_release(PyObject *op, PyObject *Py_UNUSED(args))
{
    RLockObject *self = (RLockObject *)op;
    if (self->count == 0 || self->owner != current_ident()) {
        PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
        return NULL;
    }
    if (--self->count == 0) {
        self->owner = 0;
        rawlock_release(&self->lock);
    }
    Py_RETURN_NONE;
}

static PyObject *
rlock_exit(PyObject *op, PyObject *Py_UNUSED(args))
{
    return rlock_release(op, NULL);
}

static PyObject *
rlock_acquire_restore(PyObject *op, PyObject *state)
{
    RLockObject *self = (RLockObject *)op;
    unsigned long count, owner;
    if (!PyArg_ParseTuple(state, "(kk):_acquire_restore", &count, &owner)) {
        return NULL;
    }
    if (rawlock_acquire(&self->lock, -1, 0) < 0) {
        return NULL;
    }
    self->owner = owner;
    self->count = count;
    Py_RETURN_NONE;
}

static PyObject *
rlock_release_save(PyObject *op, PyObject *Py_UNUSED(args))
{
    RLockObject *self = (RLockObject *)op;
    if (self->count == 0) {
        PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
        return NULL;
    }
    unsigned long count = self->count, owner = self->owner;
    self->count = 0;
    self->owner = 0;
    rawlock_release(&self->lock);
    return Py_BuildValue("kk", count, owner);
}

static PyObject *
rlock_is_owned(PyObject *op, PyObject *Py_UNUSED(args))
{
    RLockObject *self = (RLockObject *)op;
    return PyBool_FromLong(self->count > 0 && self->owner == current_ident());
}

static PyObject *
rlock_at_fork_reinit(PyObject *op, PyObject *Py_UNUSED(args))
{
    RLockObject *self = (RLockObject *)op;
    rawlock_fini(&self->lock);
    rawlock_init(&self->lock);
    self->owner = 0;
    self->count = 0;
    Py_RETURN_NONE;
}

static PyObject *
rlock_repr(PyObject *op)
{
    RLockObject *self = (RLockObject *)op;
    return PyUnicode_FromFormat("<%s %s object owner=%lu count=%lu at %p>",
                                self->count ? "locked" : "unlocked", Py_TYPE(op)->tp_name,
                                self->owner, self->count, op);
}

static PyMethodDef rlock_methods[] = {
    ACQUIRE_DEF("acquire", rlock_acquire),
    {"release", rlock_release, METH_NOARGS, NULL},
    {"_is_owned", rlock_is_owned, METH_NOARGS, NULL},
    {"_acquire_restore", rlock_acquire_restore, METH_VARARGS, NULL},
    {"_release_save", rlock_release_save, METH_NOARGS, NULL},
    {"_at_fork_reinit", rlock_at_fork_reinit, METH_NOARGS, NULL},
    ACQUIRE_DEF("__enter__", rlock_acquire),
    {"__exit__", rlock_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject RLock_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_thread.RLock",
    .tp_basicsize = sizeof(RLockObject),
    .tp_dealloc = rlock_dealloc,
    .tp_repr = rlock_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(RLockObject, in_weakreflist),
    .tp_methods = rlock_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = rlock_new,
    .tp_free = PyObject_Del,
};

/* ---- _local ------------------------------------------------------------------------------ */

/* Each thread sees its own attribute dict. The local object owns the dicts (so the cycle
 * collector sees through them), keyed by a weak reference to a "dummy" that the thread's
 * PyThreadState_GetDict() holds under the object's key. When the thread ends its dict drops
 * the dummy, and the weak reference's callback drops that thread's attribute dict; when the
 * local object goes, its key is removed from every live thread. A thread's first access runs
 * __init__ again with the arguments of the construction. */
typedef struct {
    PyObject_HEAD
    PyObject *key;         /* "thread.local.<address>", the key in each thread's dict */
    PyObject *args;        /* positional arguments of the construction */
    PyObject *kw;          /* keyword arguments of the construction, or NULL */
    PyObject *dicts;       /* {weakref to a thread's dummy: that thread's attribute dict} */
    PyObject *wr_callback; /* callback of those weak references, bound to a weakref to self */
    PyObject *weakreflist; /* weak references */
} LocalObject;

/* The dummy a thread's dict holds for one local object. */
typedef struct {
    PyObject_HEAD
    PyObject *localdict;   /* the thread's attribute dict (borrowed: the local owns it) */
    PyObject *weakreflist; /* weak references */
} DummyObject;

static void
dummy_dealloc(PyObject *op)
{
    if (((DummyObject *)op)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    PyObject_Free(op);
}

static PyTypeObject Dummy_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_thread._localdummy",
    .tp_basicsize = sizeof(DummyObject),
    .tp_dealloc = dummy_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_weaklistoffset = offsetof(DummyObject, weakreflist),
};

/* Called when a thread's dummy dies (LOCALREF: weakref to the local object; DUMMYREF: the
 * dead dummy's weakref): forgets that thread's attribute dict. */
static PyObject *
local_dummy_gone(PyObject *localref, PyObject *dummyref)
{
    PyObject *obj = PyWeakref_GET_OBJECT(localref);
    LocalObject *self = obj != Py_None ? (LocalObject *)obj : NULL;
    if (self != NULL && self->dicts != NULL && PyDict_DelItem(self->dicts, dummyref) < 0) {
        PyErr_Clear();
    }
    Py_RETURN_NONE;
}

static PyMethodDef dummy_gone_def = {"_localdummy_destroyed", local_dummy_gone, METH_O, NULL};

/* Makes the calling thread's attribute dict for SELF (borrowed; no __init__). NULL with an
 * exception. */
static PyObject *
local_create_dict(LocalObject *self)
{
    PyObject *tdict = PyThreadState_GetDict();
    if (tdict == NULL) {
        PyErr_SetString(PyExc_SystemError, "Couldn't get thread-state dictionary");
        return NULL;
    }
    DummyObject *dummy = PyObject_New(DummyObject, &Dummy_Type);
    if (dummy == NULL) {
        return NULL;
    }
    dummy->weakreflist = NULL;
    dummy->localdict = NULL;
    PyObject *ldict = PyDict_New();
    PyObject *wr = ldict != NULL ? PyWeakref_NewRef((PyObject *)dummy, self->wr_callback) : NULL;
    int r = wr != NULL ? PyDict_SetItem(self->dicts, wr, ldict) : -1;
    if (r == 0 && PyDict_SetItem(tdict, self->key, (PyObject *)dummy) < 0) {
        r = -1;
        if (PyDict_DelItem(self->dicts, wr) < 0) {
            PyErr_Clear();
        }
    }
    if (r == 0) {
        dummy->localdict = ldict; /* self->dicts keeps it alive */
    }
    Py_XDECREF(wr);
    Py_XDECREF(ldict);
    Py_DECREF(dummy); /* the thread's dict holds it */
    return r == 0 ? dummy->localdict : NULL;
}

/* The calling thread's attribute dict for SELF (borrowed), created on first use (running
 * __init__ for a subclass that defines one). NULL with an exception. */
static PyObject *
local_dict(LocalObject *self)
{
    PyObject *tdict = PyThreadState_GetDict();
    if (tdict == NULL) {
        PyErr_SetString(PyExc_SystemError, "Couldn't get thread-state dictionary");
        return NULL;
    }
    PyObject *dummy = PyDict_GetItemWithError(tdict, self->key);
    if (dummy != NULL) {
        return ((DummyObject *)dummy)->localdict;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *d = local_create_dict(self);
    initproc init = Py_TYPE(self)->tp_init;
    if (d != NULL && init != PyBaseObject_Type.tp_init &&
        init((PyObject *)self, self->args, self->kw) < 0) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (PyDict_DelItem(tdict, self->key) < 0) {
            PyErr_Clear();
        }
        PyErr_Restore(t, v, tb);
        return NULL;
    }
    return d;
}

static PyObject *
local_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if ((PyTuple_GET_SIZE(args) > 0 || (kw != NULL && PyDict_GET_SIZE(kw) > 0)) &&
        type->tp_init == PyBaseObject_Type.tp_init) {
        PyErr_SetString(PyExc_TypeError, "Initialization arguments are not supported");
        return NULL;
    }
    LocalObject *self = (LocalObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->args = Py_NewRef(args);
    self->kw = Py_XNewRef(kw);
    self->key = PyUnicode_FromFormat("thread.local.%p", (void *)self);
    self->dicts = PyDict_New();
    PyObject *wr =
        self->key != NULL && self->dicts != NULL ? PyWeakref_NewRef((PyObject *)self, NULL) : NULL;
    self->wr_callback = wr != NULL ? PyCFunction_New(&dummy_gone_def, wr) : NULL;
    Py_XDECREF(wr);
    /* this thread's dict now, without __init__: the type call runs it next */
    if (self->wr_callback == NULL || local_create_dict(self) == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static int
local_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((LocalObject *)op)->args);
    Py_VISIT(((LocalObject *)op)->kw);
    Py_VISIT(((LocalObject *)op)->dicts);
    return 0;
}

/* Removes SELF's dummy from every thread's dict (their deaths run the callbacks, which find
 * SELF gone or clearing). */
static void
local_forget(LocalObject *self)
{
    if (self->key == NULL) {
        return;
    }
    for (PyThreadState *t = PyInterpreterState_ThreadHead(PyInterpreterState_Main()); t != NULL;
         t = PyThreadState_Next(t)) {
        PyObject *dummy = t->dict != NULL ? _PyDict_Pop(t->dict, self->key, Py_None) : NULL;
        if (dummy == NULL) {
            PyErr_Clear();
        }
        Py_XDECREF(dummy);
    }
}

static int
local_clear(PyObject *op)
{
    LocalObject *self = (LocalObject *)op;
    Py_CLEAR(self->args);
    Py_CLEAR(self->kw);
    Py_CLEAR(self->dicts);
    Py_CLEAR(self->wr_callback);
    local_forget(self);
    return 0;
}

static void
local_dealloc(PyObject *op)
{
    LocalObject *self = (LocalObject *)op;
    PyObject_GC_UnTrack(op);
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    local_clear(op);
    Py_CLEAR(self->key);
    Py_TYPE(op)->tp_free(op);
}

static int
is_dict_name(PyObject *name)
{
    return PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "__dict__") == 0;
}

static PyObject *
local_getattro(PyObject *op, PyObject *name)
{
    PyObject *d = local_dict((LocalObject *)op);
    if (d == NULL) {
        return NULL;
    }
    if (is_dict_name(name)) {
        return Py_NewRef(d);
    }
    Py_INCREF(d);
    PyObject *res = _PyObject_GenericGetAttrWithDict(op, name, d, 0);
    Py_DECREF(d);
    return res;
}

static int
local_setattro(PyObject *op, PyObject *name, PyObject *value)
{
    PyObject *d = local_dict((LocalObject *)op);
    if (d == NULL) {
        return -1;
    }
    if (is_dict_name(name)) {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object attribute '%U' is read-only",
                     Py_TYPE(op)->tp_name, name);
        return -1;
    }
    Py_INCREF(d);
    int r = _PyObject_GenericSetAttrWithDict(op, name, value, d);
    Py_DECREF(d);
    return r;
}

static PyTypeObject Local_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_thread._local",
    .tp_basicsize = sizeof(LocalObject),
    .tp_dealloc = local_dealloc,
    .tp_getattro = local_getattro,
    .tp_setattro = local_setattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Thread-local data",
    .tp_traverse = local_traverse,
    .tp_clear = local_clear,
    .tp_weaklistoffset = offsetof(LocalObject, weakreflist),
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = local_new,
    .tp_free = PyObject_GC_Del,
};

/* ---- _ExceptHookArgs and _excepthook ----------------------------------------------------- */

static PyStructSequence_Field hookargs_fields[] = {
    {"exc_type", "Exception type"},
    {"exc_value", "Exception value"},
    {"exc_traceback", "Exception traceback"},
    {"thread", "Thread"},
    {NULL, NULL},
};

static PyStructSequence_Desc hookargs_desc = {"_thread._ExceptHookArgs", "ExceptHookArgs",
                                              hookargs_fields, 4};

static PyTypeObject *HookArgs_Type;

/* Writes "Exception in thread NAME:" to FILE, then the report of the exception as
 * traceback.print_exception formats it (CPython's layout), then flushes. 0 or -1. */
static int
excepthook_write(PyObject *file, PyObject *type, PyObject *value, PyObject *tb, PyObject *thread)
{
    PyObject *name = NULL;
    PyObject *key = thread != Py_None ? PyUnicode_InternFromString("name") : NULL;
    int found = key != NULL ? _PyObject_LookupAttr(thread, key, &name) : 0;
    Py_XDECREF(key);
    if (found < 0 || (thread != Py_None && key == NULL)) {
        return -1;
    }
    if (name == NULL) {
        name = PyUnicode_FromFormat("%lu", current_ident());
    } else {
        Py_SETREF(name, PyObject_Str(name));
    }
    PyObject *head = name != NULL ? PyUnicode_FromFormat("Exception in thread %U:\n", name) : NULL;
    Py_XDECREF(name);
    PyObject *r = head != NULL ? PyObject_CallMethod(file, "write", "O", head) : NULL;
    Py_XDECREF(head);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    PyObject *traceback = PyImport_ImportModule("traceback");
    PyObject *print =
        traceback != NULL ? PyObject_GetAttrString(traceback, "print_exception") : NULL;
    Py_XDECREF(traceback);
    if (print == NULL) {
        return -1;
    }
    PyObject *args = Py_BuildValue("(OOO)", type, value, tb);
    PyObject *kw = args != NULL ? Py_BuildValue("{sO}", "file", file) : NULL;
    r = kw != NULL ? PyObject_Call(print, args, kw) : NULL;
    Py_DECREF(print);
    Py_XDECREF(args);
    Py_XDECREF(kw);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    r = PyObject_CallMethod(file, "flush", NULL);
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

/* _thread._excepthook(args): threading.excepthook's default (SystemExit is silent; without
 * sys.stderr the thread's _stderr is used). */
static PyObject *
thread_excepthook(PyObject *Py_UNUSED(module), PyObject *args)
{
    if (!Py_IS_TYPE(args, HookArgs_Type)) {
        PyErr_SetString(PyExc_TypeError, "_thread.excepthook argument type must be ExceptHookArgs");
        return NULL;
    }
    PyObject *type = PyStructSequence_GetItem(args, 0), *value = PyStructSequence_GetItem(args, 1);
    PyObject *tb = PyStructSequence_GetItem(args, 2), *thread = PyStructSequence_GetItem(args, 3);
    if (type == PyExc_SystemExit) {
        Py_RETURN_NONE;
    }
    PyObject *file = PySys_GetObject("stderr");
    if (file == NULL || file == Py_None) {
        if (thread == Py_None) {
            Py_RETURN_NONE;
        }
        file = PyObject_GetAttrString(thread, "_stderr");
        if (file == NULL) {
            return NULL;
        }
    } else {
        Py_INCREF(file);
    }
    int r = file == Py_None ? 0 : excepthook_write(file, type, value, tb, thread);
    Py_DECREF(file);
    if (r < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* ---- module functions -------------------------------------------------------------------- */

static size_t thread_stack_size_value;

static PyObject *
thread_allocate_lock(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    return newlock(&Lock_Type);
}

static PyObject *
thread_get_ident(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    return PyLong_FromUnsignedLong(current_ident());
}

static PyObject *
thread_get_native_id(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    return PyLong_FromLong((long)syscall(SYS_gettid));
}

static PyObject *
thread_count(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    return PyLong_FromLong(PyInterpreterState_Main()->num_threads);
}

static PyObject *
thread_stack_size(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("stack_size", nargs, 0, 1)) {
        return NULL;
    }
    size_t old = thread_stack_size_value;
    Py_ssize_t size = 0; /* as CPython, no argument sets the default (0) too */
    if (nargs == 1) {
        size = PyLong_AsSsize_t(args[0]);
        if (size == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (size < 0) {
            PyErr_SetString(PyExc_ValueError, "size must be 0 or a positive value");
            return NULL;
        }
        if (size != 0 && size < 0x8000) {
            PyErr_Format(PyExc_ValueError, "size not valid: %zd bytes", size);
            return NULL;
        }
    }
    thread_stack_size_value = (size_t)size;
    return PyLong_FromSize_t(old);
}

/* Runs the started function on the new thread: takes the GIL with the thread state made for
 * it, calls func(*args, **kwargs) (an exception other than SystemExit is reported as
 * unraisable, "in thread started by"), then ends the thread state and releases the GIL. */
static void *
thread_run(void *arg)
{
    PyThreadState *tstate = arg;
    PyEval_AcquireThread(tstate);
    pyrs_state_bind(tstate);
    PyObject *boot = ((PyrsThreadState *)tstate)->start_func; /* (func, args, kwargs) */
    ((PyrsThreadState *)tstate)->start_func = NULL;
    PyObject *func = PyTuple_GET_ITEM(boot, 0), *kwargs = PyTuple_GET_ITEM(boot, 2);
    PyObject *res =
        PyObject_Call(func, PyTuple_GET_ITEM(boot, 1), kwargs == Py_None ? NULL : kwargs);
    if (res == NULL) {
        if (PyErr_ExceptionMatches(PyExc_SystemExit)) {
            PyErr_Clear();
        } else {
            _PyErr_WriteUnraisableMsg("in thread started by", func);
        }
    }
    Py_XDECREF(res);
    Py_DECREF(boot);
    tstate->interp->num_threads--;
    PyThreadState_Clear(tstate);
    pyrs_state_bind(NULL);
    pyrs_gil_delete_current();
    return NULL;
}

/* Starts a detached pthread running FN(ARG) with the configured stack size; 0 with *IDENT
 * set, or an errno value. */
static int
spawn_raw(void *(*fn)(void *), void *arg, unsigned long *ident)
{
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) != 0) {
        return ENOMEM;
    }
    int err = 0;
    if (thread_stack_size_value != 0) {
        err = pthread_attr_setstacksize(&attr, thread_stack_size_value);
    }
    if (err == 0) {
        err = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    }
    if (err == 0) {
        err = pthread_create(&th, &attr, fn, arg);
    }
    pthread_attr_destroy(&attr);
    if (err == 0) {
        *ident = (unsigned long)th;
    }
    return err;
}

static PyObject *
thread_start_new_thread(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("start_new_thread", nargs, 2, 3)) {
        return NULL;
    }
    if (!PyCallable_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "first arg must be callable");
        return NULL;
    }
    if (!PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "2nd arg must be a tuple");
        return NULL;
    }
    if (nargs > 2 && !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "optional 3rd arg must be a dictionary");
        return NULL;
    }
    PyInterpreterState *interp = PyInterpreterState_Main();
    PyThreadState *tstate = PyThreadState_New(interp);
    if (tstate == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *boot = PyTuple_Pack(3, args[0], args[1], nargs > 2 ? args[2] : Py_None);
    if (boot == NULL) {
        PyThreadState_Delete(tstate);
        return NULL;
    }
    ((PyrsThreadState *)tstate)->start_func = boot;
    tstate->thread_id = 0; /* not running yet: the thread binds its own ids */
    interp->num_threads++;
    unsigned long ident = 0;
    if (spawn_raw(thread_run, tstate, &ident) != 0) {
        interp->num_threads--;
        PyThreadState_Clear(tstate);
        PyThreadState_Delete(tstate);
        PyErr_SetString(PyExc_RuntimeError, "can't start new thread");
        return NULL;
    }
    return PyLong_FromUnsignedLong(ident);
}

/* ---- the C-API for OS threads (CPython's pythread.h) ------------------------------------- */

void
PyThread_init_thread(void)
{
}

unsigned long
PyThread_get_thread_ident(void)
{
    return current_ident();
}

unsigned long
PyThread_get_thread_native_id(void)
{
    return (unsigned long)syscall(SYS_gettid);
}

PyThread_type_lock
PyThread_allocate_lock(void)
{
    sem_t *sem = PyMem_RawMalloc(sizeof(sem_t));
    if (sem != NULL && sem_init(sem, 0, 1) != 0) {
        PyMem_RawFree(sem);
        sem = NULL;
    }
    return sem;
}

void
PyThread_free_lock(PyThread_type_lock lock)
{
    if (lock != NULL) {
        sem_destroy(lock);
        PyMem_RawFree(lock);
    }
}

PyLockStatus
PyThread_acquire_lock_timed(PyThread_type_lock lock, long long microseconds, int intr_flag)
{
    sem_t *sem = lock;
    if (sem_trywait(sem) == 0) {
        return PY_LOCK_ACQUIRED;
    }
    if (microseconds == 0) {
        return PY_LOCK_FAILURE;
    }
    struct timespec deadline = {0, 0};
    if (microseconds > 0) {
        deadline = deadline_after((double)microseconds / 1e6);
    }
    for (;;) {
        int r = microseconds < 0 ? sem_wait(sem) : sem_clockwait(sem, CLOCK_MONOTONIC, &deadline);
        if (r == 0) {
            return PY_LOCK_ACQUIRED;
        }
        if (errno == ETIMEDOUT) {
            return PY_LOCK_FAILURE;
        }
        if (errno == EINTR && intr_flag) {
            return PY_LOCK_INTR;
        }
    }
}

int
PyThread_acquire_lock(PyThread_type_lock lock, int waitflag)
{
    return PyThread_acquire_lock_timed(lock, waitflag ? -1 : 0, 0) == PY_LOCK_ACQUIRED;
}

void
PyThread_release_lock(PyThread_type_lock lock)
{
    sem_post(lock);
}

size_t
PyThread_get_stacksize(void)
{
    return thread_stack_size_value;
}

int
PyThread_set_stacksize(size_t size)
{
    if (size != 0 && size < 0x8000) {
        return -1;
    }
    thread_stack_size_value = size;
    return 0;
}

/* A C function and its argument, run by a thread PyThread_start_new_thread started. */
typedef struct {
    void (*func)(void *); /* what to run */
    void *arg;            /* its argument */
} RawStart;

static void *
raw_thread_run(void *p)
{
    RawStart start = *(RawStart *)p;
    PyMem_RawFree(p);
    start.func(start.arg);
    return NULL;
}

unsigned long
PyThread_start_new_thread(void (*func)(void *), void *arg)
{
    RawStart *start = PyMem_RawMalloc(sizeof(RawStart));
    if (start == NULL) {
        return PYTHREAD_INVALID_THREAD_ID;
    }
    start->func = func;
    start->arg = arg;
    unsigned long ident;
    if (spawn_raw(raw_thread_run, start, &ident) != 0) {
        PyMem_RawFree(start);
        return PYTHREAD_INVALID_THREAD_ID;
    }
    return ident;
}

void
PyThread_exit_thread(void)
{
    pthread_exit(NULL);
}

Py_tss_t *
PyThread_tss_alloc(void)
{
    return PyMem_RawCalloc(1, sizeof(Py_tss_t));
}

void
PyThread_tss_free(Py_tss_t *key)
{
    if (key != NULL) {
        PyThread_tss_delete(key);
        PyMem_RawFree(key);
    }
}

int
PyThread_tss_is_created(Py_tss_t *key)
{
    return key->_is_initialized;
}

int
PyThread_tss_create(Py_tss_t *key)
{
    if (key->_is_initialized) {
        return 0;
    }
    pthread_key_t k;
    if (pthread_key_create(&k, NULL) != 0) {
        return -1;
    }
    key->_key = k;
    key->_is_initialized = 1;
    return 0;
}

void
PyThread_tss_delete(Py_tss_t *key)
{
    if (key->_is_initialized) {
        pthread_key_delete(key->_key);
        key->_is_initialized = 0;
    }
}

int
PyThread_tss_set(Py_tss_t *key, void *value)
{
    return pthread_setspecific(key->_key, value) == 0 ? 0 : -1;
}

void *
PyThread_tss_get(Py_tss_t *key)
{
    return pthread_getspecific(key->_key);
}

static PyObject *
thread_exit(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    PyErr_SetNone(PyExc_SystemExit);
    return NULL;
}

static PyObject *
thread_interrupt_main(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames)
{
    static const char *const names[] = {"signum", NULL};
    PyObject *a[1];
    int signum = 2;
    if (pyrs_rtmods_bind("interrupt_main", args, nargs, kwnames, names, 0, a) < 0) {
        return NULL;
    }
    if (a[0] != NULL && (signum = _PyLong_AsInt(a[0])) == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (PyErr_SetInterruptEx(signum) < 0) {
        PyErr_SetString(PyExc_ValueError, "signal number out of range");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* A new lock that is released when the calling thread's state is cleared (threading's
 * _tstate_lock, which join() waits on). */
static PyObject *
thread_set_sentinel(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    PyThreadState *tstate = PyThreadState_Get();
    if (tstate->on_delete_data != NULL) {
        /* a previous sentinel of this thread is forgotten, as in CPython */
        PyObject *old = tstate->on_delete_data;
        tstate->on_delete = NULL;
        tstate->on_delete_data = NULL;
        Py_DECREF(old);
    }
    PyObject *lock = newlock(&Lock_Type);
    PyObject *wr = lock != NULL ? PyWeakref_NewRef(lock, NULL) : NULL;
    if (wr == NULL) {
        Py_XDECREF(lock);
        return NULL;
    }
    tstate->on_delete_data = wr;
    tstate->on_delete = release_sentinel;
    return lock;
}

#define FAST(name, fn)                                                                             \
    {                                                                                              \
        name, (PyCFunction)(void (*)(void))fn, METH_FASTCALL, NULL                                 \
    }

static PyMethodDef thread_methods[] = {
    FAST("start_new_thread", thread_start_new_thread),
    FAST("start_new", thread_start_new_thread),
    {"allocate_lock", thread_allocate_lock, METH_NOARGS, NULL},
    {"allocate", thread_allocate_lock, METH_NOARGS, NULL},
    {"exit_thread", thread_exit, METH_NOARGS, NULL},
    {"exit", thread_exit, METH_NOARGS, NULL},
    {"interrupt_main", (PyCFunction)(void (*)(void))thread_interrupt_main,
     METH_FASTCALL | METH_KEYWORDS, NULL},
    {"get_ident", thread_get_ident, METH_NOARGS, NULL},
    {"get_native_id", thread_get_native_id, METH_NOARGS, NULL},
    {"_count", thread_count, METH_NOARGS, NULL},
    FAST("stack_size", thread_stack_size),
    {"_set_sentinel", thread_set_sentinel, METH_NOARGS, NULL},
    {"_excepthook", thread_excepthook, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
thread_exec(PyObject *m)
{
    if (PyType_Ready(&Lock_Type) < 0 || PyType_Ready(&RLock_Type) < 0 ||
        PyType_Ready(&Local_Type) < 0 || PyType_Ready(&Dummy_Type) < 0) {
        return -1;
    }
    if (HookArgs_Type == NULL &&
        (HookArgs_Type = PyStructSequence_NewType(&hookargs_desc)) == NULL) {
        return -1;
    }
    PyObject *tmax = PyFloat_FromDouble(TIMEOUT_MAX_SECONDS);
    int r = tmax == NULL ? -1 : PyModule_AddObject(m, "TIMEOUT_MAX", tmax);
    if (r < 0) {
        Py_XDECREF(tmax);
        return -1;
    }
    if (PyModule_AddObjectRef(m, "LockType", (PyObject *)&Lock_Type) < 0 ||
        PyModule_AddObjectRef(m, "RLock", (PyObject *)&RLock_Type) < 0 ||
        PyModule_AddObjectRef(m, "_local", (PyObject *)&Local_Type) < 0 ||
        PyModule_AddObjectRef(m, "_ExceptHookArgs", (PyObject *)HookArgs_Type) < 0 ||
        PyModule_AddObjectRef(m, "error", PyExc_RuntimeError) < 0) {
        return -1;
    }
    return 0;
}

static struct PyModuleDef thread_module = {
    PyModuleDef_HEAD_INIT, "_thread", NULL, 0, thread_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__thread(void);

PyMODINIT_FUNC
PyInit__thread(void)
{
    PyObject *m = PyModule_Create(&thread_module);
    if (m != NULL && thread_exec(m) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
