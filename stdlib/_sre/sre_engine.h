/* sre_engine.h: the body of the _sre matcher, included by sre_match.c once per character width
 * with SRE_CHAR (the subject's unit type) and SRE_FN(name) (a width-specific name) defined.
 * A backtracking interpreter of CPython 3.11's opcode stream that never recurses in C: choice
 * points and undo records live on st->bt, return points of sub-matches (lookarounds, atomic
 * groups, possessive repeats) and REPEAT contexts on st->fr. Every change to frames, lastmark
 * and lastindex is recorded on st->bt and undone when backtracking; mark values are restored
 * only by the choice points where CPython 3.11 saves them (see PYRS_SRE_BT_RESTORE), so even
 * the stale marks CPython leaves behind come out the same. The dispatch loop is the one long
 * function, as an interpreter's loop is. */

/* Number of characters from PTR (at most MAXCOUNT) matching the single-character op P. */
static Py_ssize_t
SRE_FN(count)(const PyrsSreState *st, const SRE_CHAR *s, const uint32_t *p, Py_ssize_t ptr,
              Py_ssize_t end, Py_ssize_t maxcount)
{
    const SRE_CHAR *q = s + ptr;
    const SRE_CHAR *e = (end - ptr > maxcount) ? q + maxcount : s + end;
    uint32_t c = p[1];
    switch (p[0]) {
    case SRE_OP_LITERAL:
        while (q < e && (uint32_t)*q == c) {
            q++;
        }
        break;
    case SRE_OP_NOT_LITERAL:
        while (q < e && (uint32_t)*q != c) {
            q++;
        }
        break;
    case SRE_OP_ANY:
        while (q < e && *q != '\n') {
            q++;
        }
        break;
    case SRE_OP_ANY_ALL:
        q = e;
        break;
    default:
        while (q < e && unit_fast(st, p, *q)) {
            q++;
        }
        break;
    }
    return q - (s + ptr);
}

/* The zero-width assertion AT at PTR. */
static int
SRE_FN(at)(const SRE_CHAR *s, Py_ssize_t ptr, Py_ssize_t end, uint32_t at)
{
    int (*word)(uint32_t) = pyrs_sre_is_word;
    int negate = 0;
    switch (at) {
    case SRE_AT_BEGINNING:
    case SRE_AT_BEGINNING_STRING:
        return ptr == 0;
    case SRE_AT_BEGINNING_LINE:
        return ptr == 0 || s[ptr - 1] == '\n';
    case SRE_AT_END:
        return ptr == end || (ptr + 1 == end && s[ptr] == '\n');
    case SRE_AT_END_LINE:
        return ptr == end || s[ptr] == '\n';
    case SRE_AT_END_STRING:
        return ptr == end;
    case SRE_AT_NON_BOUNDARY:
        negate = 1;
        break;
    case SRE_AT_BOUNDARY:
        break;
    case SRE_AT_LOC_NON_BOUNDARY:
        negate = 1;
        word = pyrs_sre_is_loc_word;
        break;
    case SRE_AT_LOC_BOUNDARY:
        word = pyrs_sre_is_loc_word;
        break;
    case SRE_AT_UNI_NON_BOUNDARY:
        negate = 1;
        word = pyrs_sre_is_uni_word;
        break;
    case SRE_AT_UNI_BOUNDARY:
        word = pyrs_sre_is_uni_word;
        break;
    default:
        return 0;
    }
    if (end == 0) {
        return 0;
    }
    int before = ptr > 0 && word(s[ptr - 1]);
    int here = ptr < end && word(s[ptr]);
    return negate ? before == here : before != here;
}

