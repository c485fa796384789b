/*
 * The user's locale for the Java system properties user.language, user.script, user.country
 * and user.variant, and their display/format variants (part of liblibchelper.a).
 *
 * Called by com.oracle.svm.core.c.locale.LocaleSupport through LocaleCHelper:
 *  - svm_initialize_locale() once per process, early in isolate start-up; it must return
 *    SVM_LOCALE_INITIALIZATION_SUCCEEDED or SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY (the values
 *    come from svm_locale.h, the header the image builder queried, so both sides agree); any
 *    other value is a fatal error in the image;
 *  - svm_get_locale() afterwards, to read the eight strings (NULL means "not set").
 *
 * The parsing is the JDK's for Linux (java_props_md.c, ParseLocale()): the locale name that
 * setlocale() reports for LC_MESSAGES (display) and LC_CTYPE (format) has the form
 * language[_country][.encoding][@variant]; "C" and "POSIX" mean en_US; a few bare or
 * old-fashioned names are expanded (locale aliases), and language, country, script and variant
 * names are translated to the codes Java uses (tables below, the JDK's Linux entries).
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "svm_locale.h"

typedef struct {
    const char *from, *to;
} Pair;

/* Locale names without a country (or spelled out) and what they stand for. */
static const Pair locale_aliases[] = {
    {"ar", "ar_EG"}, {"be", "be_BY"}, {"bg", "bg_BG"}, {"br", "br_FR"}, {"ca", "ca_ES"},
    {"cs", "cs_CZ"}, {"cz", "cs_CZ"}, {"da", "da_DK"}, {"de", "de_DE"}, {"el", "el_GR"},
    {"en", "en_US"}, {"eo", "eo"}, {"es", "es_ES"}, {"et", "et_EE"}, {"eu", "eu_ES"},
    {"fi", "fi_FI"}, {"fr", "fr_FR"}, {"ga", "ga_IE"}, {"gl", "gl_ES"}, {"he", "iw_IL"},
    {"hr", "hr_HR"}, {"hs", "en_US"}, {"hu", "hu_HU"}, {"id", "in_ID"}, {"in", "in_ID"},
    {"is", "is_IS"}, {"it", "it_IT"}, {"iw", "iw_IL"}, {"ja", "ja_JP"}, {"kl", "kl_GL"},
    {"ko", "ko_KR"}, {"lt", "lt_LT"}, {"lv", "lv_LV"}, {"mk", "mk_MK"}, {"nl", "nl_NL"},
    {"no", "no_NO"}, {"pl", "pl_PL"}, {"pt", "pt_PT"}, {"ro", "ro_RO"}, {"ru", "ru_RU"},
    {"se", "se_NO"}, {"sk", "sk_SK"}, {"sl", "sl_SI"}, {"sq", "sq_AL"}, {"sr", "sr_CS"},
    {"su", "fi_FI"}, {"sv", "sv_SE"}, {"th", "th_TH"}, {"tr", "tr_TR"}, {"ua", "en_US"},
    {"uk", "uk_UA"}, {"vi", "vi_VN"}, {"wa", "wa_BE"}, {"zh", "zh_CN"},
    {"bokmal", "nb_NO"}, {"bokm\xe5l", "nb_NO"}, {"bokm\xc3\xa5l", "nb_NO"},
    {"catalan", "ca_ES"}, {"croatian", "hr_HR"}, {"czech", "cs_CZ"}, {"danish", "da_DK"},
    {"dansk", "da_DK"}, {"deutsch", "de_DE"}, {"dutch", "nl_NL"}, {"eesti", "et_EE"},
    {"estonian", "et_EE"}, {"finnish", "fi_FI"}, {"fran\xe7" "ais", "fr_FR"},
    {"fran\xc3\xa7" "ais", "fr_FR"}, {"french", "fr_FR"}, {"galego", "gl_ES"},
    {"galician", "gl_ES"}, {"german", "de_DE"}, {"greek", "el_GR"}, {"hebrew", "iw_IL"},
    {"hrvatski", "hr_HR"}, {"hungarian", "hu_HU"}, {"icelandic", "is_IS"}, {"italian", "it_IT"},
    {"japanese", "ja_JP"}, {"korean", "ko_KR"}, {"lithuanian", "lt_LT"}, {"norwegian", "no_NO"},
    {"nynorsk", "nn_NO"}, {"polish", "pl_PL"}, {"portuguese", "pt_PT"}, {"romanian", "ro_RO"},
    {"russian", "ru_RU"}, {"slovak", "sk_SK"}, {"slovene", "sl_SI"}, {"slovenian", "sl_SI"},
    {"spanish", "es_ES"}, {"swedish", "sv_SE"}, {"thai", "th_TH"}, {"turkish", "tr_TR"},
    {NULL, NULL},
};

