/* compile_stmt.c: statements to register bytecode: control flow with its unwind stack
 * (loops, try/except/finally, with), function and class definitions, imports. Exception
 * handling uses the code object's exception table, CPython 3.11 style. */
#include "compile_internal.h"

#define EMIT(op, a, b, cc, x)                                                                      \
    do {                                                                                           \
        if (pyrs_cc_emit(c, (op), (a), (b), (cc), (x)) < 0) {                                      \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)
#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if ((expr) < 0) {                                                                          \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

static int stmt(Compiler *c, PyrsStmt *s);

/* Awaits R[reg] in place (GETAWAITABLE + SEND), for async with / async for; WHERE names what
 * produced it for the error message (GETAWAITABLE's X: 1 __aenter__, 2 __aexit__, 3 __anext__). */
static int
emit_await(Compiler *c, int reg, int where)
{
    int t = pyrs_cc_tmp(c), k = pyrs_cc_const(c, Py_None);
    CHECK(t);
    CHECK(k);
    EMIT(PYRS_OP_GETAWAITABLE, reg, reg, 0, where);
    EMIT(PYRS_OP_LOADK, t, k, 0, 0);
    EMIT(PYRS_OP_SEND, reg, reg, t, 0);
    pyrs_cc_free_to(c, t);
    return 0;
}

int
pyrs_cc_stmts(Compiler *c, PyrsAstSeq *body)
{
    /* what a nested body binds is not surely bound after it */
    unsigned char *saved = pyrs_cc_bound_save(c);
    int r = 0;
    for (long i = 0; r == 0 && i < PYRS_SEQ_LEN(body); i++) {
        r = stmt(c, PYRS_SEQ_GET(body, i));
    }
    pyrs_cc_bound_restore(c, saved);
    return r;
}

/* ---- the unwind stack --------------------------------------------------------------------- */

static FBlock *
fb_push(Compiler *c, FBlockKind kind)
{
    Unit *u = c->u;
    if (u->nfb == (int)Py_ARRAY_LENGTH(u->fb)) {
        pyrs_cc_error(c, u->lineno, 0, "too many statically nested blocks");
        return NULL;
    }
    FBlock *fb = &u->fb[u->nfb++];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->exc_reg = -1;
    return fb;
}

static void
fb_pop(Compiler *c)
{
    FBlock *fb = &c->u->fb[--c->u->nfb];
    PyMem_Free(fb->breaks);
    fb->breaks = NULL;
}

static int
add_break(Compiler *c, FBlock *fb, Py_ssize_t jump)
{
    (void)c;
    if (fb->nbreaks == fb->capbreaks) {
        int cap = fb->capbreaks ? fb->capbreaks * 2 : 4;
        Py_ssize_t *b = PyMem_Realloc(fb->breaks, (size_t)cap * sizeof(Py_ssize_t));
        if (b == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        fb->breaks = b;
        fb->capbreaks = cap;
    }
    fb->breaks[fb->nbreaks++] = jump;
    return 0;
}

static int call_exit_none(Compiler *c, int exit_reg, int is_async);

/* "name = None; del name": how an "except E as name" clause ends, however it is left. */
static int
unbind_handler_name(Compiler *c, const char *name, int lineno)
{
    int t = pyrs_cc_tmp(c), k = pyrs_cc_const(c, Py_None);
    CHECK(t);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, t, k, 0, 0);
    CHECK(pyrs_cc_store_name(c, name, t));
    PyrsExpr del = {.kind = PYRS_K_Name, .lineno = lineno};
    del.v.Name.id = name;
    del.v.Name.ctx = PYRS_CTX_DEL;
    CHECK(pyrs_cc_delete(c, &del));
    pyrs_cc_free_to(c, t);
    return 0;
}

/* Runs the exits of the unwind entries above index STOP (innermost first): finally bodies,
 * handler state restores and __exit__ calls, as a return/break/continue leaves them. */
static int
unwind_to(Compiler *c, int stop)
{
    Unit *u = c->u;
    for (int i = u->nfb - 1; i > stop; i--) {
        FBlock saved = u->fb[i];
        switch (saved.kind) {
        case FB_HANDLER:
            /* the exception is dropped as the handler is left, as CPython pops it */
            EMIT(PYRS_OP_POPEXC, saved.reg, saved.exc_reg < 0 ? 0 : saved.exc_reg, 0,
                 saved.exc_reg >= 0);
            if (saved.name != NULL) {
                CHECK(unbind_handler_name(c, saved.name, u->lineno));
            }
            break;
        case FB_WITH:
            CHECK(call_exit_none(c, saved.reg, saved.is_async));
            break;
        case FB_FINALLY: {
            /* The finally body runs outside its own try: hide the entries above it. Blocks it
             * opens reuse those slots, so they are saved and put back (a loop's pending
             * breaks included) instead of being overwritten. */
            int nfb = u->nfb;
            FBlock above[Py_ARRAY_LENGTH(u->fb)];
            memcpy(above, &u->fb[i], (size_t)(nfb - i) * sizeof(FBlock));
            u->nfb = i;
            int r = pyrs_cc_stmts(c, saved.finalbody);
            memcpy(&u->fb[i], above, (size_t)(nfb - i) * sizeof(FBlock));
            u->nfb = nfb;
            CHECK(r);
            break;
        }
        case FB_LOOP:
        case FB_EXCEPT_STAR:
            break;
        }
    }
    return 0;
}

/* 0, or a SyntaxError at S when leaving the unwind entries above index STOP would jump out
 * of an except* clause. */
static int
check_except_star_exit(Compiler *c, PyrsStmt *s, int stop)
{
    for (int i = c->u->nfb - 1; i > stop; i--) {
        if (c->u->fb[i].kind == FB_EXCEPT_STAR) {
            return pyrs_cc_error(c, s->lineno, s->col_offset,
                                 "'break', 'continue' and 'return' cannot appear in an except* "
                                 "block");
        }
    }
    return 0;
}

static int
innermost_loop(Compiler *c)
{
    for (int i = c->u->nfb - 1; i >= 0; i--) {
        if (c->u->fb[i].kind == FB_LOOP) {
            return i;
        }
    }
    return -1;
}

static int
break_or_continue(Compiler *c, PyrsStmt *s, int is_break)
{
    int loop = innermost_loop(c);
    CHECK(check_except_star_exit(c, s, loop));
    if (loop < 0) {
        return pyrs_cc_error(c, s->lineno, s->col_offset,
                             is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    CHECK(unwind_to(c, loop));
    Py_ssize_t j = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(j);
    if (is_break) {
        return add_break(c, &c->u->fb[loop], j);
    }
    pyrs_cc_patch_to(c, j, c->u->fb[loop].continue_target);
    return 0;
}

static int
return_stmt(Compiler *c, PyrsStmt *s)
{
    if (c->u->scope->kind != PYRS_BLOCK_FUNCTION) {
        return pyrs_cc_error(c, s->lineno, s->col_offset, "'return' outside function");
    }
    if (s->v.Return.value != NULL && c->u->scope->is_coroutine && c->u->scope->is_generator) {
        return pyrs_cc_error(c, s->lineno, s->col_offset, "'return' with value in async generator");
    }
    CHECK(check_except_star_exit(c, s, -1));
    if (s->v.Return.value != NULL && c->u->nfb == 0) {
        int reg = pyrs_cc_bound_reg(c, s->v.Return.value);
        if (reg >= 0) {
            /* RETURN takes the register's reference: the frame is finished anyway */
            EMIT(PYRS_OP_RETURN, reg, 0, 0, 0);
            return 0;
        }
    }
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    if (s->v.Return.value != NULL) {
        CHECK(pyrs_cc_expr(c, s->v.Return.value, t));
    } else {
        int k = pyrs_cc_const(c, Py_None);
        CHECK(k);
        EMIT(PYRS_OP_LOADK, t, k, 0, 0);
    }
    CHECK(unwind_to(c, -1));
    EMIT(PYRS_OP_RETURN, t, 0, 0, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* ---- loops and conditionals --------------------------------------------------------------- */

static int
if_stmt(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, s->v.If.test, t));
    pyrs_cc_free_to(c, mark);
    Py_ssize_t jelse = pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, t);
    CHECK(jelse);
    CHECK(pyrs_cc_stmts(c, s->v.If.body));
    if (PYRS_SEQ_LEN(s->v.If.orelse) == 0) {
        pyrs_cc_patch_here(c, jelse);
        return 0;
    }
    Py_ssize_t jend = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jend);
    pyrs_cc_patch_here(c, jelse);
    CHECK(pyrs_cc_stmts(c, s->v.If.orelse));
    pyrs_cc_patch_here(c, jend);
    return 0;
}

static void
patch_breaks(Compiler *c, FBlock *fb)
{
    for (int i = 0; i < fb->nbreaks; i++) {
        pyrs_cc_patch_here(c, fb->breaks[i]);
    }
}

static int
while_stmt(Compiler *c, PyrsStmt *s)
{
    Py_ssize_t top = pyrs_cc_here(c);
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, s->v.While.test, t));
    pyrs_cc_free_to(c, mark);
    Py_ssize_t jexit = pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, t);
    CHECK(jexit);
    FBlock *fb = fb_push(c, FB_LOOP);
    if (fb == NULL) {
        return -1;
    }
    fb->continue_target = (int)top;
    if (pyrs_cc_stmts(c, s->v.While.body) < 0) {
        return -1;
    }
    Py_ssize_t back = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(back);
    pyrs_cc_patch_to(c, back, top);
    pyrs_cc_patch_here(c, jexit);
    FBlock loop = c->u->fb[c->u->nfb - 1];
    c->u->nfb--;
    CHECK(pyrs_cc_stmts(c, s->v.While.orelse));
    patch_breaks(c, &loop);
    PyMem_Free(loop.breaks);
    return 0;
}

