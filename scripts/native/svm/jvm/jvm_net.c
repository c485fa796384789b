/*
 * The old JVM_* socket interface (libjvm.a): thin wrappers that HotSpot still exports for
 * networking code of older JDK libraries. Calls that a signal can interrupt are restarted.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jni.h>

#define RESTART_ON_EINTR(call) ({ int _r; do { _r = (call); } while (_r == -1 && errno == EINTR); _r; })

JNIEXPORT jint JNICALL JVM_InitializeSocketLibrary(void)
{
    return 0; /* nothing to initialise on POSIX systems */
}

JNIEXPORT jint JNICALL JVM_Socket(jint domain, jint type, jint protocol)
{
    return socket(domain, type, protocol);
}

JNIEXPORT jint JNICALL JVM_SocketClose(jint fd)
{
    return close(fd);
}

JNIEXPORT jint JNICALL JVM_SocketShutdown(jint fd, jint howto)
{
    return shutdown(fd, howto);
}

JNIEXPORT jint JNICALL JVM_Connect(jint fd, struct sockaddr *addr, socklen_t len)
{
    return RESTART_ON_EINTR(connect(fd, addr, len));
}

JNIEXPORT jint JNICALL JVM_Send(jint fd, char *buf, size_t count, unsigned int flags)
{
    return RESTART_ON_EINTR((int) send(fd, buf, count, (int) flags));
}

JNIEXPORT jint JNICALL JVM_Listen(jint fd, jint backlog)
{
    return listen(fd, backlog);
}

JNIEXPORT jint JNICALL JVM_GetSockName(jint fd, struct sockaddr *addr, socklen_t *len)
{
    return getsockname(fd, addr, len);
}

JNIEXPORT jint JNICALL JVM_GetSockOpt(jint fd, int level, int name, char *value, socklen_t *len)
{
    return getsockopt(fd, level, name, value, len);
}

JNIEXPORT jint JNICALL JVM_SetSockOpt(jint fd, int level, int name, const char *value, socklen_t len)
{
    return setsockopt(fd, level, name, value, len);
}

JNIEXPORT jint JNICALL JVM_GetHostName(char *name, int len)
{
    return gethostname(name, (size_t) len);
}

/* Stores the bytes readable without blocking in *bytes; 1 on success, 0 on failure (HotSpot). */
JNIEXPORT jint JNICALL JVM_SocketAvailable(jint fd, jint *bytes)
{
    if (fd < 0) {
        return 0;
    }
    return RESTART_ON_EINTR(ioctl(fd, FIONREAD, bytes)) == -1 ? 0 : 1;
}
