/* pyexpat_handlers.c: the xmlparser handler attributes: the expat callback behind each one
 * (building CPython's argument tuples), their registration, and the `errors` and `model`
 * submodules and `features` list of pyexpat. */
#include "pyexpat.h"

#include <string.h>

const char *const pyexpat_handler_names[PYEXPAT_NHANDLERS] = {
    "StartElementHandler",
    "EndElementHandler",
    "ProcessingInstructionHandler",
    "CharacterDataHandler",
    "UnparsedEntityDeclHandler",
    "NotationDeclHandler",
    "StartNamespaceDeclHandler",
    "EndNamespaceDeclHandler",
    "CommentHandler",
    "StartCdataSectionHandler",
    "EndCdataSectionHandler",
    "DefaultHandler",
    "DefaultHandlerExpand",
    "NotStandaloneHandler",
    "ExternalEntityRefHandler",
    "StartDoctypeDeclHandler",
    "EndDoctypeDeclHandler",
    "EntityDeclHandler",
    "XmlDeclHandler",
    "ElementDeclHandler",
    "AttlistDeclHandler",
    "SkippedEntityHandler",
};

/* Calls handler I of SELF with ARGS (a new reference, or NULL after an error: the parser is
 * then stopped). Pending character data is delivered first. Returns the handler's result, or
 * NULL (no handler, or an exception, which is left set). */
static PyObject *
call_handler(ExpatParser *self, int i, PyObject *args)
{
    PyObject *handler = self->handlers[i];
    if (args == NULL || handler == NULL || PyErr_Occurred() ||
        (i != PYEXPAT_CHARACTER_DATA && pyexpat_flush_text(self) < 0)) {
        Py_XDECREF(args);
        if (PyErr_Occurred()) {
            pyexpat_flag_error(self);
        }
        return NULL;
    }
    self->in_callback = 1;
    PyObject *r = PyObject_Call(handler, args, NULL);
    self->in_callback = 0;
    Py_DECREF(args);
    if (r == NULL) {
        pyexpat_flag_error(self);
    }
    return r;
}

/* As call_handler for handlers whose result is not used. */
static void
run_handler(ExpatParser *self, int i, PyObject *args)
{
    Py_XDECREF(call_handler(self, i, args));
}

/* A handler is set and no error is pending (the cheap test before building arguments). */
static int
wanted(ExpatParser *self, int i)
{
    return self->handlers[i] != NULL && !PyErr_Occurred();
}

#define NAME(s) pyexpat_name(self, (s))
#define STR(s)  pyexpat_str(s)

static void
start_element(void *ud, const XML_Char *name, const XML_Char **atts)
{
    ExpatParser *self = ud;
    if (!wanted(self, PYEXPAT_START_ELEMENT)) {
        return;
    }
    int n = 0;
    while (atts[n] != NULL) {
        n += 2;
    }
    if (self->specified_attributes) {
        n = XML_GetSpecifiedAttributeCount(self->parser);
    }
    PyObject *container = self->ordered_attributes ? PyList_New(0) : PyDict_New();
    for (int k = 0; container != NULL && k < n; k += 2) {
        PyObject *key = NAME(atts[k]);
        PyObject *value = key != NULL ? STR(atts[k + 1]) : NULL;
        int r = value == NULL ? -1
                : self->ordered_attributes
                    ? (PyList_Append(container, key) < 0 ? -1 : PyList_Append(container, value))
                    : PyDict_SetItem(container, key, value);
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (r < 0) {
            Py_CLEAR(container);
        }
    }
    PyObject *tag = container != NULL ? NAME(name) : NULL;
    run_handler(self, PYEXPAT_START_ELEMENT,
                tag != NULL ? Py_BuildValue("(NN)", tag, container) : NULL);
    if (tag == NULL) {
        Py_XDECREF(container);
    }
}

/* Packs N expat strings into a tuple; names (FLAGS bit k set) go through the intern dict. */
static PyObject *
strings(ExpatParser *self, unsigned flags, int n, const XML_Char *const *v)
{
    PyObject *t = PyTuple_New(n);
    for (int k = 0; t != NULL && k < n; k++) {
        PyObject *s = (flags >> k) & 1 ? NAME(v[k]) : STR(v[k]);
        if (s == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, k, s);
    }
    return t;
}

