/* python.y: the Python 3.11 grammar for lemon (LALR(1), no conflicts). It mirrors the
 * language CPython 3.11's PEG grammar accepts; where PEG relies on backtracking, the driver
 * (parser.c) resolves the choice by looking ahead and feeding distinct tokens (MATCH, CASE,
 * LPAR_WITH), and targets, call arguments and parameters are parsed loosely and checked by
 * the builders (parse_build.c, parse_target.c), which produce CPython's nodes and messages. */

%name pyrs_lemon
%token_prefix PYRS_LT_
%token_type {const PyrsToken *}
%extra_argument {PyrsParser *P}
%stack_size 20000
%start_symbol start

%include {
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "parse_build.h"
/* The extent from token A to token B. */
#define TSPAN(a, b) pyrs_pb_span(pyrs_pb_tpos(a), pyrs_pb_tpos(b))
}

%syntax_error {
    (void)yymajor;
    pyrs_pb_reject(P, TOKEN);
}
%stack_overflow {
    pyrs_pb_overflow(P);
}

/* Token order: the kinds of tokens.def first (same names, so parser.c maps them with the
 * X-macro), then the driver's own: MATCH / CASE (a NAME `match` / `case` that starts a match
 * statement / case block), LPAR_WITH (the '(' of `with (item, item as x):`), and one MODE_*
 * token fed first to select the start rule (exec, eval, single, f-string field, func_type).
 * Semantic values: tokens are pointers into the driver's token array (no destructors needed);
 * everything else lives in the parse arena. */
%token ENDMARKER NAME NUMBER STRING NEWLINE INDENT DEDENT LPAR RPAR LSQB RSQB COLON COMMA SEMI
       PLUS MINUS STAR SLASH VBAR AMPER LESS GREATER EQUAL DOT PERCENT LBRACE RBRACE EQEQUAL
       NOTEQUAL LESSEQUAL GREATEREQUAL TILDE CIRCUMFLEX LEFTSHIFT RIGHTSHIFT DOUBLESTAR
       PLUSEQUAL MINEQUAL STAREQUAL SLASHEQUAL PERCENTEQUAL AMPEREQUAL VBAREQUAL
       CIRCUMFLEXEQUAL LEFTSHIFTEQUAL RIGHTSHIFTEQUAL DOUBLESTAREQUAL DOUBLESLASH
       DOUBLESLASHEQUAL AT ATEQUAL RARROW ELLIPSIS COLONEQUAL KW_FALSE KW_NONE KW_TRUE KW_AND
       KW_AS KW_ASSERT KW_ASYNC KW_AWAIT KW_BREAK KW_CLASS KW_CONTINUE KW_DEF KW_DEL KW_ELIF
       KW_ELSE KW_EXCEPT KW_FINALLY KW_FOR KW_FROM KW_GLOBAL KW_IF KW_IMPORT KW_IN KW_IS
       KW_LAMBDA KW_NONLOCAL KW_NOT KW_OR KW_PASS KW_RAISE KW_RETURN KW_TRY KW_WHILE KW_WITH
       KW_YIELD.
%token MATCH CASE LPAR_WITH MODE_EXEC MODE_EVAL MODE_SINGLE MODE_FSTRING MODE_FUNCTYPE.

%type stmts {PyrsAstSeq *}
%type stmt {PyrsAstSeq *}
%type simple_stmts {PyrsAstSeq *}
%type small_list {PyrsAstSeq *}
%type block {PyrsAstSeq *}
%type else_opt {PyrsAstSeq *}
%type finally_opt {PyrsAstSeq *}
%type small_stmt {PyrsStmt *}
%type expr_stmt {PyrsStmt *}
%type compound_stmt {PyrsStmt *}
%type import_stmt {PyrsStmt *}
%type if_stmt {PyrsStmt *}
%type while_stmt {PyrsStmt *}
%type for_stmt {PyrsStmt *}
%type try_stmt {PyrsStmt *}
%type with_stmt {PyrsStmt *}
%type funcdef {PyrsStmt *}
%type async_def {PyrsStmt *}
%type async_stmt {PyrsStmt *}
%type classdef {PyrsStmt *}
%type class_head {PyrsPItem *}
%type decorated {PyrsStmt *}
%type match_stmt {PyrsStmt *}
%type decorators {PyrsAstSeq *}
%type assign_tail {PyrsAstSeq *}
%type augassign {int}
%type names {PyrsPItem *}
%type dotted {PyrsPItem *}
%type import_targets {PyrsPItem *}
%type dots {int}
%type dotted_as_names {PyrsAstSeq *}
%type import_as_names {PyrsAstSeq *}
%type dotted_as_name {PyrsAlias *}
%type import_as_name {PyrsAlias *}
%type elifs {PyrsAstSeq *}
%type handlers {PyrsAstSeq *}
%type handler {PyrsPItem *}
%type with_items {PyrsAstSeq *}
%type with_item {PyrsWithItem *}
%type params {PyrsArguments *}
%type plist {PyrsAstSeq *}
%type pitem {PyrsPItem *}
%type vlist {PyrsAstSeq *}
%type vitem {PyrsPItem *}
%type arglist {PyrsAstSeq *}
%type args {PyrsAstSeq *}
%type arg {PyrsPItem *}
%type comp_chain {PyrsAstSeq *}
%type comp_for {PyrsComprehension *}
%type comp_ifs {PyrsAstSeq *}
%type strings {PyrsAstSeq *}
%type dlist {PyrsAstSeq *}
%type ditem {PyrsPItem *}
%type cmp_list {PyrsPItem *}
%type comp_op {int}
%type or_list {PyrsAstSeq *}
%type and_list {PyrsAstSeq *}

%type tlse {PyrsPE}
%type rhs {PyrsPE}
%type tse {PyrsPE}
%type test {PyrsPE}
%type opt_test {PyrsPE}
%type namedexpr_test {PyrsPE}
%type nstar {PyrsPE}
%type star_expr {PyrsPE}
%type or_test {PyrsPE}
%type and_test {PyrsPE}
%type not_test {PyrsPE}
%type comparison {PyrsPE}
%type expr {PyrsPE}
%type xor_expr {PyrsPE}
%type and_expr {PyrsPE}
%type shift_expr {PyrsPE}
%type arith {PyrsPE}
%type term {PyrsPE}
%type factor {PyrsPE}
%type power {PyrsPE}
%type await_primary {PyrsPE}
%type primary {PyrsPE}
%type atom {PyrsPE}
%type lambdef {PyrsPE}
%type yield_expr {PyrsPE}
%type subs {PyrsPE}
%type sub_item {PyrsPE}
%type slice {PyrsPE}
%type tlse_list {PyrsPList *}
%type nlist {PyrsPList *}
%type list_body {PyrsPList *}
%type sub_list {PyrsPList *}
%type elist {PyrsPList *}
%type exprlist {PyrsPList *}
%type subject {PyrsPE}

