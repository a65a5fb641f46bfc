/* _ast: the AST node classes. They are made by the compiler library (compiler/ast_module.c),
 * which the runtime reaches through a hook because it does not link the front end. */
#include "Python.h"
#include "pyrs/bltin.h"

PyMODINIT_FUNC PyInit__ast(void);

PyMODINIT_FUNC
PyInit__ast(void)
{
    return pyrs_bltin_ast_module();
}