/* Backreference OP to the group G at PTR: the length matched, or -1. */
static Py_ssize_t
SRE_FN(groupref)(PyrsSreState *st, const SRE_CHAR *s, uint32_t op, uint32_t g, Py_ssize_t ptr)
{
    if ((Py_ssize_t)(2 * g + 1) > st->lastmark) {
        return -1;
    }
    Py_ssize_t a = st->marks[2 * g], b = st->marks[2 * g + 1];
    if (a < 0 || b < 0 || b < a || st->endpos - ptr < b - a) {
        return -1;
    }
    Py_ssize_t n = b - a;
    for (Py_ssize_t k = 0; k < n; k++) {
        uint32_t x = s[a + k], y = s[ptr + k];
        if (x == y) {
            continue;
        }
        if (op == SRE_OP_GROUPREF_IGNORE) {
            x = pyrs_sre_lower_ascii(x), y = pyrs_sre_lower_ascii(y);
        } else if (op == SRE_OP_GROUPREF_LOC_IGNORE) {
            x = pyrs_sre_lower_locale(x), y = pyrs_sre_lower_locale(y);
        } else if (op == SRE_OP_GROUPREF_UNI_IGNORE) {
            x = pyrs_sre_lower_unicode(x), y = pyrs_sre_lower_unicode(y);
        }
        if (x != y) {
            return -1;
        }
    }
    return n;
}

/* For a greedy single-character repeat being backtracked: the largest count <= N (and >= MIN)
 * at which the tail can start, using a literal first op of the tail; below MIN when none. */
static Py_ssize_t
SRE_FN(rep1_fit)(const SRE_CHAR *s, const uint32_t *tail, Py_ssize_t base, Py_ssize_t n,
                 Py_ssize_t min, Py_ssize_t end)
{
    if (tail[0] != SRE_OP_LITERAL) {
        return n;
    }
    uint32_t c = tail[1];
    while (n >= min && (base + n >= end || (uint32_t)s[base + n] != c)) {
        n--;
    }
    return n;
}

/* The first alternative of a BRANCH, starting at the skip word ALT, whose first op does not
 * fail at once at PTR; 0 when none is left. */
static uint32_t
SRE_FN(branch_next)(const PyrsSreState *st, uint32_t alt, const SRE_CHAR *s, Py_ssize_t ptr,
                    Py_ssize_t end)
{
    const uint32_t *code = st->code;
    for (; code[alt]; alt += code[alt]) {
        const uint32_t *p = code + alt + 1;
        if (p[0] == SRE_OP_LITERAL && (ptr >= end || (uint32_t)s[ptr] != p[1])) {
            continue;
        }
        if (p[0] == SRE_OP_IN && (ptr >= end || !unit_fast(st, p, s[ptr]))) {
            continue;
        }
        return alt;
    }
    return 0;
}