%type cases {PyrsAstSeq *}
%type case_block {PyrsMatchCase *}
%type patterns {PyrsPattern *}
%type pattern {PyrsPattern *}
%type or_pattern {PyrsAstSeq *}
%type closed_pattern {PyrsPattern *}
%type star_pattern {PyrsPattern *}
%type mstar_pattern {PyrsPattern *}
%type pat_list {PyrsAstSeq *}
%type open_seq {PyrsPItem *}
%type name_or_attr {PyrsPE}
%type attr {PyrsPE}
%type signed_number {PyrsPE}
%type literal_expr {PyrsPE}
%type map_items {PyrsAstSeq *}
%type map_item {PyrsPItem *}
%type cls_args {PyrsAstSeq *}
%type cls_arg {PyrsPItem *}
%type guard {PyrsPE}

/* ---- entry points ------------------------------------------------------------------------ */

start ::= MODE_EXEC file.
start ::= MODE_EVAL eval_input.
start ::= MODE_SINGLE single_input.
start ::= MODE_FSTRING fstring_input.
start ::= MODE_FUNCTYPE func_type_input.

file ::= ENDMARKER. { P->mod = pyrs_pb_module(P, NULL); }
file ::= stmts(A) ENDMARKER. { P->mod = pyrs_pb_module(P, A); }

eval_input ::= exprs(A) newlines ENDMARKER. { P->result = pyrs_pb_tuple_or_one(P, A); }
eval_input ::= exprs(A) COMMA(T) newlines ENDMARKER.
    { P->result = pyrs_pb_tuple_or_one(P, pyrs_pb_list_trail(P, A, T)); }
%type exprs {PyrsPList *}
exprs(A) ::= test(B). { A = pyrs_pb_list1(P, B); }
exprs(A) ::= exprs(B) COMMA test(C). { A = pyrs_pb_list_add(P, B, C); }
newlines ::= .
newlines ::= newlines NEWLINE.

single_input ::= NEWLINE ENDMARKER. { P->mod = pyrs_ast_Interactive(NULL, P->arena); }
single_input ::= simple_stmts(A) ENDMARKER. { P->mod = pyrs_ast_Interactive(A, P->arena); }
single_input ::= compound_stmt(A) NEWLINE ENDMARKER.
    { P->mod = pyrs_ast_Interactive(pyrs_pb_seq1(P, A), P->arena); }
single_input ::= compound_stmt(A) ENDMARKER.
    { P->mod = pyrs_ast_Interactive(pyrs_pb_seq1(P, A), P->arena); }
single_input ::= simple_stmts stmts(A) ENDMARKER.
    { pyrs_pb_error_at(P, pyrs_pb_spos(A->items[0]),
                       "multiple statements found while compiling a single statement"); }

fstring_input ::= tlse(A) newlines ENDMARKER. { P->result = A; }

/* A function type comment "(int, *str) -> None": starred types are kept unstarred. */
func_type_input ::= LPAR RPAR RARROW test(R) newlines ENDMARKER.
    { P->mod = pyrs_ast_FunctionType(NULL, R.e, P->arena); }
func_type_input ::= LPAR type_list(A) RPAR RARROW test(R) newlines ENDMARKER.
    { P->mod = pyrs_ast_FunctionType(A, R.e, P->arena); }
%type type_list {PyrsAstSeq *}
%type type_item {PyrsPE}
type_list(A) ::= type_item(B). { A = pyrs_pb_seq1(P, B.e); }
type_list(A) ::= type_list(B) COMMA type_item(C). { A = pyrs_pb_append(P, B, C.e); }
type_item(A) ::= test(B). { A = B; }
type_item(A) ::= STAR test(B). { A = B; }
type_item(A) ::= DOUBLESTAR test(B). { A = B; }

/* ---- statements -------------------------------------------------------------------------- */

stmts(A) ::= stmt(B). { A = B; }
stmts(A) ::= stmts(B) stmt(C). { A = pyrs_pb_concat(P, B, C); }
stmt(A) ::= simple_stmts(B). { A = B; }
stmt(A) ::= compound_stmt(B). { A = pyrs_pb_seq1(P, B); }

simple_stmts(A) ::= small_list(B) NEWLINE. { A = B; }
simple_stmts(A) ::= small_list(B) SEMI NEWLINE. { A = B; }
small_list(A) ::= small_stmt(B). { A = pyrs_pb_seq1(P, B); }
small_list(A) ::= small_list(B) SEMI small_stmt(C). { A = pyrs_pb_append(P, B, C); }

small_stmt(A) ::= expr_stmt(B). { A = B; }
small_stmt(A) ::= import_stmt(B). { A = B; }
small_stmt(A) ::= KW_PASS(T). { A = pyrs_pb_simple(P, PYRS_K_Pass, T); }
small_stmt(A) ::= KW_BREAK(T). { A = pyrs_pb_simple(P, PYRS_K_Break, T); }
small_stmt(A) ::= KW_CONTINUE(T). { A = pyrs_pb_simple(P, PYRS_K_Continue, T); }
small_stmt(A) ::= KW_RETURN(T). { A = pyrs_pb_return(P, T, NULL); }
small_stmt(A) ::= KW_RETURN(T) tlse(B). { A = pyrs_pb_return(P, T, &B); }
small_stmt(A) ::= KW_RAISE(T). { A = pyrs_pb_raise(P, T, NULL, NULL); }
small_stmt(A) ::= KW_RAISE(T) test(B). { A = pyrs_pb_raise(P, T, &B, NULL); }
small_stmt(A) ::= KW_RAISE(T) test(B) KW_FROM test(C). { A = pyrs_pb_raise(P, T, &B, &C); }
small_stmt(A) ::= KW_DEL(T) exprlist(B). { A = pyrs_pb_delete(P, T, B); }
small_stmt(A) ::= KW_GLOBAL(T) names(B). { A = pyrs_pb_global(P, PYRS_K_Global, T, B); }
small_stmt(A) ::= KW_NONLOCAL(T) names(B). { A = pyrs_pb_global(P, PYRS_K_Nonlocal, T, B); }
small_stmt(A) ::= KW_ASSERT(T) test(B). { A = pyrs_pb_assert(P, T, B, NULL); }
small_stmt(A) ::= KW_ASSERT(T) test(B) COMMA test(C). { A = pyrs_pb_assert(P, T, B, &C); }

names(A) ::= NAME(B). { A = pyrs_pb_names(P, NULL, B); }
names(A) ::= names(B) COMMA NAME(C). { A = pyrs_pb_names(P, B, C); }

