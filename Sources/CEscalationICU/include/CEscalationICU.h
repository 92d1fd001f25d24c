#ifndef C_ESCALATION_ICU_H
#define C_ESCALATION_ICU_H

/* Scalar-only facade over ICU: Swift imports this next to Foundation without the
   module clash that ICU's own headers cause. ICU headers live only in icu_shim.c. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One per thread: holds the normalizer, a reusable word-break iterator and buffers. */
typedef struct esc_icu esc_icu;

enum {
    ESC_NORM_NFKC = 0,          /* compatibility composition, case kept */
    ESC_NORM_NFKC_CASEFOLD = 1  /* NFKC_Casefold: NFKC + full case folding + ignorables removed */
};

/* Word-break segment kinds (from ubrk_getRuleStatus). */
enum {
    ESC_SEG_NONE = 0,     /* spaces, punctuation, emoji */
    ESC_SEG_NUMBER = 1,
    ESC_SEG_LETTER = 2,
    ESC_SEG_IDEOGRAPH = 3 /* kana and ideographs */
};

esc_icu *esc_icu_open(void);
void esc_icu_close(esc_icu *icu);

/* Normalizes UTF-8 `in` (invalid bytes become U+FFFD) into `out`.
   Returns the number of bytes the result needs; when that exceeds `cap`, nothing
   useful is in `out` and the caller retries with a larger buffer. -1 on ICU error. */
int32_t esc_icu_normalize(esc_icu *icu, int32_t mode,
                          const uint8_t *in, int32_t len,
                          uint8_t *out, int32_t cap);

/* Splits valid UTF-8 `in` at ICU word boundaries. Writes up to `cap` segments as byte
   offsets [starts[i], ends[i]) with kinds[i] one of ESC_SEG_*. Returns the total number
   of segments (may exceed `cap`: retry larger), or -1 on ICU error. */
int32_t esc_icu_segments(esc_icu *icu, const uint8_t *in, int32_t len,
                         int32_t *starts, int32_t *ends, uint8_t *kinds, int32_t cap);

/* Writing systems `esc_icu_script` tells apart (what language detection needs). */
enum {
    ESC_SCRIPT_OTHER = 0,   /* common, inherited, and scripts not listed */
    ESC_SCRIPT_LATIN = 1,
    ESC_SCRIPT_CYRILLIC = 2,
    ESC_SCRIPT_GREEK = 3,
    ESC_SCRIPT_HAN = 4,
    ESC_SCRIPT_KANA = 5,    /* hiragana and katakana */
    ESC_SCRIPT_HANGUL = 6,
    ESC_SCRIPT_ARABIC = 7,
    ESC_SCRIPT_HEBREW = 8,
    ESC_SCRIPT_THAI = 9
};

/* The writing system of one code point (ICU's uscript_getScript), as an ESC_SCRIPT_*. */
int32_t esc_icu_script(uint32_t code_point);

#ifdef __cplusplus
}
#endif

#endif
