/*
 * CPU feature detection for SubstrateVM on Linux/amd64 (part of liblibchelper.a).
 *
 * Callers, all in com.oracle.svm.core.amd64:
 *  - AMD64CPUFeatureAccess.determineHostCPUFeatures() zero-fills a CPUFeatures struct on the
 *    stack and calls determineCPUFeatures(); every byte that is non-zero afterwards is a
 *    feature the running CPU and the kernel support. The image uses the result to pick
 *    code paths guarded by run-time CPU feature checks.
 *  - CEntryPointSnippets.createIsolate() calls checkCPUFeatures(mask) and fails isolate
 *    creation (error 23) when the result is not 0.
 *  - JavaMainWrapper calls checkCPUFeaturesOrExit(mask, message) before anything else; it
 *    ignores the result.
 *
 * The mask is built by the image builder (CPUFeatureAccessFeatureBase): sizeof(CPUFeatures)
 * rounded up to whole 64-bit words, every byte 0xFF except the byte of each feature the image
 * was compiled for (the build's target, e.g. x86-64-v3), which is 0xFE. The builder takes the
 * byte offsets from the same amd64cpufeatures.h we compile against, so a feature byte that we
 * set to 1 fills exactly the one zero bit of its mask byte: the CPU can run the image if and
 * only if (mask | features) has all bits set.
 *
 * The feature list and what each one means follow HotSpot's x86 VM_Version (the JVMCI
 * AMD64.CPUFeature enum is the same list). A feature is only reported when it can be used:
 * AVX-class features need the OS to save the YMM state, AVX-512-class ones the opmask and
 * ZMM state, APX the extended GPR state, all read from XCR0 with XGETBV.
 */
#if !defined(__x86_64__)
#error "cpufeatures.c is for x86-64 only"
#endif

#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amd64cpufeatures.h"

/* One CPUID result. */
typedef struct {
    uint32_t a, b, c, d;
} Regs;

/* All CPUID and XCR0 values the feature decisions need; unavailable leaves stay zero. */
typedef struct {
    uint32_t max_leaf, max_ext_leaf;
    char vendor[13];
    Regs l1, l4, l7, l7s1, lb0, lb1, l24;
    Regs e1, e7, e8, e1e;
    uint64_t xcr0;
} CpuInfo;

#define BIT(reg, n) ((((reg) >> (n)) & 1u) != 0)

/* XCR0 state components (Intel SDM vol. 1, 13.1). */
#define XCR0_SSE       (1u << 1)
#define XCR0_YMM       (1u << 2)
#define XCR0_OPMASK    (1u << 5)
#define XCR0_ZMM_HI256 (1u << 6)
#define XCR0_HI16_ZMM  (1u << 7)
#define XCR0_APX       (1u << 19)

static Regs cpuid(uint32_t leaf, uint32_t subleaf)
{
    Regs r;
    __cpuid_count(leaf, subleaf, r.a, r.b, r.c, r.d);
    return r;
}

static void read_cpu_info(CpuInfo *ci)
{
    Regs r;
    memset(ci, 0, sizeof(*ci));

    r = cpuid(0, 0);
    ci->max_leaf = r.a;
    memcpy(ci->vendor + 0, &r.b, 4);
    memcpy(ci->vendor + 4, &r.d, 4);
    memcpy(ci->vendor + 8, &r.c, 4);

    if (ci->max_leaf >= 1) {
        ci->l1 = cpuid(1, 0);
        /* XGETBV is only legal once the OS has set CR4.OSXSAVE (CPUID.1:ECX bit 27). */
        if (BIT(ci->l1.c, 27)) {
            uint32_t lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            ci->xcr0 = ((uint64_t) hi << 32) | lo;
        }
    }
    if (ci->max_leaf >= 4) {
        ci->l4 = cpuid(4, 0);
    }
    if (ci->max_leaf >= 7) {
        ci->l7 = cpuid(7, 0);
        if (ci->l7.a >= 1) { /* EAX of subleaf 0 is the highest subleaf */
            ci->l7s1 = cpuid(7, 1);
        }
    }
    if (ci->max_leaf >= 0xB) {
        ci->lb0 = cpuid(0xB, 0);
        ci->lb1 = cpuid(0xB, 1);
    }
    /* Leaf 0x24 (AVX10 converged vector ISA) exists only when CPUID.(7,1):EDX.AVX10 is set. */
    if (ci->max_leaf >= 0x24 && BIT(ci->l7s1.d, 19)) {
        ci->l24 = cpuid(0x24, 0);
    }

    ci->max_ext_leaf = cpuid(0x80000000u, 0).a;
    if (ci->max_ext_leaf >= 0x80000001u) {
        ci->e1 = cpuid(0x80000001u, 0);
    }
    if (ci->max_ext_leaf >= 0x80000007u) {
        ci->e7 = cpuid(0x80000007u, 0);
    }
    if (ci->max_ext_leaf >= 0x80000008u) {
        ci->e8 = cpuid(0x80000008u, 0);
    }
    if (ci->max_ext_leaf >= 0x8000001Eu) {
        ci->e1e = cpuid(0x8000001Eu, 0);
    }
}

