/* symtable_module.h: the _symtable module (symtable_module.c), made by the compiler library
 * and handed to the runtime's import table through pyrs/symtablemod.h. */
#ifndef PYRS_SYMTABLE_MODULE_H
#define PYRS_SYMTABLE_MODULE_H

/* Registers the module maker with the runtime; called once at start, like
 * pyrs_ast_module_install. Cannot fail. */
void pyrs_symtable_module_install(void);

#endif /* PYRS_SYMTABLE_MODULE_H */