/* The exception landing pad of an async for: StopAsyncIteration from __anext__ ends the loop
 * (jump JEXIT is returned for patching), anything else is re-raised. */
static Py_ssize_t
async_for_stop(Compiler *c, int exc)
{
    int t = pyrs_cc_tmp(c), k = pyrs_cc_const(c, PyExc_StopAsyncIteration);
    if (t < 0 || k < 0 || pyrs_cc_emit(c, PYRS_OP_LOADK, t, k, 0, 0) < 0 ||
        pyrs_cc_emit(c, PYRS_OP_MATCHEXC, t, exc, t, 0) < 0) {
        return -1;
    }
    Py_ssize_t jstop = pyrs_cc_emit_jump(c, PYRS_OP_JMPIF, t);
    if (jstop < 0 || pyrs_cc_emit(c, PYRS_OP_RERAISE, exc, 0, 0, 0) < 0) {
        return -1;
    }
    return jstop;
}

/* async for: __aiter__ once, then `await it.__anext__()` each round until StopAsyncIteration. */
static int
async_for_stmt(Compiler *c, PyrsStmt *s)
{
    if (!c->u->scope->is_coroutine) {
        return pyrs_cc_error(c, s->lineno, s->col_offset, "'async for' outside async function");
    }
    int it = pyrs_cc_tmps(c, 3), item = it + 1, exc = it + 2;
    CHECK(it);
    CHECK(pyrs_cc_expr(c, s->v.For.iter, item));
    EMIT(PYRS_OP_GETAITER, it, item, 0, 0);
    Py_ssize_t top = pyrs_cc_here(c);
    c->u->lineno = s->lineno;
    EMIT(PYRS_OP_GETANEXT, item, it, 0, 0);
    CHECK(emit_await(c, item, 3));
    Py_ssize_t end = pyrs_cc_here(c);
    Py_ssize_t jbody = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jbody);
    CHECK(pyrs_cc_add_exc(c, top, end, pyrs_cc_here(c), exc));
    Py_ssize_t jexit = async_for_stop(c, exc);
    CHECK(jexit);
    pyrs_cc_patch_here(c, jbody);
    CHECK(pyrs_cc_store(c, s->v.For.target, item));
    FBlock *fb = fb_push(c, FB_LOOP);
    if (fb == NULL) {
        return -1;
    }
    fb->continue_target = (int)top;
    CHECK(pyrs_cc_stmts(c, s->v.For.body));
    Py_ssize_t back = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(back);
    pyrs_cc_patch_to(c, back, top);
    pyrs_cc_patch_here(c, jexit);
    FBlock loop = c->u->fb[c->u->nfb - 1];
    c->u->nfb--;
    EMIT(PYRS_OP_CLEAR, it, 3, 0, 0);
    CHECK(pyrs_cc_stmts(c, s->v.For.orelse));
    patch_breaks(c, &loop);
    PyMem_Free(loop.breaks);
    if (loop.nbreaks > 0) {
        EMIT(PYRS_OP_CLEAR, it, 3, 0, 0);
    }
    pyrs_cc_free_to(c, it);
    return 0;
}

static int
for_stmt(Compiler *c, PyrsStmt *s)
{
    int it = pyrs_cc_tmps(c, 2); /* iterator, then the current item: held for the loop */
    int item = it + 1;
    CHECK(it);
    CHECK(pyrs_cc_expr(c, s->v.For.iter, item));
    EMIT(PYRS_OP_GETITER, it, item, 0, 0);
    Py_ssize_t top = pyrs_cc_here(c);
    c->u->lineno = s->lineno;
    Py_ssize_t jexit = pyrs_cc_emit_jump(c, PYRS_OP_FORITER, it);
    CHECK(jexit);
    CHECK(pyrs_cc_store(c, s->v.For.target, item));
    FBlock *fb = fb_push(c, FB_LOOP);
    if (fb == NULL) {
        return -1;
    }
    fb->continue_target = (int)top;
    /* the target is bound inside the body, not after a loop that never ran */
    unsigned char *before = pyrs_cc_bound_save(c);
    pyrs_cc_bound_mark(c, s->v.For.target);
    int rb = pyrs_cc_stmts(c, s->v.For.body);
    pyrs_cc_bound_restore(c, before);
    CHECK(rb);
    Py_ssize_t back = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(back);
    pyrs_cc_patch_to(c, back, top);
    pyrs_cc_patch_here(c, jexit);
    FBlock loop = c->u->fb[c->u->nfb - 1];
    c->u->nfb--;
    EMIT(PYRS_OP_CLEAR, it, 2, 0, 0);
    CHECK(pyrs_cc_stmts(c, s->v.For.orelse));
    patch_breaks(c, &loop);
    PyMem_Free(loop.breaks);
    if (loop.nbreaks > 0) {
        EMIT(PYRS_OP_CLEAR, it, 2, 0, 0);
    }
    pyrs_cc_free_to(c, it);
    return 0;
}

/* ---- exceptions --------------------------------------------------------------------------- */

/* Emits "POPEXC saved; RERAISE exc" as the landing pad for exceptions raised while a
 * handler runs, and registers [start, here) to go there. */
static int
handler_cleanup(Compiler *c, Py_ssize_t start, int saved)
{
    Py_ssize_t skip = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(skip);
    Py_ssize_t end = skip;
    int exc2 = pyrs_cc_tmp(c);
    CHECK(exc2);
    Py_ssize_t pad = pyrs_cc_here(c);
    EMIT(PYRS_OP_POPEXC, saved, 0, 0, 2);
    EMIT(PYRS_OP_RERAISE, exc2, 0, 0, 1);
    CHECK(pyrs_cc_add_exc(c, start, end, pad, exc2));
    pyrs_cc_patch_here(c, skip);
    return 0;
}


/* `except E as __debug__` is refused at the whole handler, as CPython places it. 0, or -1. */
static int
handler_name_check(Compiler *c, PyrsExceptHandler *h)
{
    PyrsSavedPos saved =
        pyrs_cc_set_pos(c, h->lineno, h->col_offset, h->end_lineno, h->end_col_offset);
    int r = pyrs_cc_forbidden_name(c, h->v.ExceptHandler.name, 0, NULL);
    pyrs_cc_restore_pos(c, saved);
    return r;
}

