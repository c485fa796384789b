/*
 * Symbol lookup for the JDK's native libraries (libjvm.a): libjava's class-loader natives look up
 * JNI_OnLoad/JNI_OnUnload and native methods with it, libnet checks for IPv6 functions.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <string.h>

#include <jni.h>

/* Defined by the image builder in every image: non-zero in a fully static executable. Weak, so
 * that this also links into programs that are not images (the test). */
extern int __svm_vm_is_static_binary __attribute__((weak));

/*
 * dlsym(handle, name). In a fully static executable there is no dynamic symbol table to search
 * and calling dlsym is unsafe, so only the one symbol the JDK is known to look up there
 * (inet_pton, for the IPv6 check) is answered; anything else is reported as not found.
 */
JNIEXPORT void *JNICALL JVM_FindLibraryEntry(void *handle, const char *name)
{
    if (&__svm_vm_is_static_binary != NULL && __svm_vm_is_static_binary) {
        return strcmp(name, "inet_pton") == 0 ? (void *) inet_pton : NULL;
    }
    return dlsym(handle, name);
}