/* Runs the pattern from PTR: 1 (st->ptr = end of the match), 0, or -1 with an exception. */
static int
SRE_FN(run)(PyrsSreState *st, Py_ssize_t ptr)
{
    const SRE_CHAR *s = (const SRE_CHAR *)st->data;
    const uint32_t *code = st->code;
    const Py_ssize_t end = st->endpos;
    const Py_ssize_t start = ptr;
    const uint32_t *p;
    PyrsSreFrame *f;
    PyrsSreEntry *e;
    uint32_t pc = 0;
    st->bt_len = 0;
    st->fr_len = 0;
    st->nrep = 0;
    st->msave_len = 0;
    st->lastmark = -1;
    st->lastindex = -1;
    for (;;) {
        p = code + pc;
        switch (p[0]) {
        case SRE_OP_FAILURE:
            goto fail;
        case SRE_OP_SUCCESS:
            if (st->fr_len == 0) {
                if ((st->match_all && ptr != end) || (st->must_advance && ptr == start)) {
                    goto fail;
                }
                st->ptr = ptr;
                return 1;
            }
            f = &st->fr[st->fr_len - 1];
            switch (f->kind) {
            case PYRS_SRE_FR_ASSERT:
                cut(st, f->b);
                ptr = f->a;
                pc = f->pc;
                FR_POP();
                continue;
            case PYRS_SRE_FR_ASSERT_NOT:
                /* the lookaround's body matched: drop its choice points and the guard; its
                 * marks stay until an outer choice point restores them (as CPython) */
                cut(st, f->b - 1);
                goto fail;
            case PYRS_SRE_FR_ATOMIC:
                cut(st, f->b);
                pc = f->pc;
                FR_POP();
                continue;
            case PYRS_SRE_FR_POSS:
                cut(st, f->b);
                FR_SET(f->a + 1, f->b, f->c);
                goto poss_next;
            default:
                goto invalid;
            }
        case SRE_OP_ANY:
            if (ptr >= end || s[ptr] == '\n') {
                goto fail;
            }
            ptr++;
            pc++;
            continue;
        case SRE_OP_ANY_ALL:
            if (ptr >= end) {
                goto fail;
            }
            ptr++;
            pc++;
            continue;
        case SRE_OP_LITERAL:
            if (ptr >= end || (uint32_t)s[ptr] != p[1]) {
                goto fail;
            }
            ptr++;
            pc += 2;
            continue;
        case SRE_OP_NOT_LITERAL:
        case SRE_OP_LITERAL_IGNORE:
        case SRE_OP_NOT_LITERAL_IGNORE:
        case SRE_OP_LITERAL_LOC_IGNORE:
        case SRE_OP_NOT_LITERAL_LOC_IGNORE:
        case SRE_OP_LITERAL_UNI_IGNORE:
        case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        case SRE_OP_CATEGORY:
            if (ptr >= end || !unit_fast(st, p, s[ptr])) {
                goto fail;
            }
            ptr++;
            pc += 2;
            continue;
        case SRE_OP_IN:
        case SRE_OP_IN_IGNORE:
        case SRE_OP_IN_LOC_IGNORE:
        case SRE_OP_IN_UNI_IGNORE:
            if (ptr >= end || !unit_fast(st, p, s[ptr])) {
                goto fail;
            }
            ptr++;
            pc += 1 + p[1];
            continue;
        case SRE_OP_AT:
            if (!SRE_FN(at)(s, ptr, end, p[1])) {
                goto fail;
            }
            pc += 2;
            continue;
        case SRE_OP_MARK:
            BT_PUSH(PYRS_SRE_BT_MARK, p[1], st->marks[p[1]], st->lastindex, st->lastmark);
            if (p[1] & 1) {
                st->lastindex = p[1] / 2 + 1;
            }
            if ((Py_ssize_t)p[1] > st->lastmark) {
                /* marks between the old and the new highest were not reached on this path */
                for (Py_ssize_t j = st->lastmark + 1; j < (Py_ssize_t)p[1]; j++) {
                    st->marks[j] = -1;
                }
                st->lastmark = p[1];
            }
            st->marks[p[1]] = ptr;
            pc += 2;
            continue;
        case SRE_OP_JUMP:
        case SRE_OP_INFO:
            if (p[0] == SRE_OP_INFO && p[3] && (uint64_t)(end - ptr) < p[3]) {
                goto fail;
            }
            pc += 1 + p[1];
            continue;
        case SRE_OP_BRANCH: {
            uint32_t alt = SRE_FN(branch_next)(st, pc + 1, s, ptr, end);
            if (!alt) {
                goto fail;
            }
            uint32_t next = SRE_FN(branch_next)(st, alt + code[alt], s, ptr, end);
            if (next) {
                CHOICE_PUSH(PYRS_SRE_BT_BRANCH, st->nrep > 0, next, ptr, 0);
            } else if (st->nrep > 0) {
                CHOICE_PUSH(PYRS_SRE_BT_FAILTHRU, 1, 0, 0, 0);
            }
            pc = alt + 1;
            continue;
        }
        case SRE_OP_REPEAT_ONE:
        case SRE_OP_POSSESSIVE_REPEAT_ONE: {
            Py_ssize_t min = p[2];
            Py_ssize_t max = p[3] == PYRS_SRE_MAXREPEAT ? PY_SSIZE_T_MAX : (Py_ssize_t)p[3];
            if (end - ptr < min) {
                goto fail;
            }
            Py_ssize_t n = SRE_FN(count)(st, s, p + 4, ptr, end, max);
            if (n < min) {
                goto fail;
            }
            pc += 1 + p[1];
            if (p[0] == SRE_OP_REPEAT_ONE && n == min && st->nrep > 0) {
                CHOICE_PUSH(PYRS_SRE_BT_FAILTHRU, 1, 0, 0, 0);
            } else if (p[0] == SRE_OP_REPEAT_ONE && n > min) {
                n = SRE_FN(rep1_fit)(s, code + pc, ptr, n, min, end);
                if (n < min) {
                    goto fail;
                }
                if (n > min) {
                    CHOICE_PUSH(PYRS_SRE_BT_REP1, st->nrep > 0, pc - 1 - p[1], ptr, n);
                } else if (st->nrep > 0) {
                    CHOICE_PUSH(PYRS_SRE_BT_FAILTHRU, 1, 0, 0, 0);
                }
            }
            ptr += n;
            continue;
        }
        case SRE_OP_MIN_REPEAT_ONE: {
            Py_ssize_t min = p[2];
            if (end - ptr < min) {
                goto fail;
            }
            if (min > 0) {
                if (SRE_FN(count)(st, s, p + 4, ptr, end, min) < min) {
                    goto fail;
                }
                ptr += min;
            }
            if (p[3] == PYRS_SRE_MAXREPEAT || min < (Py_ssize_t)p[3]) {
                CHOICE_PUSH(PYRS_SRE_BT_MINREP1, st->nrep > 0, pc, ptr, min);
            } else if (st->nrep > 0) {
                CHOICE_PUSH(PYRS_SRE_BT_FAILTHRU, 1, 0, 0, 0);
            }
            pc += 1 + p[1];
            continue;
        }
        case SRE_OP_REPEAT:
            FR_PUSH(PYRS_SRE_FR_REPEAT, pc, -1, -1, 0);
            pc += 1 + p[1];
            continue;
        case SRE_OP_MAX_UNTIL:
        case SRE_OP_MIN_UNTIL: {
            if (st->fr_len == 0 || st->fr[st->fr_len - 1].kind != PYRS_SRE_FR_REPEAT) {
                goto invalid;
            }
            f = &st->fr[st->fr_len - 1];
            const uint32_t *rp = code + f->pc;
            Py_ssize_t count = f->a + 1;
            if (count < (Py_ssize_t)rp[2]) {
                FR_SET(count, f->b, f->c);
                pc = f->pc + 4;
                continue;
            }
            if (p[0] == SRE_OP_MIN_UNTIL) {
                CHOICE_PUSH(PYRS_SRE_BT_UNTIL_MORE, st->nrep > 1, pc, ptr, 0);
                FR_POP();
                pc++;
                continue;
            }
            if ((rp[3] == PYRS_SRE_MAXREPEAT || count < (Py_ssize_t)rp[3]) && ptr != f->b) {
                CHOICE_PUSH(PYRS_SRE_BT_UNTIL_TAIL, 1, pc, ptr, 0);
                FR_SET(count, ptr, f->c);
                pc = f->pc + 4;
                continue;
            }
            FR_POP();
            pc++;
            continue;
        }
        case SRE_OP_GROUPREF:
        case SRE_OP_GROUPREF_IGNORE:
        case SRE_OP_GROUPREF_LOC_IGNORE:
        case SRE_OP_GROUPREF_UNI_IGNORE: {
            Py_ssize_t n = SRE_FN(groupref)(st, s, p[0], p[1], ptr);
            if (n < 0) {
                goto fail;
            }
            ptr += n;
            pc += 2;
            continue;
        }
        case SRE_OP_GROUPREF_EXISTS: {
            Py_ssize_t a = st->marks[2 * p[1]], b = st->marks[2 * p[1] + 1];
            if ((Py_ssize_t)(2 * p[1] + 1) > st->lastmark || a < 0 || b < 0 || b < a) {
                pc += 1 + p[2];
            } else {
                pc += 3;
            }
            continue;
        }
        case SRE_OP_ASSERT:
        case SRE_OP_ASSERT_NOT: {
            uint32_t cont = pc + 1 + p[1];
            if (ptr < (Py_ssize_t)p[2]) {
                if (p[0] == SRE_OP_ASSERT) {
                    goto fail;
                }
                pc = cont;
                continue;
            }
            if (p[0] == SRE_OP_ASSERT) {
                FR_PUSH(PYRS_SRE_FR_ASSERT, cont, ptr, 0, 0);
            } else {
                FR_PUSH(PYRS_SRE_FR_ASSERT_NOT, cont, ptr, 0, 0);
                CHOICE_PUSH(PYRS_SRE_BT_NOT_GUARD, st->nrep > 0, cont, ptr, 0);
            }
            st->fr[st->fr_len - 1].b = st->bt_len;
            ptr -= p[2];
            pc += 3;
            continue;
        }
        case SRE_OP_ATOMIC_GROUP:
            FR_PUSH(PYRS_SRE_FR_ATOMIC, pc + 1 + p[1], ptr, 0, 0);
            st->fr[st->fr_len - 1].b = st->bt_len;
            pc += 2;
            continue;
        case SRE_OP_POSSESSIVE_REPEAT:
            FR_PUSH(PYRS_SRE_FR_POSS, pc, 0, 0, -1);
            goto poss_next;
        default:
            goto invalid;
        }

    poss_next:
        /* The possessive repeat on top of the frame stack has matched f->a times ending at
         * PTR: start another (atomic) iteration or go on with the tail. */
        f = &st->fr[st->fr_len - 1];
        p = code + f->pc;
        if (f->a < (Py_ssize_t)p[2]) {
            f->b = st->bt_len;
            pc = f->pc + 4;
            continue;
        }
        if ((p[3] == PYRS_SRE_MAXREPEAT || f->a < (Py_ssize_t)p[3]) && ptr != f->c) {
            FR_SET(f->a, f->b, ptr);
            CHOICE_PUSH(PYRS_SRE_BT_POSS_GUARD, 1, f->pc, ptr, 0);
            st->fr[st->fr_len - 1].b = st->bt_len - 1;
            pc = st->fr[st->fr_len - 1].pc + 4;
            continue;
        }
        pc = f->pc + 2 + p[1];
        FR_POP();
        continue;

    fail:
        /* Undo changes down to the newest choice point and resume it. */
        e = backtrack(st);
        if (e == NULL) {
            return 0;
        }
        restore_marks(st, e);
        if (++st->steps >= PYRS_SRE_SIGNAL_STEPS) {
            st->steps = 0;
            if (PyErr_CheckSignals() < 0) {
                return -1;
            }
        }
        switch (BT_KIND(e->kind)) {
        case PYRS_SRE_BT_BRANCH: {
            uint32_t alt = e->pc;
            ptr = e->a;
            uint32_t next = SRE_FN(branch_next)(st, alt + code[alt], s, ptr, end);
            if (next) {
                e->pc = next;
            } else {
                LAST_TRY(e);
            }
            pc = alt + 1;
            continue;
        }
        case PYRS_SRE_BT_REP1: {
            p = code + e->pc;
            Py_ssize_t min = p[2];
            uint32_t tail = e->pc + 1 + p[1];
            Py_ssize_t n = SRE_FN(rep1_fit)(s, code + tail, e->a, e->b - 1, min, end);
            if (n < min) {
                POP_CHOICE(e);
                goto fail;
            }
            ptr = e->a + n;
            if (n > min) {
                e->b = n;
            } else {
                LAST_TRY(e);
            }
            pc = tail;
            continue;
        }
        case PYRS_SRE_BT_MINREP1: {
            p = code + e->pc;
            if ((p[3] != PYRS_SRE_MAXREPEAT && e->b >= (Py_ssize_t)p[3]) || e->a >= end ||
                !unit_fast(st, p + 4, s[e->a])) {
                POP_CHOICE(e);
                goto fail;
            }
            ptr = ++e->a;
            e->b++;
            pc = e->pc + 1 + p[1];
            continue;
        }
        case PYRS_SRE_BT_UNTIL_TAIL:
            ptr = e->a;
            pc = e->pc + 1;
            POP_CHOICE(e);
            FR_POP();
            continue;
        case PYRS_SRE_BT_UNTIL_MORE: {
            ptr = e->a;
            POP_CHOICE(e);
            f = &st->fr[st->fr_len - 1];
            p = code + f->pc;
            Py_ssize_t count = f->a + 1;
            if ((p[3] != PYRS_SRE_MAXREPEAT && count >= (Py_ssize_t)p[3]) || ptr == f->b) {
                goto fail;
            }
            FR_SET(count, ptr, f->c);
            pc = f->pc + 4;
            continue;
        }
        case PYRS_SRE_BT_NOT_GUARD:
            ptr = e->a;
            pc = e->pc;
            POP_CHOICE(e);
            FR_POP();
            continue;
        case PYRS_SRE_BT_POSS_GUARD:
            ptr = e->a;
            pc = e->pc + 2 + code[e->pc + 1];
            POP_CHOICE(e);
            FR_POP();
            continue;
        case PYRS_SRE_BT_FAILTHRU:
            /* the construct's last try failed: its saved marks are back; fail on */
            POP_CHOICE(e);
            goto fail;
        default:
            goto invalid;
        }
    }
invalid:
    PyErr_SetString(PyExc_RuntimeError, "internal error in regular expression engine");
    return -1;
nomem:
    PyErr_NoMemory();
    return -1;
}

