/* parse_ident.c: identifiers as CPython 3.11's parser stores them: non-ASCII names are
 * NFKC-normalised (PEP 3131), so `ｗｉｄｔｈ` and `width` are the same name. The tables are
 * those of pyrs/unidata.h; the composition pairs are derived from them on first use. */
#include "parse_build.h"

#include <stdlib.h>
#include <string.h>

#include "pyrs/unidata.h"

/* Code points whose two-character canonical decomposition never recomposes (Unicode's
 * composition exclusions: script-specific and post-composition-version characters). */
static const uint32_t excluded[] = {
    0x0344,  0x0958,  0x0959,  0x095A,  0x095B,  0x095C,  0x095D,  0x095E,  0x095F,  0x09DC,
    0x09DD,  0x09DF,  0x0A33,  0x0A36,  0x0A59,  0x0A5A,  0x0A5B,  0x0A5E,  0x0B5C,  0x0B5D,
    0x0F43,  0x0F4D,  0x0F52,  0x0F57,  0x0F5C,  0x0F69,  0x0F73,  0x0F75,  0x0F76,  0x0F78,
    0x0F81,  0x0F93,  0x0F9D,  0x0FA2,  0x0FA7,  0x0FAC,  0x0FB9,  0x2ADC,  0xFB1D,  0xFB1F,
    0xFB2A,  0xFB2B,  0xFB2C,  0xFB2D,  0xFB2E,  0xFB2F,  0xFB30,  0xFB31,  0xFB32,  0xFB33,
    0xFB34,  0xFB35,  0xFB36,  0xFB38,  0xFB39,  0xFB3A,  0xFB3B,  0xFB3C,  0xFB3E,  0xFB40,
    0xFB41,  0xFB43,  0xFB44,  0xFB46,  0xFB47,  0xFB48,  0xFB49,  0xFB4A,  0xFB4B,  0xFB4C,
    0xFB4D,  0xFB4E,  0x1D15E, 0x1D15F, 0x1D160, 0x1D161, 0x1D162, 0x1D163, 0x1D164, 0x1D1BB,
    0x1D1BC, 0x1D1BD, 0x1D1BE, 0x1D1BF, 0x1D1C0,
};

/* One canonical composition: first + second -> composite. */
typedef struct {
    uint32_t first;     /* starter */
    uint32_t second;    /* combining character */
    uint32_t composite; /* the precomposed character */
} Pair;

static Pair *pairs;   /* sorted by (first, second); built once */
static size_t npairs; /* number of pairs */

static int
is_excluded(uint32_t ch)
{
    for (size_t i = 0; i < sizeof excluded / sizeof excluded[0]; i++) {
        if (excluded[i] == ch) {
            return 1;
        }
    }
    return 0;
}

/* Parses a decomposition string ("<compat> 0020 0308" or "0041 030A") into OUT (at most
 * MAX code points); returns the count and sets *COMPAT when it has a <tag>. */
static int
parse_decomp(const char *d, uint32_t *out, int max, int *compat)
{
    int n = 0;
    *compat = 0;
    if (*d == '<') {
        *compat = 1;
        d = strchr(d, '>');
        d = d ? d + 1 : "";
    }
    while (*d && n < max) {
        char *end;
        unsigned long v = strtoul(d, &end, 16);
        if (end == d) {
            break;
        }
        out[n++] = (uint32_t)v;
        d = end;
    }
    return n;
}

static int
pair_cmp(const void *a, const void *b)
{
    const Pair *x = a, *y = b;
    if (x->first != y->first) {
        return x->first < y->first ? -1 : 1;
    }
    return x->second < y->second ? -1 : x->second > y->second;
}

static void
build_pairs(void)
{
    size_t cap = 0;
    for (uint32_t ch = 0; ch < 0x110000; ch++) {
        const char *d = pyrs_unidata_decomposition(ch);
        uint32_t parts[4];
        int compat;
        if (!*d || parse_decomp(d, parts, 4, &compat) != 2 || compat || is_excluded(ch) ||
            pyrs_unidata_record(parts[0])->combining != 0) {
            continue;
        }
        if (npairs == cap) {
            Pair *p = realloc(pairs, (cap = cap ? 2 * cap : 1024) * sizeof *p);
            if (!p) {
                return;
            }
            pairs = p;
        }
        pairs[npairs].first = parts[0];
        pairs[npairs].second = parts[1];
        pairs[npairs++].composite = ch;
    }
    qsort(pairs, npairs, sizeof *pairs, pair_cmp);
}