expr_stmt(A) ::= tlse(B). { A = pyrs_pb_expr_stmt(P, B); }
expr_stmt(A) ::= yield_expr(B). { A = pyrs_pb_expr_stmt(P, B); }
expr_stmt(A) ::= yield_expr(B) assign_tail(C). { A = pyrs_pb_assign(P, B, C); }
expr_stmt(A) ::= tlse(B) COLON test(C). { A = pyrs_pb_annassign(P, B, C, NULL); }
expr_stmt(A) ::= tlse(B) COLON test(C) EQUAL rhs(D). { A = pyrs_pb_annassign(P, B, C, &D); }
expr_stmt(A) ::= tlse(B) augassign(O) rhs(C). { A = pyrs_pb_augassign(P, B, O, C); }
expr_stmt(A) ::= tlse(B) assign_tail(C). { A = pyrs_pb_assign(P, B, C); }
assign_tail(A) ::= EQUAL rhs(B). { A = pyrs_pb_seq1(P, pyrs_pb_box(P, B)); }
assign_tail(A) ::= assign_tail(B) EQUAL rhs(C). { A = pyrs_pb_append(P, B, pyrs_pb_box(P, C)); }
rhs(A) ::= tlse(B). { A = B; }
rhs(A) ::= yield_expr(B). { A = B; }

augassign(A) ::= PLUSEQUAL. { A = PYRS_OP_ADD; }
augassign(A) ::= MINEQUAL. { A = PYRS_OP_SUB; }
augassign(A) ::= STAREQUAL. { A = PYRS_OP_MULT; }
augassign(A) ::= ATEQUAL. { A = PYRS_OP_MATMULT; }
augassign(A) ::= SLASHEQUAL. { A = PYRS_OP_DIV; }
augassign(A) ::= PERCENTEQUAL. { A = PYRS_OP_MOD; }
augassign(A) ::= AMPEREQUAL. { A = PYRS_OP_BITAND; }
augassign(A) ::= VBAREQUAL. { A = PYRS_OP_BITOR; }
augassign(A) ::= CIRCUMFLEXEQUAL. { A = PYRS_OP_BITXOR; }
augassign(A) ::= LEFTSHIFTEQUAL. { A = PYRS_OP_LSHIFT; }
augassign(A) ::= RIGHTSHIFTEQUAL. { A = PYRS_OP_RSHIFT; }
augassign(A) ::= DOUBLESTAREQUAL. { A = PYRS_OP_POW; }
augassign(A) ::= DOUBLESLASHEQUAL. { A = PYRS_OP_FLOORDIV; }

/* import */
import_stmt(A) ::= KW_IMPORT(T) dotted_as_names(B). { A = pyrs_pb_import(P, T, B); }
import_stmt(A) ::= KW_FROM(T) dotted(D) KW_IMPORT import_targets(B).
    { A = pyrs_pb_import_from(P, T, 0, D, B); }
import_stmt(A) ::= KW_FROM(T) dots(L) dotted(D) KW_IMPORT import_targets(B).
    { A = pyrs_pb_import_from(P, T, L, D, B); }
import_stmt(A) ::= KW_FROM(T) dots(L) KW_IMPORT import_targets(B).
    { A = pyrs_pb_import_from(P, T, L, NULL, B); }
dots(A) ::= DOT. { A = 1; }
dots(A) ::= ELLIPSIS. { A = 3; }
dots(A) ::= dots(B) DOT. { A = B + 1; }
dots(A) ::= dots(B) ELLIPSIS. { A = B + 3; }
dotted(A) ::= NAME(B). { A = pyrs_pb_names(P, NULL, B); }
dotted(A) ::= dotted(B) DOT NAME(C). { A = pyrs_pb_names(P, B, C); }
dotted_as_names(A) ::= dotted_as_name(B). { A = pyrs_pb_seq1(P, B); }
dotted_as_names(A) ::= dotted_as_names(B) COMMA dotted_as_name(C). { A = pyrs_pb_append(P, B, C); }
dotted_as_name(A) ::= dotted(B). { A = pyrs_pb_alias(P, B, NULL); }
dotted_as_name(A) ::= dotted(B) KW_AS NAME(C). { A = pyrs_pb_alias(P, B, C); }
import_as_names(A) ::= import_as_name(B). { A = pyrs_pb_seq1(P, B); }
import_as_names(A) ::= import_as_names(B) COMMA import_as_name(C). { A = pyrs_pb_append(P, B, C); }
import_as_name(A) ::= NAME(B). { A = pyrs_pb_alias(P, pyrs_pb_names(P, NULL, B), NULL); }
import_as_name(A) ::= NAME(B) KW_AS NAME(C). { A = pyrs_pb_alias(P, pyrs_pb_names(P, NULL, B), C); }
import_targets(A) ::= STAR(T). { A = pyrs_pb_import_star(P, T); }
import_targets(A) ::= import_as_names(B). { A = pyrs_pb_import_names(P, B, NULL); }
import_targets(A) ::= import_as_names(B) COMMA(T).
    { A = pyrs_pb_import_names(P, B, T); pyrs_pb_import_trail(P, T); }
import_targets(A) ::= LPAR import_as_names(B) RPAR(T). { A = pyrs_pb_import_names(P, B, T); }
import_targets(A) ::= LPAR import_as_names(B) COMMA RPAR(T). { A = pyrs_pb_import_names(P, B, T); }

/* ---- compound statements ---------------------------------------------------------------- */

compound_stmt(A) ::= if_stmt(B). { A = B; }
compound_stmt(A) ::= while_stmt(B). { A = B; }
compound_stmt(A) ::= for_stmt(B). { A = B; }
compound_stmt(A) ::= try_stmt(B). { A = B; }
compound_stmt(A) ::= with_stmt(B). { A = B; }
compound_stmt(A) ::= funcdef(B). { A = B; }
compound_stmt(A) ::= classdef(B). { A = B; }
compound_stmt(A) ::= decorated(B). { A = B; }
compound_stmt(A) ::= async_stmt(B). { A = B; }
compound_stmt(A) ::= match_stmt(B). { A = B; }

block(A) ::= simple_stmts(B). { A = B; }
block(A) ::= NEWLINE INDENT stmts(B) DEDENT. { A = B; }

else_opt(A) ::= . { A = NULL; }
else_opt(A) ::= KW_ELSE COLON block(B). { A = B; }

if_stmt(A) ::= KW_IF(T) namedexpr_test(C) COLON block(B) elifs(E) else_opt(O).
    { A = pyrs_pb_if(P, T, C, B, E, O); }
elifs(A) ::= . { A = NULL; }
elifs(A) ::= elifs(B) KW_ELIF(T) namedexpr_test(C) COLON block(D).
    { A = pyrs_pb_append(P, B, pyrs_pb_elif(P, T, C, D)); }

