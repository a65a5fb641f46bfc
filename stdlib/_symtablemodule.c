/* _symtable: CPython's view of the compiler's symbol tables (Lib/symtable.py sits on it). The
 * module itself is made by the compiler library (compiler/symtable_module.c), reached through a
 * hook because the runtime does not link the front end. */
#include "Python.h"
#include "pyrs/symtablemod.h"

PyMODINIT_FUNC PyInit__symtable(void);

static PyrsSymtableModuleHook module_hook;

void
pyrs_symtablemod_set_hook(PyrsSymtableModuleHook hook)
{
    module_hook = hook;
}

PyMODINIT_FUNC
PyInit__symtable(void)
{
    if (module_hook == NULL) {
        PyErr_SetString(PyExc_ImportError,
                        "_symtable needs the compiler, which this program lacks");
        return NULL;
    }
    return module_hook();
}
