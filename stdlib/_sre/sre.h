/* sre.h: private header of the _sre module (stdlib/_sre/): the opcode numbers of CPython 3.11's
 * re/_constants.py (MAGIC 20220615), the matcher state and the functions shared by the module's
 * files. Never seen outside stdlib/_sre/. */
#ifndef PYRS_SRE_H
#define PYRS_SRE_H

#include "Python.h"

#define PYRS_SRE_MAGIC     20220615
#define PYRS_SRE_MAXREPEAT 0xFFFFFFFFu
#define PYRS_SRE_MAXGROUPS 0x3FFFFFFF /* INT32_MAX / 2 as CPython on 64-bit */

/* Opcodes, in re/_constants.py order. */
enum {
    SRE_OP_FAILURE,
    SRE_OP_SUCCESS,
    SRE_OP_ANY,
    SRE_OP_ANY_ALL,
    SRE_OP_ASSERT,
    SRE_OP_ASSERT_NOT,
    SRE_OP_AT,
    SRE_OP_BRANCH,
    SRE_OP_CATEGORY,
    SRE_OP_CHARSET,
    SRE_OP_BIGCHARSET,
    SRE_OP_GROUPREF,
    SRE_OP_GROUPREF_EXISTS,
    SRE_OP_IN,
    SRE_OP_INFO,
    SRE_OP_JUMP,
    SRE_OP_LITERAL,
    SRE_OP_MARK,
    SRE_OP_MAX_UNTIL,
    SRE_OP_MIN_UNTIL,
    SRE_OP_NOT_LITERAL,
    SRE_OP_NEGATE,
    SRE_OP_RANGE,
    SRE_OP_REPEAT,
    SRE_OP_REPEAT_ONE,
    SRE_OP_SUBPATTERN,
    SRE_OP_MIN_REPEAT_ONE,
    SRE_OP_ATOMIC_GROUP,
    SRE_OP_POSSESSIVE_REPEAT,
    SRE_OP_POSSESSIVE_REPEAT_ONE,
    SRE_OP_GROUPREF_IGNORE,
    SRE_OP_IN_IGNORE,
    SRE_OP_LITERAL_IGNORE,
    SRE_OP_NOT_LITERAL_IGNORE,
    SRE_OP_GROUPREF_LOC_IGNORE,
    SRE_OP_IN_LOC_IGNORE,
    SRE_OP_LITERAL_LOC_IGNORE,
    SRE_OP_NOT_LITERAL_LOC_IGNORE,
    SRE_OP_GROUPREF_UNI_IGNORE,
    SRE_OP_IN_UNI_IGNORE,
    SRE_OP_LITERAL_UNI_IGNORE,
    SRE_OP_NOT_LITERAL_UNI_IGNORE,
    SRE_OP_RANGE_UNI_IGNORE,
    SRE_OP__COUNT
};

/* AT codes. */
enum {
    SRE_AT_BEGINNING,
    SRE_AT_BEGINNING_LINE,
    SRE_AT_BEGINNING_STRING,
    SRE_AT_BOUNDARY,
    SRE_AT_NON_BOUNDARY,
    SRE_AT_END,
    SRE_AT_END_LINE,
    SRE_AT_END_STRING,
    SRE_AT_LOC_BOUNDARY,
    SRE_AT_LOC_NON_BOUNDARY,
    SRE_AT_UNI_BOUNDARY,
    SRE_AT_UNI_NON_BOUNDARY,
    SRE_AT__COUNT
};

/* CATEGORY codes. */
enum {
    SRE_CAT_DIGIT,
    SRE_CAT_NOT_DIGIT,
    SRE_CAT_SPACE,
    SRE_CAT_NOT_SPACE,
    SRE_CAT_WORD,
    SRE_CAT_NOT_WORD,
    SRE_CAT_LINEBREAK,
    SRE_CAT_NOT_LINEBREAK,
    SRE_CAT_LOC_WORD,
    SRE_CAT_LOC_NOT_WORD,
    SRE_CAT_UNI_DIGIT,
    SRE_CAT_UNI_NOT_DIGIT,
    SRE_CAT_UNI_SPACE,
    SRE_CAT_UNI_NOT_SPACE,
    SRE_CAT_UNI_WORD,
    SRE_CAT_UNI_NOT_WORD,
    SRE_CAT_UNI_LINEBREAK,
    SRE_CAT_UNI_NOT_LINEBREAK,
    SRE_CAT__COUNT
};

