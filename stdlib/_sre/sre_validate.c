/* sre_validate.c: checks a code list given to _sre.compile before the matcher trusts it, as
 * CPython 3.11's _validate does: every op known, every skip inside its block, sub-blocks ending
 * as their op requires, mark and group numbers in range; otherwise RuntimeError
 * "invalid SRE code". The matcher then never reads outside the code. */
#include "sre.h"

typedef struct {
    const uint32_t *code;
    Py_ssize_t groups;
    unsigned char *ops; /* marks op starts, or NULL */
} Validator;

static int block(Validator *v, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *jump);

/* A set (IN operand) in [i, end), which must end with FAILURE exactly at END. */
static int
charset(Validator *v, Py_ssize_t i, Py_ssize_t end)
{
    const uint32_t *c = v->code;
    while (i < end) {
        uint32_t op = c[i++];
        switch (op) {
        case SRE_OP_FAILURE:
            return i == end ? 0 : -1;
        case SRE_OP_NEGATE:
            break;
        case SRE_OP_LITERAL:
            i += 1;
            break;
        case SRE_OP_CATEGORY:
            if (i >= end || c[i] >= SRE_CAT__COUNT) {
                return -1;
            }
            i += 1;
            break;
        case SRE_OP_RANGE:
        case SRE_OP_RANGE_UNI_IGNORE:
            if (end - i < 2 || c[i] > c[i + 1]) {
                return -1;
            }
            i += 2;
            break;
        case SRE_OP_CHARSET:
            i += 8;
            break;
        case SRE_OP_BIGCHARSET: {
            if (end - i < 65) {
                return -1;
            }
            uint32_t nblocks = c[i];
            const unsigned char *index = (const unsigned char *)(c + i + 1);
            for (int k = 0; k < 256; k++) {
                if (index[k] >= nblocks) {
                    return -1;
                }
            }
            if ((uint64_t)(end - i - 65) < (uint64_t)nblocks * 8) {
                return -1;
            }
            i += 65 + (Py_ssize_t)nblocks * 8;
            break;
        }
        default:
            return -1;
        }
    }
    return -1;
}

/* The skip word at I: its target I + skip must lie in (I, END]. */
static int
skip_at(Validator *v, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *target)
{
    if (i >= end || v->code[i] == 0 || (uint64_t)v->code[i] > (uint64_t)(end - i)) {
        return -1;
    }
    *target = i + v->code[i];
    return 0;
}

/* A single-character op at I followed by SUCCESS at END - 1 (REPEAT_ONE bodies). */
static int
unit_body(Validator *v, Py_ssize_t i, Py_ssize_t end)
{
    const uint32_t *c = v->code;
    if (end - i < 2 || c[end - 1] != SRE_OP_SUCCESS) {
        return -1;
    }
    if (v->ops != NULL) {
        v->ops[i] = 1;
    }
    switch (c[i]) {
    case SRE_OP_ANY:
    case SRE_OP_ANY_ALL:
        return end - i == 2 ? 0 : -1;
    case SRE_OP_LITERAL:
    case SRE_OP_NOT_LITERAL:
    case SRE_OP_LITERAL_IGNORE:
    case SRE_OP_NOT_LITERAL_IGNORE:
    case SRE_OP_LITERAL_UNI_IGNORE:
    case SRE_OP_NOT_LITERAL_UNI_IGNORE:
    case SRE_OP_LITERAL_LOC_IGNORE:
    case SRE_OP_NOT_LITERAL_LOC_IGNORE:
        return end - i == 3 ? 0 : -1;
    case SRE_OP_CATEGORY:
        return end - i == 3 && c[i + 1] < SRE_CAT__COUNT ? 0 : -1;
    case SRE_OP_IN:
    case SRE_OP_IN_IGNORE:
    case SRE_OP_IN_UNI_IGNORE:
    case SRE_OP_IN_LOC_IGNORE: {
        Py_ssize_t t;
        if (skip_at(v, i + 1, end - 1, &t) < 0 || t != end - 1) {
            return -1;
        }
        return charset(v, i + 2, t);
    }
    default:
        return -1;
    }
}

/* A sub-block [i, end) that must end with SUCCESS. */
static int
sub_block(Validator *v, Py_ssize_t i, Py_ssize_t end)
{
    if (end <= i || v->code[end - 1] != SRE_OP_SUCCESS) {
        return -1;
    }
    return block(v, i, end - 1, NULL);
}

/* BRANCH whose first skip word is at I: returns the position after it or -1. */
static Py_ssize_t
branch(Validator *v, Py_ssize_t i, Py_ssize_t end)
{
    Py_ssize_t tail = -1;
    while (i < end && v->code[i] != 0) {
        Py_ssize_t next, jump = -1;
        if (skip_at(v, i, end, &next) < 0 || block(v, i + 1, next, &jump) < 0 || jump < 0) {
            return -1;
        }
        if (tail >= 0 && jump != tail) {
            return -1;
        }
        tail = jump;
        i = next;
    }
    if (i >= end || (tail >= 0 && tail != i + 1)) {
        return -1;
    }
    return i + 1;
}

/* GROUPREF_EXISTS with its group number at I: the position after the construct or -1. */
static Py_ssize_t
groupref_exists(Validator *v, Py_ssize_t i, Py_ssize_t end)
{
    Py_ssize_t yes_end, jump = -1;
    if (end - i < 2 || v->code[i] >= (uint64_t)v->groups) {
        return -1;
    }
    /* the skip counts from the group word, one more than a plain skip */
    if (v->code[i + 1] < 2 || (uint64_t)v->code[i + 1] > (uint64_t)(end - i)) {
        return -1;
    }
    yes_end = i + v->code[i + 1];
    if (block(v, i + 2, yes_end, &jump) < 0) {
        return -1;
    }
    if (jump < 0) {
        return yes_end;
    }
    if (jump > end || block(v, yes_end, jump, NULL) < 0) {
        return -1;
    }
    return jump;
}

