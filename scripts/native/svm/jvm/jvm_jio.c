/*
 * The JDK's jio_* printing helpers (libjvm.a). The JDK's native libraries use them for messages
 * and for bounded string formatting; in a static JDK build libjava leaves them to libjvm.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include <jni.h>

/*
 * vsnprintf with HotSpot's contract: the result is always NUL-terminated, and the return value is
 * the length written, or -1 if count is not positive or the text did not fit (was cut short).
 */
JNIEXPORT int jio_vsnprintf(char *str, size_t count, const char *fmt, va_list args)
{
    if ((intptr_t) count <= 0) {
        return -1;
    }
    int result = vsnprintf(str, count, fmt, args);
    if (result < 0 || (size_t) result >= count) {
        str[count - 1] = '\0';
        return -1;
    }
    return result;
}

JNIEXPORT int jio_snprintf(char *str, size_t count, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int result = jio_vsnprintf(str, count, fmt, args);
    va_end(args);
    return result;
}

/* vfprintf/fprintf to a stdio stream; returns what they return. */
JNIEXPORT int jio_vfprintf(FILE *f, const char *fmt, va_list args)
{
    return vfprintf(f, fmt, args);
}

JNIEXPORT int jio_fprintf(FILE *f, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int result = vfprintf(f, fmt, args);
    va_end(args);
    return result;
}
