/* pyrs/symtablemod.h: the _symtable module's hook. The module is made by the compiler library
 * (compiler/symtable_module.c), which the runtime does not link, so it registers itself here
 * at start (as _ast does through pyrs/bltin.h). */
#ifndef PYRS_SYMTABLEMOD_H
#define PYRS_SYMTABLEMOD_H

#include "Python.h"

/* Makes the _symtable module: a new reference, or NULL with an exception set. */
typedef PyObject *(*PyrsSymtableModuleHook)(void);

/* Installs the maker stdlib/_symtablemodule.c calls (NULL: ImportError on import). */
void pyrs_symtablemod_set_hook(PyrsSymtableModuleHook hook);

#endif /* PYRS_SYMTABLEMOD_H */
