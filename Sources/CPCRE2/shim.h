#ifndef GRADER_CPCRE2_SHIM_H
#define GRADER_CPCRE2_SHIM_H
/* PCRE2 needs its code unit width chosen before the header: we use UTF-8. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* PCRE2_ZERO_TERMINATED and PCRE2_UNSET are macros Swift cannot import. */
static inline size_t cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