#define STRINGS_HANDLER(fn, index, flags, n, ...)                                                  \
    static void fn(void *ud, PARAMS_##n)                                                           \
    {                                                                                              \
        ExpatParser *self = ud;                                                                    \
        if (wanted(self, index)) {                                                                 \
            const XML_Char *v[n] = {__VA_ARGS__};                                                  \
            run_handler(self, index, strings(self, flags, n, v));                                  \
        }                                                                                          \
    }
#define PARAMS_1 const XML_Char *a
#define PARAMS_2 const XML_Char *a, const XML_Char *b
#define PARAMS_4 const XML_Char *a, const XML_Char *b, const XML_Char *c, const XML_Char *d
#define PARAMS_5                                                                                   \
    const XML_Char *a, const XML_Char *b, const XML_Char *c, const XML_Char *d, const XML_Char *e

STRINGS_HANDLER(end_element, PYEXPAT_END_ELEMENT, 1u, 1, a)
STRINGS_HANDLER(processing_instruction, PYEXPAT_PROCESSING_INSTRUCTION, 0u, 2, a, b)
STRINGS_HANDLER(unparsed_entity_decl, PYEXPAT_UNPARSED_ENTITY_DECL, 31u, 5, a, b, c, d, e)
STRINGS_HANDLER(notation_decl, PYEXPAT_NOTATION_DECL, 15u, 4, a, b, c, d)
STRINGS_HANDLER(start_namespace_decl, PYEXPAT_START_NAMESPACE_DECL, 3u, 2, a, b)
STRINGS_HANDLER(end_namespace_decl, PYEXPAT_END_NAMESPACE_DECL, 1u, 1, a)
STRINGS_HANDLER(comment, PYEXPAT_COMMENT, 0u, 1, a)

static void
start_cdata(void *ud)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_START_CDATA)) {
        run_handler(self, PYEXPAT_START_CDATA, PyTuple_New(0));
    }
}

static void
end_cdata(void *ud)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_END_CDATA)) {
        run_handler(self, PYEXPAT_END_CDATA, PyTuple_New(0));
    }
}

static void
end_doctype(void *ud)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_END_DOCTYPE_DECL)) {
        run_handler(self, PYEXPAT_END_DOCTYPE_DECL, PyTuple_New(0));
    }
}

static void
text_handler(ExpatParser *self, int index, const XML_Char *s, int len)
{
    if (wanted(self, index)) {
        PyObject *text = pyexpat_str_n(s, len);
        run_handler(self, index, text != NULL ? Py_BuildValue("(N)", text) : NULL);
    }
}

static void
default_handler(void *ud, const XML_Char *s, int len)
{
    text_handler(ud, PYEXPAT_DEFAULT, s, len);
}

static void
default_expand(void *ud, const XML_Char *s, int len)
{
    text_handler(ud, PYEXPAT_DEFAULT_EXPAND, s, len);
}

/* The int a handler returned (0 when it failed or returned something else). */
static int
int_result(PyObject *r)
{
    if (r == NULL) {
        return 0;
    }
    long v = PyLong_Check(r) ? PyLong_AsLong(r) : 0;
    Py_DECREF(r);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return (int)v;
}

static int
not_standalone(void *ud)
{
    ExpatParser *self = ud;
    if (!wanted(self, PYEXPAT_NOT_STANDALONE)) {
        return 0;
    }
    return int_result(call_handler(self, PYEXPAT_NOT_STANDALONE, PyTuple_New(0)));
}

static int
external_entity_ref(XML_Parser parser, const XML_Char *context, const XML_Char *base,
                    const XML_Char *system_id, const XML_Char *public_id)
{
    ExpatParser *self = XML_GetUserData(parser);
    if (!wanted(self, PYEXPAT_EXTERNAL_ENTITY_REF)) {
        return 0;
    }
    const XML_Char *v[4] = {context, base, system_id, public_id};
    return int_result(call_handler(self, PYEXPAT_EXTERNAL_ENTITY_REF, strings(self, 14u, 4, v)));
}

static void
start_doctype(void *ud, const XML_Char *name, const XML_Char *system_id, const XML_Char *public_id,
              int has_internal_subset)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_START_DOCTYPE_DECL)) {
        run_handler(self, PYEXPAT_START_DOCTYPE_DECL,
                    Py_BuildValue("(NNNi)", NAME(name), NAME(system_id), NAME(public_id),
                                  has_internal_subset));
    }
}