/* The first position in [ptr, last] holding C, or end + 1 when there is none. */
static Py_ssize_t
SRE_FN(skip_to_char)(const SRE_CHAR *s, uint32_t c, Py_ssize_t ptr, Py_ssize_t last, Py_ssize_t end)
{
    if (last >= end) {
        last = end - 1;
    }
    if (sizeof(SRE_CHAR) == 1) {
        const void *hit = NULL;
        if (c < 256 && ptr <= last) {
            hit = memchr(s + ptr, (int)c, (size_t)(last + 1 - ptr));
        }
        return hit ? (const SRE_CHAR *)hit - s : end + 1;
    }
    while (ptr <= last && (uint32_t)s[ptr] != c) {
        ptr++;
    }
    return ptr <= last ? ptr : end + 1;
}

/* The first position in [ptr, last] whose character may begin a match per MAP (characters
 * from 256 up always may), or end + 1 when there is none. */
static Py_ssize_t
SRE_FN(skip_to_first)(const SRE_CHAR *s, const uint32_t *map, Py_ssize_t ptr, Py_ssize_t last,
                      Py_ssize_t end)
{
    if (last >= end) {
        last = end - 1;
    }
    while (ptr <= last) {
        uint32_t ch = s[ptr];
        if (ch >= 256 || ((map[ch >> 5] >> (ch & 31)) & 1)) {
            return ptr;
        }
        ptr++;
    }
    return end + 1;
}

