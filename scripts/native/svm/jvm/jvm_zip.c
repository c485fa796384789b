/*
 * What libzip's zip_util.c (the JDK's C zip reader, linked into the image because it holds
 * JNI_OnLoad_zip) needs from the VM (libjvm.a): raw monitors to guard its table of open zip
 * files, and the platform form of a path. java.util.zip itself is Java code; these serve only
 * that C reader.
 */
#include <pthread.h>
#include <stdlib.h>

#include <jni.h>

/* A new unlocked mutex (HotSpot's raw monitors are plain, non-recursive platform mutexes), or
 * NULL if out of memory. */
JNIEXPORT void *JNICALL JVM_RawMonitorCreate(void)
{
    pthread_mutex_t *mutex = malloc(sizeof(*mutex));
    if (mutex != NULL && pthread_mutex_init(mutex, NULL) != 0) {
        free(mutex);
        mutex = NULL;
    }
    return mutex;
}

JNIEXPORT void JNICALL JVM_RawMonitorDestroy(void *monitor)
{
    if (monitor != NULL) {
        pthread_mutex_destroy(monitor);
        free(monitor);
    }
}

/* Blocks until the calling thread holds the monitor; 0 on success. */
JNIEXPORT jint JNICALL JVM_RawMonitorEnter(void *monitor)
{
    return pthread_mutex_lock(monitor) == 0 ? 0 : -1;
}

JNIEXPORT void JNICALL JVM_RawMonitorExit(void *monitor)
{
    pthread_mutex_unlock(monitor);
}

/* The path in the platform's form, in place; on Linux there is nothing to convert. */
JNIEXPORT char *JNICALL JVM_NativePath(char *path)
{
    return path;
}
