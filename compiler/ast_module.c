/* ast_module.c: the `_ast` module, as CPython 3.11's: the AST node classes (AST, the abstract
 * sum classes, one class per constructor with _fields, _attributes, __match_args__, None
 * defaults for optional fields and ASDL signatures as docstrings), all made from the X-macro
 * tables of ast.h; and the conversion of a parse tree into those objects, behind
 * compile(..., flags=PyCF_ONLY_AST) and so ast.parse (its options: ast_features.c). The
 * runtime reaches this through hooks (stdlib/_astmodule.c and builtins.compile, which also
 * compiles AST objects through ast_from_py.c) because it does not link the front end. */
#include <string.h>

#include "Python.h"
#include "ast.h"
#include "ast_const.h"
#include "ast_features.h"
#include "ast_from_py.h"
#include "ast_module.h"
#include "compile.h"
#include "compile_internal.h"
#include "parser.h"
#include "pyrs/bltin.h"
#include "pyrs/eval.h"
#include "pyrs/import.h"

#define PyCF_ONLY_AST              0x0400
#define PyCF_TYPE_COMMENTS         0x1000
#define PyCF_ALLOW_TOP_LEVEL_AWAIT 0x2000

/* The base class, in Python: construction by _fields and keywords, pickling. */
static const char ast_base_src[] =
    "class AST:\n"
    "    _fields = ()\n"
    "    _attributes = ()\n"
    "    __match_args__ = ()\n"
    "    def __new__(cls, *args, **kwargs):\n"
    "        return object.__new__(cls)\n"
    "    def __init__(self, *args, **kwargs):\n"
    "        fields = getattr(type(self), '_fields', ())\n"
    "        if len(args) > len(fields):\n"
    "            n = len(fields)\n"
    "            raise TypeError(f\"{type(self).__name__} constructor takes at most \"\n"
    "                            f\"{n} positional argument{'' if n == 1 else 's'}\")\n"
    "        for name, value in zip(fields, args):\n"
    "            setattr(self, name, value)\n"
    "        for name, value in kwargs.items():\n"
    "            if name in fields and fields.index(name) < len(args):\n"
    "                raise TypeError(f\"{type(self).__name__} got multiple values for \"\n"
    "                                f\"argument '{name}'\")\n"
    "            setattr(self, name, value)\n"
    "    def __reduce__(self):\n"
    "        return type(self), (), getattr(self, '__dict__', None) or None\n";

static struct {
    PyObject *module;
    PyObject *ast;                  /* AST */
    PyObject *kinds[PYRS_K__COUNT]; /* constructor classes of the sum types */
    PyObject *ctx[4];               /* Load(), Store(), Del() instances (index = enum) */
    PyObject *boolop[3];
    PyObject *operator_[14];
    PyObject *unaryop[5];
    PyObject *cmpop[11];
    PyObject *comprehension, *arguments, *arg, *keyword, *alias, *withitem, *match_case;
} ast;

static const char *const location_attrs[] = {"lineno", "col_offset", "end_lineno",
                                             "end_col_offset"};

/* ---- class creation ------------------------------------------------------------------------ */

static PyObject *
str_tuple(const char *const *names, int n)
{
    PyObject *t = PyTuple_New(n);
    for (int i = 0; t != NULL && i < n; i++) {
        PyObject *s = PyUnicode_InternFromString(names[i]);
        if (s == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, s);
    }
    return t;
}

/* A class NAME(BASE) in the module with _fields FIELDS, DOC, the location _attributes when
 * LOCATED, and None class defaults for the names in OPTIONAL. */
/* make_class's LOCATED: the class has _attributes (lineno, col_offset, end_lineno,
 * end_col_offset); with LOCATED the end positions are optional (class attributes None), with
 * LOCATED_ENDS_REQUIRED (patterns, as in CPython's ASDL) they are not. */
enum { LOCATED = 1, LOCATED_ENDS_REQUIRED = 2 };