static int
except_clauses(Compiler *c, PyrsStmt *s, int exc, JumpList *end_jumps)
{
    int saved = pyrs_cc_tmp(c);
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    EMIT(PYRS_OP_PUSHEXC, saved, exc, 0, 0);
    Py_ssize_t region = pyrs_cc_here(c);
    FBlock *fb = fb_push(c, FB_HANDLER);
    if (fb == NULL) {
        return -1;
    }
    fb->reg = saved;
    fb->exc_reg = exc;
    PyrsAstSeq *handlers = s->v.Try.handlers;
    for (long i = 0; i < PYRS_SEQ_LEN(handlers); i++) {
        PyrsExceptHandler *h = PYRS_SEQ_GET(handlers, i);
        c->u->lineno = h->lineno;
        Py_ssize_t jnext = -1;
        if (h->v.ExceptHandler.type == NULL && i < PYRS_SEQ_LEN(handlers) - 1) {
            return pyrs_cc_error(c, h->lineno, h->col_offset, "default 'except:' must be last");
        }
        if (h->v.ExceptHandler.type != NULL) {
            CHECK(pyrs_cc_expr(c, h->v.ExceptHandler.type, t));
            EMIT(PYRS_OP_MATCHEXC, t, exc, t, 0);
            jnext = pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, t);
            CHECK(jnext);
        }
        const char *name = h->v.ExceptHandler.name;
        if (name != NULL) {
            CHECK(handler_name_check(c, h));
            CHECK(pyrs_cc_store_name(c, name, exc));
        }
        Py_ssize_t body = pyrs_cc_here(c);
        c->u->fb[c->u->nfb - 1].name = name; /* a return/break/continue unbinds it too */
        CHECK(pyrs_cc_stmts(c, h->v.ExceptHandler.body));
        c->u->fb[c->u->nfb - 1].name = NULL;
        Py_ssize_t body_end = pyrs_cc_here(c);
        if (name != NULL) {
            /* "except E as e" deletes e at the end of the clause */
            CHECK(unbind_handler_name(c, name, h->lineno));
        }
        /* the handled exception is released as the clause ends, as CPython pops it */
        EMIT(PYRS_OP_POPEXC, saved, exc, 0, 3);
        CHECK(pyrs_cc_jumps_add(end_jumps, pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0)));
        if (name != NULL && body_end > body) {
            /* an exception leaving the clause's body unbinds the name as well, then goes on
             * to the handler_cleanup pad around all the clauses */
            int exc2 = pyrs_cc_tmp(c);
            CHECK(exc2);
            Py_ssize_t pad = pyrs_cc_here(c);
            CHECK(unbind_handler_name(c, name, h->lineno));
            EMIT(PYRS_OP_RERAISE, exc2, 0, 0, 1);
            CHECK(pyrs_cc_add_exc(c, body, body_end, pad, exc2));
        }
        if (jnext >= 0) {
            pyrs_cc_patch_here(c, jnext);
        }
    }
    fb_pop(c);
    if (PYRS_SEQ_LEN(handlers) > 0) { /* no clause matched: on the last clause's line */
        c->u->lineno =
            ((PyrsExceptHandler *)PYRS_SEQ_GET(handlers, PYRS_SEQ_LEN(handlers) - 1))->lineno;
    }
    /* outside the cleanup region: the frame's line stays this re-raise's, as in CPython */
    CHECK(handler_cleanup(c, region, saved));
    EMIT(PYRS_OP_POPEXC, saved, 0, 0, 2);
    EMIT(PYRS_OP_RERAISE, exc, 0, 0, 0);
    return 0;
}

/* try/except/else without finally. */
static int
try_except(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    int exc = pyrs_cc_tmp(c);
    CHECK(exc);
    Py_ssize_t start = pyrs_cc_here(c);
    CHECK(pyrs_cc_stmts(c, s->v.Try.body));
    Py_ssize_t end = pyrs_cc_here(c);
    Py_ssize_t jelse = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jelse);
    Py_ssize_t handler = pyrs_cc_here(c);
    if (end > start) {
        CHECK(pyrs_cc_add_exc(c, start, end, handler, exc));
    }
    JumpList end_jumps;
    pyrs_cc_jumps_init(&end_jumps);
    if (except_clauses(c, s, exc, &end_jumps) < 0) {
        pyrs_cc_jumps_free(&end_jumps);
        return -1;
    }
    pyrs_cc_patch_here(c, jelse);
    if (pyrs_cc_stmts(c, s->v.Try.orelse) < 0) {
        pyrs_cc_jumps_free(&end_jumps);
        return -1;
    }
    pyrs_cc_jumps_patch_to(c, &end_jumps, pyrs_cc_here(c));
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* R[dst] = (R[src] is None), for tests that must not call __bool__. */
static int
emit_is_none(Compiler *c, int dst, int src)
{
    int k = pyrs_cc_const(c, Py_None);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, dst, k, 0, 0);
    EMIT(PYRS_OP_COMPARE, dst, src, dst, PYRS_CMP_IS);
    return 0;
}

/* "except* E as name: body": R[m] is the matched part, bound to name; an exception the body
 * raises is appended to list R[lst]; afterwards the handled exception is R[exc] again. */
static int
star_clause_body(Compiler *c, PyrsExceptHandler *h, int exc, int lst, int m)
{
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    if (h->v.ExceptHandler.name != NULL) {
        CHECK(handler_name_check(c, h));
        CHECK(pyrs_cc_store_name(c, h->v.ExceptHandler.name, m));
    }
    FBlock *fb = fb_push(c, FB_EXCEPT_STAR);
    if (fb == NULL) {
        return -1;
    }
    Py_ssize_t start = pyrs_cc_here(c);
    CHECK(pyrs_cc_stmts(c, h->v.ExceptHandler.body));
    Py_ssize_t end = pyrs_cc_here(c);
    fb_pop(c);
    Py_ssize_t jok = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jok);
    if (end > start) {
        CHECK(pyrs_cc_add_exc(c, start, end, pyrs_cc_here(c), t));
    }
    EMIT(PYRS_OP_LISTAPPEND, lst, t, 0, 0);
    pyrs_cc_patch_here(c, jok);
    if (h->v.ExceptHandler.name != NULL) {
        int k = pyrs_cc_const(c, Py_None);
        CHECK(k);
        EMIT(PYRS_OP_LOADK, t, k, 0, 0);
        CHECK(pyrs_cc_store_name(c, h->v.ExceptHandler.name, t));
        PyrsExpr name = {.kind = PYRS_K_Name, .lineno = h->lineno};
        name.v.Name.id = h->v.ExceptHandler.name;
        name.v.Name.ctx = PYRS_CTX_DEL;
        CHECK(pyrs_cc_delete(c, &name));
    }
    EMIT(PYRS_OP_PUSHEXC, t, exc, 0, 0); /* the original is the handled exception again */
    return 0;
}

/* The handlers of try/except* for exception R[exc]: each clause takes its part of what is
 * left; at the end whatever was raised or left over is re-raised (PREPRERAISE). *JDONE gets
 * the jump taken when nothing is left (to the end of the statement, past else). */
static int
star_clauses(Compiler *c, PyrsStmt *s, int exc, Py_ssize_t *jdone)
{
    int saved = pyrs_cc_tmp(c), lst = pyrs_cc_tmp(c), rest = pyrs_cc_tmp(c);
    int t = pyrs_cc_tmp(c), m = pyrs_cc_tmp(c);
    CHECK(m);
    EMIT(PYRS_OP_PUSHEXC, saved, exc, 0, 0);
    Py_ssize_t region = pyrs_cc_here(c);
    FBlock *fb = fb_push(c, FB_HANDLER);
    if (fb == NULL) {
        return -1;
    }
    fb->reg = saved;
    EMIT(PYRS_OP_BUILDLIST, lst, 0, 0, 0);
    EMIT(PYRS_OP_MOVE, rest, exc, 0, 0);
    PyrsAstSeq *handlers = s->v.TryStar.handlers;
    for (long i = 0; i < PYRS_SEQ_LEN(handlers); i++) {
        PyrsExceptHandler *h = PYRS_SEQ_GET(handlers, i);
        c->u->lineno = h->lineno;
        CHECK(pyrs_cc_expr(c, h->v.ExceptHandler.type, t));
        EMIT(PYRS_OP_EGMATCH, m, rest, t, 0);
        CHECK(emit_is_none(c, t, m));
        Py_ssize_t jnext = pyrs_cc_emit_jump(c, PYRS_OP_JMPIF, t);
        CHECK(jnext);
        int inner = c->u->next_reg;
        CHECK(star_clause_body(c, h, exc, lst, m));
        pyrs_cc_free_to(c, inner);
        pyrs_cc_patch_here(c, jnext);
    }
    EMIT(PYRS_OP_LISTAPPEND, lst, rest, 0, 0);
    EMIT(PYRS_OP_PREPRERAISE, m, exc, lst, 0);
    fb_pop(c);
    CHECK(emit_is_none(c, t, m));
    Py_ssize_t jnone = pyrs_cc_emit_jump(c, PYRS_OP_JMPIF, t);
    CHECK(jnone);
    EMIT(PYRS_OP_POPEXC, saved, 0, 0, 0);
    EMIT(PYRS_OP_RERAISE, m, 0, 0, 0);
    pyrs_cc_patch_here(c, jnone);
    EMIT(PYRS_OP_POPEXC, saved, 0, 0, 0);
    EMIT(PYRS_OP_CLEAR, lst, 4, 0, 0);
    *jdone = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(*jdone);
    return handler_cleanup(c, region, saved);
}

/* try, except* clauses and else, without finally (PEP 654). */
static int
try_star(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    int exc = pyrs_cc_tmp(c);
    CHECK(exc);
    Py_ssize_t start = pyrs_cc_here(c);
    CHECK(pyrs_cc_stmts(c, s->v.TryStar.body));
    Py_ssize_t end = pyrs_cc_here(c);
    Py_ssize_t jelse = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jelse);
    if (end > start) {
        CHECK(pyrs_cc_add_exc(c, start, end, pyrs_cc_here(c), exc));
    }
    Py_ssize_t jdone;
    CHECK(star_clauses(c, s, exc, &jdone));
    pyrs_cc_patch_here(c, jelse);
    CHECK(pyrs_cc_stmts(c, s->v.TryStar.orelse));
    pyrs_cc_patch_here(c, jdone);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
