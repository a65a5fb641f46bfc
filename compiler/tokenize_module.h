/* tokenize_module.h: the _tokenize module (compiler/tokenize_module.c). */
#ifndef PYRS_TOKENIZE_MODULE_H
#define PYRS_TOKENIZE_MODULE_H

/* Gives the runtime the _tokenize module (call at start-up, before the program runs). */
void pyrs_tokenize_module_install(void);

#endif /* PYRS_TOKENIZE_MODULE_H */
