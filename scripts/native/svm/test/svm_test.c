/*
 * Tests of our SubstrateVM C libraries (liblibchelper.a, libjvm.a, libsvm_container.a), run by
 * scripts/native/svm/test.sh. Each check prints one line, "ok" or "FAIL" (or "warn" where this
 * machine cannot tell); the exit status is the number of failures (capped at 100).
 *
 *   svm_test                 all tests
 *   svm_test locale          prints the eight locale strings (test.sh's child for each LANG)
 *   svm_test probe           prints the container values (the podman check runs this)
 *   svm_test cpu-missing N   checks a CPU mask requiring only the feature at offset N
 *
 * Settings (environment): SVM_TEST_NPROC (nproc's answer), SVM_TEST_SCRATCH (a directory for
 * fake files), SVM_TEST_LOCPATH (where test.sh compiled the test locales).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jni.h>

#include "amd64cpufeatures.h"
#include "svm_locale.h"

/* ---- the functions under test ---------------------------------------------------------- */

void determineCPUFeatures(CPUFeatures *features);
int checkCPUFeatures(const uint8_t *mask);
int checkCPUFeaturesOrExit(const uint8_t *mask, const char *message);
char *SVM_FindJavaTZmd(const char *tzmappings, int length);
char *svmc_timezone_lookup(const char *tz, const char *etc_timezone, const char *localtime, const char *zoneinfo);
int svm_initialize_locale(void);
svm_locale_props_t *svm_get_locale(void);
int cSunMiscSignal_open(void);
int cSunMiscSignal_close(void);
int cSunMiscSignal_awaitSemaphore(void);
int cSunMiscSignal_signalSemaphore(void);
int cSunMiscSignal_signalRangeCheck(int sig);
int cSunMiscSignal_checkPendingSignal(void);
void (*cSunMiscSignal_signalHandlerFunctionPointer(void))(int);
int getThreadId(void);
long getThreadUserTimeSlow(int tid);
int fprintfSD(FILE *stream, const char *format, const char *s, int d);
int openSII(const char *path, int flags, int mode);
int openatISII(int dirfd, const char *path, int flags, int mode);
void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address);
char **getEnviron(void);
void codeSynchronization_clearCache(uintptr_t start, uintptr_t size);
int svm_attach_check_socket_file(const char *path);
int svm_attach_is_init_trigger(const char *path);
int svm_attach_create_listener(const char *path);
void svm_attach_listener_cleanup(int listener, const char *path);

int svm_container_initialize(int version);
unsigned long long svm_container_physical_memory(void);
long long svm_container_memory_limit_in_bytes(void);
long long svm_container_memory_and_swap_limit_in_bytes(void);
long long svm_container_memory_soft_limit_in_bytes(void);
long long svm_container_memory_usage_in_bytes(void);
long long svm_container_memory_max_usage_in_bytes(void);
long long svm_container_rss_usage_in_bytes(void);
long long svm_container_cache_usage_in_bytes(void);
int svm_container_active_processor_count(void);
void svmc_container_use_root(const char *root);

void initialize(void);
jint JVM_ActiveProcessorCount(void);
jlong JVM_CurrentTimeMillis(JNIEnv *env, jclass cls);
jlong JVM_NanoTime(JNIEnv *env, jclass cls);
jlong JVM_GetNanoTimeAdjustment(JNIEnv *env, jclass cls, jlong offset);
void *JVM_FindLibraryEntry(void *handle, const char *name);
jboolean JVM_IsContainerized(void);
jboolean JVM_IsUseContainerSupport(void);
int jio_snprintf(char *str, size_t count, const char *fmt, ...);
int jio_fprintf(FILE *f, const char *fmt, ...);
jint JVM_GetLastErrorString(char *buf, int len);
void *JVM_RawMonitorCreate(void);
void JVM_RawMonitorDestroy(void *monitor);
jint JVM_RawMonitorEnter(void *monitor);
void JVM_RawMonitorExit(void *monitor);
char *JVM_NativePath(char *path);
void *JVM_GetManagement(jint version);

/* The image defines this; here it lets the test switch JVM_FindLibraryEntry to static mode. */
int __svm_vm_is_static_binary = 0;

/* ---- reporting ----------------------------------------------------------------------------- */

static int failures;

static void report(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s  ", ok ? "ok  " : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    if (!ok) {
        failures++;
    }
}

static void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("warn  ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

static const char *or_null(const char *s) { return s != NULL ? s : "(null)"; }
static int same(const char *a, const char *b) { return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0); }

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(100);
    }
    fputs(text, f);
    fclose(f);
}

static char *read_text(const char *path)
{
    static char buf[1 << 16];
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return NULL;
    }
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void mkdirs(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(tmp, 0755);
            *p = '/';
        }
    }
    mkdir(tmp, 0755);
}

/* ---- CPU features ---------------------------------------------------------------------------- */

static char cpu_flags[8192], cpu_vendor[64];
static int cpu_family_nr, cpu_model_nr, cpu_siblings, cpu_cores;