try_finally(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    int exc = pyrs_cc_tmp(c), saved = pyrs_cc_tmp(c);
    CHECK(saved);
    FBlock *fb = fb_push(c, FB_FINALLY);
    if (fb == NULL) {
        return -1;
    }
    fb->finalbody = s->v.Try.finalbody;
    Py_ssize_t start = pyrs_cc_here(c);
    if (s->kind == PYRS_K_TryStar) {
        CHECK(try_star(c, s));
    } else if (PYRS_SEQ_LEN(s->v.Try.handlers) > 0) {
        CHECK(try_except(c, s));
    } else {
        CHECK(pyrs_cc_stmts(c, s->v.Try.body));
    }
    Py_ssize_t end = pyrs_cc_here(c);
    fb_pop(c);
    /* normal exit: run the finally body inline */
    CHECK(pyrs_cc_stmts(c, s->v.Try.finalbody));
    Py_ssize_t jend = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jend);
    Py_ssize_t handler = pyrs_cc_here(c);
    if (end > start) {
        CHECK(pyrs_cc_add_exc(c, start, end, handler, exc));
    }
    /* exceptional exit: run it with the exception as the handled one, then re-raise */
    EMIT(PYRS_OP_PUSHEXC, saved, exc, 0, 0);
    Py_ssize_t region = pyrs_cc_here(c);
    fb = fb_push(c, FB_HANDLER);
    if (fb == NULL) {
        return -1;
    }
    fb->reg = saved;
    fb->exc_reg = exc;
    CHECK(pyrs_cc_stmts(c, s->v.Try.finalbody));
    fb_pop(c);
    CHECK(handler_cleanup(c, region, saved));
    EMIT(PYRS_OP_POPEXC, saved, 0, 0, 2);
    EMIT(PYRS_OP_RERAISE, exc, 0, 0, 0);
    pyrs_cc_patch_here(c, jend);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
try_stmt(Compiler *c, PyrsStmt *s)
{
    if (PYRS_SEQ_LEN(s->v.Try.finalbody) > 0) {
        return try_finally(c, s);
    }
    return try_except(c, s);
}

static int
raise_stmt(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    int e = pyrs_cc_tmp(c), cause = pyrs_cc_tmp(c);
    CHECK(cause);
    int x = 0;
    if (s->v.Raise.exc != NULL) {
        CHECK(pyrs_cc_expr(c, s->v.Raise.exc, e));
        x |= 1;
    }
    if (s->v.Raise.cause != NULL) {
        CHECK(pyrs_cc_expr(c, s->v.Raise.cause, cause));
        x |= 2;
    }
    EMIT(PYRS_OP_RAISE, e, cause, 0, x);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
assert_stmt(Compiler *c, PyrsStmt *s)
{
    PyrsExpr *test = s->v.Assert.test;
    const PyrsConst *k = test->kind == PYRS_K_Constant ? test->v.Constant.value : NULL;
    if ((test->kind == PYRS_K_Tuple && PYRS_SEQ_LEN(test->v.Tuple.elts) > 0) ||
        (k != NULL && k->obj != NULL && PyTuple_Check((PyObject *)k->obj) &&
         PyTuple_GET_SIZE((PyObject *)k->obj) > 0)) { /* a tuple folded into a constant */
        CHECK(pyrs_cc_warn(c, s->lineno, s->col_offset,
                           "assertion is always true, perhaps remove parentheses?"));
    }
    if (pyrs_config_optimize_level() > 0) {
        return 0; /* -O */
    }
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, s->v.Assert.test, t));
    Py_ssize_t jok = pyrs_cc_emit_jump(c, PYRS_OP_JMPIF, t);
    CHECK(jok);
    if (s->v.Assert.msg != NULL) {
        CHECK(pyrs_cc_expr(c, s->v.Assert.msg, t));
    }
    EMIT(PYRS_OP_ASSERTFAIL, t, 0, 0, s->v.Assert.msg != NULL);
    pyrs_cc_patch_here(c, jok);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* ---- with --------------------------------------------------------------------------------- */

static int
call_exit_none(Compiler *c, int exit_reg, int is_async)
{
    int mark = c->u->next_reg;
    int base = pyrs_cc_tmps(c, 4);
    CHECK(base);
    int k = pyrs_cc_const(c, Py_None);
    CHECK(k);
    EMIT(PYRS_OP_MOVE, base, exit_reg, 0, 0);
    for (int i = 1; i <= 3; i++) {
        EMIT(PYRS_OP_LOADK, base + i, k, 0, 0);
    }
    EMIT(PYRS_OP_CALL, base, base, 3, 0);
    if (is_async) {
        CHECK(emit_await(c, base, 2));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
with_items(Compiler *c, PyrsStmt *s, long idx)
{
    PyrsAstSeq *items = s->v.With.items;
    if (idx == PYRS_SEQ_LEN(items)) {
        return pyrs_cc_stmts(c, s->v.With.body);
    }
    PyrsWithItem *item = PYRS_SEQ_GET(items, idx);
    int is_async = s->kind == PYRS_K_AsyncWith;
    int mark = c->u->next_reg;
    int mgr = pyrs_cc_tmp(c), exit = pyrs_cc_tmp(c), exc = pyrs_cc_tmp(c), saved = pyrs_cc_tmp(c);
    int call = pyrs_cc_tmps(c, 4);
    CHECK(call);
    CHECK(pyrs_cc_expr(c, item->context_expr, mgr));
    /* as CPython: looked up on the type, __enter__ first */
    EMIT(PYRS_OP_LOADSPECIAL, call, mgr, pyrs_cc_name(c, is_async ? "__aenter__" : "__enter__"),
         is_async ? 2 : 0);
    EMIT(PYRS_OP_LOADSPECIAL, exit, mgr, pyrs_cc_name(c, is_async ? "__aexit__" : "__exit__"),
         is_async ? 3 : 1);
    EMIT(PYRS_OP_CALL, call, call, 0, 0);
    if (is_async) {
        CHECK(emit_await(c, call, 1));
    }
    if (item->optional_vars != NULL) {
        CHECK(pyrs_cc_store(c, item->optional_vars, call));
    }
    FBlock *fb = fb_push(c, FB_WITH);
    if (fb == NULL) {
        return -1;
    }
    fb->reg = exit;
    fb->is_async = is_async;
    Py_ssize_t start = pyrs_cc_here(c);
    CHECK(with_items(c, s, idx + 1));
    Py_ssize_t end = pyrs_cc_here(c);
    fb_pop(c);
    c->u->lineno = s->lineno; /* __exit__ runs on the with statement's line */
    CHECK(call_exit_none(c, exit, is_async));
    Py_ssize_t jend = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jend);
    Py_ssize_t handler = pyrs_cc_here(c);
    if (end > start) {
        CHECK(pyrs_cc_add_exc(c, start, end, handler, exc));
    }
    EMIT(PYRS_OP_PUSHEXC, saved, exc, 0, 0);
    Py_ssize_t region = pyrs_cc_here(c);
    EMIT(PYRS_OP_MOVE, call, exit, 0, 0);
    EMIT(PYRS_OP_LOADATTR, call + 1, exc, pyrs_cc_name(c, "__class__"), 0);
    EMIT(PYRS_OP_MOVE, call + 2, exc, 0, 0);
    EMIT(PYRS_OP_LOADATTR, call + 3, exc, pyrs_cc_name(c, "__traceback__"), 0);
    EMIT(PYRS_OP_CALL, call, call, 3, 0);
    if (is_async) {
        CHECK(emit_await(c, call, 2));
    }
    Py_ssize_t jreraise = pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, call);
    CHECK(jreraise);
    EMIT(PYRS_OP_POPEXC, saved, exc, 0, 3); /* suppressed: both are released */
    Py_ssize_t jdone = pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0);
    CHECK(jdone);
    pyrs_cc_patch_here(c, jreraise);
    EMIT(PYRS_OP_POPEXC, saved, 0, 0, 2);
    EMIT(PYRS_OP_RERAISE, exc, 0, 0, 1);
    CHECK(handler_cleanup(c, region, saved));
    pyrs_cc_patch_here(c, jend);
    pyrs_cc_patch_here(c, jdone);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* ---- definitions -------------------------------------------------------------------------- */

