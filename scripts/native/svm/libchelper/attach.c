/*
 * The socket side of the Attach API (jcmd, jstack and friends talking to a running image), part
 * of liblibchelper.a. Declared in com.oracle.svm.core.posix.attach.AttachHelper and used by the
 * image's attach listener, which mirrors HotSpot's: a client creates ".attach_pid<pid>" and sends
 * SIGQUIT; the listener checks that trigger file, creates the UNIX socket ".java_pid<pid>" in
 * the temporary directory and serves requests from clients running as the same user (or root).
 * Only reachable in images built with attach support (--enable-monitoring=jcmd or similar).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int stat_restarting(const char *path, struct stat *st)
{
    int ret;
    do {
        ret = stat(path, st);
    } while (ret != 0 && errno == EINTR);
    return ret;
}

/* At listener start: removes a socket file left behind by an earlier process with our PID. */
void svm_attach_startup(const char *socket_path)
{
    struct stat st;
    if (stat_restarting(socket_path, &st) == 0) {
        unlink(socket_path);
    }
}

/* At listener stop: closes the listening socket (if any) and removes its file (if given). */
void svm_attach_listener_cleanup(int listener, const char *socket_path)
{
    if (listener != -1) {
        shutdown(listener, SHUT_RDWR);
        close(listener);
    }
    if (socket_path != NULL) {
        unlink(socket_path);
    }
}

/* 1 while the socket file still exists; 0 tells the listener to recreate it. */
int svm_attach_check_socket_file(const char *socket_path)
{
    struct stat st;
    return stat(socket_path, &st) == 0;
}

/* 1 if the trigger file exists and belongs to our effective user or to root, so that another
 * user cannot make the process open a socket. */
int svm_attach_is_init_trigger(const char *trigger_path)
{
    struct stat st;
    if (stat_restarting(trigger_path, &st) != 0) {
        return 0;
    }
    return st.st_uid == 0 || st.st_uid == geteuid();
}

/*
 * Creates the listening socket at socket_path: bound under a temporary name, readable and
 * writable by the owner only, owned by the effective user and group, then renamed into place so
 * that a client never sees a socket it may not use. Returns the socket, or -1.
 */
int svm_attach_create_listener(const char *socket_path)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    char temp_path[sizeof(addr.sun_path)];
    if (snprintf(temp_path, sizeof(temp_path), "%s.tmp", socket_path) >= (int) sizeof(temp_path)) {
        return -1;
    }
    memcpy(addr.sun_path, temp_path, strlen(temp_path) + 1);

    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener == -1) {
        return -1;
    }
    unlink(temp_path);
    int ok = bind(listener, (struct sockaddr *) &addr, sizeof(addr)) == 0
            && listen(listener, 5) == 0
            && chmod(temp_path, S_IRUSR | S_IWUSR) == 0
            && chown(temp_path, geteuid(), getegid()) == 0
            && rename(temp_path, socket_path) == 0;
    if (!ok) {
        close(listener);
        unlink(temp_path);
        return -1;
    }
    return listener;
}

/* Waits for the next client whose effective user and group are ours (or who is root) and
 * returns its connection; other clients are dropped. -1 if accept() fails. */
int svm_attach_wait_for_request(int listener)
{
    for (;;) {
        int s;
        do {
            s = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        } while (s == -1 && errno == EINTR);
        if (s == -1) {
            return -1;
        }
        struct ucred peer;
        socklen_t len = sizeof(peer);
        if (getsockopt(s, SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0
                && (peer.uid == 0 || (peer.uid == geteuid() && peer.gid == getegid()))) {
            return s;
        }
        close(s);
    }
}

/* Ends both directions of a client connection, so that a blocked read in another thread returns. */
void svm_attach_shutdown_socket(int s)
{
    shutdown(s, SHUT_RDWR);
}