while_stmt(A) ::= KW_WHILE(T) namedexpr_test(C) COLON block(B) else_opt(O).
    { A = pyrs_pb_while(P, T, C, B, O); }

for_stmt(A) ::= KW_FOR(T) exprlist(X) KW_IN tlse(I) COLON block(B) else_opt(O).
    { A = pyrs_pb_for(P, T, X, I, B, O); }

try_stmt(A) ::= KW_TRY(T) COLON block(B) KW_FINALLY COLON block(F).
    { A = pyrs_pb_try(P, T, B, NULL, NULL, F); }
try_stmt(A) ::= KW_TRY(T) COLON block(B) handlers(H) else_opt(O) finally_opt(F).
    { A = pyrs_pb_try(P, T, B, H, O, F); }
finally_opt(A) ::= . { A = NULL; }
finally_opt(A) ::= KW_FINALLY COLON block(B). { A = B; }
handlers(A) ::= handler(B). { A = pyrs_pb_seq1(P, B); }
handlers(A) ::= handlers(B) handler(C). { A = pyrs_pb_append(P, B, C); }
handler(A) ::= KW_EXCEPT(T) COLON block(B). { A = pyrs_pb_handler(P, T, 0, NULL, NULL, B); }
handler(A) ::= KW_EXCEPT(T) test(E) COLON block(B). { A = pyrs_pb_handler(P, T, 0, &E, NULL, B); }
handler(A) ::= KW_EXCEPT(T) test(E) KW_AS NAME(N) COLON block(B).
    { A = pyrs_pb_handler(P, T, 0, &E, N, B); }
handler(A) ::= KW_EXCEPT(T) STAR test(E) COLON block(B). { A = pyrs_pb_handler(P, T, 1, &E, NULL, B); }
handler(A) ::= KW_EXCEPT(T) STAR test(E) KW_AS NAME(N) COLON block(B).
    { A = pyrs_pb_handler(P, T, 1, &E, N, B); }

with_stmt(A) ::= KW_WITH(T) with_items(I) COLON block(B). { A = pyrs_pb_with(P, T, I, B); }
with_stmt(A) ::= KW_WITH(T) LPAR_WITH with_items(I) RPAR COLON block(B). { A = pyrs_pb_with(P, T, I, B); }
with_stmt(A) ::= KW_WITH(T) LPAR_WITH with_items(I) COMMA RPAR COLON block(B).
    { A = pyrs_pb_with(P, T, I, B); }
with_items(A) ::= with_item(B). { A = pyrs_pb_seq1(P, B); }
with_items(A) ::= with_items(B) COMMA with_item(C). { A = pyrs_pb_append(P, B, C); }
with_item(A) ::= test(B). { A = pyrs_pb_withitem(P, B, NULL); }
with_item(A) ::= test(B) KW_AS star_target(C). { A = pyrs_pb_withitem(P, B, &C); }
%type star_target {PyrsPE}
star_target(A) ::= expr(B). { A = B; }
star_target(A) ::= star_expr(B). { A = B; }

funcdef(A) ::= KW_DEF(T) NAME(N) params(R) COLON block(B). { A = pyrs_pb_funcdef(P, T, N, R, NULL, B); }
funcdef(A) ::= KW_DEF(T) NAME(N) params(R) RARROW test(X) COLON block(B).
    { A = pyrs_pb_funcdef(P, T, N, R, &X, B); }
params(A) ::= LPAR RPAR. { A = pyrs_pb_arguments(P, NULL, 0); }
params(A) ::= LPAR plist(B) RPAR. { A = pyrs_pb_arguments(P, B, 0); }
params(A) ::= LPAR plist(B) COMMA RPAR. { A = pyrs_pb_arguments(P, B, 0); }
plist(A) ::= pitem(B). { A = pyrs_pb_params_add(P, NULL, B); }
plist(A) ::= plist(B) COMMA pitem(C). { A = pyrs_pb_append(P, B, C); }
pitem(A) ::= NAME(N). { A = pyrs_pb_param(P, PYRS_PI_PARAM, NULL, N, NULL, 0, NULL); }
pitem(A) ::= NAME(N) COLON test(X). { A = pyrs_pb_param(P, PYRS_PI_PARAM, NULL, N, &X, 0, NULL); }
pitem(A) ::= NAME(N) EQUAL test(D). { A = pyrs_pb_param(P, PYRS_PI_PARAM, NULL, N, NULL, 0, &D); }
pitem(A) ::= NAME(N) COLON test(X) EQUAL test(D).
    { A = pyrs_pb_param(P, PYRS_PI_PARAM, NULL, N, &X, 0, &D); }
pitem(A) ::= SLASH(T). { A = pyrs_pb_param(P, PYRS_PI_SLASH, T, NULL, NULL, 0, NULL); }
pitem(A) ::= STAR(T). { A = pyrs_pb_param(P, PYRS_PI_VARARG, T, NULL, NULL, 0, NULL); }
pitem(A) ::= STAR(T) NAME(N). { A = pyrs_pb_param(P, PYRS_PI_VARARG, T, N, NULL, 0, NULL); }
pitem(A) ::= STAR(T) NAME(N) COLON test(X). { A = pyrs_pb_param(P, PYRS_PI_VARARG, T, N, &X, 0, NULL); }
pitem(A) ::= STAR(T) NAME(N) COLON star_expr(X).
    { A = pyrs_pb_param(P, PYRS_PI_VARARG, T, N, &X, 1, NULL); }
pitem(A) ::= DOUBLESTAR(T) NAME(N). { A = pyrs_pb_param(P, PYRS_PI_KWARG, T, N, NULL, 0, NULL); }
pitem(A) ::= DOUBLESTAR(T) NAME(N) COLON test(X).
    { A = pyrs_pb_param(P, PYRS_PI_KWARG, T, N, &X, 0, NULL); }

classdef(A) ::= class_head(H) COLON block(B). { A = pyrs_pb_classdef(P, H, B); }
class_head(A) ::= KW_CLASS(T) NAME(N). { A = pyrs_pb_class_head(P, T, N, NULL, NULL); }
class_head(A) ::= KW_CLASS(T) NAME(N) LPAR RPAR(R). { A = pyrs_pb_class_head(P, T, N, NULL, R); }
class_head(A) ::= KW_CLASS(T) NAME(N) LPAR arglist(G) RPAR(R). { A = pyrs_pb_class_head(P, T, N, G, R); }

async_def(A) ::= KW_ASYNC(T) funcdef(B). { A = pyrs_pb_async(P, T, B); }
async_stmt(A) ::= async_def(B). { A = B; }
async_stmt(A) ::= KW_ASYNC(T) for_stmt(B). { A = pyrs_pb_async(P, T, B); }
async_stmt(A) ::= KW_ASYNC(T) with_stmt(B). { A = pyrs_pb_async(P, T, B); }