/* Builds the annotations dict of a def into REG; 0 when there are none, 1 when built. */
static int
annotations(Compiler *c, PyrsArguments *a, PyrsExpr *returns, int reg)
{
    int mark = c->u->next_reg;
    int k = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
    CHECK(v);
    int any = 0;
    /* CPython's order: positional, positional-only, *args, keyword-only, **kwargs */
    PyrsAstSeq *lists[5] = {a->args, a->posonlyargs, NULL, a->kwonlyargs, NULL};
    PyrsArg *single[5] = {NULL, NULL, a->vararg, NULL, a->kwarg};
    EMIT(PYRS_OP_BUILDDICT, reg, 0, 0, 0);
    for (int l = 0; l < 5; l++) {
        long n = lists[l] != NULL ? PYRS_SEQ_LEN(lists[l]) : 1;
        for (long i = 0; i < n; i++) {
            PyrsArg *arg = lists[l] != NULL ? PYRS_SEQ_GET(lists[l], i) : single[l];
            if (arg == NULL || arg->annotation == NULL) {
                continue;
            }
            PyObject *name = PyUnicode_InternFromString(arg->arg);
            int ki = name ? pyrs_cc_const(c, name) : -1;
            Py_XDECREF(name);
            CHECK(ki);
            EMIT(PYRS_OP_LOADK, k, ki, 0, 0);
            if (arg->annotation->kind == PYRS_K_Starred) {
                /* *args: *Ts (PEP 646): the annotation is the one item of [*Ts] */
                CHECK(pyrs_cc_expr(c, arg->annotation->v.Starred.value, v));
                EMIT(PYRS_OP_UNPACK, v, v, 1, 0);
            } else {
                CHECK(pyrs_cc_expr(c, arg->annotation, v));
            }
            EMIT(PYRS_OP_DICTSET, reg, k, v, 0);
            any = 1;
        }
    }
    if (returns != NULL) {
        PyObject *name = PyUnicode_InternFromString("return");
        int ki = name ? pyrs_cc_const(c, name) : -1;
        Py_XDECREF(name);
        CHECK(ki);
        EMIT(PYRS_OP_LOADK, k, ki, 0, 0);
        CHECK(pyrs_cc_expr(c, returns, v));
        EMIT(PYRS_OP_DICTSET, reg, k, v, 0);
        any = 1;
    }
    pyrs_cc_free_to(c, mark);
    return any;
}

/* No parameter may be named __debug__ (CPython's compiler_check_debug_args). 0, or -1. */
static int
check_debug_args(Compiler *c, PyrsArguments *a)
{
    PyrsAstSeq *lists[3] = {a->posonlyargs, a->args, a->kwonlyargs};
    for (int l = 0; l < 3; l++) {
        for (long i = 0; i < PYRS_SEQ_LEN(lists[l]); i++) {
            CHECK(pyrs_cc_forbidden_name(c, ((PyrsArg *)PYRS_SEQ_GET(lists[l], i))->arg, 0, NULL));
        }
    }
    CHECK(a->vararg != NULL ? pyrs_cc_forbidden_name(c, a->vararg->arg, 0, NULL) : 0);
    return a->kwarg != NULL ? pyrs_cc_forbidden_name(c, a->kwarg->arg, 0, NULL) : 0;
}

int
pyrs_cc_function(Compiler *c, PyrsStmt *s, PyrsArguments *args, const char *name, PyrsAstSeq *body,
                 PyrsExpr *lambda_body, const void *node, int dst)
{
    CHECK(check_debug_args(c, args));
    int mark = c->u->next_reg;
    int extra = pyrs_cc_tmps(c, 4);
    CHECK(extra);
    int flags = 0;
    if (PYRS_SEQ_LEN(args->defaults) > 0) {
        int base = pyrs_cc_tmps(c, (int)PYRS_SEQ_LEN(args->defaults));
        CHECK(base);
        for (long i = 0; i < PYRS_SEQ_LEN(args->defaults); i++) {
            CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(args->defaults, i), base + (int)i));
        }
        EMIT(PYRS_OP_BUILDTUPLE, extra, base, (int)PYRS_SEQ_LEN(args->defaults), 0);
        pyrs_cc_free_to(c, base);
        flags |= 1;
    }
    for (long i = 0; i < PYRS_SEQ_LEN(args->kwonlyargs); i++) {
        PyrsExpr *d = PYRS_SEQ_GET(args->kw_defaults, i);
        if (d == NULL) {
            continue;
        }
        if (!(flags & 2)) {
            EMIT(PYRS_OP_BUILDDICT, extra + 1, 0, 0, 0);
            flags |= 2;
        }
        int k = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
        CHECK(v);
        PyObject *nm =
            PyUnicode_InternFromString(((PyrsArg *)PYRS_SEQ_GET(args->kwonlyargs, i))->arg);
        int ki = nm ? pyrs_cc_const(c, nm) : -1;
        Py_XDECREF(nm);
        CHECK(ki);
        EMIT(PYRS_OP_LOADK, k, ki, 0, 0);
        CHECK(pyrs_cc_expr(c, d, v));
        EMIT(PYRS_OP_DICTSET, extra + 1, k, v, 0);
        pyrs_cc_free_to(c, k);
    }
    if (s != NULL) {
        int a = annotations(c, args, s->v.FunctionDef.returns, extra + 3);
        CHECK(a);
        flags |= a ? 8 : 0;
    }
    int firstlineno = s != NULL ? s->lineno : ((PyrsExpr *)node)->lineno;
    if (s != NULL && PYRS_SEQ_LEN(s->v.FunctionDef.decorator_list) > 0) {
        firstlineno = ((PyrsExpr *)PYRS_SEQ_GET(s->v.FunctionDef.decorator_list, 0))->lineno;
    }
    PyObject *code = pyrs_cc_code_for(c, node, name, body, lambda_body, firstlineno, 0);
    if (code == NULL) {
        return -1;
    }
    int k = pyrs_cc_const(c, code);
    Py_DECREF(code);
    CHECK(k);
    CHECK(pyrs_cc_make_closure(c, pyrs_sym_lookup(c->st, node), extra, &flags));
    EMIT(PYRS_OP_MAKEFUNC, dst, k, extra, flags);
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* Evaluates decorators into consecutive registers; returns the first register. */
static int
decorators_eval(Compiler *c, PyrsAstSeq *decos)
{
    long n = PYRS_SEQ_LEN(decos);
    int base = pyrs_cc_tmps(c, (int)n);
    CHECK(base);
    for (long i = 0; i < n; i++) {
        PyrsExpr *d = PYRS_SEQ_GET(decos, i);
        c->u->lineno = d->lineno;
        CHECK(pyrs_cc_expr(c, d, base + (int)i));
    }
    return base;
}

/* Calls the decorators evaluated into BASE.. on VALUE, innermost first; each call is placed
 * at its decorator expression (of DECOS), as CPython's tracebacks show it. */
static int
decorators_apply(Compiler *c, int base, PyrsAstSeq *decos, int value)
{
    for (long i = PYRS_SEQ_LEN(decos) - 1; i >= 0; i--) {
        PyrsExpr *d = PYRS_SEQ_GET(decos, i);
        int call = pyrs_cc_tmps(c, 2);
        CHECK(call);
        PyrsSavedPos saved =
            pyrs_cc_set_pos(c, d->lineno, d->col_offset, d->end_lineno, d->end_col_offset);
        EMIT(PYRS_OP_MOVE, call, base + (int)i, 0, 0);
        EMIT(PYRS_OP_MOVE, call + 1, value, 0, 0);
        EMIT(PYRS_OP_CALL, value, call, 1, 0);
        pyrs_cc_restore_pos(c, saved);
        pyrs_cc_free_to(c, call);
    }
    return 0;
}


/* The name a def or class statement binds: NAME mangled inside a class (CPython's rule; the
 * object keeps NAME as its __name__). NULL with MemoryError. */
static const char *
def_binding(Compiler *c, const char *name)
{
    return pyrs_sym_mangle(c->st, c->u->scope->private_name, name);
}

/* Stores the function or class in DST under BINDING (a def or class statement's name), then
 * releases DST; the name is surely bound from here on, so its register can be read directly.
 * 0, or -1. */
static int
def_store(Compiler *c, const char *binding, int dst)
{
    CHECK(binding != NULL ? pyrs_cc_store_name(c, binding, dst) : -1);
    CHECK(pyrs_cc_release_stored(c, dst));
    PyrsExpr target;
    memset(&target, 0, sizeof target);
    target.kind = PYRS_K_Name;
    target.v.Name.id = binding;
    target.v.Name.ctx = PYRS_CTX_STORE;
    pyrs_cc_bound_mark(c, &target);
    return 0;
}

