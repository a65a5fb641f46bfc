/* pyexpat.h: the parser object shared by pyexpat.c (module, type, parsing) and
 * pyexpat_handlers.c (the handler table, expat callbacks, errors/model submodules). */
#ifndef PYRS_PYEXPAT_H
#define PYRS_PYEXPAT_H

#include "Python.h"

#include <expat.h>

/* Handler indexes, in CPython's order (the order of the attribute names). */
enum {
    PYEXPAT_START_ELEMENT,
    PYEXPAT_END_ELEMENT,
    PYEXPAT_PROCESSING_INSTRUCTION,
    PYEXPAT_CHARACTER_DATA,
    PYEXPAT_UNPARSED_ENTITY_DECL,
    PYEXPAT_NOTATION_DECL,
    PYEXPAT_START_NAMESPACE_DECL,
    PYEXPAT_END_NAMESPACE_DECL,
    PYEXPAT_COMMENT,
    PYEXPAT_START_CDATA,
    PYEXPAT_END_CDATA,
    PYEXPAT_DEFAULT,
    PYEXPAT_DEFAULT_EXPAND,
    PYEXPAT_NOT_STANDALONE,
    PYEXPAT_EXTERNAL_ENTITY_REF,
    PYEXPAT_START_DOCTYPE_DECL,
    PYEXPAT_END_DOCTYPE_DECL,
    PYEXPAT_ENTITY_DECL,
    PYEXPAT_XML_DECL,
    PYEXPAT_ELEMENT_DECL,
    PYEXPAT_ATTLIST_DECL,
    PYEXPAT_SKIPPED_ENTITY,
    PYEXPAT_NHANDLERS
};

typedef struct {
    PyObject_HEAD
    XML_Parser parser;
    PyObject *intern; /* dict interning names, or NULL */
    char *buffer;     /* buffer_text: pending character data, or NULL when off */
    int buffer_size, buffer_used;
    int ordered_attributes, specified_attributes, namespace_prefixes;
    int in_callback;                       /* a handler is running (GetInputContext) */
    PyObject *handlers[PYEXPAT_NHANDLERS]; /* owned, NULL when unset */
} ExpatParser;

extern PyTypeObject pyexpat_parser_type;
extern PyObject *pyexpat_error;
extern const char *const pyexpat_handler_names[PYEXPAT_NHANDLERS];

/* str from expat text (None for NULL); names go through the parser's intern dict. */
PyObject *pyexpat_str(const XML_Char *s);
PyObject *pyexpat_str_n(const XML_Char *s, int len);
PyObject *pyexpat_name(ExpatParser *self, const XML_Char *s);

/* Delivers buffered character data; 0, or -1 with the handler's exception (parser stopped). */
int pyexpat_flush_text(ExpatParser *self);
/* expat's character data callback (buffering per buffer_text). */
void pyexpat_character_data(void *ud, const XML_Char *s, int len);
/* A handler raised: drop the handlers and stop the parser; the exception stays set. */
void pyexpat_flag_error(ExpatParser *self);

/* Sets handler I to CALLABLE (None unsets) and (un)registers the expat callback; 0 or -1. */
int pyexpat_set_handler(ExpatParser *self, int i, PyObject *callable);
/* Unsets every handler. */
void pyexpat_clear_handlers(ExpatParser *self);
/* Adds `errors`, `model` and `features` to the module M; 0 or -1. */
int pyexpat_add_submodules(PyObject *m);

#endif /* PYRS_PYEXPAT_H */
