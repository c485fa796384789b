/*
 * Container (cgroup) limits for SubstrateVM on Linux: libsvm_container.a.
 *
 * Declared in com.oracle.svm.core.container.ContainerLibrary. Container.initialize() calls
 * svm_container_initialize(240100) once per process (when the image has UseContainerSupport,
 * the default); the result decides whether the image sizes itself from the container:
 *   0 not containerized, 1 containerized, 2 this library is older than the image expects,
 *   3 it is newer; 2 and 3 are fatal errors in the image.
 * Only if it returned 1 does the image call the other functions (PhysicalMemory, Runtime
 * .availableProcessors(), the container metrics of JFR and the OperatingSystemMXBean), each
 * result cached for 20 ms on the Java side. Values follow HotSpot's OSContainer: bytes, -1 for
 * "no limit", -2 when the value cannot be read.
 *
 * "Containerized" is decided as HotSpot 25 does: a cpu or memory cgroup controller is mounted
 * read-only (what container runtimes do), or the process has a memory limit or a CPU quota
 * below the CPUs it may run on. A process on a plain host with writable cgroups and no limits is
 * not containerized, and the image uses the host's values.
 *
 * Both cgroup versions are read. The controller directories of the process come from
 * /proc/self/cgroup and /proc/self/mountinfo; since a limit can sit on an ancestor of the
 * process's own cgroup (a systemd slice, a pod), the directory with the lowest limit between the
 * process's cgroup and the mount point is the one used, as HotSpot does.
 *   v2: memory.max, memory.swap.max, memory.low, memory.current, memory.peak, memory.stat
 *       (anon, file), cpu.max;
 *   v1: memory.limit_in_bytes, memory.memsw.limit_in_bytes, memory.swappiness,
 *       memory.soft_limit_in_bytes, memory.usage_in_bytes, memory.max_usage_in_bytes,
 *       memory.stat (rss, cache, hierarchical_*), cpu.cfs_quota_us, cpu.cfs_period_us.
 * Limits at or above the host's memory count as no limit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define INTERNAL __attribute__((visibility("hidden")))

/* Keep in sync with com.oracle.svm.core.container.ContainerLibrary. */
#define LIBRARY_VERSION 240100
#define NOT_CONTAINERIZED 0
#define CONTAINERIZED 1
#define LIBRARY_TOO_OLD 2
#define LIBRARY_TOO_NEW 3

#define UNLIMITED (-1LL)
#define UNAVAILABLE (-2LL)

/* One controller (memory or cpu) of the process. */
typedef struct {
    int version;             /* 0 = not found, 1 or 2 */
    int read_only;           /* mounted read-only */
    char mount[PATH_MAX];    /* where its hierarchy is mounted (with the test root) */
    char dir[PATH_MAX];      /* the directory whose files we read */
} Controller;

static struct {
    Controller memory, cpu;
    int containerized;
} state;

/* 0 = not yet, 1 = being resolved, 2 = resolved. */
static volatile int init_state;

/* A directory that replaces "/" for every file we read; only the test sets it. */
static char root[PATH_MAX];

/* ---------------------------------------------------------------------------------------- */
/* Reading files                                                                             */

/* dst = a followed by b; returns 0 (and leaves dst empty) if that does not fit. */
static int concat(char *dst, size_t size, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb >= size) {
        dst[0] = '\0';
        return 0;
    }
    memcpy(dst, a, la);
    memcpy(dst + la, b, lb + 1);
    return 1;
}

/* Reads a small file into buf (NUL-terminated); returns its length or -1. */
static ssize_t read_small_file(const char *path, char *buf, size_t size)
{
    int fd;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return -1;
    }
    size_t got = 0;
    while (got < size - 1) {
        ssize_t n = read(fd, buf + got, size - 1 - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += (size_t) n;
    }
    close(fd);
    buf[got] = '\0';
    return (ssize_t) got;
}

static ssize_t read_in(const char *dir, const char *file, char *buf, size_t size)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int) sizeof(path)) {
        return -1;
    }
    return read_small_file(path, buf, size);
}

/*
 * The first number of a cgroup file: UNLIMITED for "max" (v2) and UNAVAILABLE if the file is
 * missing or holds no number. If second is given, it receives the second number on the line
 * (cpu.max holds "quota period").
 */