static int
funcdef(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    PyrsAstSeq *decos = s->v.FunctionDef.decorator_list;
    int dbase = decorators_eval(c, decos);
    CHECK(dbase);
    int f = pyrs_cc_tmp(c);
    CHECK(f);
    c->u->lineno = s->lineno;
    CHECK(pyrs_cc_function(c, s, s->v.FunctionDef.args, s->v.FunctionDef.name,
                           s->v.FunctionDef.body, NULL, s, f));
    CHECK(decorators_apply(c, dbase, decos, f));
    CHECK(def_store(c, def_binding(c, s->v.FunctionDef.name), f));
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* Starred bases or **keywords: __build_class__ is then called through CALLEX. */
static int
class_needs_ex(struct PyrsAst_ClassDef *d)
{
    for (long i = 0; i < PYRS_SEQ_LEN(d->keywords); i++) {
        if (((PyrsKeyword *)PYRS_SEQ_GET(d->keywords, i))->arg == NULL) {
            return 1;
        }
    }
    for (long i = 0; i < PYRS_SEQ_LEN(d->bases); i++) {
        if (((PyrsExpr *)PYRS_SEQ_GET(d->bases, i))->kind == PYRS_K_Starred) {
            return 1;
        }
    }
    return 0;
}

/* The keyword arguments of a class statement as a dict in register KW. */
static int
class_kwargs_dict(Compiler *c, PyrsAstSeq *keywords, int kw)
{
    int v = pyrs_cc_tmp(c), key = pyrs_cc_tmp(c);
    CHECK(key);
    EMIT(PYRS_OP_BUILDDICT, kw, 0, 0, 0);
    for (long i = 0; i < PYRS_SEQ_LEN(keywords); i++) {
        PyrsKeyword *k = PYRS_SEQ_GET(keywords, i);
        CHECK(pyrs_cc_expr(c, k->value, v));
        if (k->arg == NULL) {
            EMIT(PYRS_OP_DICTUPDATE, kw, v, 0, 0);
            continue;
        }
        PyObject *name = PyUnicode_InternFromString(k->arg);
        int kn = name != NULL ? pyrs_cc_const(c, name) : -1;
        Py_XDECREF(name);
        CHECK(kn);
        EMIT(PYRS_OP_LOADK, key, kn, 0, 0);
        EMIT(PYRS_OP_DICTSET, kw, key, v, 0);
    }
    pyrs_cc_free_to(c, v);
    return 0;
}

/* __build_class__(body, name, *bases, **keywords) for the general case, into DST; K is the
 * constant index of the body's code object. */
static int
build_class_ex(Compiler *c, PyrsStmt *s, int k, int dst)
{
    struct PyrsAst_ClassDef *d = &s->v.ClassDef;
    int mark = c->u->next_reg;
    int extra = pyrs_cc_tmps(c, 4);
    int fn = pyrs_cc_tmps(c, 2), args = pyrs_cc_tmps(c, 2), item = pyrs_cc_tmp(c);
    CHECK(item);
    int flags = 0;
    CHECK(pyrs_cc_make_closure(c, pyrs_sym_lookup(c->st, s), extra, &flags));
    EMIT(PYRS_OP_MAKEFUNC, fn, k, extra, flags);
    PyObject *name = PyUnicode_FromString(d->name);
    int kn = name ? pyrs_cc_const(c, name) : -1;
    Py_XDECREF(name);
    CHECK(kn);
    EMIT(PYRS_OP_LOADK, fn + 1, kn, 0, 0);
    EMIT(PYRS_OP_BUILDLIST, args, fn, 2, 0);
    for (long i = 0; i < PYRS_SEQ_LEN(d->bases); i++) {
        PyrsExpr *b = PYRS_SEQ_GET(d->bases, i);
        int starred = b->kind == PYRS_K_Starred;
        CHECK(pyrs_cc_expr(c, starred ? b->v.Starred.value : b, item));
        EMIT(starred ? PYRS_OP_LISTEXTEND : PYRS_OP_LISTAPPEND, args, item, 0, 0);
    }
    EMIT(PYRS_OP_LISTTOTUPLE, args, args, 0, 0);
    CHECK(class_kwargs_dict(c, d->keywords, args + 1));
    EMIT(PYRS_OP_LOADGLOBAL, fn, pyrs_cc_name(c, "__build_class__"), 0, 0);
    EMIT(PYRS_OP_CALLEX, dst, fn, args, 0);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
classdef(Compiler *c, PyrsStmt *s)
{
    struct PyrsAst_ClassDef *d = &s->v.ClassDef;
    int mark = c->u->next_reg;
    int dbase = decorators_eval(c, d->decorator_list);
    CHECK(dbase);
    c->u->lineno = s->lineno;
    int firstlineno = PYRS_SEQ_LEN(d->decorator_list) > 0
                          ? ((PyrsExpr *)PYRS_SEQ_GET(d->decorator_list, 0))->lineno
                          : s->lineno;
    CHECK(pyrs_cc_check_keywords(c, d->keywords));
    PyObject *code = pyrs_cc_code_for(c, s, d->name, d->body, NULL, firstlineno, 1);
    if (code == NULL) {
        return -1;
    }
    int k = pyrs_cc_const(c, code);
    Py_DECREF(code);
    CHECK(k);
    long nbases = PYRS_SEQ_LEN(d->bases), nkw = PYRS_SEQ_LEN(d->keywords);
    if (class_needs_ex(d)) {
        int dst = pyrs_cc_tmp(c);
        CHECK(dst);
        CHECK(build_class_ex(c, s, k, dst));
        CHECK(decorators_apply(c, dbase, d->decorator_list, dst));
        CHECK(def_store(c, def_binding(c, d->name), dst));
        pyrs_cc_free_to(c, mark);
        return 0;
    }
    int extra = pyrs_cc_tmps(c, 4);
    int base = pyrs_cc_tmps(c, (int)(2 + nbases + nkw + 1));
    CHECK(base);
    int flags = 0;
    CHECK(pyrs_cc_make_closure(c, pyrs_sym_lookup(c->st, s), extra, &flags));
    EMIT(PYRS_OP_MAKEFUNC, base, k, extra, flags);
    PyObject *name = PyUnicode_FromString(d->name);
    int kn = name ? pyrs_cc_const(c, name) : -1;
    Py_XDECREF(name);
    CHECK(kn);
    EMIT(PYRS_OP_LOADK, base + 1, kn, 0, 0);
    for (long i = 0; i < nbases; i++) {
        CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(d->bases, i), base + 2 + (int)i));
    }
    PyObject *kwnames = nkw ? PyTuple_New(nkw) : NULL;
    for (long i = 0; i < nkw; i++) {
        PyrsKeyword *kw = PYRS_SEQ_GET(d->keywords, i);
        PyTuple_SET_ITEM(kwnames, i, PyUnicode_InternFromString(kw->arg));
        CHECK(pyrs_cc_expr(c, kw->value, base + 2 + (int)(nbases + i)));
    }
    int n = (int)(2 + nbases + nkw);
    if (kwnames != NULL) {
        int kk = pyrs_cc_const(c, kwnames);
        Py_DECREF(kwnames);
        CHECK(kk);
        EMIT(PYRS_OP_LOADK, base + n, kk, 0, 0);
    }
    EMIT(PYRS_OP_BUILDCLASS, base, base, n, nkw ? 1 : 0);
    CHECK(decorators_apply(c, dbase, d->decorator_list, base));
    CHECK(def_store(c, def_binding(c, d->name), base));
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* ---- simple statements -------------------------------------------------------------------- */

/* The items of a tuple or list display without starred items, else NULL. */
static PyrsAstSeq *
plain_sequence(PyrsExpr *e)
{
    PyrsAstSeq *elts = e->kind == PYRS_K_Tuple  ? e->v.Tuple.elts
                       : e->kind == PYRS_K_List ? e->v.List.elts
                                                : NULL;
    for (long i = 0; elts != NULL && i < PYRS_SEQ_LEN(elts); i++) {
        if (((PyrsExpr *)PYRS_SEQ_GET(elts, i))->kind == PYRS_K_Starred) {
            return NULL;
        }
    }
    return elts;
}

/* `a, b = x, y`: the values go to temporaries and are stored in order, as unpacking a fresh
 * tuple would (CPython swaps stack items instead of building it). 1 when done, 0 when S is not
 * of that shape, -1 on error. */
static int
assign_parallel(Compiler *c, PyrsStmt *s)
{
    if (PYRS_SEQ_LEN(s->v.Assign.targets) != 1) {
        return 0;
    }
    PyrsAstSeq *targets = plain_sequence(PYRS_SEQ_GET(s->v.Assign.targets, 0));
    PyrsAstSeq *values = plain_sequence(s->v.Assign.value);
    long n = targets != NULL ? PYRS_SEQ_LEN(targets) : -1;
    if (values == NULL || n != PYRS_SEQ_LEN(values) || n < 1 || n > 8) {
        return 0;
    }
    int mark = c->u->next_reg;
    int base = pyrs_cc_tmps(c, (int)n);
    CHECK(base);
    for (long i = 0; i < n; i++) {
        CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(values, i), base + (int)i));
    }
    for (long i = 0; i < n; i++) {
        CHECK(pyrs_cc_store(c, PYRS_SEQ_GET(targets, i), base + (int)i));
        pyrs_cc_bound_mark(c, PYRS_SEQ_GET(targets, i));
    }
    pyrs_cc_free_to(c, mark);
    return 1;
}

/* Whether E's code writes its destination register only with its final instruction, after
 * every operand was read (so a local can be that destination). */
static int
writes_dst_last(PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_BinOp:
    case PYRS_K_UnaryOp:
    case PYRS_K_Call:
    case PYRS_K_Attribute:
    case PYRS_K_Subscript:
        return 1;
    case PYRS_K_Compare:
        return PYRS_SEQ_LEN(e->v.Compare.ops) == 1;
    default:
        return 0;
    }
}

