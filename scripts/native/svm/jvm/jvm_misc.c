/*
 * Miscellaneous JVM_* functions that libjava's natives refer to (libjvm.a): process exit
 * (Shutdown), the last error text, the VM's temporary directory (VMSupport), whether the JDK is
 * statically linked, and the arraycopy entry of System's native table. SubstrateVM implements
 * the Java-facing versions itself; these satisfy and serve the C callers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jni.h>

/* Terminates the process with the given status, running atexit handlers (as HotSpot's exit does
 * after its own shutdown work, which the image has already done in Java). */
JNIEXPORT void JNICALL JVM_Halt(jint code)
{
    exit(code);
}

/* Hook run before halting (HotSpot emits JFR and dump events here); nothing to do. */
JNIEXPORT void JNICALL JVM_BeforeHalt(void)
{
}

/* Copies strerror(errno) into buf (at most len - 1 characters); returns its length, 0 if errno
 * is 0. */
JNIEXPORT jint JNICALL JVM_GetLastErrorString(char *buf, int len)
{
    if (errno == 0 || len <= 0) {
        return 0;
    }
    const char *text = strerror(errno);
    size_t n = strlen(text);
    if (n >= (size_t) len) {
        n = (size_t) len - 1;
    }
    memcpy(buf, text, n);
    buf[n] = '\0';
    return (jint) n;
}

/* The VM's temporary directory (HotSpot's os::get_temp_directory() on Linux). */
JNIEXPORT jstring JNICALL JVM_GetTemporaryDirectory(JNIEnv *env)
{
    return (*env)->NewStringUTF(env, "/tmp");
}

/*
 * Whether the JDK libraries are linked into the launcher statically. Answered "no", as GraalVM
 * does: the only C caller that acts on it is AWT, which an image always loads as a dynamic
 * library; the image's own library loading does not ask.
 */
JNIEXPORT jboolean JNICALL JVM_IsStaticallyLinked(void)
{
    return JNI_FALSE;
}

/*
 * The native behind System.arraycopy in libjava's table of System natives. The image intrinsifies
 * System.arraycopy, so a call through JNI reaches the image's implementation; if System or the
 * method is not accessible through JNI, the lookup's exception is left pending for the caller.
 */
JNIEXPORT void JNICALL JVM_ArrayCopy(JNIEnv *env, jclass system, jobject src, jint src_pos, jobject dst, jint dst_pos, jint length)
{
    if (system == NULL) {
        system = (*env)->FindClass(env, "java/lang/System");
    }
    jmethodID arraycopy = system != NULL
            ? (*env)->GetStaticMethodID(env, system, "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V")
            : NULL;
    if (arraycopy != NULL) {
        (*env)->CallStaticVoidMethod(env, system, arraycopy, src, src_pos, dst, dst_pos, length);
    }
}
