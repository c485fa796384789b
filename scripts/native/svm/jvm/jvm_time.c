/*
 * Clocks for the JDK's native libraries (libjvm.a). libjava registers these as the natives of
 * System.currentTimeMillis/nanoTime and VM.getNanoTimeAdjustment, and libnet/libnio use
 * JVM_NanoTime for poll and connect timeouts. SubstrateVM has its own Java versions for Java
 * callers; these serve the C callers.
 */
#include <stdint.h>
#include <time.h>

#include <jni.h>

/* Milliseconds since the epoch (wall clock). */
JNIEXPORT jlong JNICALL JVM_CurrentTimeMillis(JNIEnv *env, jclass ignored)
{
    (void) env;
    (void) ignored;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (jlong) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Nanoseconds of a monotonic clock with an arbitrary origin, for measuring intervals. */
JNIEXPORT jlong JNICALL JVM_NanoTime(JNIEnv *env, jclass ignored)
{
    (void) env;
    (void) ignored;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (jlong) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * The wall-clock time as nanoseconds since offset_secs (seconds since the epoch), for
 * java.time.Clock/Instant.now(); -1 if that is 2^32 seconds or more away, as in HotSpot, so that
 * the caller picks a closer offset.
 */
JNIEXPORT jlong JNICALL JVM_GetNanoTimeAdjustment(JNIEnv *env, jclass ignored, jlong offset_secs)
{
    (void) env;
    (void) ignored;
    const int64_t max_diff = INT64_C(1) << 32;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t diff = (int64_t) ts.tv_sec - offset_secs;
    if (diff >= max_diff || diff <= -max_diff) {
        return -1;
    }
    return diff * 1000000000 + ts.tv_nsec;
}