decorated(A) ::= decorators(D) funcdef(B). { A = pyrs_pb_decorate(P, D, B); }
decorated(A) ::= decorators(D) async_def(B). { A = pyrs_pb_decorate(P, D, B); }
decorated(A) ::= decorators(D) classdef(B). { A = pyrs_pb_decorate(P, D, B); }
decorators(A) ::= AT namedexpr_test(B) NEWLINE. { A = pyrs_pb_seq1(P, B.e); }
decorators(A) ::= decorators(D) AT namedexpr_test(B) NEWLINE. { A = pyrs_pb_append(P, D, B.e); }

/* match: MATCH and CASE are NAME tokens the driver recognised as soft keywords. */
match_stmt(A) ::= MATCH(T) subject(S) COLON NEWLINE INDENT cases(C) DEDENT.
    { A = pyrs_pb_match(P, T, S, C); }
subject(A) ::= namedexpr_test(B). { A = B; }
subject(A) ::= star_expr(B). { A = B; pyrs_pb_error_tok(P, &P->toks[P->cur], "invalid syntax"); }
subject(A) ::= nstar(B) COMMA(T).
    { A = pyrs_pb_tuple_or_one(P, pyrs_pb_list_trail(P, pyrs_pb_list1(P, B), T)); }
subject(A) ::= nstar(B) COMMA nlist(L). { A = pyrs_pb_tuple_or_one(P, pyrs_pb_list_prepend(P, B, L)); }
subject(A) ::= nstar(B) COMMA nlist(L) COMMA(T).
    { A = pyrs_pb_tuple_or_one(P, pyrs_pb_list_trail(P, pyrs_pb_list_prepend(P, B, L), T)); }
cases(A) ::= case_block(B). { A = pyrs_pb_seq1(P, B); }
cases(A) ::= cases(B) case_block(C). { A = pyrs_pb_append(P, B, C); }
case_block(A) ::= CASE patterns(X) COLON block(B). { A = pyrs_pb_case(P, X, NULL, B); }
case_block(A) ::= CASE patterns(X) guard(G) COLON block(B). { A = pyrs_pb_case(P, X, &G, B); }
guard(A) ::= KW_IF namedexpr_test(B). { A = B; }

patterns(A) ::= pattern(B). { A = B; }
patterns(A) ::= open_seq(B). { A = pyrs_pb_pat_seq(P, B->s1, B->p); }
open_seq(A) ::= mstar_pattern(B) COMMA(T). { A = pyrs_pb_pats(P, pyrs_pb_seq1(P, B), T); }
open_seq(A) ::= mstar_pattern(B) COMMA pat_list(L).
    { A = pyrs_pb_pats(P, pyrs_pb_concat(P, pyrs_pb_seq1(P, B), L), NULL); }
open_seq(A) ::= mstar_pattern(B) COMMA pat_list(L) COMMA(T).
    { A = pyrs_pb_pats(P, pyrs_pb_concat(P, pyrs_pb_seq1(P, B), L), T); }
pat_list(A) ::= mstar_pattern(B). { A = pyrs_pb_seq1(P, B); }
pat_list(A) ::= pat_list(B) COMMA mstar_pattern(C). { A = pyrs_pb_append(P, B, C); }
mstar_pattern(A) ::= star_pattern(B). { A = B; }
mstar_pattern(A) ::= pattern(B). { A = B; }
star_pattern(A) ::= STAR(T) NAME(N). { A = pyrs_pb_pat_star(P, T, N); }

pattern(A) ::= or_pattern(B). { A = pyrs_pb_pat_or(P, B); }
pattern(A) ::= or_pattern(B) KW_AS NAME(N). { A = pyrs_pb_pat_as(P, pyrs_pb_pat_or(P, B), N); }
or_pattern(A) ::= closed_pattern(B). { A = pyrs_pb_seq1(P, B); }
or_pattern(A) ::= or_pattern(B) VBAR closed_pattern(C). { A = pyrs_pb_append(P, B, C); }

closed_pattern(A) ::= literal_expr(B). { A = pyrs_pb_pat_value(P, B); }
closed_pattern(A) ::= KW_NONE(T). { A = pyrs_pb_pat_singleton(P, T); }
closed_pattern(A) ::= KW_TRUE(T). { A = pyrs_pb_pat_singleton(P, T); }
closed_pattern(A) ::= KW_FALSE(T). { A = pyrs_pb_pat_singleton(P, T); }
closed_pattern(A) ::= NAME(N). { A = pyrs_pb_pat_capture(P, N); }
closed_pattern(A) ::= attr(B). { A = pyrs_pb_pat_value(P, B); }
closed_pattern(A) ::= LPAR(L) pattern(B) RPAR(R). { A = pyrs_pb_pat_group(P, L, B, R); }
closed_pattern(A) ::= LPAR(L) RPAR(R). { A = pyrs_pb_pat_seq(P, NULL, TSPAN(L, R)); }
closed_pattern(A) ::= LPAR(L) star_pattern(B) RPAR(R).
    { A = pyrs_pb_pat_seq(P, pyrs_pb_seq1(P, B), TSPAN(L, R)); }
closed_pattern(A) ::= LPAR(L) open_seq(B) RPAR(R).
    { A = pyrs_pb_pat_seq(P, B->s1, TSPAN(L, R)); }
closed_pattern(A) ::= LSQB(L) RSQB(R). { A = pyrs_pb_pat_seq(P, NULL, TSPAN(L, R)); }
closed_pattern(A) ::= LSQB(L) pat_list(B) RSQB(R).
    { A = pyrs_pb_pat_seq(P, B, TSPAN(L, R)); }
closed_pattern(A) ::= LSQB(L) pat_list(B) COMMA RSQB(R).
    { A = pyrs_pb_pat_seq(P, B, TSPAN(L, R)); }
closed_pattern(A) ::= LBRACE(L) RBRACE(R). { A = pyrs_pb_pat_mapping(P, NULL, TSPAN(L, R)); }
closed_pattern(A) ::= LBRACE(L) map_items(B) RBRACE(R).
    { A = pyrs_pb_pat_mapping(P, B, TSPAN(L, R)); }
closed_pattern(A) ::= LBRACE(L) map_items(B) COMMA RBRACE(R).
    { A = pyrs_pb_pat_mapping(P, B, TSPAN(L, R)); }
closed_pattern(A) ::= name_or_attr(C) LPAR RPAR(R).
    { A = pyrs_pb_pat_class(P, C, NULL, pyrs_pb_span(C.p, pyrs_pb_tpos(R))); }
