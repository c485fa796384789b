/*
 * The part of libjvm.a that SubstrateVM itself calls (com.oracle.svm.core.jdk.Jvm, library "jvm").
 *
 * In a HotSpot JDK, libjvm is the VM; the JDK's own native libraries (libjava, libnio, libnet,
 * ...) call JVM_* functions in it. A SubstrateVM image replaces most of those natives with Java
 * code, and this small libjvm.a provides the JVM_* functions that the JDK's static libraries can
 * still reach. Every static JDK library the image links depends on "jvm", so the builder puts
 * libjvm.a after them on the link line, and each member here is pulled in only when something
 * refers to one of its functions. The members do not refer to each other.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include <jni.h>

/*
 * Called before the image makes a native library available (PosixNativeLibrarySupport on Linux
 * and macOS, the Windows equivalent), possibly many times and without a thread-state transition.
 * The Linux functions of this library need no set-up, so it does nothing; referring to it is what
 * makes the linker take this library in.
 */
JNIEXPORT void JNICALL initialize(void)
{
}

/* The version of the JVM_ interface the JDK libraries were written against (jvm.h). */
JNIEXPORT jint JNICALL JVM_GetInterfaceVersion(void)
{
    return 6;
}

/*
 * The CPUs this process may run on: the size of its affinity mask, which includes cpuset
 * restrictions. This is the operating-system value; container CPU quotas are applied by
 * libsvm_container.a (svm_container_active_processor_count) on the Java side. Called by
 * com.oracle.svm.core.container.OperatingSystem (Runtime.availableProcessors() when not in a
 * container) and JFR's ThreadCPULoad event.
 */
JNIEXPORT jint JNICALL JVM_ActiveProcessorCount(void)
{
    cpu_set_t fixed;
    if (sched_getaffinity(0, sizeof(fixed), &fixed) == 0) {
        return CPU_COUNT(&fixed);
    }
    /* More CPUs than a cpu_set_t holds (1024): ask with a mask sized for the machine. */
    long configured = sysconf(_SC_NPROCESSORS_CONF);
    for (long size = configured > CPU_SETSIZE ? configured : 2 * CPU_SETSIZE; size <= 65536; size *= 2) {
        cpu_set_t *set = CPU_ALLOC((int) size);
        if (set == NULL) {
            break;
        }
        size_t bytes = CPU_ALLOC_SIZE((int) size);
        int count = sched_getaffinity(0, bytes, set) == 0 ? CPU_COUNT_S(bytes, set) : -1;
        CPU_FREE(set);
        if (count > 0) {
            return count;
        }
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (jint) online : 1;
}