static PyObject *
make_class(const char *name, PyObject *base, const char *const *fields, int nfields,
           const char *const *optional, int noptional, int located, const char *doc)
{
    PyObject *dict = PyDict_New();
    PyObject *f = str_tuple(fields, nfields);
    PyObject *attrs = located ? str_tuple(location_attrs, 4) : NULL;
    PyObject *modname = PyUnicode_FromString("ast");
    PyObject *docstr = doc ? PyUnicode_FromString(doc) : NULL;
    PyObject *cls = NULL;
    if (dict == NULL || f == NULL || modname == NULL || (located && attrs == NULL) ||
        PyDict_SetItemString(dict, "_fields", f) < 0 ||
        PyDict_SetItemString(dict, "__match_args__", f) < 0 ||
        PyDict_SetItemString(dict, "__module__", modname) < 0 ||
        (attrs && PyDict_SetItemString(dict, "_attributes", attrs) < 0) ||
        (docstr && PyDict_SetItemString(dict, "__doc__", docstr) < 0)) {
        goto done;
    }
    for (int i = 0; i < noptional; i++) {
        if (PyDict_SetItemString(dict, optional[i], Py_None) < 0) {
            goto done;
        }
    }
    if (located == LOCATED && (PyDict_SetItemString(dict, "end_lineno", Py_None) < 0 ||
                               PyDict_SetItemString(dict, "end_col_offset", Py_None) < 0)) {
        goto done;
    }
    cls = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", name, base, dict);
    if (cls != NULL && PyModule_AddObjectRef(ast.module, name, cls) < 0) {
        Py_CLEAR(cls);
    }
done:
    Py_XDECREF(dict);
    Py_XDECREF(f);
    Py_XDECREF(attrs);
    Py_XDECREF(modname);
    Py_XDECREF(docstr);
    return cls;
}

/* ASDL spellings of the field codes, for the docstrings. */
#define ASDL_EXPR          "expr"
#define ASDL_OEXPR         "expr?"
#define ASDL_EXPRS         "expr*"
#define ASDL_STMTS         "stmt*"
#define ASDL_IDENT         "identifier"
#define ASDL_OIDENT        "identifier?"
#define ASDL_IDENTS        "identifier*"
#define ASDL_STRING        "string"
#define ASDL_OSTRING       "string?"
#define ASDL_INT           "int"
#define ASDL_CONST         "constant"
#define ASDL_CTX           "expr_context"
#define ASDL_BOOLOP        "boolop"
#define ASDL_OPERATOR      "operator"
#define ASDL_UNARYOP       "unaryop"
#define ASDL_CMPOPS        "cmpop*"
#define ASDL_ARGUMENTS     "arguments"
#define ASDL_OARG          "arg?"
#define ASDL_ARGS          "arg*"
#define ASDL_KEYWORDS      "keyword*"
#define ASDL_ALIASES       "alias*"
#define ASDL_WITHITEMS     "withitem*"
#define ASDL_MATCHCASES    "match_case*"
#define ASDL_HANDLERS      "excepthandler*"
#define ASDL_COMPS         "comprehension*"
#define ASDL_TYPEIGNORES   "type_ignore*"
#define ASDL_PATTERN       "pattern"
#define ASDL_OPATTERN      "pattern?"
#define ASDL_PATTERNS      "pattern*"

#define OPT_OEXPR(name)    #name,
#define OPT_OIDENT(name)   #name,
#define OPT_OSTRING(name)  #name,
#define OPT_OARG(name)     #name,
#define OPT_OPATTERN(name) #name,
#define OPT_EXPR(name)
#define OPT_EXPRS(name)
#define OPT_STMTS(name)
#define OPT_IDENT(name)
#define OPT_IDENTS(name)
#define OPT_STRING(name)
#define OPT_INT(name)
#define OPT_CONST(name)
#define OPT_CTX(name)
#define OPT_BOOLOP(name)
#define OPT_OPERATOR(name)
#define OPT_UNARYOP(name)
#define OPT_CMPOPS(name)
#define OPT_ARGUMENTS(name)
#define OPT_ARGS(name)
#define OPT_KEYWORDS(name)
#define OPT_ALIASES(name)
#define OPT_WITHITEMS(name)
#define OPT_MATCHCASES(name)
#define OPT_HANDLERS(name)
#define OPT_COMPS(name)
#define OPT_TYPEIGNORES(name)
#define OPT_PATTERN(name)
#define OPT_PATTERNS(name)