closed_pattern(A) ::= name_or_attr(C) LPAR cls_args(B) RPAR(R).
    { A = pyrs_pb_pat_class(P, C, B, pyrs_pb_span(C.p, pyrs_pb_tpos(R))); }
closed_pattern(A) ::= name_or_attr(C) LPAR cls_args(B) COMMA RPAR(R).
    { A = pyrs_pb_pat_class(P, C, B, pyrs_pb_span(C.p, pyrs_pb_tpos(R))); }

name_or_attr(A) ::= NAME(N). { A = pyrs_pb_name(P, N); }
name_or_attr(A) ::= attr(B). { A = B; }
attr(A) ::= name_or_attr(B) DOT NAME(N). { A = pyrs_pb_attr(P, B, N); }

literal_expr(A) ::= signed_number(B). { A = B; }
literal_expr(A) ::= signed_number(B) PLUS NUMBER(C).
    { A = pyrs_pb_complex_lit(P, B, PYRS_OP_ADD, pyrs_pb_number(P, C)); }
literal_expr(A) ::= signed_number(B) MINUS NUMBER(C).
    { A = pyrs_pb_complex_lit(P, B, PYRS_OP_SUB, pyrs_pb_number(P, C)); }
literal_expr(A) ::= strings(B). { A = pyrs_pb_strings(P, B); }
signed_number(A) ::= NUMBER(T). { A = pyrs_pb_number(P, T); }
signed_number(A) ::= MINUS(M) NUMBER(T). { A = pyrs_pb_neg_number(P, M, pyrs_pb_number(P, T)); }

map_items(A) ::= map_item(B). { A = pyrs_pb_seq1(P, B); }
map_items(A) ::= map_items(B) COMMA map_item(C). { A = pyrs_pb_append(P, B, C); }
map_item(A) ::= literal_expr(K) COLON pattern(V). { A = pyrs_pb_map_item(P, K, V, NULL); }
map_item(A) ::= KW_NONE(T) COLON pattern(V). { A = pyrs_pb_map_item(P, pyrs_pb_singleton(P, T), V, NULL); }
map_item(A) ::= KW_TRUE(T) COLON pattern(V). { A = pyrs_pb_map_item(P, pyrs_pb_singleton(P, T), V, NULL); }
map_item(A) ::= KW_FALSE(T) COLON pattern(V). { A = pyrs_pb_map_item(P, pyrs_pb_singleton(P, T), V, NULL); }
map_item(A) ::= attr(K) COLON pattern(V). { A = pyrs_pb_map_item(P, K, V, NULL); }
map_item(A) ::= DOUBLESTAR NAME(N). { PyrsPE none = {0}; A = pyrs_pb_map_item(P, none, NULL, N); }

cls_args(A) ::= cls_arg(B). { A = pyrs_pb_seq1(P, B); }
cls_args(A) ::= cls_args(B) COMMA cls_arg(C). { A = pyrs_pb_cls_args_add(P, B, C); }
cls_arg(A) ::= pattern(B). { A = pyrs_pb_cls_arg(P, NULL, B); }
cls_arg(A) ::= NAME(N) EQUAL pattern(B). { A = pyrs_pb_cls_arg(P, N, B); }

/* ---- expressions ------------------------------------------------------------------------- */

tlse(A) ::= tlse_list(B). { A = pyrs_pb_tuple_or_one(P, B); }
tlse(A) ::= tlse_list(B) COMMA(T). { A = pyrs_pb_tuple_or_one(P, pyrs_pb_list_trail(P, B, T)); }
tlse_list(A) ::= tse(B). { A = pyrs_pb_list1(P, B); }
tlse_list(A) ::= tlse_list(B) COMMA tse(C). { A = pyrs_pb_list_add(P, B, C); }
tse(A) ::= test(B). { A = B; }
tse(A) ::= star_expr(B). { A = B; }


exprlist(A) ::= elist(B). { A = B; }
exprlist(A) ::= elist(B) COMMA(T). { A = pyrs_pb_list_trail(P, B, T); }
elist(A) ::= star_target(B). { A = pyrs_pb_list1(P, B); }
elist(A) ::= elist(B) COMMA star_target(C). { A = pyrs_pb_list_add(P, B, C); }

star_expr(A) ::= STAR(T) expr(B). { A = pyrs_pb_starred(P, T, B); }

namedexpr_test(A) ::= test(B). { A = B; }
namedexpr_test(A) ::= test(B) COLONEQUAL test(C). { A = pyrs_pb_named(P, B, C); }
nstar(A) ::= namedexpr_test(B). { A = B; }
nstar(A) ::= star_expr(B). { A = B; }

test(A) ::= or_test(B). { A = B; }
test(A) ::= or_test(B) KW_IF or_test(C) KW_ELSE test(D). { A = pyrs_pb_ifexp(P, B, C, D); }
test(A) ::= lambdef(B). { A = B; }

lambdef(A) ::= KW_LAMBDA(T) COLON test(B). { A = pyrs_pb_lambda(P, T, NULL, B); }
lambdef(A) ::= KW_LAMBDA(T) vlist(L) COLON test(B). { A = pyrs_pb_lambda(P, T, L, B); }
lambdef(A) ::= KW_LAMBDA(T) vlist(L) COMMA COLON test(B). { A = pyrs_pb_lambda(P, T, L, B); }
vlist(A) ::= vitem(B). { A = pyrs_pb_params_add(P, NULL, B); }
vlist(A) ::= vlist(B) COMMA vitem(C). { A = pyrs_pb_append(P, B, C); }
vitem(A) ::= NAME(N). { A = pyrs_pb_param(P, PYRS_PI_PARAM, NULL, N, NULL, 0, NULL); }
vitem(A) ::= NAME(N) EQUAL test(D). { A = pyrs_pb_param(P, PYRS_PI_PARAM, NULL, N, NULL, 0, &D); }
vitem(A) ::= SLASH(T). { A = pyrs_pb_param(P, PYRS_PI_SLASH, T, NULL, NULL, 0, NULL); }
vitem(A) ::= STAR(T). { A = pyrs_pb_param(P, PYRS_PI_VARARG, T, NULL, NULL, 0, NULL); }
vitem(A) ::= STAR(T) NAME(N). { A = pyrs_pb_param(P, PYRS_PI_VARARG, T, N, NULL, 0, NULL); }
vitem(A) ::= DOUBLESTAR(T) NAME(N). { A = pyrs_pb_param(P, PYRS_PI_KWARG, T, N, NULL, 0, NULL); }

or_test(A) ::= and_test(B). { A = B; }
or_test(A) ::= or_list(B). { A = pyrs_pb_boolop(P, PYRS_BOOL_OR, B); }
or_list(A) ::= and_test(B) KW_OR and_test(C).
    { A = pyrs_pb_append(P, pyrs_pb_seq1(P, pyrs_pb_box(P, B)), pyrs_pb_box(P, C)); }