static int is_intel(const CpuInfo *ci) { return strcmp(ci->vendor, "GenuineIntel") == 0; }
static int is_amd_like(const CpuInfo *ci)
{
    return strcmp(ci->vendor, "AuthenticAMD") == 0 || strcmp(ci->vendor, "HygonGenuine") == 0;
}
static int is_zhaoxin(const CpuInfo *ci)
{
    return strcmp(ci->vendor, "CentaurHauls") == 0 || strcmp(ci->vendor, "  Shanghai  ") == 0;
}

/* Display family and model as the SDM defines them from CPUID.1:EAX. */
static uint32_t cpu_family(const CpuInfo *ci)
{
    uint32_t family = (ci->l1.a >> 8) & 0xF;
    return family == 0xF ? family + ((ci->l1.a >> 20) & 0xFF) : family;
}
static uint32_t cpu_model(const CpuInfo *ci)
{
    uint32_t family = (ci->l1.a >> 8) & 0xF, model = (ci->l1.a >> 4) & 0xF;
    return (family == 6 || family == 0xF) ? model | (((ci->l1.a >> 16) & 0xF) << 4) : model;
}

/* Leaf 0xB is usable when its SMT level reports a shift or a processor count. */
static int has_topology_leaf(const CpuInfo *ci)
{
    return ci->max_leaf >= 0xB && ((ci->lb0.a & 0x1F) != 0 || (ci->lb0.b & 0xFFFF) != 0);
}

/* Cores per package, as HotSpot computes it for the HT decision. */
static uint32_t cores_per_package(const CpuInfo *ci)
{
    uint32_t cores = 0;
    if (is_intel(ci) || is_zhaoxin(ci)) {
        if (has_topology_leaf(ci) && (ci->lb0.b & 0xFFFF) != 0) {
            cores = (ci->lb1.b & 0xFFFF) / (ci->lb0.b & 0xFFFF);
        }
        if (cores == 0) {
            cores = ((ci->l4.a >> 26) & 0x3F) + 1;
        }
    } else if (is_amd_like(ci)) {
        cores = (ci->e8.c & 0xFF) + 1;
    }
    return cores == 0 ? 1 : cores;
}

/* Hardware threads per core; HotSpot's HT feature means "more than one". */
static uint32_t threads_per_core(const CpuInfo *ci)
{
    uint32_t threads = 1;
    if ((is_intel(ci) || is_zhaoxin(ci)) && has_topology_leaf(ci)) {
        threads = ci->lb0.b & 0xFFFF;
    } else if (BIT(ci->l1.d, 28)) { /* HTT: the package has more than one logical processor */
        if (cpu_family(ci) >= 0x17 && ci->max_ext_leaf >= 0x8000001Eu) {
            threads = ((ci->e1e.b >> 8) & 0xFF) + 1; /* AMD Zen: ThreadsPerCore - 1 */
        } else {
            threads = ((ci->l1.b >> 16) & 0xFF) / cores_per_package(ci);
        }
    }
    return threads == 0 ? 1 : threads;
}

/* Invariant TSC that is also synchronised across sockets, HotSpot's TSCINV. */
static int tsc_is_invariant_and_synced(const CpuInfo *ci)
{
    if (is_amd_like(ci)) {
        return !(strcmp(ci->vendor, "AuthenticAMD") == 0 && cpu_family(ci) == 0x11);
    }
    if (is_intel(ci) && cpu_family(ci) == 6) {
        uint32_t m = cpu_model(ci); /* Nehalem-EP, Westmere-EP, Sandy Bridge-EP, HotSpot's Ivy Bridge-EP */
        return m == 0x1A || m == 0x2C || m == 0x2D || m == 0x3A;
    }
    return 0;
}

