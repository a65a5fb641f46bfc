/* pyrs/import.h: the import system (runtime/import.c) and the table of native built-in
 * modules. The table is generated at build time from every `PyInit_<name>(void)` definition
 * found at the start of a line in stdlib/ (see runtime/CMakeLists.txt), so adding a module
 * is adding its file. */
#ifndef PYRS_IMPORT_H
#define PYRS_IMPORT_H

#include "Python.h"
#include "../import.h"

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

/* pyrs_import_init (pyrs/lifecycle.h) sets up sys.path, sys.meta_path, sys.path_hooks,
 * sys.path_importer_cache and builtins.__import__ once sys exists. */

/* Loads the Python side of the import system and fills sys.meta_path and sys.path_hooks
 * (programs call it at start; it also happens on the first import that needs it). */
PYRS_MUST_CHECK int pyrs_import_bootstrap(void);

/* Inserts sys.path[0]: the directory of SCRIPT, "" when SCRIPT is NULL (-c), the current
 * directory when SCRIPT is "" (-m). 0 or -1. */
PYRS_MUST_CHECK int pyrs_import_set_path0(const char *script);

/* Runs module NAME as __main__ (runpy._run_module_as_main: pyrs -m NAME with ALTER_ARGV set,
 * or a directory's or zip archive's __main__ without). 0 or -1. */
PYRS_MUST_CHECK int pyrs_import_run_module_as_main(const char *name, int alter_argv);

/* The __loader__ CPython gives a __main__ run from FILENAME (a new reference, NULL with an
 * exception): SourceFileLoader('__main__', FILENAME) for a source file, SourcelessFileLoader
 * for a .pyc (IS_PYC), BuiltinImporter for `-c` and stdin (FILENAME NULL). */
PyObject *pyrs_import_main_loader(PyObject *filename, int is_pyc);

/* ---- the primitives behind _imp (stdlib/_impmodule.c) and _pyrs_importlib ---- */

/* 1 for a module of the inittab, -1 for sys/builtins (cannot be re-initialized), else 0. */
int pyrs_import_is_builtin(PyObject *name);
/* _imp.create_builtin(spec): the built-in module named spec.name, created and executed. */
PyObject *pyrs_import_create_builtin(PyObject *spec);
/* 1 when NAME is frozen into this executable (and *IS_PACKAGE set), else 0. */
int pyrs_import_frozen_info(PyObject *name, int *is_package);
/* The source path frozen module NAME was compiled from, or None. New reference. */
PyObject *pyrs_import_frozen_origin(PyObject *name);
/* The code object of frozen module NAME (new reference), or NULL with ImportError. */
PyObject *pyrs_import_frozen_code(PyObject *name);
/* DIR/__pycache__/NAME.pyrs-311.pyc for the source PATH. New reference. */
PyObject *pyrs_import_cache_from_source(PyObject *path);
/* The code of the source file PATH, from the bytecode cache when it is fresh, else compiled
 * (and cached unless sys.dont_write_bytecode). New reference, NULL with an exception. */
PyObject *pyrs_import_source_code(PyObject *path);
/* Points the co_filename of CODE (a code object) and of its nested code that shared that
 * name at PATH (a str), as CPython's _imp._fix_co_filename. Cannot fail. */
void pyrs_import_fix_co_filename(PyObject *code, PyObject *path);
/* FileFinder(DIR).find_spec(FULLNAME): a spec, Py_None, or NULL with an exception. */
PyObject *pyrs_import_find_in_directory(PyObject *fullname, PyObject *dir);
/* PathFinder.find_spec(FULLNAME, PATH) with the default path hooks: directories natively,
 * other entries (zip archives) through their path entry finders. */
PyObject *pyrs_import_find_on_path(PyObject *fullname, PyObject *path);
/* The path entry finder of PATH (CPython's PyImport_GetImporter): sys.path_importer_cache's, or
 * the first sys.path_hooks entry that accepts PATH, cached. New reference; Py_None when no hook
 * accepts it; NULL with an exception. Runs Python code (the hooks). */
PyObject *pyrs_import_get_importer(PyObject *path);
/* Imports zipimport (whose fix-up puts zipimport.zipimporter in sys.path_hooks) the first time
 * a path entry PATH names a file or a path inside one; pyrs loads it lazily, as importlib
 * costs more than the rest of start-up. 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_import_load_zipimport(PyObject *path);
/* Forgets the cached directory listings (importlib.invalidate_caches). */
void pyrs_import_invalidate_caches(void);

/* Modules frozen into a pyrsc executable: name, serialized code, is-package flag. */
typedef struct {
    const char *name;
    const unsigned char *code;
    size_t size;
    int is_package;
    const char *origin; /* the source file it was compiled from (its __file__) */
} PyrsFrozenModule;

/* Registers the executable's frozen modules (pyrsc's generated main calls this before the
 * runtime starts). The array must stay alive and end with a NULL name. */
void pyrs_import_set_frozen(const PyrsFrozenModule *modules);

#endif /* PYRS_IMPORT_H */
