/* _thread: locks, re-entrant locks, thread identity and thread-local data, as CPython 3.11's
 * Modules/_threadmodule.c. Locks are real (pthread mutex + condition), so timeouts behave; but
 * pyrs has no GIL or per-thread VM state yet, so start_new_thread raises RuntimeError and
 * _local is a plain per-object namespace (correct while there is only the main thread). */
#include "Python.h"
#include "structseq.h"
#include "pyrs/call.h"
#include "pyrs/rtmods.h"
#include "pyrs/sys.h"
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MAX_SECONDS 9223372036.0

/* ---- the underlying lock ----------------------------------------------------------------- */

typedef struct {
    pthread_mutex_t mutex; /* protects locked */
    pthread_cond_t cond;   /* signalled on release */
    int locked;            /* held */
} RawLock;

static void
rawlock_init(RawLock *l)
{
    pthread_mutex_init(&l->mutex, NULL);
    pthread_cond_init(&l->cond, NULL);
    l->locked = 0;
}

static void
rawlock_fini(RawLock *l)
{
    pthread_cond_destroy(&l->cond);
    pthread_mutex_destroy(&l->mutex);
}

/* Acquires within TIMEOUT seconds (< 0: forever, 0: no wait); 1 acquired, 0 timed out. */
static int
rawlock_acquire(RawLock *l, double timeout)
{
    struct timespec deadline;
    if (timeout > 0) {
        clock_gettime(CLOCK_REALTIME, &deadline);
        double whole = floor(timeout);
        deadline.tv_sec += (time_t)whole;
        deadline.tv_nsec += (long)((timeout - whole) * 1e9);
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&l->mutex);
    int rc = 0;
    while (l->locked && rc == 0) {
        if (timeout == 0) {
            rc = ETIMEDOUT;
        } else if (timeout < 0) {
            rc = pthread_cond_wait(&l->cond, &l->mutex);
        } else {
            rc = pthread_cond_timedwait(&l->cond, &l->mutex, &deadline);
        }
    }
    int got = !l->locked;
    if (got) {
        l->locked = 1;
    }
    pthread_mutex_unlock(&l->mutex);
    return got;
}

static void
rawlock_release(RawLock *l)
{
    pthread_mutex_lock(&l->mutex);
    l->locked = 0;
    pthread_cond_signal(&l->cond);
    pthread_mutex_unlock(&l->mutex);
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
    return PyBool_FromLong(rawlock_acquire(&((LockObject *)op)->lock, timeout));
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
    if (!rawlock_acquire(&self->lock, timeout)) {
        Py_RETURN_FALSE;
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
    rawlock_acquire(&self->lock, -1);
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

/* With a single thread, thread-local data is the object's own namespace. */
typedef struct {
    PyObject_HEAD
    PyObject *dict;        /* attributes */
    PyObject *weakreflist; /* weak references */
} LocalObject;

static PyObject *
local_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if ((PyTuple_GET_SIZE(args) > 0 || (kw != NULL && PyDict_GET_SIZE(kw) > 0)) &&
        type->tp_init == PyBaseObject_Type.tp_init) {
        PyErr_SetString(PyExc_TypeError, "Initialization arguments are not supported");
        return NULL;
    }
    LocalObject *self = (LocalObject *)type->tp_alloc(type, 0);
    if (self != NULL && (self->dict = PyDict_New()) == NULL) {
        Py_CLEAR(self);
    }
    return (PyObject *)self;
}

static int
local_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((LocalObject *)op)->dict);
    return 0;
}

static int
local_clear(PyObject *op)
{
    Py_CLEAR(((LocalObject *)op)->dict);
    return 0;
}

static void
local_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    if (((LocalObject *)op)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    local_clear(op);
    Py_TYPE(op)->tp_free(op);
}

static PyGetSetDef local_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Local_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_thread._local",
    .tp_basicsize = sizeof(LocalObject),
    .tp_dealloc = local_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Thread-local data",
    .tp_traverse = local_traverse,
    .tp_clear = local_clear,
    .tp_weaklistoffset = offsetof(LocalObject, weakreflist),
    .tp_getset = local_getset,
    .tp_dictoffset = offsetof(LocalObject, dict),
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

/* Writes "Exception in thread NAME:" and the traceback to sys.stderr (SystemExit is silent). */
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
        Py_RETURN_NONE;
    }
    PyObject *name = thread != Py_None ? PyObject_GetAttrString(thread, "name") : NULL;
    if (name == NULL) {
        PyErr_Clear();
        name = PyLong_FromUnsignedLong(current_ident());
    }
    PyObject *head = name != NULL ? PyUnicode_FromFormat("Exception in thread %S:\n", name) : NULL;
    Py_XDECREF(name);
    PyObject *r = head != NULL ? PyObject_CallMethod(file, "write", "O", head) : NULL;
    Py_XDECREF(head);
    if (r == NULL) {
        return NULL;
    }
    Py_DECREF(r);
    PyErr_Display(type, value, tb == Py_None ? NULL : tb);
    r = PyObject_CallMethod(file, "flush", NULL);
    if (r == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(r);
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
    return PyLong_FromLong(0);
}

static PyObject *
thread_stack_size(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("stack_size", nargs, 0, 1)) {
        return NULL;
    }
    size_t old = thread_stack_size_value;
    if (nargs == 1) {
        Py_ssize_t size = PyLong_AsSsize_t(args[0]);
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
        thread_stack_size_value = (size_t)size;
    }
    return PyLong_FromSize_t(old);
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
    PyErr_SetString(PyExc_RuntimeError, "can't start new thread: pyrs has no thread support yet");
    return NULL;
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

static PyObject *
thread_set_sentinel(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args))
{
    return newlock(&Lock_Type);
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
        PyType_Ready(&Local_Type) < 0) {
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
