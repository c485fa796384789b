/*
 * Thread helpers for SubstrateVM on Linux (part of liblibchelper.a), declared in
 * com.oracle.svm.core.posix.linux.LinuxLibCHelper. Both are called without a thread-state
 * transition, so they must be quick and must not allocate: plain system calls only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel thread ID (TID) of the calling thread; the image records it as the OS thread ID
 * of each thread it starts or attaches (used for /proc lookups, thread dumps and JFR). */
int getThreadId(void)
{
    return (int) syscall(SYS_gettid);
}

/*
 * User-mode CPU time of thread tid of this process in nanoseconds, or -1. Used by
 * LinuxThreadCpuTimeSupport when only user time is asked for (ThreadMXBean.getThreadUserTime);
 * the kernel reports it in clock ticks in field 14 (utime) of /proc/self/task/<tid>/stat.
 */
long getThreadUserTimeSlow(int tid)
{
    static long ticks_per_second;
    if (ticks_per_second <= 0) {
        ticks_per_second = sysconf(_SC_CLK_TCK);
        if (ticks_per_second <= 0) {
            return -1;
        }
    }

    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
    int fd;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return -1;
    }
    ssize_t n;
    do {
        n = read(fd, buf, sizeof(buf) - 1);
    } while (n < 0 && errno == EINTR);
    close(fd);
    if (n <= 0) {
        return -1;
    }
    buf[n] = '\0';

    /* The command name (field 2) is in parentheses and may itself contain ") ", so the fields
     * that follow are counted from the last ')': state is field 3, utime field 14. */
    char *p = strrchr(buf, ')');
    if (p == NULL) {
        return -1;
    }
    p++;
    for (int field = 3; field < 14; field++) {
        p += strspn(p, " ");
        p += strcspn(p, " ");
    }
    p += strspn(p, " ");
    if (*p < '0' || *p > '9') {
        return -1;
    }
    unsigned long long ticks = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        ticks = ticks * 10 + (unsigned long long) (*p - '0');
    }
    return (long) (ticks * (1000000000ULL / (unsigned long long) ticks_per_second));
}
