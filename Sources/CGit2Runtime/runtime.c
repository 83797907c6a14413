#define _GNU_SOURCE
#include "CGit2Runtime.h"

#include <dlfcn.h>
#include <git2.h>
#include <stdatomic.h>
#include <string.h>

static atomic_int deferring = 0;
static char deferred_bundle[4096];

/* Interposes mbedTLS's function of that name for libgit2 (an executable's definition takes
   precedence over a shared library's): while scaffold_git_init runs, the path is remembered
   and nothing parsed; at any other time the call goes through to mbedTLS unchanged. The chain
   argument is mbedtls_x509_crt *, opaque here. */
int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    if (atomic_load(&deferring)) {
        if (path != NULL && strlen(path) < sizeof deferred_bundle)
            strcpy(deferred_bundle, path);
        return 0;
    }
    static int (*real)(void *, const char *);
    if (real == NULL)
        real = (int (*)(void *, const char *))dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
    if (real == NULL)
        return -1;
    return real(chain, path);
}

/* Also deferred while scaffold_git_init runs, for scaffold_git_prepare_network to do before the
   first connection: mbedTLS's entropy collector and random generator (its HAVEGE setup is
   about 1.1 million instructions) and libssh2's initialisation (OpenSSL's engines, about 1
   million), which a run that never connects to a host does not need. The contexts are
   libgit2's, opaque here; their addresses stay valid (libgit2 is never shut down). */
static void *deferred_entropy;
static struct {
    void *context;
    int (*entropy)(void *, unsigned char *, size_t);
    void *entropy_context;
    unsigned char custom[256];
    size_t custom_length;
    int pending;
} deferred_seed;
static int deferred_ssh = 0;

typedef void (*entropy_init_fn)(void *);
typedef int (*drbg_seed_fn)(void *, int (*)(void *, unsigned char *, size_t), void *, const unsigned char *, size_t);
typedef int (*ssh_init_fn)(int);

/* The library's own definition of `name`, the one this file's interposes. */
static void *real(const char *name) { return dlsym(RTLD_NEXT, name); }

void mbedtls_entropy_init(void *context) {
    if (atomic_load(&deferring)) {
        deferred_entropy = context;
        return;
    }
    static entropy_init_fn next;
    if (next == NULL) next = (entropy_init_fn)real("mbedtls_entropy_init");
    if (next != NULL) next(context);
}

int mbedtls_ctr_drbg_seed(void *context, int (*entropy)(void *, unsigned char *, size_t), void *entropy_context,
                          const unsigned char *custom, size_t length) {
    if (atomic_load(&deferring) && length <= sizeof deferred_seed.custom) {
        deferred_seed.context = context;
        deferred_seed.entropy = entropy;
        deferred_seed.entropy_context = entropy_context;
        if (length) memcpy(deferred_seed.custom, custom, length);
        deferred_seed.custom_length = length;
        deferred_seed.pending = 1;
        return 0;
    }
    static drbg_seed_fn next;
    if (next == NULL) next = (drbg_seed_fn)real("mbedtls_ctr_drbg_seed");
    return next ? next(context, entropy, entropy_context, custom, length) : -1;
}

int libssh2_init(int flags) {
    if (atomic_load(&deferring)) {
        deferred_ssh = 1;
        return 0;
    }
    static ssh_init_fn next;
    if (next == NULL) next = (ssh_init_fn)real("libssh2_init");
    return next ? next(flags) : -1;
}

int scaffold_git_prepare_network(void) {
    if (deferred_entropy != NULL) {
        mbedtls_entropy_init(deferred_entropy);
        deferred_entropy = NULL;
    }
    if (deferred_seed.pending) {
        deferred_seed.pending = 0;
        int seeded = mbedtls_ctr_drbg_seed(deferred_seed.context, deferred_seed.entropy, deferred_seed.entropy_context,
                                           deferred_seed.custom_length ? deferred_seed.custom : NULL, deferred_seed.custom_length);
        if (seeded != 0) {
            git_error_set_str(GIT_ERROR_SSL, "failed to seed the TLS random number generator");
            return -1;
        }
    }
    if (deferred_ssh) {
        deferred_ssh = 0;
        if (libssh2_init(0) < 0) {
            git_error_set_str(GIT_ERROR_SSH, "failed to initialize libssh2");
            return -1;
        }
    }
    return 0;
}

int scaffold_git_init(void) {
    atomic_store(&deferring, 1);
    int result = git_libgit2_init();
    atomic_store(&deferring, 0);
    return result;
}

int scaffold_git_load_certificates(const char *file, const char *directory) {
    if (file == NULL && directory == NULL) {
        if (deferred_bundle[0] == '\0')
            return 0;
        file = deferred_bundle;
    }
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, directory);
}
