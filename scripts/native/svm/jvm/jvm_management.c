/*
 * The VM's management interface (libjvm.a). libmanagement_ext's JNI_OnLoad asks for it with
 * JVM_GetManagement(JMM_VERSION) to serve a few HotSpot-specific MXBean natives (diagnostic
 * commands, VM flags, GC details). SubstrateVM implements those MXBeans in Java and has no
 * HotSpot jmm function table, so every version is answered as unsupported (NULL), which is
 * HotSpot's answer for a version it does not know.
 */
#include <stddef.h>

#include <jni.h>

JNIEXPORT void *JNICALL JVM_GetManagement(jint version)
{
    (void) version;
    return NULL;
}
