/* pylifecycle.c: runtime start-up and shutdown (CPython's Py_InitializeEx order: allocators,
 * hash key, thread state, then every type area, exceptions last) and pyrs_fatal. */

#include "pyrs/config.h"
#include "pyrs/lifecycle.h"

#include <locale.h>

#include "Python.h"
#include "pyrs/import.h"
#include "pyrs/rtmods.h"
#include "pyrs/sys.h"

#include "pyrs/gc.h"
#include "pyrs/gil.h"
#include "pyrs/hash.h"
#include "pyrs/mem.h"

typedef struct {
    const char *name;  /* for the start-up failure message */
    int (*init)(void); /* the area's start-up function */
} InitStep;

static int runtime_ready;

static int
run_step(const InitStep *step)
{
    if (step->init() < 0) {
        fprintf(stderr, "pyrs: start-up failed in %s\n", step->name);
        if (PyErr_Occurred()) {
            PyErr_Print();
        }
        return -1;
    }
    return 0;
}

int
pyrs_runtime_init(void)
{
    if (runtime_ready) {
        return 0;
    }
    setlocale(LC_CTYPE, ""); /* as CPython at start-up: the user's character encoding */
    pyrs_config_read_env();
    const InitStep steps[] = {
        {"mem", pyrs_mem_init},
        {"hash", pyrs_hash_init},
        {"state", pyrs_state_init},
        {"gc", pyrs_gc_init},
        {"type", pyrs_type_init},
        {"object", pyrs_object_init},
        {"long", pyrs_long_init},
        {"bool", pyrs_bool_init},
        {"float", pyrs_float_init},
        {"complex", pyrs_complex_init},
        {"unicode", pyrs_unicode_init},
        {"bytes", pyrs_bytes_init},
        {"bytearray", pyrs_bytearray_init},
        {"memory", pyrs_memory_init},
        {"tuple", pyrs_tuple_init},
        {"list", pyrs_list_init},
        {"dict", pyrs_dict_init},
        {"set", pyrs_set_init},
        {"slice", pyrs_slice_init},
        {"range", pyrs_range_init},
        {"iter", pyrs_iter_init},
        {"method", pyrs_method_init},
        {"classobject", pyrs_classobject_init},
        {"module", pyrs_module_init},
        {"exc", pyrs_exc_init},
        {"weakref", pyrs_weakref_init},
        {"func", pyrs_func_init},
        {"traceback", pyrs_traceback_init},
        {"builtins", pyrs_builtins_init},
        {"import", pyrs_import_init},
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(steps); i++) {
        if (run_step(&steps[i]) < 0) {
            return -1;
        }
    }
    runtime_ready = 1;
    return 0;
}

/* Flushes sys.stdout and sys.stderr, ignoring errors. */
static void
flush_std_streams(void)
{
    static const char *const streams[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        PyObject *s = PySys_GetObject(streams[i]);
        PyObject *r = s != NULL && s != Py_None ? PyObject_CallMethod(s, "flush", NULL) : NULL;
        Py_XDECREF(r);
        PyErr_Clear();
    }
}

/* CPython's module finalization, for the program's own objects: __main__ leaves sys.modules
 * and the finalizers (__del__) of what its globals kept alive run while the standard streams
 * still work. A collection is needed only when the globals outlive the module (functions and
 * classes of the program refer to them); otherwise releasing them is enough, which keeps
 * the exit of short scripts cheap. */
static void
finalize_main(void)
{
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *main = modules != NULL ? PyDict_GetItemString(modules, "__main__") : NULL;
    if (main == NULL || !PyModule_Check(main)) {
        return;
    }
    PyObject *globals = Py_NewRef(PyModule_GetDict(main));
    if (PyDict_DelItemString(modules, "__main__") < 0) {
        PyErr_Clear();
    }
    int shared = Py_REFCNT(globals) > 1;
    Py_DECREF(globals);
    if (shared) {
        pyrs_gc_collect(PYRS_GC_NUM_GENERATIONS - 1);
    }
    PyErr_Clear();
}

void
pyrs_runtime_fini(void)
{
    if (!runtime_ready) {
        return;
    }
    pyrs_gil_wait_for_shutdown(); /* as CPython: join non-daemon threads, then atexit */
    pyrs_atexit_run(); /* as CPython: atexit callbacks first, then the streams are flushed */
    pyrs_gil_set_finalizing(); /* daemon threads stop when they next want the GIL */
    flush_std_streams();
    finalize_main();
    if (PYRS_MEM_SYSTEM) {
        pyrs_gc_collect(PYRS_GC_NUM_GENERATIONS - 1); /* garbage cycles are not leaks */
    }
    flush_std_streams();
    fflush(stdout);
    fflush(stderr);
    if (PYRS_MEM_SYSTEM) {
        pyrs_gc_forget_all(); /* see "valgrind build" in docs/DESIGN-NOTES.md */
    }
    runtime_ready = 0;
}

void
pyrs_fatal(const char *msg)
{
    fflush(stdout);
    fprintf(stderr, "Fatal Python error: %s\n", msg);
    fflush(stderr);
    abort();
}