/*
 * Fills in the feature bytes (1 = present) of the struct the caller zero-filled. Bytes of
 * absent features are left alone. Called by AMD64CPUFeatureAccess and by checkCPUFeatures.
 */
void determineCPUFeatures(CPUFeatures *f)
{
    CpuInfo ci;
    read_cpu_info(&ci);
    const Regs *l1 = &ci.l1, *l7 = &ci.l7, *l7s1 = &ci.l7s1, *e1 = &ci.e1;
    const int os_avx = BIT(l1->c, 27) && (ci.xcr0 & (XCR0_SSE | XCR0_YMM)) == (XCR0_SSE | XCR0_YMM);
    const uint64_t zmm_state = XCR0_OPMASK | XCR0_ZMM_HI256 | XCR0_HI16_ZMM;
    const int os_avx512 = os_avx && (ci.xcr0 & zmm_state) == zmm_state;

    /* CPUID.1:EDX, with AMD's mirror bits in CPUID.80000001h:EDX. */
    f->fTSC = BIT(l1->d, 4);
    f->fCX8 = BIT(l1->d, 8);
    f->fCMOV = BIT(l1->d, 15);
    f->fFLUSH = BIT(l1->d, 19);
    f->fMMX = BIT(l1->d, 23) || BIT(e1->d, 23);
    f->fFXSR = BIT(l1->d, 24) || BIT(e1->d, 24);
    f->fSSE = BIT(l1->d, 25);
    f->fSSE2 = BIT(l1->d, 26);
    f->fHT = threads_per_core(&ci) > 1;

    /* CPUID.1:ECX. */
    f->fSSE3 = BIT(l1->c, 0);
    f->fCLMUL = BIT(l1->c, 1);
    f->fSSSE3 = BIT(l1->c, 9);
    f->fSSE4_1 = BIT(l1->c, 19);
    f->fSSE4_2 = BIT(l1->c, 20);
    f->fPOPCNT = BIT(l1->c, 23);
    f->fAES = BIT(l1->c, 25);
    f->fHV = BIT(l1->c, 31);

    /* Scalar and general-purpose-register extensions of leaf 7 (no OS state needed). */
    f->fBMI1 = BIT(l7->b, 3);
    f->fBMI2 = BIT(l7->b, 8);
    f->fERMS = BIT(l7->b, 9);
    f->fRTM = BIT(l7->b, 11);
    f->fADX = BIT(l7->b, 19);
    f->fFLUSHOPT = BIT(l7->b, 23);
    f->fCLWB = BIT(l7->b, 24);
    f->fSHA = BIT(l7->b, 29);
    f->fPKU = BIT(l7->c, 3);
    f->fOSPKE = BIT(l7->c, 4);
    f->fCET_SS = BIT(l7->c, 7);
    f->fRDPID = BIT(l7->c, 22);
    f->fFSRM = BIT(l7->d, 4);
    f->fSERIALIZE = BIT(l7->d, 14);
    f->fCET_IBT = BIT(l7->d, 20);

    /* Extended leaves. */
    f->fLZCNT = BIT(e1->c, 5);
    f->fSSE4A = BIT(e1->c, 6);
    f->fAMD_3DNOW_PREFETCH = BIT(e1->c, 8) || BIT(e1->d, 31); /* PREFETCHW or 3DNow! */
    f->fRDTSCP = BIT(e1->d, 27);
    f->fTSCINV_BIT = BIT(ci.e7.d, 8);
    f->fTSCINV = f->fTSCINV_BIT && tsc_is_invariant_and_synced(&ci);

    /* VEX-encoded vector extensions: need the OS to save XMM and YMM state. */
    if (os_avx && BIT(l1->c, 28)) {
        f->fAVX = 1;
        f->fVZEROUPPER = 1;
        f->fFMA = BIT(l1->c, 12);
        f->fF16C = BIT(l1->c, 29);
        f->fGFNI = BIT(l7->c, 8);
        f->fSHA512 = BIT(l7s1->a, 0);
        if (BIT(l7->b, 5)) {
            f->fAVX2 = 1;
            f->fAVX_IFMA = BIT(l7s1->a, 23);
        }
        /* EVEX-encoded extensions: need opmask and all ZMM state as well. */
        if (os_avx512 && BIT(l7->b, 16)) {
            f->fAVX512F = 1;
            f->fAVX512DQ = BIT(l7->b, 17);
            f->fAVX512_IFMA = BIT(l7->b, 21);
            f->fAVX512PF = BIT(l7->b, 26);
            f->fAVX512ER = BIT(l7->b, 27);
            f->fAVX512CD = BIT(l7->b, 28);
            f->fAVX512BW = BIT(l7->b, 30);
            f->fAVX512VL = BIT(l7->b, 31);
            f->fAVX512_VBMI = BIT(l7->c, 1);
            f->fAVX512_VBMI2 = BIT(l7->c, 6);
            f->fAVX512_VAES = BIT(l7->c, 9);
            f->fAVX512_VPCLMULQDQ = BIT(l7->c, 10);
            f->fAVX512_VNNI = BIT(l7->c, 11);
            f->fAVX512_BITALG = BIT(l7->c, 12);
            f->fAVX512_VPOPCNTDQ = BIT(l7->c, 14);
            f->fAVX512_FP16 = BIT(l7->d, 23);
        }
        /* AVX10 with 512-bit vectors; the version number is CPUID.24h:EBX[7:0]. */
        if (os_avx512 && BIT(l7s1->d, 19) && BIT(ci.l24.b, 18)) {
            uint32_t version = ci.l24.b & 0xFF;
            f->fAVX10_1 = version >= 1;
            f->fAVX10_2 = version >= 2;
        }
    }

    /* APX: the CPU bit and the OS saving the extended general-purpose registers. */
    f->fAPX_F = BIT(l7s1->d, 21) && (ci.xcr0 & XCR0_APX) != 0;

    /* Xeon Phi (Knights Landing/Mill): HotSpot turns these off for that family. */
    if (is_intel(&ci) && cpu_family(&ci) == 6 && (cpu_model(&ci) == 0x57 || cpu_model(&ci) == 0x85)) {
        f->fVZEROUPPER = f->fAVX512BW = f->fAVX512VL = f->fAVX512DQ = f->fAVX512_VNNI = 0;
        f->fAVX512_VAES = f->fAVX512_VPOPCNTDQ = f->fAVX512_VPCLMULQDQ = f->fAVX512_VBMI = 0;
        f->fAVX512_VBMI2 = f->fCLWB = f->fFLUSHOPT = f->fGFNI = f->fAVX512_BITALG = 0;
        f->fAVX512_IFMA = 0;
    }
}