/* Language names to the ISO 639 codes Java uses (Java keeps the old iw, in, ji codes). */
static const Pair language_names[] = {
    {"C", "en"}, {"POSIX", "en"}, {"cz", "cs"}, {"he", "iw"}, {"hs", "en"}, {"id", "in"},
    {"sh", "sr"}, {"su", "fi"}, {"ua", "en"}, {"catalan", "ca"}, {"croatian", "hr"},
    {"czech", "cs"}, {"danish", "da"}, {"dansk", "da"}, {"deutsch", "de"}, {"dutch", "nl"},
    {"finnish", "fi"}, {"fran\xe7" "ais", "fr"}, {"fran\xc3\xa7" "ais", "fr"}, {"french", "fr"},
    {"german", "de"}, {"greek", "el"}, {"hebrew", "he"}, {"hrvatski", "hr"},
    {"hungarian", "hu"}, {"icelandic", "is"}, {"italian", "it"}, {"japanese", "ja"},
    {"norwegian", "no"}, {"polish", "pl"}, {"portuguese", "pt"}, {"romanian", "ro"},
    {"russian", "ru"}, {"slovak", "sk"}, {"slovene", "sl"}, {"slovenian", "sl"},
    {"spanish", "es"}, {"swedish", "sv"}, {"turkish", "tr"},
    {NULL, NULL},
};

/* @modifiers that name a script, to ISO 15924 codes. */
static const Pair script_names[] = {
    {"cyrillic", "Cyrl"}, {"devanagari", "Deva"}, {"iqtelif", "Latn"}, {"latin", "Latn"},
    {"Arab", "Arab"}, {"Cyrl", "Cyrl"}, {"Deva", "Deva"}, {"Ethi", "Ethi"}, {"Hans", "Hans"},
    {"Hant", "Hant"}, {"Latn", "Latn"}, {"Sund", "Sund"}, {"Syrc", "Syrc"}, {"Tfng", "Tfng"},
    {NULL, NULL},
};

/* Country codes that are no longer ISO 3166 ones. */
static const Pair country_names[] = {
    {"RN", "US"}, {"YU", "CS"},
    {NULL, NULL},
};

/* @modifiers that are Java variants; other modifiers (e.g. @euro) are dropped. */
static const Pair variant_names[] = {
    {"nynorsk", "NY"},
    {NULL, NULL},
};

static const char *lookup(const Pair *table, const char *key)
{
    for (; table->from != NULL; table++) {
        if (strcmp(table->from, key) == 0) {
            return table->to;
        }
    }
    return NULL;
}

/* The four parts of one locale category. */
typedef struct {
    char *language, *script, *country, *variant;
} Parts;

/* Stores a copy of value (NULL stays NULL); 0 if out of memory. */
static int set_copy(char **slot, const char *value)
{
    *slot = value != NULL ? strdup(value) : NULL;
    return value == NULL || *slot != NULL;
}

/* Splits the locale name of one category into parts. Returns an SVM_LOCALE_* result. */
static int parse_category(int category, Parts *out)
{
    const char *name = setlocale(category, NULL);
    if (name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0) {
        name = "en_US";
    }

    /* "language_country" and the ".encoding@modifier" tail, which an alias keeps. */
    char *base = strdup(name);
    if (base == NULL) {
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    size_t base_len = strcspn(base, ".@");
    char *tail = strdup(base + base_len);
    if (tail == NULL) {
        free(base);
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    base[base_len] = '\0';
    const char *alias = lookup(locale_aliases, base);
    if (alias != NULL) {
        free(base);
        base = strdup(alias);
        if (base == NULL) {
            free(tail);
            return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
        }
    }

    char *language = base;
    char *country = strchr(base, '_');
    if (country != NULL) {
        *country++ = '\0';
    }
    char *modifier = strchr(tail, '@'); /* the encoding (after '.') is not needed here */
    if (modifier != NULL) {
        modifier++;
    }

    const char *std_language = lookup(language_names, language);
    const char *std_country = country != NULL ? lookup(country_names, country) : NULL;
    int ok = set_copy(&out->language, std_language != NULL ? std_language : language)
            && set_copy(&out->country, std_country != NULL ? std_country : country)
            && set_copy(&out->script, modifier != NULL ? lookup(script_names, modifier) : NULL)
            && set_copy(&out->variant, modifier != NULL ? lookup(variant_names, modifier) : NULL);
    free(base);
    free(tail);
    return ok ? SVM_LOCALE_INITIALIZATION_SUCCEEDED : SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
}

static svm_locale_props_t props;
static int initialized;

/*
 * Adopts the environment's locale (setlocale(LC_ALL, ""), as the JDK launcher does; if the
 * environment names a locale that is not installed, the C locale stays and Java sees en_US) and
 * parses the format (LC_CTYPE) and display (LC_MESSAGES) locales into the process-wide props.
 */
int svm_initialize_locale(void)
{
    if (initialized) {
        return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
    }
    setlocale(LC_ALL, "");
    Parts format = {0}, display = {0};
    int result = parse_category(LC_CTYPE, &format);
    if (result == SVM_LOCALE_INITIALIZATION_SUCCEEDED) {
        result = parse_category(LC_MESSAGES, &display);
    }
    if (result != SVM_LOCALE_INITIALIZATION_SUCCEEDED) {
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    props.format_language = format.language;
    props.format_script = format.script;
    props.format_country = format.country;
    props.format_variant = format.variant;
    props.display_language = display.language;
    props.display_script = display.script;
    props.display_country = display.country;
    props.display_variant = display.variant;
    initialized = 1;
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

/* The props filled by svm_initialize_locale(); they live as long as the process. */
svm_locale_props_t *svm_get_locale(void)
{
    return &props;
}