static void
entity_decl(void *ud, const XML_Char *name, int is_parameter, const XML_Char *value,
            int value_length, const XML_Char *base, const XML_Char *system_id,
            const XML_Char *public_id, const XML_Char *notation)
{
    ExpatParser *self = ud;
    if (!wanted(self, PYEXPAT_ENTITY_DECL)) {
        return;
    }
    PyObject *val = value != NULL ? pyexpat_str_n(value, value_length) : Py_NewRef(Py_None);
    run_handler(self, PYEXPAT_ENTITY_DECL,
                val != NULL ? Py_BuildValue("(NiNNNNN)", NAME(name), is_parameter, val, NAME(base),
                                            NAME(system_id), NAME(public_id), NAME(notation))
                            : NULL);
}

static void
xml_decl(void *ud, const XML_Char *version, const XML_Char *encoding, int standalone)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_XML_DECL)) {
        run_handler(self, PYEXPAT_XML_DECL,
                    Py_BuildValue("(NNi)", STR(version), STR(encoding), standalone));
    }
}

/* (type, quant, name, children) for an element declaration's content model. */
static PyObject *
content_model(ExpatParser *self, const XML_Content *model)
{
    if (Py_EnterRecursiveCall(" in content model")) {
        return NULL; /* a model nested 500,000 deep: RecursionError, as CPython */
    }
    PyObject *children = PyTuple_New(model->numchildren);
    for (unsigned k = 0; children != NULL && k < model->numchildren; k++) {
        PyObject *child = content_model(self, &model->children[k]);
        if (child == NULL) {
            Py_CLEAR(children);
            break;
        }
        PyTuple_SET_ITEM(children, k, child);
    }
    Py_LeaveRecursiveCall();
    if (children == NULL) {
        return NULL;
    }
    return Py_BuildValue("(iiNN)", (int)model->type, (int)model->quant, STR(model->name), children);
}

static void
element_decl(void *ud, const XML_Char *name, XML_Content *model)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_ELEMENT_DECL)) {
        PyObject *m = content_model(self, model);
        if (m == NULL) {
            pyexpat_flag_error(self);
        } else {
            run_handler(self, PYEXPAT_ELEMENT_DECL, Py_BuildValue("(NN)", NAME(name), m));
        }
    }
    XML_FreeContentModel(self->parser, model);
}

static void
attlist_decl(void *ud, const XML_Char *elname, const XML_Char *attname, const XML_Char *att_type,
             const XML_Char *dflt, int isrequired)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_ATTLIST_DECL)) {
        run_handler(self, PYEXPAT_ATTLIST_DECL,
                    Py_BuildValue("(NNNNi)", NAME(elname), NAME(attname), STR(att_type), STR(dflt),
                                  isrequired));
    }
}

static void
skipped_entity(void *ud, const XML_Char *name, int is_parameter)
{
    ExpatParser *self = ud;
    if (wanted(self, PYEXPAT_SKIPPED_ENTITY)) {
        run_handler(self, PYEXPAT_SKIPPED_ENTITY, Py_BuildValue("(Ni)", NAME(name), is_parameter));
    }
}

