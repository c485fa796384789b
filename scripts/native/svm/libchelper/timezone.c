/*
 * The platform time zone ID for java.util.TimeZone (part of liblibchelper.a).
 *
 * Called by com.oracle.svm.core.jdk.Target_java_util_TimeZone.getSystemTimeZoneID(), the image's
 * replacement of the JDK native of the same name, through LibCHelper.SVM_FindJavaTZmd(). The Java
 * side turns the result into a String and free()s it; NULL makes TimeZone fall back to "GMT".
 *
 * The lookup order is the JDK's on Linux (TimeZone_md.c):
 *   1. the TZ environment variable, if set and not empty;
 *   2. the first line of /etc/timezone (Debian and derivatives);
 *   3. /etc/localtime: if it is a symbolic link whose target contains "zoneinfo/", the part after
 *      it (e.g. "../usr/share/zoneinfo/Europe/Paris" gives "Europe/Paris");
 *   4. otherwise the zone file under /usr/share/zoneinfo with the same contents as
 *      /etc/localtime (a copied file, or a link to somewhere else).
 * A leading ':' and a "posix/" prefix are dropped from the result, as the JDK does.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INTERNAL __attribute__((visibility("hidden")))

/* Reads a whole file (up to max bytes) into a malloc'd buffer; NULL on failure or if larger. */
static char *read_file(const char *path, size_t max, size_t *size)
{
    int fd;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t) st.st_size <= max) {
        buf = malloc((size_t) st.st_size + 1);
        size_t got = 0;
        while (buf != NULL && got < (size_t) st.st_size) {
            ssize_t n = read(fd, buf + got, (size_t) st.st_size - got);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                free(buf);
                buf = NULL;
                break;
            }
            got += (size_t) n;
        }
        if (buf != NULL) {
            buf[got] = '\0';
            *size = got;
        }
    }
    close(fd);
    return buf;
}

/* The zone ID in a path: what follows its first "zoneinfo/", after resolving "." and "..". */
static char *zone_from_path(const char *path)
{
    /* Normalise into a list of components so that "zoneinfo/./Europe//Paris" works too. */
    char copy[PATH_MAX], out[PATH_MAX];
    if (strlen(path) >= sizeof(copy)) {
        return NULL;
    }
    strcpy(copy, path);
    out[0] = '\0';
    size_t len = 0;
    for (char *save = NULL, *part = strtok_r(copy, "/", &save); part != NULL; part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0) {
            continue;
        }
        if (strcmp(part, "..") == 0) {
            char *slash = strrchr(out, '/');
            len = slash != NULL ? (size_t) (slash - out) : 0;
            out[len] = '\0';
            continue;
        }
        len += (size_t) snprintf(out + len, sizeof(out) - len, "/%s", part);
        if (len >= sizeof(out)) {
            return NULL;
        }
    }
    const char *marker = strstr(out, "/zoneinfo/");
    if (marker == NULL || marker[10] == '\0') {
        return NULL;
    }
    return strdup(marker + 10);
}

/* Searches dir (recursively) for a regular file equal to the given contents; returns its path
 * relative to the top directory (prefix), or NULL. */
static char *find_same_file(const char *dir, const char *prefix, const char *data, size_t size, int depth)
{
    if (depth > 8) {
        return NULL;
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        return NULL;
    }
    char *found = NULL;
    struct dirent *e;
    while (found == NULL && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        /* Hidden files, aliases the JDK skips, and the "posix" and "right" copies of the tree
         * ("posix/X" is the same zone as "X", "right/X" counts leap seconds). */
        if (name[0] == '.' || strcmp(name, "ROC") == 0 || strcmp(name, "posixrules") == 0
                || strcmp(name, "localtime") == 0 || (depth == 0 && (strcmp(name, "posix") == 0 || strcmp(name, "right") == 0))) {
            continue;
        }
        char path[PATH_MAX], rel[PATH_MAX];
        if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int) sizeof(path)
                || snprintf(rel, sizeof(rel), "%s%s%s", prefix, *prefix ? "/" : "", name) >= (int) sizeof(rel)) {
            continue;
        }
        struct stat st;
        if (stat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            found = find_same_file(path, rel, data, size, depth + 1);
        } else if (S_ISREG(st.st_mode) && (size_t) st.st_size == size) {
            size_t other_size;
            char *other = read_file(path, size, &other_size);
            if (other != NULL && other_size == size && memcmp(other, data, size) == 0) {
                found = strdup(rel);
            }
            free(other);
        }
    }
    closedir(d);
    return found;
}

