#include "CEscalationICU.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

struct esc_icu {
    const UNormalizer2 *nfkc;
    const UNormalizer2 *nfkc_cf;
    UBreakIterator *words;
    UChar *src;   /* UTF-16 of the input */
    int32_t src_cap;
    UChar *dst;   /* UTF-16 of the normalized text */
    int32_t dst_cap;
};

static int grow(UChar **buf, int32_t *cap, int32_t need) {
    if (need <= *cap) return 1;
    int32_t n = need + need / 2 + 16;
    UChar *p = realloc(*buf, (size_t)n * sizeof(UChar));
    if (!p) return 0;
    *buf = p;
    *cap = n;
    return 1;
}

esc_icu *esc_icu_open(void) {
    UErrorCode err = U_ZERO_ERROR;
    esc_icu *icu = calloc(1, sizeof *icu);
    if (!icu) return NULL;
    icu->nfkc = unorm2_getNFKCInstance(&err);
    icu->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    icu->words = ubrk_open(UBRK_WORD, "en", NULL, 0, &err);
    if (U_FAILURE(err)) {
        esc_icu_close(icu);
        return NULL;
    }
    return icu;
}

void esc_icu_close(esc_icu *icu) {
    if (!icu) return;
    if (icu->words) ubrk_close(icu->words);
    free(icu->src);
    free(icu->dst);
    free(icu);
}

int32_t esc_icu_normalize(esc_icu *icu, int32_t mode, const uint8_t *in, int32_t len,
                          uint8_t *out, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t n16 = 0;
    /* Pre-flight length, then convert; invalid UTF-8 becomes U+FFFD instead of failing. */
    u_strFromUTF8WithSub(NULL, 0, &n16, (const char *)in, len, 0xFFFD, NULL, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return -1;
    err = U_ZERO_ERROR;
    if (!grow(&icu->src, &icu->src_cap, n16 + 1)) return -1;
    u_strFromUTF8WithSub(icu->src, icu->src_cap, &n16, (const char *)in, len, 0xFFFD, NULL, &err);
    if (U_FAILURE(err)) return -1;

    const UNormalizer2 *norm = mode == ESC_NORM_NFKC_CASEFOLD ? icu->nfkc_cf : icu->nfkc;
    /* NFKC can expand (e.g. ligatures, U+FDFA); size generously and retry once if short. */
    if (!grow(&icu->dst, &icu->dst_cap, n16 * 3 + 16)) return -1;
    int32_t nd = unorm2_normalize(norm, icu->src, n16, icu->dst, icu->dst_cap, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
        err = U_ZERO_ERROR;
        if (!grow(&icu->dst, &icu->dst_cap, nd + 1)) return -1;
        nd = unorm2_normalize(norm, icu->src, n16, icu->dst, icu->dst_cap, &err);
    }
    if (U_FAILURE(err)) return -1;

    int32_t n8 = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)out, cap, &n8, icu->dst, nd, 0xFFFD, NULL, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) return n8;
    if (U_FAILURE(err)) return -1;
    return n8;
}

static uint8_t kind_of(int32_t status) {
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return ESC_SEG_NUMBER;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return ESC_SEG_LETTER;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT) return ESC_SEG_IDEOGRAPH;
    return ESC_SEG_NONE;
}

int32_t esc_icu_segments(esc_icu *icu, const uint8_t *in, int32_t len,
                         int32_t *starts, int32_t *ends, uint8_t *kinds, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, (const char *)in, len, &err);
    if (U_FAILURE(err)) return -1;
    /* Re-targeting the one iterator is much cheaper than opening a new one per text. */
    ubrk_setUText(icu->words, ut, &err);
    if (U_FAILURE(err)) {
        utext_close(ut);
        return -1;
    }
    int32_t count = 0;
    int32_t start = ubrk_first(icu->words);
    for (int32_t end = ubrk_next(icu->words); end != UBRK_DONE;
         start = end, end = ubrk_next(icu->words)) {
        if (count < cap) {
            starts[count] = start;
            ends[count] = end;
            kinds[count] = kind_of(ubrk_getRuleStatus(icu->words));
        }
        count++;
    }
    utext_close(ut);
    return count;
}

int32_t esc_icu_script(uint32_t code_point) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)code_point, &err);
    if (U_FAILURE(err)) return ESC_SCRIPT_OTHER;
    switch (script) {
    case USCRIPT_LATIN: return ESC_SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return ESC_SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return ESC_SCRIPT_GREEK;
    case USCRIPT_HAN: return ESC_SCRIPT_HAN;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return ESC_SCRIPT_KANA;
    case USCRIPT_HANGUL: return ESC_SCRIPT_HANGUL;
    case USCRIPT_ARABIC: return ESC_SCRIPT_ARABIC;
    case USCRIPT_HEBREW: return ESC_SCRIPT_HEBREW;
    case USCRIPT_THAI: return ESC_SCRIPT_THAI;
    default: return ESC_SCRIPT_OTHER;
    }
}