/* Flags (re.I etc.) and INFO block flags. */
#define SRE_FLAG_TEMPLATE   1
#define SRE_FLAG_IGNORECASE 2
#define SRE_FLAG_LOCALE     4
#define SRE_FLAG_MULTILINE  8
#define SRE_FLAG_DOTALL     16
#define SRE_FLAG_UNICODE    32
#define SRE_FLAG_VERBOSE    64
#define SRE_FLAG_DEBUG      128
#define SRE_FLAG_ASCII      256
#define SRE_INFO_PREFIX     1
#define SRE_INFO_LITERAL    2
#define SRE_INFO_CHARSET    4

/* re.Pattern. */
typedef struct {
    PyObject_VAR_HEAD
    Py_ssize_t groups;    /* number of capturing groups (group 0 excluded) */
    PyObject *groupindex; /* dict name -> index, or NULL when there are no named groups */
    PyObject *indexgroup; /* tuple index -> name or None, or NULL */
    PyObject *pattern;    /* the source (str, bytes or None) */
    int flags;            /* re flags as passed to compile */
    int isbytes;          /* 1 bytes pattern, 0 str, -1 unknown (pattern None) */
    PyObject *weakreflist;
    int32_t *mapidx;     /* per code word: its map in maps, or -1 (sre_match.c) */
    uint32_t *maps;      /* 256-bit maps of the IN ops\' sets, below 256 */
    Py_ssize_t codesize; /* number of code words */
    uint32_t code[1];    /* the opcode stream (codesize words) */
} PyrsSrePattern;

/* One entry of the backtracking stack: a choice point to resume or an undo record. */
typedef struct {
    uint32_t kind; /* PYRS_SRE_BT_*, plus a frame kind in the high bits for FPOP */
    uint32_t pc;   /* code index, mark index or frame index */
    Py_ssize_t a;  /* input position or saved value */
    Py_ssize_t b;  /* count or saved value */
    Py_ssize_t c;  /* saved value */
} PyrsSreEntry;

/* One frame of the matcher's return/repeat stack. */
typedef struct {
    uint32_t kind; /* PYRS_SRE_FR_* */
    uint32_t pc;   /* REPEAT/POSSESSIVE op, or continuation of an assertion/atomic group */
    Py_ssize_t a;  /* repeat count, or saved input position */
    Py_ssize_t b;  /* last position of a repeat, or backtrack stack height */
    Py_ssize_t c;  /* possessive: start of the current iteration */
} PyrsSreFrame;

#define PYRS_SRE_SMALL_MARKS 20
#define PYRS_SRE_SMALL_BT    48
#define PYRS_SRE_SMALL_FR    8

/* The state of one matching operation over one subject string. */
typedef struct {
    PyObject *string;     /* the subject (borrowed from the caller) */
    const void *data;     /* its characters */
    int charsize;         /* 1, 2 or 4 */
    int isbytes;          /* subject is a bytes-like object */
    Py_buffer view;       /* held while matching a bytes-like subject */
    int has_view;         /* view must be released */
    Py_ssize_t length;    /* characters in the subject */
    Py_ssize_t pos;       /* adjusted pos argument */
    Py_ssize_t endpos;    /* adjusted endpos argument (the end seen by the pattern) */
    Py_ssize_t start;     /* where the next match attempt begins; result: match start */
    Py_ssize_t ptr;       /* result: match end */
    int match_all;        /* fullmatch: must end at endpos */
    int must_advance;     /* the match may not be empty at start */
    Py_ssize_t nmarks;    /* 2 * groups */
    Py_ssize_t *marks;    /* mark positions, -1 unset */
    Py_ssize_t lastindex; /* last closed group, -1 for none */
    Py_ssize_t lastmark;  /* highest valid mark index; marks above it are stale */
    Py_ssize_t nrep;      /* REPEAT frames on the frame stack */
    const uint32_t *code;
    Py_ssize_t codesize;
    const int32_t *mapidx; /* the pattern's per-op map index (IN ops), -1 when none */
    const uint32_t *maps;  /* the maps */
    PyrsSreEntry *bt;      /* backtracking stack */
    Py_ssize_t bt_len, bt_cap;
    PyrsSreFrame *fr; /* frame stack */
    Py_ssize_t fr_len, fr_cap;
    Py_ssize_t steps;  /* backtracks since the last signal check */
    Py_ssize_t *msave; /* marks saved by choice points (sre_match.c), PyMem */
    Py_ssize_t msave_len, msave_cap;
    /* Small inline stacks, so that most matches allocate nothing. */
    Py_ssize_t marks_small[PYRS_SRE_SMALL_MARKS];
    PyrsSreEntry bt_small[PYRS_SRE_SMALL_BT];
    PyrsSreFrame fr_small[PYRS_SRE_SMALL_FR];
} PyrsSreState;

/* Character helpers: sre_chars.h (static inline, for the matcher's speed). */

