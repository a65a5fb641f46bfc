/* pyrs/import.h: the import system (runtime/import.c) and the table of native built-in
 * modules. The table is generated at build time from every `PyInit_<name>(void)` definition
 * found at the start of a line in stdlib/ (see runtime/CMakeLists.txt), so adding a module
 * is adding its file. */
#ifndef PYRS_IMPORT_H
#define PYRS_IMPORT_H

#include "Python.h"

/* CPython's struct _inittab: one built-in module and its init function. */
struct _inittab {
    const char *name;
    PyObject *(*initfunc)(void);
};

/* The generated table (build/runtime/inittab.c), terminated by {NULL, NULL}. */
extern const struct _inittab pyrs_builtin_inittab[];

/* The VM's entry points for IMPORTNAME/IMPORTFROM/IMPORTSTAR (pyrs_vm_import_name, ..._from,
 * ..._star) are declared in pyrs/vm.h and defined in runtime/import.c. */

/* builtins.__import__ (the native import). */
PyObject *pyrs_import_builtin_import(PyObject *self, PyObject *args, PyObject *kwds);

/* Sets up sys.path, sys.meta_path, sys.path_hooks, sys.path_importer_cache and the built-in
 * finders; called once after sys exists. 0 or -1. */
PYRS_MUST_CHECK int pyrs_import_init(void);

/* Sets sys.path[0] from the script path (its directory), "" for -c, or the cwd for -m. */
PYRS_MUST_CHECK int pyrs_import_set_path0(const char *script);

/* Runs module NAME as __main__ (pyrs -m NAME, runpy semantics for packages). 0 or -1. */
PYRS_MUST_CHECK int pyrs_import_run_module_as_main(const char *name);

/* Modules frozen into a pyrsc executable: name, serialized code, is-package flag. */
typedef struct {
    const char *name;
    const unsigned char *code;
    size_t size;
    int is_package;
} PyrsFrozenModule;

/* Registers the executable's frozen modules (pyrsc's generated main calls this before the
 * runtime starts). The array must stay alive and end with a NULL name. */
void pyrs_import_set_frozen(const PyrsFrozenModule *modules);

#endif /* PYRS_IMPORT_H */
