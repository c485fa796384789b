/*
 * A stand-in for the native-image builder's small JNI helper (libreporterchelper.so), which
 * the GraalVM distributions ship and Maven Central does not. The builder's progress reporter
 * calls two functions: the process's peak resident set size, and the terminal's width.
 * Built by scripts/native/graalvm-home.sh with gcc against the JDK's jni.h.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Peak RSS in bytes (Linux reports ru_maxrss in KiB), or -1. */
JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass cls)
{
    struct rusage usage;
    (void) env;
    (void) cls;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024;
}

/* Columns of the terminal on standard output, or 0 when it is not a terminal (a CI log). */
JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass cls)
{
    struct winsize ws;
    (void) env;
    (void) cls;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0) {
        return 0;
    }
    return (jint) ws.ws_col;
}
