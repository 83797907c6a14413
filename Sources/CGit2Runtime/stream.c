#define _GNU_SOURCE
#include "CGit2Runtime.h"

#include <errno.h>
#include <git2.h>
#include <stdatomic.h>
#include <git2/sys/stream.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* libgit2 1.5.1's socket stream leaves Nagle's algorithm on. Its HTTP client writes a request's
   headers and its body separately, so every POST (each fetch's negotiation, each push) waited
   for the host to acknowledge the headers, which a host delays by up to 40 ms: measured here as
   40 ms of nothing in every git request with a body. This stream is libgit2's (one TCP
   connection to the first address that accepts it) with TCP_NODELAY; libgit2's TLS stream runs
   over it too, as it runs over any registered standard stream. */
static atomic_long without_nagle = 0;

long scaffold_git_connections_without_nagle(void) { return atomic_load(&without_nagle); }

typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int fd;
} socket_stream;

static void set_error(const char *what, const socket_stream *st, int code) {
    char message[512];
    snprintf(message, sizeof message, "%s %s:%s: %s", what, st->host, st->port, strerror(code));
    git_error_set_str(GIT_ERROR_NET, message);
}

static int stream_connect(git_stream *stream) {
    socket_stream *st = (socket_stream *)stream;
    struct addrinfo hints = {0}, *found = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int resolved = getaddrinfo(st->host, st->port, &hints, &found);
    if (resolved != 0) {
        char message[512];
        snprintf(message, sizeof message, "failed to resolve address for %s: %s", st->host, gai_strerror(resolved));
        git_error_set_str(GIT_ERROR_NET, message);
        return -1;
    }
    int last = ECONNREFUSED;
    for (struct addrinfo *address = found; address != NULL; address = address->ai_next) {
        int fd = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) {
            last = errno;
            continue;
        }
        if (connect(fd, address->ai_addr, address->ai_addrlen) == 0) {
            int on = 1;
            if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0) atomic_fetch_add(&without_nagle, 1);
            st->fd = fd;
            freeaddrinfo(found);
            return 0;
        }
        last = errno;
        close(fd);
    }
    freeaddrinfo(found);
    set_error("failed to connect to", st, last);
    return -1;
}

static ssize_t stream_read(git_stream *stream, void *data, size_t length) {
    socket_stream *st = (socket_stream *)stream;
    ssize_t got;
    do got = recv(st->fd, data, length, 0); while (got < 0 && errno == EINTR);
    if (got < 0) set_error("error receiving data from", st, errno);
    return got;
}

static ssize_t stream_write(git_stream *stream, const char *data, size_t length, int flags) {
    socket_stream *st = (socket_stream *)stream;
    ssize_t sent;
    /* MSG_NOSIGNAL: a host that hangs up is an error to report, not a SIGPIPE. */
    do sent = send(st->fd, data, length, flags | MSG_NOSIGNAL); while (sent < 0 && errno == EINTR);
    if (sent < 0) set_error("error sending data to", st, errno);
    return sent;
}

static int stream_close(git_stream *stream) {
    socket_stream *st = (socket_stream *)stream;
    if (st->fd >= 0 && close(st->fd) < 0) {
        st->fd = -1;
        set_error("error closing the connection to", st, errno);
        return -1;
    }
    st->fd = -1;
    return 0;
}

static void stream_free(git_stream *stream) {
    socket_stream *st = (socket_stream *)stream;
    if (st->fd >= 0) close(st->fd);
    free(st->host);
    free(st->port);
    free(st);
}

static int stream_new(git_stream **out, const char *host, const char *port) {
    socket_stream *st = calloc(1, sizeof *st);
    if (st == NULL) {
        git_error_set_oom();
        return -1;
    }
    st->host = strdup(host);
    st->port = strdup(port);
    if (st->host == NULL || st->port == NULL) {
        free(st->host);
        free(st->port);
        free(st);
        git_error_set_oom();
        return -1;
    }
    st->fd = -1;
    st->parent.version = GIT_STREAM_VERSION;
    st->parent.connect = stream_connect;
    st->parent.read = stream_read;
    st->parent.write = stream_write;
    st->parent.close = stream_close;
    st->parent.free = stream_free;
    *out = &st->parent;
    return 0;
}

int scaffold_git_register_socket_stream(void) {
    git_stream_registration registration = {0};
    registration.version = GIT_STREAM_VERSION;
    registration.init = stream_new;
    return git_stream_register(GIT_STREAM_STANDARD, &registration);
}
