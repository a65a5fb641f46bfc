/* harness.h: the in-tree unit-test harness (STYLE.md section 8): CHECK records a failure with
 * file and line and keeps going; pyrs_test_main prints "N passed, N failed" and sets the exit
 * status. A test file defines run_tests() and uses CHECK / CHECK_EQ_INT / CHECK_EQ_STR. */
#ifndef PYRS_TEST_HARNESS_H
#define PYRS_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed;
static int harness_failed;

static void
harness_record(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        harness_passed++;
    } else {
        harness_failed++;
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    }
}

#define CHECK(cond) harness_record(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long _a = (long long)(a), _b = (long long)(b);                                        \
        if (_a != _b) {                                                                            \
            fprintf(stderr, "  %s = %lld, %s = %lld\n", #a, _a, #b, _b);                           \
        }                                                                                          \
        harness_record(_a == _b, #a " == " #b, __FILE__, __LINE__);                                \
    } while (0)
#define CHECK_EQ_STR(a, b)                                                                         \
    do {                                                                                           \
        const char *_a = (a), *_b = (b);                                                           \
        int _ok = _a != NULL && _b != NULL && strcmp(_a, _b) == 0;                                 \
        if (!_ok) {                                                                                \
            fprintf(stderr, "  %s = \"%s\", expected \"%s\"\n", #a, _a ? _a : "(null)",            \
                    _b ? _b : "(null)");                                                           \
        }                                                                                          \
        harness_record(_ok, #a " == " #b, __FILE__, __LINE__);                                     \
    } while (0)

static void run_tests(void);

int
main(void)
{
    run_tests();
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed == 0 && harness_passed > 0 ? 0 : 1;
}

#endif /* PYRS_TEST_HARNESS_H */
