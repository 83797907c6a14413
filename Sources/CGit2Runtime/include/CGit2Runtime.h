#ifndef SCAFFOLD_CGIT2_RUNTIME_H
#define SCAFFOLD_CGIT2_RUNTIME_H

/* git_libgit2_init without its eager load of the system CA bundle. Debian builds libgit2 with
   mbedTLS, whose initialisation parses every certificate of /etc/ssl/certs/ca-certificates.crt
   (about a sixth of a local `scaffold upgrade`) although most runs never open a TLS connection.
   The bundle's path is remembered and loaded by scaffold_git_load_certificates instead. */
int scaffold_git_init(void);

/* Loads the CA certificates before the first network operation: `file` and/or `directory` when
   given (GIT_SSL_CAINFO, SSL_CERT_FILE, http.sslCAInfo), else the bundle scaffold_git_init
   deferred. Returns libgit2's result (0, or -1 with git_error_last set); 0 when there is
   nothing to load (libgit2 built with OpenSSL, which loads its own store lazily). */
int scaffold_git_load_certificates(const char *file, const char *directory);

#endif
