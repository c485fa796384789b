/*
 * Container queries of libjava's jdk.internal.platform.CgroupMetrics natives (libjvm.a).
 * SubstrateVM answers CgroupMetrics.isUseContainerSupport() in Java; these serve the C side
 * (isContainerized0 and the table of natives that refers to both).
 */
#include <stddef.h>

#include <jni.h>

/* In libsvm_container.a. Weak: the image links that library only with container support (the
 * default on Linux); without it there is no container support and no container. */
extern int svm_container_is_containerized(void) __attribute__((weak));

/* Whether the image was linked with container support. */
JNIEXPORT jboolean JNICALL JVM_IsUseContainerSupport(void)
{
    return svm_container_is_containerized != NULL ? JNI_TRUE : JNI_FALSE;
}

/* Whether the process runs in a container, by the same rules the image uses for its sizing. */
JNIEXPORT jboolean JNICALL JVM_IsContainerized(void)
{
    return svm_container_is_containerized != NULL && svm_container_is_containerized() ? JNI_TRUE : JNI_FALSE;
}
