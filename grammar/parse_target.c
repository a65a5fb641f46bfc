/* parse_target.c: validation of assignment, deletion and loop targets parsed as expressions,
 * with CPython 3.11's messages ("cannot assign to function call", "cannot delete literal")
 * and its names for expression kinds (_PyPegen_get_expr_name). */
#include "parse_build.h"

#include "ast_const.h"

/* The name CPython uses for E's kind in error messages ("function call", "literal", ...). */
const char *
pyrs_pb_expr_name(const PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_Attribute:
        return "attribute";
    case PYRS_K_Subscript:
        return "subscript";
    case PYRS_K_Starred:
        return "starred";
    case PYRS_K_Name:
        return "name";
    case PYRS_K_List:
        return "list";
    case PYRS_K_Tuple:
        return "tuple";
    case PYRS_K_Lambda:
        return "lambda";
    case PYRS_K_Call:
        return "function call";
    case PYRS_K_BoolOp:
    case PYRS_K_BinOp:
    case PYRS_K_UnaryOp:
        return "expression";
    case PYRS_K_GeneratorExp:
        return "generator expression";
    case PYRS_K_Yield:
    case PYRS_K_YieldFrom:
        return "yield expression";
    case PYRS_K_Await:
        return "await expression";
    case PYRS_K_ListComp:
        return "list comprehension";
    case PYRS_K_SetComp:
        return "set comprehension";
    case PYRS_K_DictComp:
        return "dict comprehension";
    case PYRS_K_Dict:
        return "dict literal";
    case PYRS_K_Set:
        return "set display";
    case PYRS_K_JoinedStr:
    case PYRS_K_FormattedValue:
        return "f-string expression";
    case PYRS_K_Constant:
        switch (e->v.Constant.value->kind) {
        case PYRS_CONST_NONE:
            return "None";
        case PYRS_CONST_TRUE:
            return "True";
        case PYRS_CONST_FALSE:
            return "False";
        case PYRS_CONST_ELLIPSIS:
            return "ellipsis";
        default:
            return "literal";
        }
    case PYRS_K_Compare:
        return "comparison";
    case PYRS_K_IfExp:
        return "conditional expression";
    case PYRS_K_NamedExpr:
        return "named expression";
    default:
        return "expression";
    }
}

/* The first sub-expression of E that cannot be a target of KIND, or NULL. */
static const PyrsExpr *
invalid_target(const PyrsExpr *e, int kind)
{
    PyrsAstSeq *elts;
    switch (e->kind) {
    case PYRS_K_List:
    case PYRS_K_Tuple:
        elts = e->kind == PYRS_K_List ? e->v.List.elts : e->v.Tuple.elts;
        for (long i = 0; i < PYRS_SEQ_LEN(elts); i++) {
            const PyrsExpr *bad = invalid_target(PYRS_SEQ_GET(elts, i), kind);
            if (bad) {
                return bad;
            }
        }
        return NULL;
    case PYRS_K_Starred:
        return kind == 1 ? e : invalid_target(e->v.Starred.value, kind);
    case PYRS_K_Compare:
        if (kind == 2 && (intptr_t)PYRS_SEQ_GET(e->v.Compare.ops, 0) == PYRS_CMP_IN) {
            return invalid_target(e->v.Compare.left, kind);
        }
        return e;
    case PYRS_K_Name:
    case PYRS_K_Subscript:
    case PYRS_K_Attribute:
        return NULL;
    default:
        return e;
    }
}

/* 1 when E is a valid target for KIND (see pyrs_pb_set_target), else 0. */
int
pyrs_pb_check_target(const PyrsExpr *e, int kind)
{
    return invalid_target(e, kind) == NULL;
}

/* Checks target E for KIND (0 assignment, 1 del, 2 for/comprehension) and sets its context. */
int
pyrs_pb_set_target(PyrsParser *P, PyrsPE e, int kind)
{
    const PyrsExpr *bad = invalid_target(e.e, kind);
    if (bad) {
        PyrsPPos p = {bad->lineno, bad->col_offset, bad->end_lineno, bad->end_col_offset};
        pyrs_pb_error_at(P, p, kind == 1 ? "cannot delete %s" : "cannot assign to %s",
                         pyrs_pb_expr_name(bad));
        return -1;
    }
    pyrs_ast_set_context(e.e, kind == 1 ? PYRS_CTX_DEL : PYRS_CTX_STORE);
    return 0;
}