/* Registers (ON) or removes the expat callback behind handler I. */
static void
install(XML_Parser p, int i, int on)
{
    switch (i) {
    case PYEXPAT_START_ELEMENT:
        XML_SetStartElementHandler(p, on ? start_element : NULL);
        break;
    case PYEXPAT_END_ELEMENT:
        XML_SetEndElementHandler(p, on ? end_element : NULL);
        break;
    case PYEXPAT_PROCESSING_INSTRUCTION:
        XML_SetProcessingInstructionHandler(p, on ? processing_instruction : NULL);
        break;
    case PYEXPAT_CHARACTER_DATA:
        XML_SetCharacterDataHandler(p, on ? pyexpat_character_data : NULL);
        break;
    case PYEXPAT_UNPARSED_ENTITY_DECL:
        XML_SetUnparsedEntityDeclHandler(p, on ? unparsed_entity_decl : NULL);
        break;
    case PYEXPAT_NOTATION_DECL:
        XML_SetNotationDeclHandler(p, on ? notation_decl : NULL);
        break;
    case PYEXPAT_START_NAMESPACE_DECL:
        XML_SetStartNamespaceDeclHandler(p, on ? start_namespace_decl : NULL);
        break;
    case PYEXPAT_END_NAMESPACE_DECL:
        XML_SetEndNamespaceDeclHandler(p, on ? end_namespace_decl : NULL);
        break;
    case PYEXPAT_COMMENT:
        XML_SetCommentHandler(p, on ? comment : NULL);
        break;
    case PYEXPAT_START_CDATA:
        XML_SetStartCdataSectionHandler(p, on ? start_cdata : NULL);
        break;
    case PYEXPAT_END_CDATA:
        XML_SetEndCdataSectionHandler(p, on ? end_cdata : NULL);
        break;
    case PYEXPAT_DEFAULT:
        XML_SetDefaultHandler(p, on ? default_handler : NULL);
        break;
    case PYEXPAT_DEFAULT_EXPAND:
        XML_SetDefaultHandlerExpand(p, on ? default_expand : NULL);
        break;
    case PYEXPAT_NOT_STANDALONE:
        XML_SetNotStandaloneHandler(p, on ? not_standalone : NULL);
        break;
    case PYEXPAT_EXTERNAL_ENTITY_REF:
        XML_SetExternalEntityRefHandler(p, on ? external_entity_ref : NULL);
        break;
    case PYEXPAT_START_DOCTYPE_DECL:
        XML_SetStartDoctypeDeclHandler(p, on ? start_doctype : NULL);
        break;
    case PYEXPAT_END_DOCTYPE_DECL:
        XML_SetEndDoctypeDeclHandler(p, on ? end_doctype : NULL);
        break;
    case PYEXPAT_ENTITY_DECL:
        XML_SetEntityDeclHandler(p, on ? entity_decl : NULL);
        break;
    case PYEXPAT_XML_DECL:
        XML_SetXmlDeclHandler(p, on ? xml_decl : NULL);
        break;
    case PYEXPAT_ELEMENT_DECL:
        XML_SetElementDeclHandler(p, on ? element_decl : NULL);
        break;
    case PYEXPAT_ATTLIST_DECL:
        XML_SetAttlistDeclHandler(p, on ? attlist_decl : NULL);
        break;
    case PYEXPAT_SKIPPED_ENTITY:
        XML_SetSkippedEntityHandler(p, on ? skipped_entity : NULL);
        break;
    default:
        break;
    }
}

int
pyexpat_set_handler(ExpatParser *self, int i, PyObject *callable)
{
    int on = callable != Py_None;
    Py_XSETREF(self->handlers[i], on ? Py_NewRef(callable) : NULL);
    install(self->parser, i, on);
    return 0;
}

void
pyexpat_clear_handlers(ExpatParser *self)
{
    for (int i = 0; i < PYEXPAT_NHANDLERS; i++) {
        Py_CLEAR(self->handlers[i]);
        if (self->parser != NULL) {
            install(self->parser, i, 0);
        }
    }
}

/* ---- errors, model, features ---------------------------------------------------------------- */

static const char *const error_names[] = {
    "XML_ERROR_NO_MEMORY",
    "XML_ERROR_SYNTAX",
    "XML_ERROR_NO_ELEMENTS",
    "XML_ERROR_INVALID_TOKEN",
    "XML_ERROR_UNCLOSED_TOKEN",
    "XML_ERROR_PARTIAL_CHAR",
    "XML_ERROR_TAG_MISMATCH",
    "XML_ERROR_DUPLICATE_ATTRIBUTE",
    "XML_ERROR_JUNK_AFTER_DOC_ELEMENT",
    "XML_ERROR_PARAM_ENTITY_REF",
    "XML_ERROR_UNDEFINED_ENTITY",
    "XML_ERROR_RECURSIVE_ENTITY_REF",
    "XML_ERROR_ASYNC_ENTITY",
    "XML_ERROR_BAD_CHAR_REF",
    "XML_ERROR_BINARY_ENTITY_REF",
    "XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF",
    "XML_ERROR_MISPLACED_XML_PI",
    "XML_ERROR_UNKNOWN_ENCODING",
    "XML_ERROR_INCORRECT_ENCODING",
    "XML_ERROR_UNCLOSED_CDATA_SECTION",
    "XML_ERROR_EXTERNAL_ENTITY_HANDLING",
    "XML_ERROR_NOT_STANDALONE",
    "XML_ERROR_UNEXPECTED_STATE",
    "XML_ERROR_ENTITY_DECLARED_IN_PE",
    "XML_ERROR_FEATURE_REQUIRES_XML_DTD",
    "XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING",
    "XML_ERROR_UNBOUND_PREFIX",
    "XML_ERROR_UNDECLARING_PREFIX",
    "XML_ERROR_INCOMPLETE_PE",
    "XML_ERROR_XML_DECL",
    "XML_ERROR_TEXT_DECL",
    "XML_ERROR_PUBLICID",
    "XML_ERROR_SUSPENDED",
    "XML_ERROR_NOT_SUSPENDED",
    "XML_ERROR_ABORTED",
    "XML_ERROR_FINISHED",
    "XML_ERROR_SUSPEND_PE",
    "XML_ERROR_RESERVED_PREFIX_XML",
    "XML_ERROR_RESERVED_PREFIX_XMLNS",
    "XML_ERROR_RESERVED_NAMESPACE_URI",
    "XML_ERROR_INVALID_ARGUMENT",
    "XML_ERROR_NO_BUFFER",
    "XML_ERROR_AMPLIFICATION_LIMIT_BREACH",
};

