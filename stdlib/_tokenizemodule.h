/* _tokenizemodule.h: the hook through which the runtime's _tokenize module (stdlib/) reaches
 * the module the front end makes (compiler/tokenize_module.c); the runtime does not link it. */
#ifndef PYRS_TOKENIZEMODULE_H
#define PYRS_TOKENIZEMODULE_H

#include "Python.h"

/* Makes the _tokenize module: a new reference, or NULL with an exception set. */
typedef PyObject *(*PyrsTokenizeModuleHook)(void);

/* Installs the front end's maker of _tokenize (called at start by compiler/pyrun.c). */
void pyrs_tokenize_set_hook(PyrsTokenizeModuleHook hook);

#endif /* PYRS_TOKENIZEMODULE_H */