static long long read_number(const char *dir, const char *file, long long *second)
{
    char buf[256];
    if (read_in(dir, file, buf, sizeof(buf)) <= 0) {
        return UNAVAILABLE;
    }
    char *p = buf, *end;
    long long value;
    if (strncmp(p, "max", 3) == 0) {
        value = UNLIMITED;
        end = p + 3;
    } else {
        errno = 0;
        value = strtoll(p, &end, 10);
        if (end == p || errno != 0) {
            return UNAVAILABLE;
        }
    }
    if (second != NULL) {
        char *end2;
        *second = strtoll(end, &end2, 10);
        if (end2 == end) {
            *second = UNAVAILABLE;
        }
    }
    return value;
}

/* The value of a "key value" line of memory.stat, or UNAVAILABLE. */
static long long read_stat_key(const char *dir, const char *key)
{
    char buf[8192];
    if (read_in(dir, "memory.stat", buf, sizeof(buf)) <= 0) {
        return UNAVAILABLE;
    }
    size_t key_len = strlen(key);
    for (char *line = buf; line != NULL && *line != '\0';) {
        char *next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        if (strncmp(line, key, key_len) == 0 && line[key_len] == ' ') {
            return strtoll(line + key_len + 1, NULL, 10);
        }
        line = next;
    }
    return UNAVAILABLE;
}

/* ---------------------------------------------------------------------------------------- */
/* Host values                                                                               */

static unsigned long long host_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
    return pages > 0 && page_size > 0 ? (unsigned long long) pages * (unsigned long long) page_size : 0;
}

static unsigned long long host_swap(void)
{
    struct sysinfo si;
    return sysinfo(&si) == 0 ? (unsigned long long) si.totalswap * si.mem_unit : 0;
}

/* The CPUs this process may run on (its affinity mask, which also reflects cpusets). */
static int host_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0) {
            return n;
        }
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int) n : 1;
}

/* ---------------------------------------------------------------------------------------- */
/* Finding the controllers                                                                   */

/* Whether the comma-separated list contains the word. */
static int has_word(const char *list, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += len) {
        if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == '\0')) {
            return 1;
        }
    }
    return 0;
}

