/*
 * Fixed-signature wrappers around variadic or macro-only libc interfaces (part of
 * liblibchelper.a). SubstrateVM calls C functions with the plain calling convention, so every
 * variadic libc function it needs gets a wrapper whose name spells out the argument types
 * (S = string, I = int, D = decimal int, P = pointer); the C compiler then makes the real,
 * variadic call.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* fprintf(stream, format, string, int). Used by PosixVMThreads to print a fatal error (e.g. a
 * failed thread start) to a FILE made with fdopen(2, "w"), without a thread-state transition. */
int fprintfSD(FILE *stream, const char *format, const char *s, int d)
{
    return fprintf(stream, format, s, d);
}

/* open(path, flags, mode). Used through Fcntl.NoTransitions.open (heap dumps, perf data,
 * image-internal file access). */
int openSII(const char *path, int flags, int mode)
{
    return open(path, flags, mode);
}

/* openat(dirfd, path, flags, mode). Used through Fcntl.NoTransitions.openat. */
int openatISII(int dirfd, const char *path, int flags, int mode)
{
    return openat(dirfd, path, flags, mode);
}

/* mremap(old, old_size, new_size, flags, new_address); new_address only counts with
 * MREMAP_FIXED. Used by LinuxLibCHelper.NoTransitions to move or grow reserved address space
 * (heap and image-heap copies). Returns MAP_FAILED on error, as mremap does. */
void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address)
{
    return mremap(old_address, old_size, new_size, flags, new_address);
}

/* The process environment (the environ variable), for System.getenv() and ProcessBuilder;
 * declared in com.oracle.svm.core.LibCHelper. */
char **getEnviron(void)
{
    return environ;
}

/*
 * Makes instructions written to [start, start + size) visible to instruction fetch, after the
 * image patched or generated code (CodeSynchronizationOperations). x86 keeps instruction and
 * data caches coherent, so on amd64 the builtin compiles to nothing; it stays for other targets.
 */
void codeSynchronization_clearCache(uintptr_t start, uintptr_t size)
{
    __builtin___clear_cache((char *) start, (char *) (start + size));
}
