#ifndef C_BLUEPRINT_SHIM_H
#define C_BLUEPRINT_SHIM_H

// System headers that Glibc's Swift module does not export on this toolchain (epoll, eventfd, accept4,
// posix_spawn's closefrom, thread names).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <pthread.h>

/// accept4(2) is a GNU extension; the wrapper lives in the C file, compiled with _GNU_SOURCE.
int cblueprint_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+, GNU): the child closes every descriptor from `from` up.
int cblueprint_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);

/// Names a thread (pthread_setname_np, a GNU extension; at most 15 bytes), for `top -H`, `ps -L` and profilers.
int cblueprint_set_thread_name(pthread_t thread, const char *name);

static inline int cblueprint_sock_stream(void) { return SOCK_STREAM; }
static inline int cblueprint_sock_nonblock(void) { return SOCK_NONBLOCK; }
static inline int cblueprint_sock_cloexec(void) { return SOCK_CLOEXEC; }
static inline unsigned int cblueprint_epollin(void) { return EPOLLIN; }
static inline unsigned int cblueprint_epollout(void) { return EPOLLOUT; }
static inline unsigned int cblueprint_epollerr(void) { return EPOLLERR; }
static inline unsigned int cblueprint_epollhup(void) { return EPOLLHUP; }
static inline unsigned int cblueprint_epollrdhup(void) { return EPOLLRDHUP; }

#endif