/* Undoes mountinfo's octal escapes (\040 for a space and so on) in place. */
static void unescape(char *s)
{
    char *out = s;
    for (; *s != '\0'; s++) {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
            *out++ = (char) (((s[1] - '0') << 6) | ((s[2] - '0') << 3) | (s[3] - '0'));
            s += 3;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

/* dir = mount + (cgroup path relative to the mount's root), the rules HotSpot uses. */
static void join_cgroup_dir(Controller *c, const char *mount_root, const char *cgroup_path)
{
    const char *rel = NULL;
    size_t root_len = strlen(mount_root);
    if (strcmp(mount_root, "/") == 0) {
        rel = cgroup_path;
    } else if (strcmp(mount_root, cgroup_path) == 0) {
        rel = "";
    } else if (strncmp(cgroup_path, mount_root, root_len) == 0 && cgroup_path[root_len] == '/') {
        rel = cgroup_path + root_len;
    } else {
        rel = ""; /* the process's cgroup is outside what is mounted: use the mount point */
    }
    if (strcmp(rel, "/") == 0) {
        rel = "";
    }
    concat(c->dir, sizeof(c->dir), c->mount, rel);
}

/* Opens a file below the (test) root for reading line by line. */
static FILE *open_below_root(const char *file)
{
    char path[PATH_MAX];
    return concat(path, sizeof(path), root, file) ? fopen(path, "re") : NULL;
}

/* Fills state.memory and state.cpu from /proc/self/cgroup and /proc/self/mountinfo. */
static void find_controllers(void)
{
    char v2_path[PATH_MAX] = "", mem_v1_path[PATH_MAX] = "", cpu_v1_path[PATH_MAX] = "";
    int have_v2 = 0, have_mem_v1 = 0, have_cpu_v1 = 0;
    char *line = NULL;
    size_t line_size = 0;

    /* Lines "hierarchy-ID:controller-list:cgroup-path"; v2 is "0::path". */
    FILE *f = open_below_root("/proc/self/cgroup");
    if (f == NULL) {
        return;
    }
    while (getline(&line, &line_size, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        char *controllers = strchr(line, ':');
        char *cgroup = controllers != NULL ? strchr(controllers + 1, ':') : NULL;
        if (cgroup == NULL) {
            continue;
        }
        *controllers++ = '\0';
        *cgroup++ = '\0';
        if (strcmp(line, "0") == 0 && *controllers == '\0') {
            concat(v2_path, sizeof(v2_path), cgroup, "");
            have_v2 = 1;
        }
        if (has_word(controllers, "memory")) {
            concat(mem_v1_path, sizeof(mem_v1_path), cgroup, "");
            have_mem_v1 = 1;
        }
        if (has_word(controllers, "cpu")) {
            concat(cpu_v1_path, sizeof(cpu_v1_path), cgroup, "");
            have_cpu_v1 = 1;
        }
    }
    fclose(f);

    /* Lines "ID parent major:minor root mount-point options [optional...] - type source super". */
    f = open_below_root("/proc/self/mountinfo");
    if (f == NULL) {
        free(line);
        return;
    }
    Controller v2 = {0};
    char v2_root[PATH_MAX] = "";
    while (getline(&line, &line_size, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        char *fields[6], *sep = strstr(line, " - ");
        if (sep == NULL) {
            continue;
        }
        *sep = '\0';
        char *rest = sep + 3, *save = NULL;
        int n = 0;
        for (char *t = strtok_r(line, " ", &save); t != NULL && n < 6; t = strtok_r(NULL, " ", &save)) {
            fields[n++] = t;
        }
        char *type = strtok_r(rest, " ", &save);
        char *source = type != NULL ? strtok_r(NULL, " ", &save) : NULL;
        char *super = source != NULL ? strtok_r(NULL, " ", &save) : NULL;
        if (n < 6 || type == NULL) {
            continue;
        }
        char *mount_root = fields[3], *mount_point = fields[4];
        unescape(mount_root);
        unescape(mount_point);
        int read_only = has_word(fields[5], "ro");

        Controller *targets[2] = {NULL, NULL};
        const char *cgroup_paths[2] = {NULL, NULL};
        if (strcmp(type, "cgroup2") == 0 && have_v2 && v2.version == 0) {
            v2.version = 2;
            v2.read_only = read_only;
            concat(v2.mount, sizeof(v2.mount), root, mount_point);
            concat(v2_root, sizeof(v2_root), mount_root, "");
        } else if (strcmp(type, "cgroup") == 0 && super != NULL) {
            if (has_word(super, "memory") && have_mem_v1 && state.memory.version == 0) {
                targets[0] = &state.memory;
                cgroup_paths[0] = mem_v1_path;
            }
            if (has_word(super, "cpu") && have_cpu_v1 && state.cpu.version == 0) {
                targets[1] = &state.cpu;
                cgroup_paths[1] = cpu_v1_path;
            }
        }
        for (int i = 0; i < 2; i++) {
            if (targets[i] != NULL) {
                targets[i]->version = 1;
                targets[i]->read_only = read_only;
                concat(targets[i]->mount, sizeof(targets[i]->mount), root, mount_point);
                join_cgroup_dir(targets[i], mount_root, cgroup_paths[i]);
            }
        }
    }
    fclose(f);
    free(line);

    /* Controllers that no v1 hierarchy carries are v2's (a hybrid host has both kinds). */
    if (v2.version == 2) {
        join_cgroup_dir(&v2, v2_root, v2_path);
        if (state.memory.version == 0) {
            state.memory = v2;
        }
        if (state.cpu.version == 0) {
            state.cpu = v2;
        }
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Limits                                                                                    */

/* The memory limit set in one directory: bytes, or UNLIMITED. */
static long long memory_limit_in(const Controller *c, const char *dir)
{
    unsigned long long host = host_memory();
    long long limit = read_number(dir, c->version == 2 ? "memory.max" : "memory.limit_in_bytes", NULL);
    if (c->version == 1 && (limit < 0 || (unsigned long long) limit >= host)) {
        /* v1 reports "no limit" as a huge number; with use_hierarchy an ancestor's limit shows
         * up as hierarchical_memory_limit. */
        limit = read_stat_key(dir, "hierarchical_memory_limit");
    }
    if (limit < 0 || (unsigned long long) limit >= host) {
        return UNLIMITED;
    }
    return limit;
}

/* CPUs allowed by the quota set in one directory (ceil(quota / period)), or 0 for no quota. */
static int quota_cpus_in(const Controller *c, const char *dir)
{
    long long quota, period;
    if (c->version == 2) {
        quota = read_number(dir, "cpu.max", &period);
    } else {
        quota = read_number(dir, "cpu.cfs_quota_us", NULL);
        period = read_number(dir, "cpu.cfs_period_us", NULL);
    }
    if (quota <= 0 || period <= 0) {
        return 0;
    }
    long long cpus = (quota + period - 1) / period;
    return cpus > INT_MAX ? INT_MAX : (int) cpus;
}

/*
 * Moves c->dir up to the ancestor (not above the mount point) with the lowest limit, as measured
 * by limit_of (smaller = stricter, <= 0 = none), so that a limit on a parent cgroup counts.
 */
static void adopt_strictest_ancestor(Controller *c, long long (*limit_of)(const Controller *, const char *))
{
    char dir[PATH_MAX], best[PATH_MAX];
    long long best_limit = 0;
    concat(dir, sizeof(dir), c->dir, "");
    concat(best, sizeof(best), c->dir, "");
    size_t mount_len = strlen(c->mount);
    for (;;) {
        long long limit = limit_of(c, dir);
        if (limit > 0 && (best_limit <= 0 || limit < best_limit)) {
            best_limit = limit;
            concat(best, sizeof(best), dir, "");
        }
        char *slash = strrchr(dir, '/');
        if (strlen(dir) <= mount_len || slash == NULL || (size_t) (slash - dir) < mount_len) {
            break;
        }
        *slash = '\0';
    }
    concat(c->dir, sizeof(c->dir), best, "");
}

static long long memory_limit_measure(const Controller *c, const char *dir)
{
    long long limit = memory_limit_in(c, dir);
    return limit == UNLIMITED ? 0 : limit;
}

static long long cpu_limit_measure(const Controller *c, const char *dir)
{
    return quota_cpus_in(c, dir);
}

/* Mount options of a v1 or v2 cgroup controller include "ro" inside a container. */
static int any_read_only(void)
{
    return (state.memory.version != 0 && state.memory.read_only) || (state.cpu.version != 0 && state.cpu.read_only);
}

static void resolve(void)
{
    memset(&state, 0, sizeof(state));
    find_controllers();
    if (state.memory.version != 0) {
        adopt_strictest_ancestor(&state.memory, memory_limit_measure);
    }
    if (state.cpu.version != 0) {
        adopt_strictest_ancestor(&state.cpu, cpu_limit_measure);
    }
    if (state.memory.version == 0 && state.cpu.version == 0) {
        state.containerized = 0;
        return;
    }
    int memory_limited = state.memory.version != 0 && memory_limit_in(&state.memory, state.memory.dir) > 0;
    int cpu_limited = state.cpu.version != 0 && quota_cpus_in(&state.cpu, state.cpu.dir) > 0
            && quota_cpus_in(&state.cpu, state.cpu.dir) < host_cpus();
    state.containerized = any_read_only() || memory_limited || cpu_limited;
}

/* Resolves the controllers once per process; other threads wait for the first. */
static void ensure_resolved(void)
{
    if (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) == 2) {
        return;
    }
    int expected = 0;
    if (__atomic_compare_exchange_n(&init_state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        resolve();
        __atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) != 2) {
        sched_yield();
    }
}

/* ---------------------------------------------------------------------------------------- */
/* The library's interface                                                                   */

/* Checks the version the image expects and finds the cgroups; see the top of the file. */
int svm_container_initialize(int expected_version)
{
    if (expected_version > LIBRARY_VERSION) {
        return LIBRARY_TOO_OLD;
    }
    if (expected_version < LIBRARY_VERSION) {
        return LIBRARY_TOO_NEW;
    }
    ensure_resolved();
    return state.containerized ? CONTAINERIZED : NOT_CONTAINERIZED;
}

/*
 * Not part of SubstrateVM's interface: whether the process is containerized, for
 * JVM_IsContainerized() in our libjvm.a (which refers to it weakly, so that it is only used
 * when the image links this library).
 */
int svm_container_is_containerized(void)
{
    ensure_resolved();
    return state.containerized;
}

/* The memory the image may use: the container's limit if there is one, else the host's. */
unsigned long long svm_container_physical_memory(void)
{
    ensure_resolved();
    long long limit = state.memory.version != 0 ? memory_limit_in(&state.memory, state.memory.dir) : UNLIMITED;
    return limit > 0 ? (unsigned long long) limit : host_memory();
}

/* The container's memory limit in bytes, or -1 if none. */
long long svm_container_memory_limit_in_bytes(void)
{
    ensure_resolved();
    return state.memory.version != 0 ? memory_limit_in(&state.memory, state.memory.dir) : UNLIMITED;
}

/*
 * The limit on memory plus swap, or -1 if none. Without swap accounting (no swap files) or, on
 * v1, with swappiness 0 the memory limit alone applies, as in HotSpot.
 */
long long svm_container_memory_and_swap_limit_in_bytes(void)
{
    ensure_resolved();
    const Controller *c = &state.memory;
    if (c->version == 0) {
        return UNLIMITED;
    }
    long long memory = memory_limit_in(c, c->dir);
    if (c->version == 2) {
        long long swap = read_number(c->dir, "memory.swap.max", NULL);
        if (swap == UNAVAILABLE) {
            return memory;
        }
        if (swap == UNLIMITED || memory == UNLIMITED || swap > LLONG_MAX - memory) {
            return UNLIMITED;
        }
        return memory + swap;
    }
    long long both = read_number(c->dir, "memory.memsw.limit_in_bytes", NULL);
    if (both == UNAVAILABLE || read_number(c->dir, "memory.swappiness", NULL) == 0) {
        return memory;
    }
    unsigned long long host_total = host_memory() + host_swap();
    if (both < 0 || (unsigned long long) both >= host_total) {
        both = read_stat_key(c->dir, "hierarchical_memsw_limit");
        if (both < 0 || (unsigned long long) both >= host_total) {
            return UNLIMITED;
        }
    }
    return both;
}

/* The soft limit (v1 memory.soft_limit_in_bytes, v2 memory.low), or -1 if none. */
long long svm_container_memory_soft_limit_in_bytes(void)
{
    ensure_resolved();
    const Controller *c = &state.memory;
    if (c->version == 0) {
        return UNLIMITED;
    }
    long long soft = read_number(c->dir, c->version == 2 ? "memory.low" : "memory.soft_limit_in_bytes", NULL);
    if (soft == UNAVAILABLE) {
        return UNAVAILABLE;
    }
    if (soft < 0 || (unsigned long long) soft >= host_memory()) {
        return UNLIMITED;
    }
    return soft;
}

static long long memory_file(const char *v1_name, const char *v2_name)
{
    ensure_resolved();
    const Controller *c = &state.memory;
    if (c->version == 0) {
        return UNAVAILABLE;
    }
    return read_number(c->dir, c->version == 2 ? v2_name : v1_name, NULL);
}

static long long memory_stat(const char *v1_key, const char *v2_key)
{
    ensure_resolved();
    const Controller *c = &state.memory;
    if (c->version == 0) {
        return UNAVAILABLE;
    }
    return read_stat_key(c->dir, c->version == 2 ? v2_key : v1_key);
}

/* Memory in use by the container's processes. */
long long svm_container_memory_usage_in_bytes(void)
{
    return memory_file("memory.usage_in_bytes", "memory.current");
}

/* The highest memory use recorded (v2 needs a kernel with memory.peak, 5.19+; else -2). */
long long svm_container_memory_max_usage_in_bytes(void)
{
    return memory_file("memory.max_usage_in_bytes", "memory.peak");
}

/* Anonymous (heap, stack) memory of the container's processes. */
long long svm_container_rss_usage_in_bytes(void)
{
    return memory_stat("rss", "anon");
}

/* Page cache charged to the container. */
long long svm_container_cache_usage_in_bytes(void)
{
    return memory_stat("cache", "file");
}

/* CPUs the image should plan for: min(CPUs in the affinity mask, ceil(quota / period)). */
int svm_container_active_processor_count(void)
{
    ensure_resolved();
    int cpus = host_cpus();
    int quota = state.cpu.version != 0 ? quota_cpus_in(&state.cpu, state.cpu.dir) : 0;
    return quota > 0 && quota < cpus ? quota : cpus;
}

/* For the test only: read every file below test_root instead of "/" and resolve again. */
INTERNAL void svmc_container_use_root(const char *test_root)
{
    concat(root, sizeof(root), test_root != NULL ? test_root : "", "");
    __atomic_store_n(&init_state, 0, __ATOMIC_RELEASE);
}
