#ifndef SCAFFOLD_SHA1_H
#define SCAFFOLD_SHA1_H
#include <stddef.h>
#include <stdint.h>

/* Plain SHA-1 (FIPS 180-4), for the checksum a pack file ends with; object ids are libgit2's. */
typedef struct {
    uint32_t state[5];
    uint64_t length;
    unsigned char block[64];
    size_t used;
} scaffold_sha1;

void scaffold_sha1_init(scaffold_sha1 *context);
void scaffold_sha1_update(scaffold_sha1 *context, const void *data, size_t length);
void scaffold_sha1_final(scaffold_sha1 *context, unsigned char digest[20]);

#endif
