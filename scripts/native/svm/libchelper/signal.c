/*
 * The C half of Java signal handling (sun.misc.Signal / jdk.internal.misc.Signal) in a
 * SubstrateVM image (part of liblibchelper.a). Declared in
 * com.oracle.svm.core.posix.headers.CSunMiscSignal and used by PosixSignalHandlerSupport:
 *
 *  - installJavaSignalHandler() installs cSunMiscSignal_signalHandlerFunctionPointer() with
 *    sigaction() for every signal that Java code handles;
 *  - the "Signal Dispatcher" Java thread loops: cSunMiscSignal_awaitSemaphore(), then
 *    cSunMiscSignal_checkPendingSignal(), and dispatches the signal number it gets (if >= 0)
 *    to the Java handlers;
 *  - stopping the dispatcher posts the semaphore once (cSunMiscSignal_signalSemaphore());
 *  - isolate tear-down restores the handlers and calls cSunMiscSignal_close().
 *
 * The handler runs on whatever thread the kernel picks, with no Java thread state, so it only
 * does async-signal-safe things: an atomic increment of the signal's counter and sem_post().
 * The state is process-wide and can serve one isolate at a time; cSunMiscSignal_open() is how an
 * isolate claims it.
 */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>

/* Whether an isolate has claimed the mechanism (0 or 1). */
static volatile int claimed;
/* Set once the semaphore is made and the counters are reset, cleared before they go: the
 * handler counts only while it is set, so it never posts to a semaphore being made or destroyed. */
static volatile int ready;
/* Signals received and not yet handed to the dispatcher, indexed by signal number. */
static volatile long pending[NSIG];
/* Posted once per received signal; the dispatcher thread waits on it. */
static sem_t wakeup;

/*
 * Claims the mechanism for the calling isolate and resets it. Returns 0 on success, 1 if another
 * isolate already owns it, -1 (errno set) if the semaphore cannot be created.
 */
int cSunMiscSignal_open(void)
{
    if (!__atomic_compare_exchange_n(&claimed, &(int){0}, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        return 1;
    }
    for (int i = 0; i < NSIG; i++) {
        __atomic_store_n(&pending[i], 0, __ATOMIC_RELAXED);
    }
    if (sem_init(&wakeup, 0, 0) != 0) {
        int saved = errno;
        __atomic_store_n(&claimed, 0, __ATOMIC_SEQ_CST);
        errno = saved;
        return -1;
    }
    __atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
    return 0;
}

/* Releases the mechanism (the caller has already reinstalled the default handlers); 0 or -1. */
int cSunMiscSignal_close(void)
{
    if (__atomic_load_n(&claimed, __ATOMIC_SEQ_CST)) {
        __atomic_store_n(&ready, 0, __ATOMIC_SEQ_CST);
        __atomic_store_n(&claimed, 0, __ATOMIC_SEQ_CST);
        if (sem_destroy(&wakeup) != 0) {
            return -1;
        }
    }
    return 0;
}

/*
 * Blocks the dispatcher thread until a signal arrives or the dispatcher is being stopped.
 * An interruption counts as a (spurious) wake-up. Returns 0, or -1 with errno on failure.
 */
int cSunMiscSignal_awaitSemaphore(void)
{
    if (sem_wait(&wakeup) == 0 || errno == EINTR) {
        return 0;
    }
    return -1;
}

/* Wakes the dispatcher thread without a signal (used to stop it). Returns 0 or -1. */
int cSunMiscSignal_signalSemaphore(void)
{
    return sem_post(&wakeup);
}

/* 1 if the number can index the counters (1 .. NSIG-1), else 0. */
int cSunMiscSignal_signalRangeCheck(int sig)
{
    return sig > 0 && sig < NSIG;
}

/*
 * Takes one pending signal: returns the lowest signal number with a non-zero count and counts it
 * down by one, or -1 if nothing is pending. Only the dispatcher thread calls it, so nobody else
 * decrements concurrently; the handler may increment at any time.
 */
int cSunMiscSignal_checkPendingSignal(void)
{
    for (int sig = 1; sig < NSIG; sig++) {
        if (__atomic_load_n(&pending[sig], __ATOMIC_ACQUIRE) > 0) {
            __atomic_fetch_sub(&pending[sig], 1, __ATOMIC_ACQ_REL);
            return sig;
        }
    }
    return -1;
}

/* The handler installed for Java-handled signals: count the signal, wake the dispatcher. */
static void counting_handler(int sig)
{
    int saved_errno = errno;
    if (sig > 0 && sig < NSIG && __atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
        __atomic_fetch_add(&pending[sig], 1, __ATOMIC_ACQ_REL);
        sem_post(&wakeup);
    }
    errno = saved_errno;
}

/* The address of the handler, which the Java side passes to sigaction() and compares against. */
void (*cSunMiscSignal_signalHandlerFunctionPointer(void))(int)
{
    return counting_handler;
}
