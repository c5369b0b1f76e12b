#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <sys/socket.h>
#include "CBlueprintShim.h"

int cblueprint_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

int cblueprint_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

int cblueprint_set_thread_name(pthread_t thread, const char *name) {
    return pthread_setname_np(thread, name);
}