static int
assign(Compiler *c, PyrsStmt *s)
{
    int done = assign_parallel(c, s);
    if (done != 0) {
        return done < 0 ? -1 : 0;
    }
    PyrsAstSeq *targets = s->v.Assign.targets;
    PyrsExpr *first = PYRS_SEQ_GET(targets, 0);
    int local = PYRS_SEQ_LEN(targets) == 1 ? pyrs_cc_local_reg(c, first) : -1;
    if (local >= 0 && writes_dst_last(s->v.Assign.value)) {
        /* x = a + b: computed straight into x's register */
        CHECK(pyrs_cc_expr(c, s->v.Assign.value, local));
        pyrs_cc_bound_mark(c, first);
        return 0;
    }
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    if (PYRS_SEQ_LEN(targets) == 1 &&
        (first->kind == PYRS_K_Attribute || first->kind == PYRS_K_Subscript) &&
        pyrs_cc_bound_reg(c, s->v.Assign.value) >= 0 && !pyrs_cc_has_walrus(first)) {
        /* o.a = x, o[k] = x: the value straight from a surely-bound local (the target's code
         * cannot rebind it) */
        CHECK(pyrs_cc_store(c, first, pyrs_cc_bound_reg(c, s->v.Assign.value)));
        pyrs_cc_free_to(c, mark);
        return 0;
    }
    CHECK(pyrs_cc_expr(c, s->v.Assign.value, t));
    for (long i = 0; i < PYRS_SEQ_LEN(targets); i++) {
        CHECK(pyrs_cc_store(c, PYRS_SEQ_GET(targets, i), t));
        pyrs_cc_bound_mark(c, PYRS_SEQ_GET(targets, i));
    }
    PyrsExpr *last = PYRS_SEQ_GET(targets, PYRS_SEQ_LEN(targets) - 1);
    if (last->kind == PYRS_K_Tuple || last->kind == PYRS_K_List) {
        EMIT(PYRS_OP_CLEAR, t, 1, 0, 0); /* `a, b = f()`: the unpacked value is dead */
    } else {
        CHECK(pyrs_cc_release_stored(c, t));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
aug_assign(Compiler *c, PyrsStmt *s)
{
    PyrsExpr *target = s->v.AugAssign.target;
    int op = (int)s->v.AugAssign.op + 16;
    int mark = c->u->next_reg;
    int cur = pyrs_cc_tmp(c), val = pyrs_cc_tmp(c), obj = pyrs_cc_tmp(c), key = pyrs_cc_tmp(c);
    CHECK(key);
    switch (target->kind) {
    case PYRS_K_Name: {
        CHECK(pyrs_cc_forbidden_name(c, target->v.Name.id, 0, target));
        int local = pyrs_cc_bound_reg(c, target);
        if (local >= 0 && !pyrs_cc_has_walrus(s->v.AugAssign.value)) {
            /* x += v on a surely-bound local: in place, no copies */
            val = pyrs_cc_operand(c, s->v.AugAssign.value, val);
            CHECK(val);
            EMIT(PYRS_OP_BINOP, local, local, val, op);
            break;
        }
        CHECK(pyrs_cc_load_name(c, target->v.Name.id, cur));
        CHECK(pyrs_cc_expr(c, s->v.AugAssign.value, val));
        EMIT(PYRS_OP_BINOP, cur, cur, val, op);
        CHECK(pyrs_cc_store_name(c, target->v.Name.id, cur));
        break;
    }
    case PYRS_K_Attribute: {
        int ni = pyrs_cc_name(c, target->v.Attribute.attr);
        CHECK(ni);
        CHECK(pyrs_cc_expr(c, target->v.Attribute.value, obj));
        EMIT(PYRS_OP_LOADATTR, cur, obj, ni, 0);
        CHECK(pyrs_cc_expr(c, s->v.AugAssign.value, val));
        EMIT(PYRS_OP_BINOP, cur, cur, val, op);
        EMIT(PYRS_OP_STOREATTR, obj, ni, cur, 0);
        break;
    }
    case PYRS_K_Subscript:
        CHECK(pyrs_cc_expr(c, target->v.Subscript.value, obj));
        CHECK(pyrs_cc_expr(c, target->v.Subscript.slice, key));
        EMIT(PYRS_OP_LOADSUBSCR, cur, obj, key, 0);
        CHECK(pyrs_cc_expr(c, s->v.AugAssign.value, val));
        EMIT(PYRS_OP_BINOP, cur, cur, val, op);
        EMIT(PYRS_OP_STORESUBSCR, obj, key, cur, 0);
        break;
    default:
        return pyrs_cc_error(c, s->lineno, s->col_offset,
                             "illegal expression for augmented assignment");
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* Evaluates E into register T and drops it (CPython's check_ann_expr). A subscript's slice
 * parts are evaluated one by one (check_ann_subscr). 0, or -1. */
static int
ann_eval(Compiler *c, PyrsExpr *e, int t, int subscript)
{
    if (subscript && e->kind == PYRS_K_Slice) {
        PyrsExpr *parts[3] = {e->v.Slice.lower, e->v.Slice.upper, e->v.Slice.step};
        for (int i = 0; i < 3; i++) {
            CHECK(parts[i] != NULL ? pyrs_cc_expr(c, parts[i], t) : 0);
        }
        return 0;
    }
    if (subscript && e->kind == PYRS_K_Tuple) {
        for (long i = 0; i < PYRS_SEQ_LEN(e->v.Tuple.elts); i++) {
            CHECK(ann_eval(c, PYRS_SEQ_GET(e->v.Tuple.elts, i), t, 1));
        }
        return 0;
    }
    return pyrs_cc_expr(c, e, t);
}

/* What an annotated assignment to a complex target evaluates besides the value (CPython
 * 3.11): without a value, the parts of an attribute or subscript target; then, in a module
 * or class body and without `from __future__ import annotations`, the annotation. */
static int
ann_assign_complex(Compiler *c, PyrsStmt *s, int t)
{
    PyrsExpr *target = s->v.AnnAssign.target;
    if (s->v.AnnAssign.value == NULL && target->kind == PYRS_K_Attribute) {
        CHECK(ann_eval(c, target->v.Attribute.value, t, 0));
    } else if (s->v.AnnAssign.value == NULL && target->kind == PYRS_K_Subscript) {
        CHECK(ann_eval(c, target->v.Subscript.value, t, 0));
        CHECK(ann_eval(c, target->v.Subscript.slice, t, 1));
    }
    if (!s->v.AnnAssign.simple && !(c->future_flags & CO_FUTURE_ANNOTATIONS) &&
        c->u->scope->kind != PYRS_BLOCK_FUNCTION) {
        CHECK(pyrs_cc_expr(c, s->v.AnnAssign.annotation, t));
    }
    return 0;
}

static int
ann_assign(Compiler *c, PyrsStmt *s)
{
    PyrsExpr *target = s->v.AnnAssign.target;
    /* with a value, the store checks the target; without, CPython checks at the statement */
    if (s->v.AnnAssign.value == NULL &&
        (target->kind == PYRS_K_Name || target->kind == PYRS_K_Attribute)) {
        CHECK(pyrs_cc_forbidden_name(
            c, target->kind == PYRS_K_Name ? target->v.Name.id : target->v.Attribute.attr, 0,
            NULL)); /* at the statement, as CPython */
    }
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    if (s->v.AnnAssign.value != NULL) {
        CHECK(pyrs_cc_expr(c, s->v.AnnAssign.value, t));
        CHECK(pyrs_cc_store(c, s->v.AnnAssign.target, t));
    }
    /* Module and class level simple names record the annotation in __annotations__. */
    if (s->v.AnnAssign.simple && c->u->scope->kind != PYRS_BLOCK_FUNCTION) {
        int ann = pyrs_cc_tmp(c), key = pyrs_cc_tmp(c);
        CHECK(key);
        /* __annotations__ was set up when the body started (never re-created here) */
        CHECK(pyrs_cc_expr(c, s->v.AnnAssign.annotation, t));
        EMIT(PYRS_OP_LOADNAME, ann, pyrs_cc_name(c, "__annotations__"), 0, 0);
        PyObject *name = PyUnicode_InternFromString(s->v.AnnAssign.target->v.Name.id);
        int k = name ? pyrs_cc_const(c, name) : -1;
        Py_XDECREF(name);
        CHECK(k);
        EMIT(PYRS_OP_LOADK, key, k, 0, 0);
        EMIT(PYRS_OP_STORESUBSCR, ann, key, t, 0);
    } else if (s->v.AnnAssign.target->kind != PYRS_K_Name || !s->v.AnnAssign.simple) {
        CHECK(ann_assign_complex(c, s, t));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

/* Binds what `import a.b.c` returned (the top package a) in MOD: as "a", or, with `as x`,
 * the submodule a.b.c reached attribute by attribute (IMPORTFROM). */
static int
store_imported(Compiler *c, PyrsAlias *a, int mod)
{
    const char *dot = strchr(a->name, '.');
    if (a->asname == NULL) {
        if (dot == NULL) {
            return pyrs_cc_store_name(c, a->name, mod);
        }
        char top[256];
        size_t n = (size_t)(dot - a->name);
        if (n >= sizeof top) {
            return pyrs_cc_error(c, c->u->lineno, 0, "pyrs: module name too long");
        }
        memcpy(top, a->name, n);
        top[n] = '\0';
        return pyrs_cc_store_name(c, top, mod);
    }
    while (dot != NULL) {
        const char *part = dot + 1;
        dot = strchr(part, '.');
        PyObject *name =
            dot ? PyUnicode_FromStringAndSize(part, dot - part) : PyUnicode_FromString(part);
        int ni = name != NULL ? pyrs_cc_name_obj(c, name) : -1;
        Py_XDECREF(name);
        CHECK(ni);
        EMIT(PYRS_OP_IMPORTFROM, mod, mod, ni, 0);
    }
    return pyrs_cc_store_name(c, a->asname, mod);
}

static int
import_stmt(Compiler *c, PyrsStmt *s)
{
    int mark = c->u->next_reg;
    int mod = pyrs_cc_tmp(c), none = pyrs_cc_tmp(c);
    CHECK(none);
    int k = pyrs_cc_const(c, Py_None);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, none, k, 0, 0);
    for (long i = 0; i < PYRS_SEQ_LEN(s->v.Import.names); i++) {
        PyrsAlias *a = PYRS_SEQ_GET(s->v.Import.names, i);
        EMIT(PYRS_OP_IMPORTNAME, mod, pyrs_cc_name(c, a->name), none, 0);
        CHECK(store_imported(c, a, mod));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
import_from(Compiler *c, PyrsStmt *s)
{
    struct PyrsAst_ImportFrom *d = &s->v.ImportFrom;
    if (d->module != NULL && strcmp(d->module, "__future__") == 0 && s->lineno > c->future_lineno) {
        return pyrs_cc_error(c, s->lineno, s->col_offset,
                             "from __future__ imports must occur at the beginning of the file");
    }
    int mark = c->u->next_reg;
    int mod = pyrs_cc_tmp(c), names = pyrs_cc_tmp(c), v = pyrs_cc_tmp(c);
    CHECK(v);
    long n = PYRS_SEQ_LEN(d->names);
    PyObject *fromlist = PyTuple_New(n);
    if (fromlist == NULL) {
        return -1;
    }
    for (long i = 0; i < n; i++) {
        PyTuple_SET_ITEM(
            fromlist, i,
            PyUnicode_InternFromString(((PyrsAlias *)PYRS_SEQ_GET(d->names, i))->name));
    }
    int k = pyrs_cc_const(c, fromlist);
    Py_DECREF(fromlist);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, names, k, 0, 0);
    EMIT(PYRS_OP_IMPORTNAME, mod, pyrs_cc_name(c, d->module ? d->module : ""), names, d->level);
    for (long i = 0; i < n; i++) {
        PyrsAlias *a = PYRS_SEQ_GET(d->names, i);
        if (strcmp(a->name, "*") == 0) {
            EMIT(PYRS_OP_IMPORTSTAR, mod, 0, 0, 0);
            continue;
        }
        EMIT(PYRS_OP_IMPORTFROM, v, mod, pyrs_cc_name(c, a->name), 0);
        CHECK(pyrs_cc_store_name(c, a->asname ? a->asname : a->name, v));
    }
    pyrs_cc_free_to(c, mark);
    return 0;
}

int
pyrs_cc_release_stored(Compiler *c, int t)
{
    Unit *u = c->u;
    if (u->n == 0) {
        return 0;
    }
    PyrsInstr *last = &u->code[u->n - 1];
    unsigned op = PYRS_I_OP(*last);
    if ((op == PYRS_OP_STORENAME || op == PYRS_OP_STOREGLOBAL) && PYRS_I_A(*last) == (unsigned)t) {
        *last = PYRS_INSTR(op, t, PYRS_I_B(*last), PYRS_I_C(*last), 1);
    } else if ((op == PYRS_OP_STOREATTR || op == PYRS_OP_STORESUBSCR) &&
               PYRS_I_C(*last) == (unsigned)t) {
        /* X bit 4: the value's temporary is released too */
        *last = PYRS_INSTR(op, PYRS_I_A(*last), PYRS_I_B(*last), t, PYRS_I_X(*last) | 4);
    } else if (op == PYRS_OP_MOVE && PYRS_I_B(*last) == (unsigned)t &&
               PYRS_I_A(*last) < (unsigned)u->nlocals) {
        *last = PYRS_INSTR(PYRS_OP_MOVEX, PYRS_I_A(*last), t, 0, 0);
    }
    return 0;
}

/* When the last instruction is a call storing its result in T (an expression statement's
 * discarded value), it drops the result instead, so the value is released as soon as the call
 * returns, as CPython pops it, rather than when T is next written. */
static void
drop_call_result(Compiler *c, int t)
{
    Unit *u = c->u;
    if (u->n == 0) {
        return;
    }
    PyrsInstr *last = &u->code[u->n - 1];
    unsigned op = PYRS_I_OP(*last);
    if ((op == PYRS_OP_CALL || op == PYRS_OP_CALLKW || op == PYRS_OP_CALLMETHOD) &&
        PYRS_I_A(*last) == (unsigned)t) {
        *last = PYRS_INSTR(op, PYRS_NO_REG, PYRS_I_B(*last), PYRS_I_C(*last), PYRS_I_X(*last));
    }
}

static int
expr_stmt(Compiler *c, PyrsStmt *s)
{
    PyrsExpr *e = s->v.Expr.value;
    if (c->interactive && c->u->parent == NULL) {
        /* compile(..., 'single'): the value goes to sys.displayhook, constants included */
        int t = pyrs_cc_tmp(c);
        CHECK(t);
        CHECK(pyrs_cc_expr(c, e, t));
        EMIT(PYRS_OP_PRINTEXPR, t, 0, 0, 0);
        pyrs_cc_free_to(c, t);
        return 0;
    }
    if (e->kind == PYRS_K_Constant) {
        return 0; /* docstrings and bare constants do nothing */
    }
    int mark = c->u->next_reg;
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, e, t));
    drop_call_result(c, t);
    pyrs_cc_free_to(c, mark);
    return 0;
}

static int
stmt(Compiler *c, PyrsStmt *s)
{
    (void)pyrs_cc_set_pos(c, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset);
    switch (s->kind) {
    case PYRS_K_Expr:
        return expr_stmt(c, s);
    case PYRS_K_Assign:
        return assign(c, s);
    case PYRS_K_AugAssign:
        return aug_assign(c, s);
    case PYRS_K_AnnAssign:
        return ann_assign(c, s);
    case PYRS_K_If:
        return if_stmt(c, s);
    case PYRS_K_While:
        return while_stmt(c, s);
    case PYRS_K_For:
        return for_stmt(c, s);
    case PYRS_K_AsyncFor:
        return async_for_stmt(c, s);
    case PYRS_K_Break:
        return break_or_continue(c, s, 1);
    case PYRS_K_Continue:
        return break_or_continue(c, s, 0);
    case PYRS_K_Return:
        return return_stmt(c, s);
    case PYRS_K_Pass:
    case PYRS_K_Global:
    case PYRS_K_Nonlocal:
        return 0;
    case PYRS_K_FunctionDef:
    case PYRS_K_AsyncFunctionDef:
        return funcdef(c, s);
    case PYRS_K_ClassDef:
        return classdef(c, s);
    case PYRS_K_Try:
        return try_stmt(c, s);
    case PYRS_K_TryStar:
        return PYRS_SEQ_LEN(s->v.TryStar.finalbody) > 0 ? try_finally(c, s) : try_star(c, s);
    case PYRS_K_Raise:
        return raise_stmt(c, s);
    case PYRS_K_Assert:
        return assert_stmt(c, s);
    case PYRS_K_With:
        return with_items(c, s, 0);
    case PYRS_K_AsyncWith:
        if (!c->u->scope->is_coroutine) {
            return pyrs_cc_error(c, s->lineno, s->col_offset,
                                 "'async with' outside async function");
        }
        return with_items(c, s, 0);
    case PYRS_K_Delete:
        for (long i = 0; i < PYRS_SEQ_LEN(s->v.Delete.targets); i++) {
            CHECK(pyrs_cc_delete(c, PYRS_SEQ_GET(s->v.Delete.targets, i)));
        }
        return 0;
    case PYRS_K_Import:
        return import_stmt(c, s);
    case PYRS_K_ImportFrom:
        return import_from(c, s);
    case PYRS_K_Match:
        return pyrs_cc_match(c, s);
    default:
        return pyrs_cc_error(c, s->lineno, s->col_offset,
                             "pyrs: this statement is not supported yet");
    }
}
