#include "sha1.h"

#include <string.h>

static uint32_t rotate(uint32_t value, int bits) { return (value << bits) | (value >> (32 - bits)); }

static void compress(uint32_t state[5], const unsigned char block[64]) {
    uint32_t w[80];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 | (uint32_t)block[4 * t + 2] << 8 | block[4 * t + 3];
    for (int t = 16; t < 80; t++) w[t] = rotate(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
        else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
        else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
        else { f = b ^ c ^ d; k = 0xCA62C1D6; }
        uint32_t temp = rotate(a, 5) + f + e + k + w[t];
        e = d; d = c; c = rotate(b, 30); b = a; a = temp;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d; state[4] += e;
}

void scaffold_sha1_init(scaffold_sha1 *context) {
    static const uint32_t initial[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    memcpy(context->state, initial, sizeof initial);
    context->length = 0;
    context->used = 0;
}

void scaffold_sha1_update(scaffold_sha1 *context, const void *data, size_t length) {
    const unsigned char *bytes = data;
    context->length += length;
    while (length > 0) {
        size_t take = 64 - context->used < length ? 64 - context->used : length;
        memcpy(context->block + context->used, bytes, take);
        context->used += take;
        bytes += take;
        length -= take;
        if (context->used == 64) {
            compress(context->state, context->block);
            context->used = 0;
        }
    }
}

void scaffold_sha1_final(scaffold_sha1 *context, unsigned char digest[20]) {
    uint64_t bits = context->length * 8;
    unsigned char pad = 0x80;
    scaffold_sha1_update(context, &pad, 1);
    unsigned char zero = 0;
    while (context->used != 56) scaffold_sha1_update(context, &zero, 1);
    unsigned char length[8];
    for (int i = 0; i < 8; i++) length[i] = (unsigned char)(bits >> (56 - 8 * i));
    scaffold_sha1_update(context, length, 8);
    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (unsigned char)(context->state[i] >> 24);
        digest[4 * i + 1] = (unsigned char)(context->state[i] >> 16);
        digest[4 * i + 2] = (unsigned char)(context->state[i] >> 8);
        digest[4 * i + 3] = (unsigned char)context->state[i];
    }
}
