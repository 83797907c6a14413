#ifndef SCAFFOLD_CGIT2_RUNTIME_H
#define SCAFFOLD_CGIT2_RUNTIME_H

#include <stddef.h>

/* git_libgit2_init without its eager load of the system CA bundle. Debian builds libgit2 with
   mbedTLS, whose initialisation parses every certificate of /etc/ssl/certs/ca-certificates.crt
   (about a sixth of a local `scaffold upgrade`) although most runs never open a TLS connection.
   The bundle's path is remembered and loaded by scaffold_git_load_certificates instead. */
int scaffold_git_init(void);

/* Runs what scaffold_git_init deferred for connections: mbedTLS's entropy and random generator
   seeding, and libssh2's initialisation. Call once, before the first connection to any host
   (plain HTTP too: a redirect can lead to HTTPS). Returns 0, or -1 with git_error_last set. */
int scaffold_git_prepare_network(void);

/* Loads the CA certificates before the first network operation: `file` and/or `directory` when
   given (GIT_SSL_CAINFO, SSL_CERT_FILE, http.sslCAInfo), else the bundle scaffold_git_init
   deferred. Returns libgit2's result (0, or -1 with git_error_last set); 0 when there is
   nothing to load (libgit2 built with OpenSSL, which loads its own store lazily). */
int scaffold_git_load_certificates(const char *file, const char *directory);

/* Registers scaffold's socket stream for libgit2's plain and TLS connections: libgit2's own with
   TCP_NODELAY, so no request body waits for the host to acknowledge its headers (up to 40 ms
   per POST). Call once, after scaffold_git_init. */
int scaffold_git_register_socket_stream(void);

/* How many connections that stream has opened with Nagle's algorithm off (for the tests). */
long scaffold_git_connections_without_nagle(void);

/* An object database backend that holds new objects in memory, in the order they were written,
   until scaffold_store_write_pack writes them all as one pack (with its index) and empties it.
   Unlike libgit2's mempack, whose dump packs only what commits in it reach (whole trees, and
   nothing of a merge that has no commit), it packs exactly the objects written to it.
   The backend is a git_odb_backend *, passed as void * so this header needs no libgit2 header
   of its own. */
int scaffold_store_new(void **out);
size_t scaffold_store_count(void *backend);
int scaffold_store_write_pack(void *backend, const char *pack_folder);

#endif