#define FIELD_NAME_(code, name) #name,
#define FIELD_OPT_(code, name)  OPT_##code(name)
#define FIELD_DOC_(code, name)  ASDL_##code " " #name ", "

/* Builds the docstring "Kind(type field, type field)" from the ", "-separated text. */
static void
signature_doc(char *out, size_t size, const char *kind, const char *fields)
{
    size_t n = strlen(fields);
    if (n >= 2) {
        n -= 2; /* the last ", " */
    }
    snprintf(out, size, "%s(%.*s)", kind, (int)n, fields);
}

#define MAKE_KIND_(Kind, base, located)                                                            \
    do {                                                                                           \
        static const char *const fields[] = {PYRS_AST_FIELDS_##Kind(FIELD_NAME_) NULL};            \
        static const char *const optional[] = {PYRS_AST_FIELDS_##Kind(FIELD_OPT_) NULL};           \
        char doc[512];                                                                             \
        signature_doc(doc, sizeof doc, #Kind, "" PYRS_AST_FIELDS_##Kind(FIELD_DOC_));              \
        ast.kinds[PYRS_K_##Kind] =                                                                 \
            make_class(#Kind, base, fields, (int)(sizeof fields / sizeof fields[0]) - 1, optional, \
                       (int)(sizeof optional / sizeof optional[0]) - 1, located, doc);             \
        if (ast.kinds[PYRS_K_##Kind] == NULL) {                                                    \
            return -1;                                                                             \
        }                                                                                          \
    } while (0);

#define MAKE_PRODUCT_(name, CType, located)                                                        \
    do {                                                                                           \
        static const char *const fields[] = {PYRS_AST_FIELDS_##name(FIELD_NAME_) NULL};            \
        static const char *const optional[] = {PYRS_AST_FIELDS_##name(FIELD_OPT_) NULL};           \
        char doc[512];                                                                             \
        signature_doc(doc, sizeof doc, #name, "" PYRS_AST_FIELDS_##name(FIELD_DOC_));              \
        ast.name =                                                                                 \
            make_class(#name, ast.ast, fields, (int)(sizeof fields / sizeof fields[0]) - 1,        \
                       optional, (int)(sizeof optional / sizeof optional[0]) - 1, located, doc);   \
        if (ast.name == NULL) {                                                                    \
            return -1;                                                                             \
        }                                                                                          \
    } while (0);

/* An abstract sum class (expr, stmt, ...) in the module; borrowed from the module. */
static PyObject *
abstract_class(const char *name, int located)
{
    PyObject *cls = make_class(name, ast.ast, NULL, 0, NULL, 0, located, NULL);
    Py_XDECREF(cls); /* the module keeps it */
    return cls;
}

/* The docstring of the abstract class NAME from its constructors' (the N classes NAMES), as
 * CPython's: "cmpop = Eq | NotEq | ..." for simple sums, one constructor a line otherwise. */
static int
sum_doc(const char *name, const char *const *names, int n, int simple)
{
    char pad[32];
    snprintf(pad, sizeof pad, "\n%*s| ", (int)strlen(name) + 1, "");
    PyObject *parts = PyList_New(0);
    PyObject *sep = PyUnicode_FromString(simple ? " | " : pad);
    PyObject *base = PyObject_GetAttrString(ast.module, name);
    PyObject *doc = NULL;
    for (int i = 0; parts != NULL && sep != NULL && base != NULL && i < n; i++) {
        PyObject *cls = PyObject_GetAttrString(ast.module, names[i]);
        PyObject *d = cls != NULL ? PyObject_GetAttrString(cls, "__doc__") : NULL;
        int r = d != NULL ? PyList_Append(parts, d) : -1;
        Py_XDECREF(cls);
        Py_XDECREF(d);
        if (r < 0) {
            Py_CLEAR(parts);
        }
    }
    PyObject *joined =
        parts != NULL && sep != NULL && base != NULL ? PyUnicode_Join(sep, parts) : NULL;
    doc = joined != NULL ? PyUnicode_FromFormat("%s = %U", name, joined) : NULL;
    int r = doc != NULL ? PyObject_SetAttrString(base, "__doc__", doc) : -1;
    Py_XDECREF(parts);
    Py_XDECREF(sep);
    Py_XDECREF(base);
    Py_XDECREF(joined);
    Py_XDECREF(doc);
    return r;
}

#define KIND_NAME_(Kind) #Kind,

/* The docstrings of the abstract classes of the node sums (mod, stmt, expr, ...). */
static int
sum_docs(void)
{
    static const char *const mods[] = {PYRS_AST_MOD_KINDS(KIND_NAME_)};
    static const char *const stmts[] = {PYRS_AST_STMT_KINDS(KIND_NAME_)};
    static const char *const exprs[] = {PYRS_AST_EXPR_KINDS(KIND_NAME_)};
    static const char *const handlers[] = {PYRS_AST_HANDLER_KINDS(KIND_NAME_)};
    static const char *const patterns[] = {PYRS_AST_PATTERN_KINDS(KIND_NAME_)};
    static const char *const ignores[] = {PYRS_AST_TYPEIGNORE_KINDS(KIND_NAME_)};
#define SUM_DOC_(name, table) sum_doc(name, table, (int)Py_ARRAY_LENGTH(table), 0) < 0
    return SUM_DOC_("mod", mods) || SUM_DOC_("stmt", stmts) || SUM_DOC_("expr", exprs) ||
                   SUM_DOC_("excepthandler", handlers) || SUM_DOC_("pattern", patterns) ||
                   SUM_DOC_("type_ignore", ignores)
               ? -1
               : 0;
#undef SUM_DOC_
}

/* The classes of a simple sum (expr_context, operator, ...) and one instance of each. */
static int
simple_sum(const char *base_name, const char *const *names, int n, PyObject **instances)
{
    PyObject *base = abstract_class(base_name, 0);
    if (base == NULL) {
        return -1;
    }
    for (int i = 0; i < n; i++) {
        PyObject *cls = make_class(names[i], base, NULL, 0, NULL, 0, 0, names[i]);
        instances[i + 1] = cls ? PyObject_CallNoArgs(cls) : NULL;
        Py_XDECREF(cls);
        if (instances[i + 1] == NULL) {
            return -1;
        }
    }
    return sum_doc(base_name, names, n, 1);
}

static int
make_simple_sums(void)
{
    static const char *const ctx[] = {"Load", "Store", "Del"};
    static const char *const boolop[] = {"And", "Or"};
    static const char *const ops[] = {"Add",    "Sub",    "Mult",    "MatMult", "Div",
                                      "Mod",    "Pow",    "LShift",  "RShift",  "BitOr",
                                      "BitXor", "BitAnd", "FloorDiv"};
    static const char *const unary[] = {"Invert", "Not", "UAdd", "USub"};
    static const char *const cmp[] = {"Eq",  "NotEq", "Lt",    "LtE", "Gt",
                                      "GtE", "Is",    "IsNot", "In",  "NotIn"};
    return simple_sum("expr_context", ctx, 3, ast.ctx) < 0 ||
                   simple_sum("boolop", boolop, 2, ast.boolop) < 0 ||
                   simple_sum("operator", ops, 13, ast.operator_) < 0 ||
                   simple_sum("unaryop", unary, 4, ast.unaryop) < 0 ||
                   simple_sum("cmpop", cmp, 10, ast.cmpop) < 0
               ? -1
               : 0;
}

static int
make_classes(void)
{
    PyObject *builtins = PyImport_AddModule("builtins");
    PyObject *ns = PyDict_New();
    if (ns == NULL || builtins == NULL || PyDict_SetItemString(ns, "__builtins__", builtins) < 0 ||
        PyDict_SetItemString(ns, "__name__", PyModule_GetNameObject(ast.module)) < 0) {
        Py_XDECREF(ns);
        return -1;
    }
    PyObject *code = pyrs_bltin_compile(ast_base_src, strlen(ast_base_src), "<_ast>", "exec");
    PyObject *r = code ? pyrs_eval_code(code, ns, ns) : NULL;
    Py_XDECREF(code);
    Py_XDECREF(r);
    ast.ast = r ? PyDict_GetItemString(ns, "AST") : NULL;
    Py_XINCREF(ast.ast);
    Py_DECREF(ns);
    PyObject *modname = PyUnicode_FromString("ast");
    if (ast.ast == NULL || modname == NULL ||
        PyObject_SetAttrString(ast.ast, "__module__", modname) < 0 ||
        PyModule_AddObjectRef(ast.module, "AST", ast.ast) < 0) {
        Py_XDECREF(modname);
        return -1;
    }
    Py_DECREF(modname);
    PyObject *mod = abstract_class("mod", 0), *stmt = abstract_class("stmt", 1),
             *expr = abstract_class("expr", 1), *handler = abstract_class("excepthandler", 1),
             *pattern = abstract_class("pattern", LOCATED_ENDS_REQUIRED),
             *ti = abstract_class("type_ignore", 0);
    if (!mod || !stmt || !expr || !handler || !pattern || !ti || make_simple_sums() < 0) {
        return -1;
    }
#define MK_MOD_(Kind)     MAKE_KIND_(Kind, mod, 0)
#define MK_STMT_(Kind)    MAKE_KIND_(Kind, stmt, 1)
#define MK_EXPR_(Kind)    MAKE_KIND_(Kind, expr, 1)
#define MK_HANDLER_(Kind) MAKE_KIND_(Kind, handler, 1)
#define MK_PATTERN_(Kind) MAKE_KIND_(Kind, pattern, LOCATED_ENDS_REQUIRED)
#define MK_TI_(Kind)      MAKE_KIND_(Kind, ti, 0)
    PYRS_AST_MOD_KINDS(MK_MOD_)
    PYRS_AST_STMT_KINDS(MK_STMT_)
    PYRS_AST_EXPR_KINDS(MK_EXPR_)
    PYRS_AST_HANDLER_KINDS(MK_HANDLER_)
    PYRS_AST_PATTERN_KINDS(MK_PATTERN_)
    PYRS_AST_TYPEIGNORE_KINDS(MK_TI_)
    PYRS_AST_PRODUCTS(MAKE_PRODUCT_)
    /* ImportFrom.level is `int?`: None when not given */
    if (PyObject_SetAttrString(ast.kinds[PYRS_K_ImportFrom], "level", Py_None) < 0) {
        return -1;
    }
    return sum_docs();
}

/* ---- tree conversion --------------------------------------------------------------------------
 */

static PyObject *conv_expr(PyrsExpr *e);
static PyObject *conv_stmt(PyrsStmt *s);
static PyObject *conv_pattern(PyrsPattern *p);

/* A node of CLS without running __init__. */
static PyObject *
new_node(PyObject *cls)
{
    PyObject *empty = PyTuple_New(0);
    PyObject *o = empty ? PyBaseObject_Type.tp_new((PyTypeObject *)cls, empty, NULL) : NULL;
    Py_XDECREF(empty);
    return o;
}

/* Sets field NAME of O to V (stolen). */
static int
set_field(PyObject *o, const char *name, PyObject *v)
{
    if (v == NULL) {
        return -1;
    }
    int r = PyObject_SetAttrString(o, name, v);
    Py_DECREF(v);
    return r;
}

static PyObject *
conv_str(const char *s)
{
    return s ? PyUnicode_FromString(s) : Py_NewRef(Py_None);
}

static PyObject *
conv_ident(const char *s)
{
    return s ? PyUnicode_InternFromString(s) : Py_NewRef(Py_None);
}

typedef PyObject *(*ConvFn)(void *);

static PyObject *
conv_seq(PyrsAstSeq *seq, ConvFn fn)
{
    long n = PYRS_SEQ_LEN(seq);
    PyObject *list = PyList_New(n);
    for (long i = 0; list != NULL && i < n; i++) {
        void *item = PYRS_SEQ_GET(seq, i);
        PyObject *v = item ? fn(item) : Py_NewRef(Py_None);
        if (v == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, v);
    }
    return list;
}

static PyObject *
singleton(PyObject **table, int n, int value)
{
    if (value < 1 || value >= n || table[value] == NULL) {
        PyErr_SetString(PyExc_SystemError, "invalid operator in the parse tree");
        return NULL;
    }
    return Py_NewRef(table[value]);
}

static PyObject *
conv_cmpop_item(void *p)
{
    return singleton(ast.cmpop, 11, (int)(intptr_t)p);
}

/* A constant's object. An int literal longer than sys.get_int_max_str_digits() allows is a
 * SyntaxError, as CPython's parser reports it. */
static PyObject *
conv_const(PyrsConst *k)
{
    PyObject *v = pyrs_cc_pyconst(k);
    if (v == NULL && k->kind == PYRS_CONST_INT && PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_Format(PyExc_SyntaxError,
                     "%S - Consider hexadecimal for huge integer literals to avoid decimal "
                     "conversion limits.",
                     value);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
    return v;
}

static int
set_location(PyObject *o, int lineno, int col, int end_lineno, int end_col)
{
    int v[4] = {lineno, col, end_lineno, end_col};
    for (int i = 0; i < 4; i++) {
        if (set_field(o, location_attrs[i], PyLong_FromLong(v[i])) < 0) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
conv_any_expr(void *p)
{
    return conv_expr(p);
}
static PyObject *
conv_any_stmt(void *p)
{
    return conv_stmt(p);
}
static PyObject *
conv_any_pattern(void *p)
{
    return conv_pattern(p);
}
static PyObject *
conv_any_ident(void *p)
{
    return conv_ident(p);
}
static PyObject *conv_arguments(PyrsArguments *a);
static PyObject *conv_arg(PyrsArg *a);
static PyObject *
conv_any_arg(void *p)
{
    return conv_arg(p);
}
static PyObject *conv_keyword(void *p);
static PyObject *conv_alias(void *p);
static PyObject *conv_withitem(void *p);
static PyObject *conv_match_case(void *p);
static PyObject *conv_handler(void *p);
static PyObject *conv_comprehension(void *p);
static PyObject *conv_type_ignore(void *p);

#define CV_EXPR(x)        conv_expr(x)
#define CV_OEXPR(x)       ((x) ? conv_expr(x) : Py_NewRef(Py_None))
#define CV_EXPRS(x)       conv_seq((x), conv_any_expr)
#define CV_STMTS(x)       conv_seq((x), conv_any_stmt)
#define CV_IDENT(x)       conv_ident(x)
#define CV_OIDENT(x)      conv_ident(x)
#define CV_IDENTS(x)      conv_seq((x), conv_any_ident)
#define CV_STRING(x)      conv_str(x)
#define CV_OSTRING(x)     conv_str(x)
#define CV_INT(x)         PyLong_FromLong(x)
#define CV_CONST(x)       ((x) ? conv_const(x) : Py_NewRef(Py_None))
#define CV_CTX(x)         singleton(ast.ctx, 4, (int)(x))
#define CV_BOOLOP(x)      singleton(ast.boolop, 3, (int)(x))
#define CV_OPERATOR(x)    singleton(ast.operator_, 14, (int)(x))
#define CV_UNARYOP(x)     singleton(ast.unaryop, 5, (int)(x))
#define CV_CMPOPS(x)      conv_seq((x), conv_cmpop_item)
#define CV_ARGUMENTS(x)   conv_arguments(x)
#define CV_OARG(x)        ((x) ? conv_arg(x) : Py_NewRef(Py_None))
#define CV_ARGS(x)        conv_seq((x), conv_any_arg)
#define CV_KEYWORDS(x)    conv_seq((x), conv_keyword)
#define CV_ALIASES(x)     conv_seq((x), conv_alias)
#define CV_WITHITEMS(x)   conv_seq((x), conv_withitem)
#define CV_MATCHCASES(x)  conv_seq((x), conv_match_case)
#define CV_HANDLERS(x)    conv_seq((x), conv_handler)
#define CV_COMPS(x)       conv_seq((x), conv_comprehension)
#define CV_TYPEIGNORES(x) conv_seq((x), conv_type_ignore)
#define CV_PATTERN(x)     conv_pattern(x)
#define CV_OPATTERN(x)    ((x) ? conv_pattern(x) : Py_NewRef(Py_None))
#define CV_PATTERNS(x)    conv_seq((x), conv_any_pattern)

#define SET_FIELD_(code, name)                                                                     \
    if (set_field(o, #name, CV_##code(f->name)) < 0) {                                             \
        goto fail;                                                                                 \
    }

#define CASE_(Kind)                                                                                \
    case PYRS_K_##Kind: {                                                                          \
        struct PyrsAst_##Kind *f = &n->v.Kind;                                                     \
        (void)f;                                                                                   \
        PYRS_AST_FIELDS_##Kind(SET_FIELD_) break;                                                  \
    }

/* The common shape of the located sum conversions. */
#define CONVERTER_(fn, Type, KINDS, located)                                                       \
    static PyObject *fn(Type *n)                                                                   \
    {                                                                                              \
        if (n->kind <= PYRS_K__INVALID || n->kind >= PYRS_K__COUNT || !ast.kinds[n->kind]) {       \
            PyErr_SetString(PyExc_SystemError, "invalid node in the parse tree");                  \
            return NULL;                                                                           \
        }                                                                                          \
        PyObject *o = new_node(ast.kinds[n->kind]);                                                \
        if (o == NULL) {                                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        switch (n->kind) {                                                                         \
            KINDS(CASE_)                                                                           \
        default:                                                                                   \
            break;                                                                                 \
        }                                                                                          \
        if (located(n) < 0) {                                                                      \
            goto fail;                                                                             \
        }                                                                                          \
        return o;                                                                                  \
    fail:                                                                                          \
        Py_DECREF(o);                                                                              \
        return NULL;                                                                               \
    }

#define LOCATED_(n)                                                                                \
    set_location(o, (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset)
#define UNLOCATED_(n) 0

CONVERTER_(conv_mod, PyrsMod, PYRS_AST_MOD_KINDS, UNLOCATED_)
CONVERTER_(conv_stmt, PyrsStmt, PYRS_AST_STMT_KINDS, LOCATED_)
CONVERTER_(conv_expr, PyrsExpr, PYRS_AST_EXPR_KINDS, LOCATED_)
CONVERTER_(conv_handler_node, PyrsExceptHandler, PYRS_AST_HANDLER_KINDS, LOCATED_)
CONVERTER_(conv_pattern, PyrsPattern, PYRS_AST_PATTERN_KINDS, LOCATED_)
CONVERTER_(conv_type_ignore_node, PyrsTypeIgnore, PYRS_AST_TYPEIGNORE_KINDS, UNLOCATED_)

static PyObject *
conv_handler(void *p)
{
    return conv_handler_node(p);
}

static PyObject *
conv_type_ignore(void *p)
{
    return conv_type_ignore_node(p);
}

#define PRODUCT_CONVERTER_(fn, name, CType, located)                                               \
    static PyObject *fn(struct CType *f)                                                           \
    {                                                                                              \
        PyObject *o = new_node(ast.name);                                                          \
        if (o == NULL) {                                                                           \
            return NULL;                                                                           \
        }                                                                                          \
        PYRS_AST_FIELDS_##name(SET_FIELD_) if (located(f) < 0)                                     \
        {                                                                                          \
            goto fail;                                                                             \
        }                                                                                          \
        return o;                                                                                  \
    fail:                                                                                          \
        Py_DECREF(o);                                                                              \
        return NULL;                                                                               \
    }

PRODUCT_CONVERTER_(conv_arguments, arguments, PyrsArguments, UNLOCATED_)
PRODUCT_CONVERTER_(conv_arg, arg, PyrsArg, LOCATED_)
PRODUCT_CONVERTER_(conv_keyword_node, keyword, PyrsKeyword, LOCATED_)
PRODUCT_CONVERTER_(conv_alias_node, alias, PyrsAlias, LOCATED_)
PRODUCT_CONVERTER_(conv_withitem_node, withitem, PyrsWithItem, UNLOCATED_)
PRODUCT_CONVERTER_(conv_match_case_node, match_case, PyrsMatchCase, UNLOCATED_)
PRODUCT_CONVERTER_(conv_comprehension_node, comprehension, PyrsComprehension, UNLOCATED_)

static PyObject *
conv_keyword(void *p)
{
    return conv_keyword_node(p);
}

static PyObject *
conv_alias(void *p)
{
    return conv_alias_node(p);
}

static PyObject *
conv_withitem(void *p)
{
    return conv_withitem_node(p);
}

static PyObject *
conv_match_case(void *p)
{
    return conv_match_case_node(p);
}

static PyObject *
conv_comprehension(void *p)
{
    return conv_comprehension_node(p);
}

/* ---- the module and the hooks ------------------------------------------------------------ */

static PyObject *
ast_module_create(void)
{
    if (ast.module != NULL) {
        return Py_NewRef(ast.module);
    }
    ast.module = PyModule_New("_ast");
    if (ast.module == NULL) {
        return NULL;
    }
    if (make_classes() < 0 ||
        PyModule_AddIntConstant(ast.module, "PyCF_ONLY_AST", PyCF_ONLY_AST) < 0 ||
        PyModule_AddIntConstant(ast.module, "PyCF_TYPE_COMMENTS", PyCF_TYPE_COMMENTS) < 0 ||
        PyModule_AddIntConstant(ast.module, "PyCF_ALLOW_TOP_LEVEL_AWAIT",
                                PyCF_ALLOW_TOP_LEVEL_AWAIT) < 0) {
        Py_CLEAR(ast.module);
        return NULL;
    }
    return Py_NewRef(ast.module);
}

/* What compile()'s options add to a parsed tree (ast_features.c): the func_type argument
 * order, _feature_version (-1: none) and PyCF_TYPE_COMMENTS. 0, or -1 with SyntaxError. */
static int
parse_options(PyrsMod *mod, const char *src, size_t len, const char *filename, int flags,
              int feature_version, PyrsArena *arena)
{
    if (pyrs_ast_check_func_type(mod, src, len, filename) < 0 ||
        (feature_version >= 0 &&
         pyrs_ast_check_feature_version(mod, src, len, filename, feature_version) < 0)) {
        return -1;
    }
    return (flags & PyCF_TYPE_COMMENTS) ? pyrs_ast_type_comments(mod, src, len, filename, arena)
                                        : 0;
}

/* compile(SRC, FILENAME, MODE, PyCF_ONLY_AST): the tree as _ast objects, checked against
 * _feature_version and with type_ignores under PyCF_TYPE_COMMENTS (ast_features.c). */
static PyObject *
ast_parse_hook(const char *src, size_t len, const char *filename, const char *mode, int flags,
               int feature_version)
{
    PyObject *m = ast_module_create();
    if (m == NULL) {
        return NULL;
    }
    Py_DECREF(m);
    int pmode = strcmp(mode, "eval") == 0        ? PYRS_PARSE_EVAL
                : strcmp(mode, "single") == 0    ? PYRS_PARSE_SINGLE
                : strcmp(mode, "func_type") == 0 ? PYRS_PARSE_FUNC_TYPE
                                                 : PYRS_PARSE_EXEC;
    PyrsArena *arena = pyrs_arena_new();
    if (arena == NULL) {
        return PyErr_NoMemory();
    }
    PyrsSyntaxError err;
    memset(&err, 0, sizeof err);
    PyrsMod *mod = pyrs_parse(src, len, filename, pmode, arena, &err);
    PyObject *res = NULL;
    if (mod == NULL) {
        /* the compiler raises the SyntaxError exactly as for compile() */
        PyObject *again = pyrs_compile_source_mode(src, len, filename, pmode);
        Py_XDECREF(again);
        if (again != NULL) {
            PyErr_SetString(PyExc_SystemError, "parse failed only once");
        }
    } else if (pyrs_compile_parse_warnings(&err, src, len, filename) == 0 &&
               parse_options(mod, src, len, filename, flags, feature_version, arena) == 0) {
        res = conv_mod(mod);
    }
    pyrs_perror_clear(&err);
    pyrs_arena_free(arena);
    return res;
}

void
pyrs_ast_module_install(void)
{
    pyrs_bltin_set_ast_hooks(ast_module_create, ast_parse_hook);
    pyrs_bltin_set_ast_compile_hook(pyrs_ast_compile_object);
}