static uint32_t
compose(uint32_t a, uint32_t b)
{
    Pair key = {a, b, 0};
    Pair *hit = bsearch(&key, pairs, npairs, sizeof key, pair_cmp);
    return hit ? hit->composite : 0;
}

/* Appends the full compatibility decomposition of CH to BUF. */
static void
decompose(uint32_t ch, uint32_t *buf, size_t *n, size_t cap)
{
    uint32_t parts[32];
    int compat, k = 0;
    const char *d = pyrs_unidata_decomposition(ch);
    if (ch >= 0xAC00 && ch <= 0xD7A3) {
        d = ""; /* Hangul syllables decompose and recompose algorithmically: keep them */
    }
    if (*d) {
        k = parse_decomp(d, parts, 32, &compat);
    }
    if (k == 0) {
        if (*n < cap) {
            buf[(*n)++] = ch;
        }
        return;
    }
    for (int i = 0; i < k; i++) {
        decompose(parts[i], buf, n, cap);
    }
}

static int
ccc(uint32_t ch)
{
    return pyrs_unidata_record(ch)->combining;
}

/* Canonical ordering then canonical composition of BUF[0..N) in place; returns the new N. */
static size_t
reorder_compose(uint32_t *buf, size_t n)
{
    size_t out = 1, starter = 0;
    int last;
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && ccc(buf[j]) && ccc(buf[j - 1]) > ccc(buf[j]); j--) {
            uint32_t t = buf[j];
            buf[j] = buf[j - 1];
            buf[j - 1] = t;
        }
    }
    if (n == 0) {
        return 0;
    }
    last = ccc(buf[0]) ? 256 : 0;
    for (size_t i = 1; i < n; i++) {
        int cls = ccc(buf[i]);
        uint32_t comp = compose(buf[starter], buf[i]);
        if (comp && (last < cls || last == 0)) {
            buf[starter] = comp;
            continue;
        }
        if (cls == 0) {
            starter = out;
        }
        last = cls;
        buf[out++] = buf[i];
    }
    return out;
}

static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = s[i];
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        c &= extra == 3 ? 0x07 : extra == 2 ? 0x0F : extra == 1 ? 0x1F : 0x7F;
        for (i++; extra > 0 && i < len; extra--, i++) {
            c = (c << 6) | (s[i] & 0x3F);
        }
        out[n++] = c;
    }
    return n;
}

static size_t
utf8_encode(const uint32_t *cps, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c < 0x80) {
            out[k++] = (char)c;
        } else if (c < 0x800) {
            out[k++] = (char)(0xC0 | (c >> 6));
            out[k++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[k++] = (char)(0xE0 | (c >> 12));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[k++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[k++] = (char)(0xF0 | (c >> 18));
            out[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return k;
}

/* The identifier of NAME token T, arena-owned: NFKC-normalised when not ASCII. Returns NULL
 * when out of memory (recorded). Not thread-safe on its first non-ASCII use (table build). */
char *
pyrs_pb_ident(PyrsParser *P, const PyrsToken *t)
{
    uint32_t *cps, *full;
    size_t n, nfull = 0, cap;
    char *res = NULL, *tmp;
    size_t i;
    for (i = 0; i < t->len && !((unsigned char)t->start[i] & 0x80); i++) {
    }
    if (i == t->len) {
        res = pyrs_arena_strndup(P->arena, t->start, t->len);
        if (!res) {
            pyrs_pb_oom(P);
        }
        return res;
    }
    if (!pairs) {
        build_pairs();
    }
    cap = t->len * 18 + 8;
    cps = malloc(t->len * sizeof *cps);
    full = malloc(cap * sizeof *full);
    tmp = malloc(cap * 4 + 1);
    if (cps && full && tmp) {
        n = utf8_decode((const unsigned char *)t->start, t->len, cps);
        for (i = 0; i < n; i++) {
            decompose(cps[i], full, &nfull, cap);
        }
        nfull = reorder_compose(full, nfull);
        res = pyrs_arena_strndup(P->arena, tmp, utf8_encode(full, nfull, tmp));
    }
    if (!res) {
        pyrs_pb_oom(P);
    }
    free(cps);
    free(full);
    free(tmp);
    return res;
}