or_list(A) ::= or_list(B) KW_OR and_test(C). { A = pyrs_pb_append(P, B, pyrs_pb_box(P, C)); }
and_test(A) ::= not_test(B). { A = B; }
and_test(A) ::= and_list(B). { A = pyrs_pb_boolop(P, PYRS_BOOL_AND, B); }
and_list(A) ::= not_test(B) KW_AND not_test(C).
    { A = pyrs_pb_append(P, pyrs_pb_seq1(P, pyrs_pb_box(P, B)), pyrs_pb_box(P, C)); }
and_list(A) ::= and_list(B) KW_AND not_test(C). { A = pyrs_pb_append(P, B, pyrs_pb_box(P, C)); }
not_test(A) ::= KW_NOT(T) not_test(B). { A = pyrs_pb_unary(P, T, PYRS_UNARY_NOT, B); }
not_test(A) ::= comparison(B). { A = B; }
comparison(A) ::= expr(B). { A = B; }
comparison(A) ::= cmp_list(B). { A = pyrs_pb_compare(P, B); }
cmp_list(A) ::= expr(B) comp_op(O) expr(C). { A = pyrs_pb_cmp_add(P, NULL, B, O, C); }
cmp_list(A) ::= cmp_list(B) comp_op(O) expr(C). { A = pyrs_pb_cmp_add(P, B, B->a, O, C); }
comp_op(A) ::= LESS. { A = PYRS_CMP_LT; }
comp_op(A) ::= GREATER. { A = PYRS_CMP_GT; }
comp_op(A) ::= EQEQUAL. { A = PYRS_CMP_EQ; }
comp_op(A) ::= GREATEREQUAL. { A = PYRS_CMP_GTE; }
comp_op(A) ::= LESSEQUAL. { A = PYRS_CMP_LTE; }
comp_op(A) ::= NOTEQUAL. { A = PYRS_CMP_NOTEQ; }
comp_op(A) ::= KW_IN. { A = PYRS_CMP_IN; }
comp_op(A) ::= KW_NOT KW_IN. { A = PYRS_CMP_NOTIN; }
comp_op(A) ::= KW_IS. { A = PYRS_CMP_IS; }
comp_op(A) ::= KW_IS KW_NOT. { A = PYRS_CMP_ISNOT; }

expr(A) ::= xor_expr(B). { A = B; }
expr(A) ::= expr(B) VBAR xor_expr(C). { A = pyrs_pb_binop(P, B, PYRS_OP_BITOR, C); }
xor_expr(A) ::= and_expr(B). { A = B; }
xor_expr(A) ::= xor_expr(B) CIRCUMFLEX and_expr(C). { A = pyrs_pb_binop(P, B, PYRS_OP_BITXOR, C); }
and_expr(A) ::= shift_expr(B). { A = B; }
and_expr(A) ::= and_expr(B) AMPER shift_expr(C). { A = pyrs_pb_binop(P, B, PYRS_OP_BITAND, C); }
shift_expr(A) ::= arith(B). { A = B; }
shift_expr(A) ::= shift_expr(B) LEFTSHIFT arith(C). { A = pyrs_pb_binop(P, B, PYRS_OP_LSHIFT, C); }
shift_expr(A) ::= shift_expr(B) RIGHTSHIFT arith(C). { A = pyrs_pb_binop(P, B, PYRS_OP_RSHIFT, C); }
arith(A) ::= term(B). { A = B; }
arith(A) ::= arith(B) PLUS term(C). { A = pyrs_pb_binop(P, B, PYRS_OP_ADD, C); }
arith(A) ::= arith(B) MINUS term(C). { A = pyrs_pb_binop(P, B, PYRS_OP_SUB, C); }
term(A) ::= factor(B). { A = B; }
term(A) ::= term(B) STAR factor(C). { A = pyrs_pb_binop(P, B, PYRS_OP_MULT, C); }
term(A) ::= term(B) SLASH factor(C). { A = pyrs_pb_binop(P, B, PYRS_OP_DIV, C); }
term(A) ::= term(B) PERCENT factor(C). { A = pyrs_pb_binop(P, B, PYRS_OP_MOD, C); }
term(A) ::= term(B) DOUBLESLASH factor(C). { A = pyrs_pb_binop(P, B, PYRS_OP_FLOORDIV, C); }
term(A) ::= term(B) AT factor(C). { A = pyrs_pb_binop(P, B, PYRS_OP_MATMULT, C); }
factor(A) ::= PLUS(T) factor(B). { A = pyrs_pb_unary(P, T, PYRS_UNARY_UADD, B); }
factor(A) ::= MINUS(T) factor(B). { A = pyrs_pb_unary(P, T, PYRS_UNARY_USUB, B); }
factor(A) ::= TILDE(T) factor(B). { A = pyrs_pb_unary(P, T, PYRS_UNARY_INVERT, B); }
factor(A) ::= power(B). { A = B; }
power(A) ::= await_primary(B). { A = B; }
power(A) ::= await_primary(B) DOUBLESTAR factor(C). { A = pyrs_pb_binop(P, B, PYRS_OP_POW, C); }
await_primary(A) ::= KW_AWAIT(T) primary(B). { A = pyrs_pb_await(P, T, B); }
await_primary(A) ::= primary(B). { A = B; }

primary(A) ::= atom(B). { A = B; }
primary(A) ::= primary(B) DOT NAME(N). { A = pyrs_pb_attr(P, B, N); }
primary(A) ::= primary(B) LPAR(L) RPAR(R). { A = pyrs_pb_call(P, B, L, NULL, R); }
primary(A) ::= primary(B) LPAR(L) arglist(C) RPAR(R). { A = pyrs_pb_call(P, B, L, C, R); }
primary(A) ::= primary(B) LSQB subs(S) RSQB(R). { A = pyrs_pb_subscript(P, B, S, R); }

arglist(A) ::= args(B). { A = B; }
arglist(A) ::= args(B) COMMA. { A = pyrs_pb_args_trail(P, B); }
args(A) ::= arg(B). { A = pyrs_pb_seq1(P, B); }
args(A) ::= args(B) COMMA arg(C). { A = pyrs_pb_append(P, B, C); }
arg(A) ::= namedexpr_test(B). { A = pyrs_pb_arg_item(P, PYRS_PI_POS, NULL, B, NULL); }
arg(A) ::= namedexpr_test(B) comp_chain(C). { A = pyrs_pb_genexp_arg(P, B, C); }
arg(A) ::= test(B) EQUAL(T) test(C). { A = pyrs_pb_arg_item(P, PYRS_PI_KW, NULL, B, &C); A->t = T; }
arg(A) ::= STAR(T) test(B). { A = pyrs_pb_arg_item(P, PYRS_PI_STAR, T, B, NULL); }
arg(A) ::= DOUBLESTAR(T) test(B). { A = pyrs_pb_arg_item(P, PYRS_PI_DSTAR, T, B, NULL); }