/* The matcher (sre_match.c). Both run the pattern's code over ST from st->start (match: there
 * only; search: at every later position too) and return 1 with st->start/st->ptr and the marks
 * set, 0 for no match, or -1 with an exception (MemoryError, KeyboardInterrupt, RuntimeError for
 * invalid code). Neither runs Python code other than signal handlers. */
PYRS_MUST_CHECK int pyrs_sre_match(PyrsSreState *st);
PYRS_MUST_CHECK int pyrs_sre_search(PyrsSreState *st);
/* Checks that CODE[0..N) is well-formed for GROUPS groups; 0, or -1 with RuntimeError. When OPS
 * is not NULL (N bytes, zeroed), sets OPS[i] for every position i that starts an op. */
PYRS_MUST_CHECK int pyrs_sre_validate(const uint32_t *code, Py_ssize_t n, Py_ssize_t groups,
                                      unsigned char *ops);
/* Builds the membership maps of the characters below 256 for the IN ops at the positions OPS
 * marks, and for the INFO charset (at index 0): *MAPIDX (N entries, -1 for no map) and *MAPS,
 * both PyMem blocks owned by the caller. 0, or -1 with MemoryError. */
PYRS_MUST_CHECK int pyrs_sre_build_maps(const uint32_t *code, Py_ssize_t n,
                                        const unsigned char *ops, int32_t **mapidx,
                                        uint32_t **maps);

/* State set-up (sre_state.c). init: takes STRING's characters (or buffer) and clamps pos/endpos;
 * 0, or -1 with TypeError/MemoryError. fini releases the buffer and the stacks. reset clears the
 * marks before a new attempt. */
PYRS_MUST_CHECK int pyrs_sre_state_init(PyrsSreState *st, PyrsSrePattern *pat, PyObject *string,
                                        Py_ssize_t pos, Py_ssize_t endpos);
void pyrs_sre_state_fini(PyrsSreState *st);
void pyrs_sre_state_reset(PyrsSreState *st);
/* The subject slice [i, j) as str or bytes (new reference; the whole bytes/str object itself
 * when it spans it), or NULL with an exception. */
PyObject *pyrs_sre_state_slice(PyrsSreState *st, Py_ssize_t i, Py_ssize_t j);
/* Group G of the last match as a slice (new reference); unmatched groups give DEF (new
 * reference) or, when DEF is NULL, an empty str/bytes. NULL with an exception. */
PyObject *pyrs_sre_state_group(PyrsSreState *st, Py_ssize_t g, PyObject *def);
/* Sets SystemError for a group whose start is after its end, as CPython 3.11; returns NULL. */
PyObject *pyrs_sre_wrong_span(void);
/* Points ST at STRING's characters; used again by Match to slice its subject. */
PYRS_MUST_CHECK int pyrs_sre_getstring(PyObject *string, const void **data, Py_ssize_t *len,
                                       int *charsize, int *isbytes, Py_buffer *view);

/* Types (sre.c and sre_matchobj.c). */
extern PyTypeObject pyrs_sre_pattern_type;
extern PyTypeObject pyrs_sre_match_type;
extern PyTypeObject pyrs_sre_scanner_type;

/* A new re.Match for the successful match in ST (new reference), None when STATUS is 0, NULL
 * when STATUS is negative or on error. */
PyObject *pyrs_sre_match_new(PyrsSrePattern *pat, PyrsSreState *st, int status);
/* A new SRE_Scanner over STRING[pos:endpos] (new reference) or NULL with an exception. */
PyObject *pyrs_sre_scanner_new(PyrsSrePattern *pat, PyObject *string, Py_ssize_t pos,
                               Py_ssize_t endpos);

/* Calls re.NAME(*ARGS), stealing ARGS (which may be NULL after a failed PyTuple_Pack); new
 * reference or NULL. Runs Python code (imports re on first use). */
PyObject *pyrs_sre_call_re(const char *name, PyObject *args);
/* repr(OBJ) cut to LIMIT characters, as CPython's %.<LIMIT>R (new reference or NULL). */
PyObject *pyrs_sre_repr_cut(PyObject *obj, Py_ssize_t limit);

/* Keyword/positional argument unpacking with Argument Clinic's messages (sre_args.c): fills
 * OUT[0..n) from ARGS/KWNAMES following the NULL-ended NAMES; OUT entries of absent optional
 * arguments stay NULL. 0, or -1 with TypeError. */
PYRS_MUST_CHECK int pyrs_sre_parse_args(const char *fname, const char *const *names, int required,
                                        PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                                        PyObject **out);
/* Converts an optional index argument (NULL gives DEF); 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_sre_ssize_arg(PyObject *obj, Py_ssize_t def, Py_ssize_t *res);

#endif /* PYRS_SRE_H */
