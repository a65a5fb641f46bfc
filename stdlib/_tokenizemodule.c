/* _tokenize: CPython 3.11's TokenizerIter over the C tokenizer. The module is made by the
 * front end (compiler/tokenize_module.c), which the runtime reaches through a hook because it
 * does not link the front end; a program without it gets an ImportError. */
#include "Python.h"
#include "_tokenizemodule.h"

PyMODINIT_FUNC PyInit__tokenize(void);

static PyrsTokenizeModuleHook module_hook;

void
pyrs_tokenize_set_hook(PyrsTokenizeModuleHook hook)
{
    module_hook = hook;
}

PyMODINIT_FUNC
PyInit__tokenize(void)
{
    if (module_hook == NULL) {
        PyErr_SetString(PyExc_ImportError,
                        "_tokenize needs the front end, which this program lacks");
        return NULL;
    }
    return module_hook();
}