subs(A) ::= sub_list(B). { A = pyrs_pb_slices(P, B); }
subs(A) ::= sub_list(B) COMMA(T). { A = pyrs_pb_slices(P, pyrs_pb_list_trail(P, B, T)); }
sub_list(A) ::= sub_item(B). { A = pyrs_pb_list1(P, B); }
sub_list(A) ::= sub_list(B) COMMA sub_item(C). { A = pyrs_pb_list_add(P, B, C); }
sub_item(A) ::= namedexpr_test(B). { A = B; }
sub_item(A) ::= STAR(T) test(B). { A = pyrs_pb_starred(P, T, B); }
sub_item(A) ::= slice(B). { A = B; }
slice(A) ::= opt_test(L) COLON(C) opt_test(H). { A = pyrs_pb_slice(P, &L, C, &H, NULL, NULL); }
slice(A) ::= opt_test(L) COLON(C) opt_test(H) COLON(D) opt_test(S).
    { A = pyrs_pb_slice(P, &L, C, &H, D, &S); }
opt_test(A) ::= . { memset(&A, 0, sizeof A); }
opt_test(A) ::= test(B). { A = B; }

atom(A) ::= NAME(T). { A = pyrs_pb_name(P, T); }
atom(A) ::= NUMBER(T). { A = pyrs_pb_number(P, T); }
atom(A) ::= strings(B). { A = pyrs_pb_strings(P, B); }
atom(A) ::= ELLIPSIS(T). { A = pyrs_pb_singleton(P, T); }
atom(A) ::= KW_NONE(T). { A = pyrs_pb_singleton(P, T); }
atom(A) ::= KW_TRUE(T). { A = pyrs_pb_singleton(P, T); }
atom(A) ::= KW_FALSE(T). { A = pyrs_pb_singleton(P, T); }
strings(A) ::= STRING(T). { A = pyrs_pb_seq1(P, (void *)T); }
strings(A) ::= strings(B) STRING(T). { A = pyrs_pb_append(P, B, (void *)T); }

atom(A) ::= LPAR(L) RPAR(R). { A = pyrs_pb_group(P, L, NULL, R); }
atom(A) ::= LPAR(L) yield_expr(B) RPAR(R). { A = pyrs_pb_paren(P, L, B, R); }
atom(A) ::= LPAR(L) list_body(B) RPAR(R). { A = pyrs_pb_group(P, L, B, R); }
atom(A) ::= LPAR(L) nstar(B) comp_chain(C) RPAR(R).
    { PyrsPE none = {0}; A = pyrs_pb_comp(P, PYRS_K_GeneratorExp, B, none, C, TSPAN(L, R)); }
atom(A) ::= LSQB(L) RSQB(R). { A = pyrs_pb_list(P, NULL, TSPAN(L, R)); }
atom(A) ::= LSQB(L) list_body(B) RSQB(R). { A = pyrs_pb_list(P, B, TSPAN(L, R)); }
atom(A) ::= LSQB(L) nstar(B) comp_chain(C) RSQB(R).
    { PyrsPE none = {0}; A = pyrs_pb_comp(P, PYRS_K_ListComp, B, none, C, TSPAN(L, R)); }
atom(A) ::= LBRACE(L) RBRACE(R). { A = pyrs_pb_dict(P, NULL, TSPAN(L, R)); }
atom(A) ::= LBRACE(L) dlist(B) RBRACE(R). { A = pyrs_pb_dict(P, B, TSPAN(L, R)); }
atom(A) ::= LBRACE(L) dlist(B) COMMA RBRACE(R). { A = pyrs_pb_dict(P, B, TSPAN(L, R)); }
atom(A) ::= LBRACE(L) list_body(B) RBRACE(R). { A = pyrs_pb_set(P, B, TSPAN(L, R)); }
atom(A) ::= LBRACE(L) nstar(B) comp_chain(C) RBRACE(R).
    { PyrsPE none = {0}; A = pyrs_pb_comp(P, PYRS_K_SetComp, B, none, C, TSPAN(L, R)); }
atom(A) ::= LBRACE(L) test(K) COLON test(V) comp_chain(C) RBRACE(R).
    { A = pyrs_pb_comp(P, PYRS_K_DictComp, K, V, C, TSPAN(L, R)); }
atom(A) ::= LBRACE DOUBLESTAR(S) expr(K) comp_chain RBRACE.
    { A = K; pyrs_pb_error_tok(P, S, "dict unpacking cannot be used in dict comprehension"); }

list_body(A) ::= nlist(B). { A = B; }
list_body(A) ::= nlist(B) COMMA(T). { A = pyrs_pb_list_trail(P, B, T); }
nlist(A) ::= nstar(B). { A = pyrs_pb_list1(P, B); }
nlist(A) ::= nlist(B) COMMA nstar(C). { A = pyrs_pb_list_add(P, B, C); }
dlist(A) ::= ditem(B). { A = pyrs_pb_seq1(P, B); }
dlist(A) ::= dlist(B) COMMA ditem(C). { A = pyrs_pb_append(P, B, C); }
ditem(A) ::= test(K) COLON test(V). { A = pyrs_pb_arg_item(P, PYRS_PI_DICT, NULL, K, &V); }
ditem(A) ::= DOUBLESTAR(T) expr(V). { A = pyrs_pb_arg_item(P, PYRS_PI_DICTSTAR, T, V, NULL); }

comp_chain(A) ::= comp_for(B). { A = pyrs_pb_seq1(P, B); }
comp_chain(A) ::= comp_chain(B) comp_for(C). { A = pyrs_pb_append(P, B, C); }
comp_for(A) ::= KW_FOR exprlist(X) KW_IN or_test(I) comp_ifs(F). { A = pyrs_pb_comp_for(P, X, I, F, 0); }
comp_for(A) ::= KW_ASYNC KW_FOR exprlist(X) KW_IN or_test(I) comp_ifs(F).
    { A = pyrs_pb_comp_for(P, X, I, F, 1); }
comp_ifs(A) ::= . { A = NULL; }
comp_ifs(A) ::= comp_ifs(B) KW_IF or_test(C). { A = pyrs_pb_append(P, B, C.e); }

yield_expr(A) ::= KW_YIELD(T). { A = pyrs_pb_yield(P, T, NULL, 0); }
yield_expr(A) ::= KW_YIELD(T) tlse(B). { A = pyrs_pb_yield(P, T, &B, 0); }
yield_expr(A) ::= KW_YIELD(T) KW_FROM test(B). { A = pyrs_pb_yield(P, T, &B, 1); }
