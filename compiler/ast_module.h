/* ast_module.h: the _ast module and compile(..., PyCF_ONLY_AST) (compiler/ast_module.c). */
#ifndef PYRS_AST_MODULE_H
#define PYRS_AST_MODULE_H

/* Gives the runtime the _ast module and the parse-to-objects conversion (call at start-up,
 * before the program runs). */
void pyrs_ast_module_install(void);

#endif /* PYRS_AST_MODULE_H */