/* Tries the pattern at every position from st->start; 1, 0 or -1 as pyrs_sre_search. */
static int
SRE_FN(search)(PyrsSreState *st)
{
    const SRE_CHAR *s = (const SRE_CHAR *)st->data;
    const uint32_t *code = st->code;
    Py_ssize_t ptr = st->start, end = st->endpos;
    const uint32_t *prefix = NULL, *charset = NULL;
    Py_ssize_t plen = 0, min = 0;
    if (ptr > end) {
        return 0;
    }
    if (code[0] == SRE_OP_INFO) {
        min = code[3];
        if (code[2] & SRE_INFO_PREFIX) {
            plen = code[5];
            prefix = code + 7;
        } else if (code[2] & SRE_INFO_CHARSET) {
            charset = code + 5;
        }
    }
    if (end - ptr < min) {
        return 0;
    }
    Py_ssize_t last = end - min; /* the last start position that can fit the pattern */
    const Py_ssize_t first = ptr;
    const int advance = st->must_advance;
    const uint32_t *op = code[0] == SRE_OP_INFO ? code + 1 + code[1] : code;
    const int32_t fmap = prefix == NULL && charset == NULL ? st->mapidx[st->codesize] : -1;
    const uint32_t *firstmap = fmap >= 0 ? st->maps + 8 * fmap : NULL;
    if (op[0] == SRE_OP_AT && (op[1] == SRE_AT_BEGINNING || op[1] == SRE_AT_BEGINNING_STRING)) {
        /* anchored at the start of the string: one attempt at most */
        last = first == 0 ? 0 : -1;
    }
    for (; ptr <= last; ptr++) {
        if (prefix != NULL) {
            ptr = SRE_FN(skip_to_char)(s, prefix[0], ptr, last, end);
            if (ptr > last) {
                break;
            }
            Py_ssize_t k = 1;
            while (k < plen && ptr + k < end && (uint32_t)s[ptr + k] == prefix[k]) {
                k++;
            }
            if (k < plen) {
                continue;
            }
        } else if (charset != NULL) {
            while (ptr <= last && !info_charset_ok(st, charset, s[ptr])) {
                ptr++;
            }
            if (ptr > last) {
                break;
            }
        } else if (firstmap != NULL) {
            ptr = SRE_FN(skip_to_first)(s, firstmap, ptr, last, end);
            if (ptr > last) {
                break;
            }
        }
        st->must_advance = advance && ptr == first;
        int r = SRE_FN(run)(st, ptr);
        if (r != 0) {
            st->must_advance = advance;
            st->start = ptr;
            return r;
        }
    }
    st->must_advance = advance;
    return 0;
}
