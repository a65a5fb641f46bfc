/* cpyext/sanitizer.c: LeakSanitizer's built-in suppressions for the ASan build. Extension
 * modules keep OpenSSL objects (_hashlib's digest cache, fetched in EVP_MD_do_all_provided)
 * in module state that pyrs, unlike CPython's finalization, does not free before exit; once
 * OpenSSL's own atexit cleanup has run they are unreachable. libcrypto is built without frame
 * pointers, so the reports end in CRYPTO_zalloc and can only be matched by library. Only
 * compiled into sanitizer builds. */
#include "Python.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)

/* Read by the sanitizer runtime at start-up (a weak hook); a static string. */
const char *__lsan_default_suppressions(void);

PyAPI_FUNC(const char *)
__lsan_default_suppressions(void)
{
    return "leak:libcrypto.so\n";
}

/* Default LeakSanitizer options: the count of suppressed reports is not printed (programs'
 * stderr is compared with CPython's). */
const char *__lsan_default_options(void);

PyAPI_FUNC(const char *)
__lsan_default_options(void)
{
    return "print_suppressions=0";
}

#endif
#endif

/* Keeps the translation unit non-empty in builds without ASan. */
typedef int pyrs_cpyext_sanitizer_unit;