/* The mask (and our struct copy) in whole 64-bit words. */
#define FEATURE_WORDS ((sizeof(CPUFeatures) + 7) / 8)

/*
 * Returns 0 when the running CPU has every feature the image requires (the 0xFE bytes of the
 * build-time mask), 1 otherwise. The answer cannot change while the process lives, so the first
 * one is kept. Called by isolate creation (through AMD64CPUFeatureAccess) and by
 * checkCPUFeaturesOrExit; it must not allocate or touch Java state.
 */
int checkCPUFeatures(const uint8_t *buildtimeMask)
{
    static volatile int cached = -1;
    if (cached >= 0) {
        return cached;
    }
    uint64_t host[FEATURE_WORDS];
    memset(host, 0, sizeof(host));
    determineCPUFeatures((CPUFeatures *) (void *) host);

    int missing = 0;
    for (size_t i = 0; i < FEATURE_WORDS; i++) {
        uint64_t required;
        memcpy(&required, buildtimeMask + i * 8, 8); /* the mask need not be aligned */
        if ((required | host[i]) != UINT64_MAX) {
            missing = 1;
        }
    }
    cached = missing;
    return missing;
}

/*
 * The launcher's early check: prints the builder's message (it names the features the image
 * was compiled for) and exits with status 1 if the CPU lacks any of them; returns 0 otherwise.
 */
int checkCPUFeaturesOrExit(const uint8_t *buildtimeMask, const char *errorMessage)
{
    if (checkCPUFeatures(buildtimeMask) != 0) {
        fputs(errorMessage, stderr);
        fflush(stderr);
        exit(1);
    }
    return 0;
}