/* A submodule NAME of pyexpat with DOC, also registered in sys.modules. */
static PyObject *
new_submodule(PyObject *parent, const char *name, const char *doc)
{
    char full[64];
    snprintf(full, sizeof full, "pyexpat.%s", name);
    PyObject *m = PyModule_New(full);
    if (m == NULL || PyModule_AddStringConstant(m, "__doc__", doc) < 0 ||
        PyModule_AddObjectRef(parent, name, m) < 0 ||
        PyDict_SetItemString(PyImport_GetModuleDict(), full, m) < 0) {
        Py_XDECREF(m);
        return NULL;
    }
    return m;
}

static int
add_errors(PyObject *parent)
{
    PyObject *m = new_submodule(parent, "errors", "Constants used to describe error conditions.");
    PyObject *codes = m != NULL ? PyDict_New() : NULL;
    PyObject *messages = codes != NULL ? PyDict_New() : NULL;
    int r = messages != NULL ? 0 : -1;
    for (size_t k = 0; r == 0 && k < Py_ARRAY_LENGTH(error_names); k++) {
        int code = (int)k + 1;
        PyObject *msg = PyUnicode_FromString(XML_ErrorString((enum XML_Error)code));
        PyObject *num = msg != NULL ? PyLong_FromLong(code) : NULL;
        r = num == NULL || PyModule_AddObjectRef(m, error_names[k], msg) < 0 ||
                    PyDict_SetItem(codes, msg, num) < 0 || PyDict_SetItem(messages, num, msg) < 0
                ? -1
                : 0;
        Py_XDECREF(msg);
        Py_XDECREF(num);
    }
    if (r == 0 && (PyModule_AddObjectRef(m, "codes", codes) < 0 ||
                   PyModule_AddObjectRef(m, "messages", messages) < 0)) {
        r = -1;
    }
    Py_XDECREF(codes);
    Py_XDECREF(messages);
    Py_XDECREF(m);
    return r;
}

static int
add_model(PyObject *parent)
{
    PyObject *m =
        new_submodule(parent, "model", "Constants used to interpret content model information.");
    int r = m == NULL || PyModule_AddIntConstant(m, "XML_CTYPE_EMPTY", XML_CTYPE_EMPTY) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CTYPE_ANY", XML_CTYPE_ANY) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CTYPE_MIXED", XML_CTYPE_MIXED) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CTYPE_NAME", XML_CTYPE_NAME) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CTYPE_CHOICE", XML_CTYPE_CHOICE) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CTYPE_SEQ", XML_CTYPE_SEQ) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CQUANT_NONE", XML_CQUANT_NONE) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CQUANT_OPT", XML_CQUANT_OPT) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CQUANT_REP", XML_CQUANT_REP) < 0 ||
                    PyModule_AddIntConstant(m, "XML_CQUANT_PLUS", XML_CQUANT_PLUS) < 0
                ? -1
                : 0;
    Py_XDECREF(m);
    return r;
}

/* features: [(name, value), ...] as libexpat reports them. */
static int
add_features(PyObject *m)
{
    PyObject *list = PyList_New(0);
    const XML_Feature *f = XML_GetFeatureList();
    for (; list != NULL && f != NULL && f->feature != XML_FEATURE_END; f++) {
        PyObject *item = Py_BuildValue("(sl)", f->name, f->value);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(item);
    }
    int r = list != NULL ? PyModule_AddObjectRef(m, "features", list) : -1;
    Py_XDECREF(list);
    return r;
}

int
pyexpat_add_submodules(PyObject *m)
{
    return add_errors(m) < 0 || add_model(m) < 0 || add_features(m) < 0 ? -1 : 0;
}