/* The zone of the localtime file by contents, trying the most common zones first. */
static char *zone_by_contents(const char *localtime, const char *zoneinfo)
{
    size_t size;
    char *data = read_file(localtime, 1 << 20, &size);
    if (data == NULL) {
        return NULL;
    }
    char *found = NULL;
    static const char *const common[] = {"UTC", "GMT"};
    for (size_t i = 0; found == NULL && i < sizeof(common) / sizeof(common[0]); i++) {
        char path[PATH_MAX];
        size_t other_size;
        snprintf(path, sizeof(path), "%s/%s", zoneinfo, common[i]);
        char *other = read_file(path, size, &other_size);
        if (other != NULL && other_size == size && memcmp(other, data, size) == 0) {
            found = strdup(common[i]);
        }
        free(other);
    }
    if (found == NULL) {
        found = find_same_file(zoneinfo, "", data, size, 0);
    }
    free(data);
    return found;
}

/* The first line of /etc/timezone, without surrounding blanks; NULL if missing or empty. */
static char *zone_from_etc_timezone(const char *file)
{
    FILE *f = fopen(file, "re");
    if (f == NULL) {
        return NULL;
    }
    char line[256];
    char *result = NULL;
    if (fgets(line, sizeof(line), f) != NULL) {
        char *start = line + strspn(line, " \t");
        size_t len = strcspn(start, " \t\r\n");
        if (len > 0) {
            result = strndup(start, len);
        }
    }
    fclose(f);
    return result;
}

/* Drops the ':' and "posix/" prefixes; takes ownership of id, returns a malloc'd string. */
static char *clean_zone_id(char *id)
{
    if (id == NULL) {
        return NULL;
    }
    const char *p = id;
    if (*p == ':') {
        p++;
    }
    if (strncmp(p, "posix/", 6) == 0) {
        p += 6;
    }
    char *result = *p != '\0' ? strdup(p) : NULL;
    free(id);
    return result;
}

/*
 * The lookup with its inputs as parameters, so that the test can point it at files of its own.
 * tz is the TZ value (may be NULL); returns a malloc'd zone ID or NULL.
 */
INTERNAL char *svmc_timezone_lookup(const char *tz, const char *etc_timezone, const char *localtime, const char *zoneinfo)
{
    if (tz != NULL && *tz != '\0') {
        return clean_zone_id(strdup(tz));
    }
    char *id = zone_from_etc_timezone(etc_timezone);
    if (id != NULL) {
        return clean_zone_id(id);
    }
    struct stat st;
    if (lstat(localtime, &st) != 0) {
        return NULL;
    }
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(localtime, target, sizeof(target) - 1);
        if (n > 0) {
            target[n] = '\0';
            id = zone_from_path(target);
            if (id != NULL) {
                return clean_zone_id(id);
            }
        }
    }
    return clean_zone_id(zone_by_contents(localtime, zoneinfo));
}

/*
 * The entry point. The arguments are the contents of the JDK's tzmappings file, which only the
 * Windows implementation needs; on Linux the Java side passes NULL and 0.
 */
char *SVM_FindJavaTZmd(const char *tzmappings, int length)
{
    (void) tzmappings;
    (void) length;
    return svmc_timezone_lookup(getenv("TZ"), "/etc/timezone", "/etc/localtime", "/usr/share/zoneinfo");
}