static void read_proc_cpuinfo(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[8192];
    while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
        char *value = strchr(line, ':');
        if (value == NULL) {
            continue;
        }
        value += 2;
        value[strcspn(value, "\n")] = '\0';
        if (strncmp(line, "flags", 5) == 0 && cpu_flags[0] == '\0') {
            snprintf(cpu_flags, sizeof(cpu_flags), " %s ", value);
        } else if (strncmp(line, "vendor_id", 9) == 0 && cpu_vendor[0] == '\0') {
            snprintf(cpu_vendor, sizeof(cpu_vendor), "%s", value);
        } else if (strncmp(line, "cpu family", 10) == 0 && cpu_family_nr == 0) {
            cpu_family_nr = atoi(value);
        } else if (strncmp(line, "model\t", 6) == 0 && cpu_model_nr == 0) {
            cpu_model_nr = atoi(value);
        } else if (strncmp(line, "siblings", 8) == 0 && cpu_siblings == 0) {
            cpu_siblings = atoi(value);
        } else if (strncmp(line, "cpu cores", 9) == 0 && cpu_cores == 0) {
            cpu_cores = atoi(value);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
}

static int flag(const char *name)
{
    char word[64];
    snprintf(word, sizeof(word), " %s ", name);
    return strstr(cpu_flags, word) != NULL;
}

/* How each CPUFeatures byte should come out, from /proc/cpuinfo. soft: the kernel may not list
 * the flag (too new for it, or only shown when the kernel enables the feature), so "we say yes,
 * the kernel says nothing" is only a warning. */
typedef struct {
    const char *field;
    size_t offset;
    int expected;
    int soft;
    const char *evidence;
} Expectation;

#define F(name) #name, offsetof(CPUFeatures, f##name)

static void test_cpu_features(const char *self)
{
    read_proc_cpuinfo();
    if (cpu_flags[0] == '\0') {
        report(0, "cpu: no flags line in /proc/cpuinfo");
        return;
    }
    CPUFeatures features;
    memset(&features, 0, sizeof(features));
    determineCPUFeatures(&features);
    const int avx = flag("avx"), avx512f = flag("avx512f");
    const int amd = strcmp(cpu_vendor, "AuthenticAMD") == 0 || strcmp(cpu_vendor, "HygonGenuine") == 0;
    const int tscinv = flag("nonstop_tsc") && ((amd && !(strcmp(cpu_vendor, "AuthenticAMD") == 0 && cpu_family_nr == 0x11))
            || (strcmp(cpu_vendor, "GenuineIntel") == 0 && cpu_family_nr == 6
                && (cpu_model_nr == 0x1A || cpu_model_nr == 0x2C || cpu_model_nr == 0x2D || cpu_model_nr == 0x3A)));
    Expectation table[] = {
        {F(CX8), flag("cx8"), 0, "cx8"},
        {F(CMOV), flag("cmov"), 0, "cmov"},
        {F(FXSR), flag("fxsr"), 0, "fxsr"},
        {F(HT), cpu_siblings > cpu_cores, 0, "siblings > cpu cores"},
        {F(MMX), flag("mmx"), 0, "mmx"},
        {F(AMD_3DNOW_PREFETCH), flag("3dnowprefetch") || flag("3dnow"), 0, "3dnowprefetch"},
        {F(SSE), flag("sse"), 0, "sse"},
        {F(SSE2), flag("sse2"), 0, "sse2"},
        {F(SSE3), flag("pni"), 0, "pni"},
        {F(SSSE3), flag("ssse3"), 0, "ssse3"},
        {F(SSE4A), flag("sse4a"), 0, "sse4a"},
        {F(SSE4_1), flag("sse4_1"), 0, "sse4_1"},
        {F(SSE4_2), flag("sse4_2"), 0, "sse4_2"},
        {F(POPCNT), flag("popcnt"), 0, "popcnt"},
        {F(LZCNT), flag("abm"), 0, "abm"},
        {F(TSC), flag("tsc"), 0, "tsc"},
        {F(TSCINV), tscinv, 0, "nonstop_tsc + vendor/family rule"},
        {F(TSCINV_BIT), flag("nonstop_tsc"), 0, "nonstop_tsc"},
        {F(AVX), avx, 0, "avx"},
        {F(AVX2), flag("avx2"), 0, "avx2"},
        {F(AES), flag("aes"), 0, "aes"},
        {F(ERMS), flag("erms"), 0, "erms"},
        {F(CLMUL), flag("pclmulqdq"), 0, "pclmulqdq"},
        {F(BMI1), flag("bmi1"), 0, "bmi1"},
        {F(BMI2), flag("bmi2"), 0, "bmi2"},
        {F(RTM), flag("rtm"), 0, "rtm"},
        {F(ADX), flag("adx"), 0, "adx"},
        {F(AVX512F), avx512f, 0, "avx512f"},
        {F(AVX512DQ), flag("avx512dq"), 0, "avx512dq"},
        {F(AVX512PF), flag("avx512pf"), 0, "avx512pf"},
        {F(AVX512ER), flag("avx512er"), 0, "avx512er"},
        {F(AVX512CD), flag("avx512cd"), 0, "avx512cd"},
        {F(AVX512BW), flag("avx512bw"), 0, "avx512bw"},
        {F(AVX512VL), flag("avx512vl"), 0, "avx512vl"},
        {F(SHA), flag("sha_ni"), 0, "sha_ni"},
        {F(FMA), flag("fma"), 0, "fma"},
        {F(VZEROUPPER), avx, 0, "avx"},
        {F(AVX512_VPOPCNTDQ), flag("avx512_vpopcntdq"), 0, "avx512_vpopcntdq"},
        {F(AVX512_VPCLMULQDQ), flag("vpclmulqdq") && avx512f, 0, "vpclmulqdq + avx512f"},
        {F(AVX512_VAES), flag("vaes") && avx512f, 0, "vaes + avx512f"},
        {F(AVX512_VNNI), flag("avx512_vnni"), 0, "avx512_vnni"},
        {F(FLUSH), flag("clflush"), 0, "clflush"},
        {F(FLUSHOPT), flag("clflushopt"), 0, "clflushopt"},
        {F(CLWB), flag("clwb"), 0, "clwb"},
        {F(AVX512_VBMI2), flag("avx512_vbmi2"), 0, "avx512_vbmi2"},
        {F(AVX512_VBMI), flag("avx512vbmi"), 0, "avx512vbmi"},
        {F(HV), flag("hypervisor"), 0, "hypervisor"},
        {F(SERIALIZE), flag("serialize"), 1, "serialize"},
        {F(RDTSCP), flag("rdtscp"), 0, "rdtscp"},
        {F(RDPID), flag("rdpid"), 0, "rdpid"},
        {F(FSRM), flag("fsrm"), 0, "fsrm"},
        {F(GFNI), flag("gfni") && avx, 0, "gfni + avx"},
        {F(AVX512_BITALG), flag("avx512_bitalg"), 0, "avx512_bitalg"},
        {F(PKU), flag("pku"), 1, "pku"},
        {F(OSPKE), flag("ospke"), 0, "ospke"},
        {F(CET_IBT), flag("ibt"), 1, "ibt"},
        {F(CET_SS), flag("user_shstk") || flag("shstk"), 1, "user_shstk"},
        {F(F16C), flag("f16c"), 0, "f16c"},
        {F(AVX512_IFMA), flag("avx512ifma"), 0, "avx512ifma"},
        {F(AVX_IFMA), flag("avx_ifma"), 1, "avx_ifma"},
        {F(APX_F), flag("apx") || flag("apx_f"), 1, "apx"},
        {F(SHA512), flag("sha512"), 1, "sha512"},
        {F(AVX512_FP16), flag("avx512_fp16"), 0, "avx512_fp16"},
        {F(AVX10_1), flag("avx10") || flag("avx10_1"), 1, "avx10"},
        {F(AVX10_2), flag("avx10_2"), 1, "avx10_2"},
    };
    const size_t count = sizeof(table) / sizeof(table[0]);
    int fields_in_struct = (int) sizeof(CPUFeatures);
    report(count == sizeof(CPUFeatures), "cpu: the test covers every CPUFeatures field (%zu of %d)", count, fields_in_struct);
    int present = 0;
    for (size_t i = 0; i < count; i++) {
        const Expectation *e = &table[i];
        int got = ((const unsigned char *) &features)[e->offset];
        present += got != 0;
        if (got > 1) {
            report(0, "cpu: f%-18s = %d (not 0 or 1)", e->field, got);
        } else if (got == e->expected) {
            report(1, "cpu: f%-18s = %d  (/proc/cpuinfo: %s)", e->field, got, e->evidence);
        } else if (e->soft && got && !e->expected) {
            warn("cpu: f%-18s = 1, but the kernel does not list '%s' (too new for it, or not enabled by it)", e->field, e->evidence);
        } else {
            report(0, "cpu: f%-18s = %d, /proc/cpuinfo says %d (%s)", e->field, got, e->expected, e->evidence);
        }
    }
    printf("      (%d of %zu features present; vendor %s, family 0x%x, model 0x%x)\n", present, count, cpu_vendor, cpu_family_nr, cpu_model_nr);

    /* The build-time check: a mask like the builder's (0xFF, 0xFE for required features). */
    const size_t words = (sizeof(CPUFeatures) + 7) / 8;
    uint8_t mask[256];
    memset(mask, 0xFF, sizeof(mask));
    static const char *const x86_64_v3[] = {"CX8", "CMOV", "FXSR", "MMX", "SSE", "SSE2", "SSE3", "SSSE3", "SSE4_1",
                                          "SSE4_2", "POPCNT", "LZCNT", "AVX", "AVX2", "BMI1", "BMI2", "FMA", "F16C"};
    int v3_supported = 1;
    for (size_t k = 0; k < sizeof(x86_64_v3) / sizeof(x86_64_v3[0]); k++) {
        for (size_t i = 0; i < count; i++) {
            if (strcmp(table[i].field, x86_64_v3[k]) == 0) {
                mask[table[i].offset] = 0xFE;
                v3_supported &= ((const unsigned char *) &features)[table[i].offset] != 0;
            }
        }
    }
    report(words * 8 <= sizeof(mask), "cpu: mask size %zu bytes", words * 8);
    report(checkCPUFeatures(mask) == (v3_supported ? 0 : 1), "cpu: checkCPUFeatures(x86-64-v3 mask) = %d, expected %d",
           checkCPUFeatures(mask), v3_supported ? 0 : 1);

    /* A feature this CPU lacks makes the check fail; the answer is cached, so ask a fresh process. */
    size_t absent = SIZE_MAX;
    for (size_t i = 0; i < count && absent == SIZE_MAX; i++) {
        if (((const unsigned char *) &features)[table[i].offset] == 0) {
            absent = i;
        }
    }
    if (absent == SIZE_MAX) {
        warn("cpu: this CPU has every feature; the failing check is not tested");
        return;
    }
    char cmd[8192], out[512] = "";
    snprintf(cmd, sizeof(cmd), "'%s' cpu-missing %zu 2>&1", self, table[absent].offset);
    FILE *p = popen(cmd, "r");
    size_t got = p != NULL ? fread(out, 1, sizeof(out) - 1, p) : 0;
    out[got] = '\0';
    int status = p != NULL ? pclose(p) : -1;
    report(WIFEXITED(status) && WEXITSTATUS(status) == 1 && strstr(out, "check=1") != NULL && strstr(out, "lacks a feature") != NULL,
           "cpu: requiring absent f%s (new process): checkCPUFeatures = 1, checkCPUFeaturesOrExit printed the message, exit %d",
           table[absent].field, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* The child of the test above: a mask that requires only the feature at the given offset. */
static int cpu_missing(size_t offset)
{
    uint8_t mask[256];
    memset(mask, 0xFF, sizeof(mask));
    mask[offset] = 0xFE;
    printf("check=%d\n", checkCPUFeatures(mask));
    fflush(stdout);
    checkCPUFeaturesOrExit(mask, "this CPU lacks a feature the image needs\n");
    return 0;
}

/* ---- time zone ------------------------------------------------------------------------------- */

static int same_file_contents(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same_contents = fa != NULL && fb != NULL;
    while (same_contents) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb) {
            same_contents = 0;
        }
        if (ca == EOF || cb == EOF) {
            break;
        }
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same_contents;
}

static void test_time_zone(const char *scratch)
{
    /* What this machine is set to: /etc/timezone first (as the JDK reads it), then the link. */
    char expected[256] = "";
    char *etc = read_text("/etc/timezone");
    if (etc != NULL && etc[0] != '\0' && etc[0] != '\n') {
        snprintf(expected, sizeof(expected), "%.*s", (int) strcspn(etc, " \t\n"), etc);
    }
    char link[4096];
    ssize_t n = readlink("/etc/localtime", link, sizeof(link) - 1);
    const char *link_zone = NULL;
    if (n > 0) {
        link[n] = '\0';
        link_zone = strstr(link, "zoneinfo/") != NULL ? strstr(link, "zoneinfo/") + 9 : NULL;
        if (expected[0] == '\0' && link_zone != NULL) {
            snprintf(expected, sizeof(expected), "%s", link_zone);
        }
    }
    unsetenv("TZ");
    char *zone = SVM_FindJavaTZmd(NULL, 0);
    report(expected[0] != '\0' && same(zone, expected), "tz: no TZ -> %s (/etc/timezone: %s, /etc/localtime -> %s)",
           or_null(zone), expected[0] ? expected : "-", or_null(link_zone));
    if (link_zone != NULL && expected[0] != '\0' && strcmp(link_zone, expected) != 0) {
        warn("tz: /etc/timezone and the /etc/localtime link disagree; the JDK, and we, take /etc/timezone");
    }
    free(zone);

    const char *cases[][2] = {{"Europe/Paris", "Europe/Paris"}, {":Europe/Paris", "Europe/Paris"},
                              {"posix/Asia/Tokyo", "Asia/Tokyo"}, {"", NULL}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        setenv("TZ", cases[i][0], 1);
        zone = SVM_FindJavaTZmd(NULL, 0);
        if (cases[i][1] != NULL) {
            report(same(zone, cases[i][1]), "tz: TZ=%s -> %s", cases[i][0], or_null(zone));
        } else {
            report(same(zone, expected), "tz: TZ= (empty) -> %s, like no TZ", or_null(zone));
        }
        free(zone);
    }
    unsetenv("TZ");

    /* The other sources, with files of our own. */
    char dir[4096], etc_tz[4096], localtime[4096];
    snprintf(dir, sizeof(dir), "%s/tz", scratch);
    mkdirs(dir);
    snprintf(etc_tz, sizeof(etc_tz), "%s/timezone", dir);
    snprintf(localtime, sizeof(localtime), "%s/localtime", dir);
    unlink(etc_tz);
    unlink(localtime);
    const char *zoneinfo = "/usr/share/zoneinfo";

    write_file(etc_tz, "Asia/Tokyo\n");
    zone = svmc_timezone_lookup(NULL, etc_tz, localtime, zoneinfo);
    report(same(zone, "Asia/Tokyo"), "tz: /etc/timezone 'Asia/Tokyo' -> %s", or_null(zone));
    free(zone);
    unlink(etc_tz);

    symlink("/usr/share/zoneinfo/America/New_York", localtime);
    zone = svmc_timezone_lookup(NULL, etc_tz, localtime, zoneinfo);
    report(same(zone, "America/New_York"), "tz: localtime -> /usr/share/zoneinfo/America/New_York gives %s", or_null(zone));
    free(zone);
    unlink(localtime);

    symlink("../../usr/share/zoneinfo/./Europe//Paris", localtime);
    zone = svmc_timezone_lookup(NULL, etc_tz, localtime, zoneinfo);
    report(same(zone, "Europe/Paris"), "tz: localtime -> ../../usr/share/zoneinfo/./Europe//Paris gives %s", or_null(zone));
    free(zone);
    unlink(localtime);

    /* A copy of a zone file: found by contents (any zone with identical contents is right). */
    char cmd[8192];
    snprintf(cmd, sizeof(cmd), "cp /usr/share/zoneinfo/Australia/Adelaide '%s'", localtime);
    if (system(cmd) == 0) {
        zone = svmc_timezone_lookup(NULL, etc_tz, localtime, zoneinfo);
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", zoneinfo, or_null(zone));
        report(zone != NULL && same_file_contents(path, localtime),
               "tz: localtime = a copy of Australia/Adelaide gives %s (same contents)", or_null(zone));
        free(zone);
    }
    unlink(localtime);

    zone = svmc_timezone_lookup(NULL, etc_tz, localtime, zoneinfo);
    report(zone == NULL, "tz: no TZ, no /etc/timezone, no /etc/localtime -> %s (Java then uses GMT)", or_null(zone));
    free(zone);
}

/* ---- locale ---------------------------------------------------------------------------------- */

static int print_locale(void)
{
    int result = svm_initialize_locale();
    if (result != SVM_LOCALE_INITIALIZATION_SUCCEEDED) {
        printf("result=%d\n", result);
        return 1;
    }
    svm_locale_props_t *p = svm_get_locale();
    printf("display=%s,%s,%s,%s format=%s,%s,%s,%s\n", or_null(p->display_language), or_null(p->display_script),
           or_null(p->display_country), or_null(p->display_variant), or_null(p->format_language),
           or_null(p->format_script), or_null(p->format_country), or_null(p->format_variant));
    return 0;
}

static void test_locale(const char *self)
{
    const char *locpath = getenv("SVM_TEST_LOCPATH");
    /* env for the child, expected output */
    const int have_locales = getenv("SVM_TEST_NO_LOCALES") == NULL;
    const char *cases[][3] = {
        {"LANG=fr_FR.UTF-8", "", "display=fr,(null),FR,(null) format=fr,(null),FR,(null)"},
        {"LANG=C.UTF-8", "", "display=en,(null),(null),(null) format=en,(null),(null),(null)"},
        {"LANG=en_US", "", "display=en,(null),US,(null) format=en,(null),US,(null)"},
        {"LANG=C", "", "display=en,(null),US,(null) format=en,(null),US,(null)"},
        {"", "", "display=en,(null),US,(null) format=en,(null),US,(null)"},
        {"LANG=fr_FR.UTF-8", "LC_MESSAGES=en_US", "display=en,(null),US,(null) format=fr,(null),FR,(null)"},
        {"LANG=sr_RS.UTF-8@latin", "", "display=sr,Latn,RS,(null) format=sr,Latn,RS,(null)"},
        {"LANG=xx_YY.UTF-8", "", "display=en,(null),US,(null) format=en,(null),US,(null)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (!have_locales && (strstr(cases[i][0], "fr_FR") != NULL || strstr(cases[i][0], "sr_RS") != NULL)) {
            warn("locale: %s skipped (test.sh could not compile the test locales)", cases[i][0]);
            continue;
        }
        char cmd[8192];
        snprintf(cmd, sizeof(cmd), "env -i %s%s %s %s '%s' locale", locpath ? "LOCPATH=" : "", locpath ? locpath : "",
                 cases[i][0], cases[i][1], self);
        FILE *p = popen(cmd, "r");
        char out[512] = "";
        if (p == NULL || fgets(out, sizeof(out), p) == NULL) {
            out[0] = '\0';
        }
        if (p != NULL) {
            pclose(p);
        }
        out[strcspn(out, "\n")] = '\0';
        report(strcmp(out, cases[i][2]) == 0, "locale: %s %s -> %s%s%s", cases[i][0][0] ? cases[i][0] : "(no LANG)", cases[i][1],
               out, strcmp(out, cases[i][2]) == 0 ? "" : "   expected ", strcmp(out, cases[i][2]) == 0 ? "" : cases[i][2]);
    }
}

/* ---- signals --------------------------------------------------------------------------------- */

static sem_t dispatched_sem;
static volatile int dispatched[NSIG];
static volatile int stop_dispatcher;

/* Like PosixSignalHandlerSupport's dispatcher thread. */
static void *dispatcher(void *arg)
{
    (void) arg;
    while (!stop_dispatcher) {
        if (cSunMiscSignal_awaitSemaphore() != 0) {
            return (void *) 1;
        }
        int sig = cSunMiscSignal_checkPendingSignal();
        if (sig >= 0) {
            dispatched[sig]++;
            sem_post(&dispatched_sem);
        }
    }
    return NULL;
}

static void install(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void test_signals(void)
{
    report(cSunMiscSignal_open() == 0, "signal: open() = 0 (claimed)");
    report(cSunMiscSignal_open() == 1, "signal: open() again = 1 (already claimed by an isolate)");
    report(cSunMiscSignal_signalRangeCheck(SIGUSR2) == 1 && cSunMiscSignal_signalRangeCheck(0) == 0
           && cSunMiscSignal_signalRangeCheck(NSIG) == 0 && cSunMiscSignal_signalRangeCheck(-1) == 0,
           "signal: signalRangeCheck: SIGUSR2 yes, 0, -1 and NSIG=%d no", NSIG);
    report(cSunMiscSignal_checkPendingSignal() == -1, "signal: checkPendingSignal() = -1 with nothing pending");

    void (*handler)(int) = cSunMiscSignal_signalHandlerFunctionPointer();
    install(SIGUSR2, handler);
    install(SIGHUP, handler);
    raise(SIGUSR2);
    raise(SIGUSR2);
    raise(SIGHUP);
    /* Three posts: three waits return at once, each taking one signal, lowest number first. */
    int got[3];
    for (int i = 0; i < 3; i++) {
        int w = cSunMiscSignal_awaitSemaphore();
        got[i] = w == 0 ? cSunMiscSignal_checkPendingSignal() : -100;
    }
    report(got[0] == SIGHUP && got[1] == SIGUSR2 && got[2] == SIGUSR2 && cSunMiscSignal_checkPendingSignal() == -1,
           "signal: raise(SIGUSR2) twice, raise(SIGHUP): delivered %d, %d, %d, then -1 (SIGHUP=%d, SIGUSR2=%d)",
           got[0], got[1], got[2], SIGHUP, SIGUSR2);

    /* With a dispatcher thread, as in an image, and the signal sent by kill() from elsewhere. */
    sem_init(&dispatched_sem, 0, 0);
    pthread_t thread;
    pthread_create(&thread, NULL, dispatcher, NULL);
    for (int i = 0; i < 5; i++) {
        kill(getpid(), SIGUSR2);
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += 5;
        if (sem_timedwait(&dispatched_sem, &deadline) != 0) {
            break;
        }
    }
    report(dispatched[SIGUSR2] == 5, "signal: dispatcher thread received %d of 5 kill(SIGUSR2)", dispatched[SIGUSR2]);
    stop_dispatcher = 1;
    report(cSunMiscSignal_signalSemaphore() == 0, "signal: signalSemaphore() = 0 (wakes the dispatcher to stop it)");
    void *thread_result;
    pthread_join(thread, &thread_result);
    report(thread_result == NULL, "signal: dispatcher thread stopped");

    install(SIGUSR2, SIG_DFL);
    install(SIGHUP, SIG_DFL);
    report(cSunMiscSignal_close() == 0, "signal: close() = 0");
    report(cSunMiscSignal_open() == 0 && cSunMiscSignal_checkPendingSignal() == -1 && cSunMiscSignal_close() == 0,
           "signal: open() after close() = 0 again, counters reset");
}

/* ---- container ------------------------------------------------------------------------------- */

static unsigned long long host_memory(void)
{
    return (unsigned long long) sysconf(_SC_PHYS_PAGES) * (unsigned long long) sysconf(_SC_PAGESIZE);
}

static void print_container_values(const char *label)
{
    printf("      %s: physical_memory=%llu memory_limit=%lld memory_and_swap_limit=%lld soft_limit=%lld usage=%lld "
           "max_usage=%lld rss=%lld cache=%lld processors=%d\n",
           label, svm_container_physical_memory(), svm_container_memory_limit_in_bytes(),
           svm_container_memory_and_swap_limit_in_bytes(), svm_container_memory_soft_limit_in_bytes(),
           svm_container_memory_usage_in_bytes(), svm_container_memory_max_usage_in_bytes(),
           svm_container_rss_usage_in_bytes(), svm_container_cache_usage_in_bytes(), svm_container_active_processor_count());
}

/* A fake / with /proc/self/{cgroup,mountinfo} and cgroup files. */
static void fake_root(const char *root, const char *cgroup, const char *mountinfo)
{
    char path[4096];
    snprintf(path, sizeof(path), "rm -rf '%s'", root);
    if (system(path) != 0) {
        exit(100);
    }
    snprintf(path, sizeof(path), "%s/proc/self", root);
    mkdirs(path);
    snprintf(path, sizeof(path), "%s/proc/self/cgroup", root);
    write_file(path, cgroup);
    snprintf(path, sizeof(path), "%s/proc/self/mountinfo", root);
    write_file(path, mountinfo);
}

static void fake_file(const char *root, const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s%s", root, dir);
    mkdirs(path);
    snprintf(path, sizeof(path), "%s%s/%s", root, dir, name);
    write_file(path, text);
}

static void test_container(const char *scratch, int nproc)
{
    /* The real machine. */
    report(svm_container_initialize(240101) == 2, "container: initialize(240101) = 2 (library too old for the image)");
    report(svm_container_initialize(240099) == 3, "container: initialize(240099) = 3 (library too new)");
    int here = svm_container_initialize(240100);
    report(here == 0 || here == 1, "container: initialize(240100) on this machine = %d (%s)", here,
           here ? "containerized" : "not containerized");
    print_container_values("this machine");
    long long limit = svm_container_memory_limit_in_bytes();
    unsigned long long expected_memory = limit > 0 ? (unsigned long long) limit : host_memory();
    report(svm_container_physical_memory() == expected_memory, "container: physical_memory = %llu (%s)",
           svm_container_physical_memory(), limit > 0 ? "the cgroup limit" : "host memory, no cgroup limit");
    report(svm_container_active_processor_count() == nproc || (here && svm_container_active_processor_count() < nproc),
           "container: active_processor_count = %d (nproc %d)", svm_container_active_processor_count(), nproc);
    report(svm_container_memory_usage_in_bytes() > 0, "container: memory_usage = %lld (> 0: the cgroup files were found)",
           svm_container_memory_usage_in_bytes());
    report(JVM_IsUseContainerSupport() == JNI_TRUE && JVM_IsContainerized() == (here == 1),
           "jvm: JVM_IsUseContainerSupport = 1, JVM_IsContainerized = %d (agrees with initialize)", JVM_IsContainerized());

    /* cgroup v2 in a container: read-only mount, 256 MiB, 1.5 CPUs, swap 64 MiB. */
    char root[4096];
    snprintf(root, sizeof(root), "%s/cgroup-v2", scratch);
    fake_root(root, "0::/\n",
              "22 1 0:21 / / rw,relatime - overlay overlay rw\n"
              "30 22 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n");
    fake_file(root, "/sys/fs/cgroup", "memory.max", "268435456\n");
    fake_file(root, "/sys/fs/cgroup", "memory.swap.max", "67108864\n");
    fake_file(root, "/sys/fs/cgroup", "memory.low", "0\n");
    fake_file(root, "/sys/fs/cgroup", "memory.current", "12345678\n");
    fake_file(root, "/sys/fs/cgroup", "memory.peak", "23456789\n");
    fake_file(root, "/sys/fs/cgroup", "memory.stat", "anon 1000000\nfile 2000000\nkernel 3000\n");
    fake_file(root, "/sys/fs/cgroup", "cpu.max", "150000 100000\n");
    svmc_container_use_root(root);
    report(svm_container_initialize(240100) == 1, "container v2: initialize = 1 (containerized)");
    print_container_values("fake v2");
    report(svm_container_physical_memory() == 268435456ULL && svm_container_memory_limit_in_bytes() == 268435456LL,
           "container v2: physical_memory = memory_limit = 256 MiB");
    report(svm_container_memory_and_swap_limit_in_bytes() == 268435456LL + 67108864LL, "container v2: memory_and_swap = 320 MiB");
    report(svm_container_memory_soft_limit_in_bytes() == 0 && svm_container_memory_usage_in_bytes() == 12345678
           && svm_container_memory_max_usage_in_bytes() == 23456789 && svm_container_rss_usage_in_bytes() == 1000000
           && svm_container_cache_usage_in_bytes() == 2000000,
           "container v2: soft limit, usage, peak, rss (anon), cache (file) read");
    int expect_cpus = nproc < 2 ? nproc : 2;
    report(svm_container_active_processor_count() == expect_cpus, "container v2: processors = min(nproc %d, ceil(1.5)) = %d",
           nproc, svm_container_active_processor_count());
    report(JVM_IsContainerized() == JNI_TRUE, "jvm: JVM_IsContainerized = 1 under the fake v2 root");

    /* cgroup v2 on a host: writable mount, process in /a/b, the limit on /a, no CPU limit. */
    fake_root(root, "0::/a/b\n", "30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n");
    fake_file(root, "/sys/fs/cgroup/a", "memory.max", "536870912\n");
    fake_file(root, "/sys/fs/cgroup/a", "cpu.max", "max 100000\n");
    fake_file(root, "/sys/fs/cgroup/a/b", "memory.max", "max\n");
    fake_file(root, "/sys/fs/cgroup/a/b", "cpu.max", "max 100000\n");
    fake_file(root, "/sys/fs/cgroup/a", "memory.current", "1000\n");
    svmc_container_use_root(root);
    report(svm_container_initialize(240100) == 1 && svm_container_memory_limit_in_bytes() == 536870912LL
           && svm_container_memory_usage_in_bytes() == 1000 && svm_container_active_processor_count() == nproc
           && svm_container_memory_and_swap_limit_in_bytes() == 536870912LL,
           "container v2: limit on the parent cgroup counts (512 MiB), no swap files = memory limit, no CPU limit");

    /* cgroup v2, no limits, writable: not a container. */
    fake_root(root, "0::/user.slice\n", "30 22 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n");
    fake_file(root, "/sys/fs/cgroup/user.slice", "memory.max", "max\n");
    fake_file(root, "/sys/fs/cgroup/user.slice", "cpu.max", "max 100000\n");
    svmc_container_use_root(root);
    report(svm_container_initialize(240100) == 0 && svm_container_memory_limit_in_bytes() == -1
           && svm_container_physical_memory() == host_memory(),
           "container v2: no limits on a writable hierarchy = not containerized, host memory");

    /* cgroup v1 (with cpu,cpuacct joined), as podman sets it up on a v1 host. */
    snprintf(root, sizeof(root), "%s/cgroup-v1", scratch);
    fake_root(root, "12:memory:/\n4:cpu,cpuacct:/\n0::/\n",
              "40 31 0:35 / /sys/fs/cgroup/memory ro,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory\n"
              "41 31 0:36 / /sys/fs/cgroup/cpu,cpuacct ro,nosuid,nodev,noexec,relatime - cgroup cgroup rw,cpu,cpuacct\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.limit_in_bytes", "268435456\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.memsw.limit_in_bytes", "536870912\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.swappiness", "60\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.soft_limit_in_bytes", "9223372036854771712\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.usage_in_bytes", "4096000\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.max_usage_in_bytes", "8192000\n");
    fake_file(root, "/sys/fs/cgroup/memory", "memory.stat", "cache 300\nrss 200\nhierarchical_memory_limit 268435456\n");
    fake_file(root, "/sys/fs/cgroup/cpu,cpuacct", "cpu.cfs_quota_us", "50000\n");
    fake_file(root, "/sys/fs/cgroup/cpu,cpuacct", "cpu.cfs_period_us", "100000\n");
    svmc_container_use_root(root);
    report(svm_container_initialize(240100) == 1, "container v1: initialize = 1");
    print_container_values("fake v1");
    report(svm_container_physical_memory() == 268435456ULL && svm_container_memory_and_swap_limit_in_bytes() == 536870912LL
           && svm_container_memory_soft_limit_in_bytes() == -1 && svm_container_memory_usage_in_bytes() == 4096000
           && svm_container_memory_max_usage_in_bytes() == 8192000 && svm_container_rss_usage_in_bytes() == 200
           && svm_container_cache_usage_in_bytes() == 300 && svm_container_active_processor_count() == 1,
           "container v1: 256 MiB, memsw 512 MiB, no soft limit, usage/max/rss/cache read, 0.5 CPU -> 1 processor");

    svmc_container_use_root(NULL);
    report(svm_container_initialize(240100) == here, "container: back on the real root, initialize = %d again", here);
}

/* What the podman check prints inside the container. */
static int probe(void)
{
    int result = svm_container_initialize(240100);
    printf("svm_container_initialize=%d\n", result);
    printf("svm_container_physical_memory=%llu (%.1f MiB)\n", svm_container_physical_memory(),
           svm_container_physical_memory() / 1048576.0);
    printf("svm_container_memory_limit_in_bytes=%lld\n", svm_container_memory_limit_in_bytes());
    printf("svm_container_memory_and_swap_limit_in_bytes=%lld\n", svm_container_memory_and_swap_limit_in_bytes());
    printf("svm_container_memory_usage_in_bytes=%lld\n", svm_container_memory_usage_in_bytes());
    printf("svm_container_active_processor_count=%d\n", svm_container_active_processor_count());
    printf("JVM_ActiveProcessorCount=%d\n", JVM_ActiveProcessorCount());
    printf("JVM_IsContainerized=%d\n", JVM_IsContainerized());
    return 0;
}

/* ---- libjvm and the rest of libchelper ------------------------------------------------------------ */

static void test_jvm(int nproc, const char *scratch)
{
    initialize();
    report(JVM_ActiveProcessorCount() == nproc, "jvm: JVM_ActiveProcessorCount = %d, nproc = %d", JVM_ActiveProcessorCount(), nproc);

    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    jlong mono = (jlong) ts.tv_sec * 1000000000 + ts.tv_nsec, nano1 = JVM_NanoTime(NULL, NULL);
    usleep(20000);
    jlong nano2 = JVM_NanoTime(NULL, NULL);
    report(nano1 >= mono && nano1 - mono < 100000000 && nano2 - nano1 >= 20000000 && nano2 - nano1 < 2000000000,
           "jvm: JVM_NanoTime is CLOCK_MONOTONIC in ns (20 ms sleep measured as %.1f ms)", (nano2 - nano1) / 1e6);
    jlong millis = JVM_CurrentTimeMillis(NULL, NULL);
    report(llabs(millis - (jlong) time(NULL) * 1000) < 2000, "jvm: JVM_CurrentTimeMillis = %lld (wall clock)", (long long) millis);
    jlong adj = JVM_GetNanoTimeAdjustment(NULL, NULL, time(NULL) - 10);
    jlong far = JVM_GetNanoTimeAdjustment(NULL, NULL, time(NULL) - (1LL << 32));
    report(adj >= 9000000000LL && adj < 12000000000LL && far == -1,
           "jvm: JVM_GetNanoTimeAdjustment(now - 10 s) = %lld ns, (now - 2^32 s) = %lld", (long long) adj, (long long) far);

    void *entry = JVM_FindLibraryEntry(RTLD_DEFAULT, "inet_pton");
    report(entry == dlsym(RTLD_DEFAULT, "inet_pton") && entry != NULL, "jvm: JVM_FindLibraryEntry(RTLD_DEFAULT, inet_pton) = dlsym's");
    __svm_vm_is_static_binary = 1;
    report(JVM_FindLibraryEntry(RTLD_DEFAULT, "inet_pton") == (void *) inet_pton && JVM_FindLibraryEntry(RTLD_DEFAULT, "getpid") == NULL,
           "jvm: static image: JVM_FindLibraryEntry answers inet_pton only");
    __svm_vm_is_static_binary = 0;

    char buf[8];
    int r1 = jio_snprintf(buf, sizeof(buf), "%s", "abc"), r2 = jio_snprintf(buf, sizeof(buf), "%s", "abcdefghij");
    report(r1 == 3 && r2 == -1 && strcmp(buf, "abcdefg") == 0, "jvm: jio_snprintf: fits -> 3, too long -> -1 with '%s'", buf);
    errno = ENOENT;
    char err[64];
    jint errlen = JVM_GetLastErrorString(err, sizeof(err));
    report(errlen == (jint) strlen(strerror(ENOENT)) && strcmp(err, strerror(ENOENT)) == 0, "jvm: JVM_GetLastErrorString = '%s'", err);

    void *monitor = JVM_RawMonitorCreate();
    int entered = monitor != NULL && JVM_RawMonitorEnter(monitor) == 0;
    int busy = entered && pthread_mutex_trylock(monitor) != 0; /* held: a second lock fails */
    if (entered) {
        JVM_RawMonitorExit(monitor);
    }
    int free_again = monitor != NULL && pthread_mutex_trylock(monitor) == 0 && pthread_mutex_unlock(monitor) == 0;
    JVM_RawMonitorDestroy(monitor);
    report(entered && busy && free_again, "jvm: JVM_RawMonitorCreate/Enter/Exit/Destroy lock and unlock");
    char native_path[] = "/a/b";
    report(JVM_NativePath(native_path) == native_path && strcmp(native_path, "/a/b") == 0 && JVM_GetManagement(0x20040000) == NULL,
           "jvm: JVM_NativePath leaves the path as it is; JVM_GetManagement = NULL (no jmm interface)");

    report(getThreadId() == (int) syscall(SYS_gettid), "libchelper: getThreadId = gettid = %d", getThreadId());
    volatile double x = 0;
    for (long i = 0; i < 300000000L; i++) {
        x += (double) i * 0.5;
    }
    struct timespec cpu;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    long user = getThreadUserTimeSlow(getThreadId());
    long total = (long) cpu.tv_sec * 1000000000L + cpu.tv_nsec;
    report(user > 0 && user <= total + 20000000L, "libchelper: getThreadUserTimeSlow = %.0f ms user (thread CPU total %.0f ms)",
           user / 1e6, total / 1e6);
    report(getThreadUserTimeSlow(999999999) == -1, "libchelper: getThreadUserTimeSlow(no such thread) = -1");

    extern char **environ;
    report(getEnviron() == environ, "libchelper: getEnviron = environ");

    char path[4096];
    snprintf(path, sizeof(path), "%s/opened", scratch);
    int fd = openSII(path, O_CREAT | O_WRONLY | O_TRUNC, 0640);
    struct stat st;
    memset(&st, 0, sizeof(st));
    int stat_ok = fd >= 0 && fstat(fd, &st) == 0;
    report(stat_ok && (st.st_mode & 0777) == 0640, "libchelper: openSII creates with mode 0%o", st.st_mode & 0777);
    FILE *f = fdopen(fd, "w");
    fprintfSD(f, "%s=%d\n", "answer", 42);
    fclose(f);
    char *text = read_text(path);
    report(text != NULL && strcmp(text, "answer=42\n") == 0, "libchelper: fprintfSD wrote 'answer=42'");
    int dirfd = open(scratch, O_RDONLY | O_DIRECTORY);
    fd = openatISII(dirfd, "opened", O_RDONLY, 0);
    report(fd >= 0, "libchelper: openatISII opens relative to a directory");
    close(fd);
    close(dirfd);

    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    map[0] = 'x';
    char *grown = mremapP(map, page, 4 * page, MREMAP_MAYMOVE, NULL);
    report(grown != MAP_FAILED && grown[0] == 'x', "libchelper: mremapP grows a mapping (MREMAP_MAYMOVE)");
    report(mremapP((void *) 1, page, page, 0, NULL) == MAP_FAILED, "libchelper: mremapP fails with MAP_FAILED on a bad address");
    munmap(grown, 4 * page);
    codeSynchronization_clearCache((uintptr_t) path, sizeof(path));

    snprintf(path, sizeof(path), "%s/attach.sock", scratch);
    unlink(path);
    int listener = svm_attach_create_listener(path);
    report(listener >= 0 && svm_attach_check_socket_file(path) && stat(path, &st) == 0 && S_ISSOCK(st.st_mode)
           && (st.st_mode & 0777) == 0600, "libchelper: svm_attach_create_listener makes a 0600 socket file");
    report(svm_attach_is_init_trigger(path) == 1, "libchelper: svm_attach_is_init_trigger accepts a file of our own");
    svm_attach_listener_cleanup(listener, path);
    report(svm_attach_check_socket_file(path) == 0, "libchelper: svm_attach_listener_cleanup removes it");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    umask(022);
    if (argc > 1 && strcmp(argv[1], "locale") == 0) {
        return print_locale();
    }
    if (argc > 2 && strcmp(argv[1], "cpu-missing") == 0) {
        return cpu_missing((size_t) atol(argv[2]));
    }
    if (argc > 1 && strcmp(argv[1], "probe") == 0) {
        return probe();
    }
    const char *scratch = getenv("SVM_TEST_SCRATCH") != NULL ? getenv("SVM_TEST_SCRATCH") : "/tmp/svm-test";
    mkdirs(scratch);
    int nproc = getenv("SVM_TEST_NPROC") != NULL ? atoi(getenv("SVM_TEST_NPROC")) : (int) sysconf(_SC_NPROCESSORS_ONLN);
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[n > 0 ? n : 0] = '\0';

    test_cpu_features(self);
    test_time_zone(scratch);
    test_locale(self);
    test_signals();
    test_container(scratch, nproc);
    test_jvm(nproc, scratch);
    printf("%d failure(s)\n", failures);
    return failures > 100 ? 100 : failures;
}
