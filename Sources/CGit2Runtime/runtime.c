#include "CGit2Runtime.h"

#include <git2.h>
#include <stdatomic.h>
#include <string.h>

/* While scaffold_git_init runs, libgit2's start-up calls into mbedTLS and libssh2 that only a
   connection needs are remembered instead of made, and scaffold_git_prepare_network makes them
   before the first connection: the CA bundle's parse (a sixth of a local upgrade), mbedTLS's
   entropy collector and random seeding (its HAVEGE setup is 1.1 million instructions) and
   libssh2's initialisation (OpenSSL's engines, 1 million). libgit2 calls them through the
   linker's --wrap (Package.swift): each __wrap_NAME here stands in for NAME, and __real_NAME
   is the library's own. The contexts are libgit2's, opaque here; their addresses stay valid,
   since libgit2 is never shut down. At any other time every call goes straight through. */

int __real_mbedtls_x509_crt_parse_file(void *chain, const char *path);
void __real_mbedtls_entropy_init(void *context);
int __real_mbedtls_ctr_drbg_seed(void *context, int (*entropy)(void *, unsigned char *, size_t), void *entropy_context,
                                 const unsigned char *custom, size_t length);
int __real_libssh2_init(int flags);

static atomic_int deferring = 0;
static char deferred_bundle[4096];
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

int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    if (atomic_load(&deferring)) {
        if (path != NULL && strlen(path) < sizeof deferred_bundle)
            strcpy(deferred_bundle, path);
        return 0;
    }
    return __real_mbedtls_x509_crt_parse_file(chain, path);
}

void __wrap_mbedtls_entropy_init(void *context) {
    if (atomic_load(&deferring)) {
        deferred_entropy = context;
        return;
    }
    __real_mbedtls_entropy_init(context);
}

int __wrap_mbedtls_ctr_drbg_seed(void *context, int (*entropy)(void *, unsigned char *, size_t), void *entropy_context,
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
    return __real_mbedtls_ctr_drbg_seed(context, entropy, entropy_context, custom, length);
}

int __wrap_libssh2_init(int flags) {
    if (atomic_load(&deferring)) {
        deferred_ssh = 1;
        return 0;
    }
    return __real_libssh2_init(flags);
}

int scaffold_git_prepare_network(void) {
    if (deferred_entropy != NULL) {
        __real_mbedtls_entropy_init(deferred_entropy);
        deferred_entropy = NULL;
    }
    if (deferred_seed.pending) {
        deferred_seed.pending = 0;
        int seeded = __real_mbedtls_ctr_drbg_seed(deferred_seed.context, deferred_seed.entropy, deferred_seed.entropy_context,
                                                  deferred_seed.custom_length ? deferred_seed.custom : NULL,
                                                  deferred_seed.custom_length);
        if (seeded != 0) {
            git_error_set_str(GIT_ERROR_SSL, "failed to seed the TLS random number generator");
            return -1;
        }
    }
    if (deferred_ssh) {
        deferred_ssh = 0;
        if (__real_libssh2_init(0) < 0) {
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
