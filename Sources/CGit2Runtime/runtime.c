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