/* The ops in [i, end). A JUMP is only allowed as the last op, and only when JUMP is not NULL
 * (BRANCH alternatives, the yes-arm of GROUPREF_EXISTS): *JUMP gets its target. */
static int
block(Validator *v, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *jump)
{
    const uint32_t *c = v->code;
    Py_ssize_t t;
    while (i < end) {
        if (v->ops != NULL) {
            v->ops[i] = 1;
        }
        uint32_t op = c[i++];
        switch (op) {
        case SRE_OP_FAILURE:
        case SRE_OP_SUCCESS:
        case SRE_OP_ANY:
        case SRE_OP_ANY_ALL:
            break;
        case SRE_OP_LITERAL:
        case SRE_OP_NOT_LITERAL:
        case SRE_OP_LITERAL_IGNORE:
        case SRE_OP_NOT_LITERAL_IGNORE:
        case SRE_OP_LITERAL_UNI_IGNORE:
        case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        case SRE_OP_LITERAL_LOC_IGNORE:
        case SRE_OP_NOT_LITERAL_LOC_IGNORE:
            if (i >= end) {
                return -1;
            }
            i++;
            break;
        case SRE_OP_AT:
            if (i >= end || c[i] >= SRE_AT__COUNT) {
                return -1;
            }
            i++;
            break;
        case SRE_OP_CATEGORY:
            if (i >= end || c[i] >= SRE_CAT__COUNT) {
                return -1;
            }
            i++;
            break;
        case SRE_OP_MARK:
            if (i >= end || (uint64_t)c[i] >= 2 * (uint64_t)v->groups) {
                return -1;
            }
            i++;
            break;
        case SRE_OP_GROUPREF:
        case SRE_OP_GROUPREF_IGNORE:
        case SRE_OP_GROUPREF_LOC_IGNORE:
        case SRE_OP_GROUPREF_UNI_IGNORE:
            if (i >= end || (uint64_t)c[i] >= (uint64_t)v->groups) {
                return -1;
            }
            i++;
            break;
        case SRE_OP_IN:
        case SRE_OP_IN_IGNORE:
        case SRE_OP_IN_UNI_IGNORE:
        case SRE_OP_IN_LOC_IGNORE:
            if (skip_at(v, i, end, &t) < 0 || charset(v, i + 1, t) < 0) {
                return -1;
            }
            i = t;
            break;
        case SRE_OP_INFO:
            /* skip, flags, min, max, then a prefix or a charset; only the bounds matter */
            if (skip_at(v, i, end, &t) < 0 || t - i < 4) {
                return -1;
            }
            if (c[i + 1] & SRE_INFO_PREFIX) {
                if (t - i < 6 || (uint64_t)c[i + 4] * 2 > (uint64_t)(t - i - 6) ||
                    c[i + 5] > c[i + 4]) {
                    return -1;
                }
            } else if (c[i + 1] & SRE_INFO_CHARSET) {
                if (charset(v, i + 4, t) < 0) {
                    return -1;
                }
            }
            i = t;
            break;
        case SRE_OP_JUMP:
            if (jump == NULL || i >= end || i + 1 != end || c[i] == 0) {
                return -1;
            }
            *jump = i + (Py_ssize_t)c[i];
            i++;
            break;
        case SRE_OP_BRANCH:
            if ((i = branch(v, i, end)) < 0) {
                return -1;
            }
            break;
        case SRE_OP_REPEAT_ONE:
        case SRE_OP_MIN_REPEAT_ONE:
        case SRE_OP_POSSESSIVE_REPEAT_ONE:
            if (skip_at(v, i, end, &t) < 0 || t - i < 3 || c[i + 1] > c[i + 2] ||
                unit_body(v, i + 3, t) < 0) {
                return -1;
            }
            i = t;
            break;
        case SRE_OP_REPEAT:
        case SRE_OP_POSSESSIVE_REPEAT:
            if (skip_at(v, i, end, &t) < 0 || t - i < 3 || c[i + 1] > c[i + 2] || t >= end ||
                block(v, i + 3, t, NULL) < 0) {
                return -1;
            }
            if (op == SRE_OP_REPEAT ? (c[t] != SRE_OP_MAX_UNTIL && c[t] != SRE_OP_MIN_UNTIL)
                                    : c[t] != SRE_OP_SUCCESS) {
                return -1;
            }
            i = t + 1;
            break;
        case SRE_OP_GROUPREF_EXISTS:
            if ((i = groupref_exists(v, i, end)) < 0) {
                return -1;
            }
            break;
        case SRE_OP_ASSERT:
        case SRE_OP_ASSERT_NOT:
            if (skip_at(v, i, end, &t) < 0 || t - i < 2 || sub_block(v, i + 2, t) < 0) {
                return -1;
            }
            i = t;
            break;
        case SRE_OP_ATOMIC_GROUP:
            if (skip_at(v, i, end, &t) < 0 || sub_block(v, i + 1, t) < 0) {
                return -1;
            }
            i = t;
            break;
        default:
            return -1;
        }
    }
    return i == end ? 0 : -1;
}

int
pyrs_sre_validate(const uint32_t *code, Py_ssize_t n, Py_ssize_t groups, unsigned char *ops)
{
    Validator v = {code, groups, ops};
    if (groups < 0 || groups > PYRS_SRE_MAXGROUPS || n == 0 || code[n - 1] != SRE_OP_SUCCESS ||
        block(&v, 0, n - 1, NULL) < 0) {
        PyErr_SetString(PyExc_RuntimeError, "invalid SRE code");
        return -1;
    }
    return 0;
}
