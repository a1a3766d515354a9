/* bench/slowsync.c: an LD_PRELOAD library for bench/cold.sh that makes fsync and fdatasync of a
 * SQLite database file (name ending in .sqlite) or of its WAL (-wal) wait first, by the
 * microseconds in SLOW_DB_FSYNC_US and SLOW_WAL_FSYNC_US: a stand-in for a disk that syncs
 * scattered pages slowly, to see who waits for which sync. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long delay_for(int fd) {
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    size_t length = (size_t)n;
    const char *variable = NULL;
    if (length > 4 && strcmp(path + length - 4, "-wal") == 0) variable = "SLOW_WAL_FSYNC_US";
    else if (length > 7 && strcmp(path + length - 7, ".sqlite") == 0) variable = "SLOW_DB_FSYNC_US";
    const char *value = variable ? getenv(variable) : NULL;
    return value ? atol(value) : 0;
}

/* Waits as configured for `fd`, then calls the next definition of `name` (libc's). */
static int slowed(int (**next)(int), const char *name, int fd) {
    if (!*next) *next = (int (*)(int))dlsym(RTLD_NEXT, name);
    long delay = delay_for(fd);
    if (delay > 0) usleep((useconds_t)delay);
    return (*next)(fd);
}

int fdatasync(int fd) {
    static int (*next)(int);
    return slowed(&next, "fdatasync", fd);
}

int fsync(int fd) {
    static int (*next)(int);
    return slowed(&next, "fsync", fd);
}
