#include "CGit2Runtime.h"
#include "sha1.h"

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    git_oid oid;
    git_object_t type;
    size_t length;
    unsigned char *data;
} entry;

typedef struct {
    git_odb_backend parent;
    entry *entries;      /* in the order written */
    size_t count, capacity;
    size_t *slots;       /* open addressing: index + 1 into entries, 0 for empty */
    size_t slot_count;   /* a power of two, at least twice count */
} store;

static size_t slot_of(const git_oid *oid, size_t slot_count) {
    size_t hash;
    memcpy(&hash, oid->id, sizeof hash);  /* object ids are uniformly distributed */
    return hash & (slot_count - 1);
}

static entry *find(store *s, const git_oid *oid) {
    if (s->slot_count == 0) return NULL;
    for (size_t i = slot_of(oid, s->slot_count);; i = (i + 1) & (s->slot_count - 1)) {
        size_t slot = s->slots[i];
        if (slot == 0) return NULL;
        if (git_oid_equal(&s->entries[slot - 1].oid, oid)) return &s->entries[slot - 1];
    }
}

static int rehash(store *s, size_t slot_count) {
    size_t *slots = calloc(slot_count, sizeof *slots);
    if (!slots) return -1;
    for (size_t e = 0; e < s->count; e++) {
        size_t i = slot_of(&s->entries[e].oid, slot_count);
        while (slots[i]) i = (i + 1) & (slot_count - 1);
        slots[i] = e + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->slot_count = slot_count;
    return 0;
}

static int store_write(git_odb_backend *backend, const git_oid *oid, const void *data, size_t length, git_object_t type) {
    store *s = (store *)backend;
    if (find(s, oid)) return 0;
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? s->capacity * 2 : 64;
        entry *entries = realloc(s->entries, capacity * sizeof *entries);
        if (!entries) return -1;
        s->entries = entries;
        s->capacity = capacity;
    }
    if ((s->count + 1) * 2 > s->slot_count && rehash(s, s->slot_count ? s->slot_count * 2 : 128) < 0) return -1;
    unsigned char *copy = malloc(length ? length : 1);
    if (!copy) return -1;
    memcpy(copy, data, length);
    entry *e = &s->entries[s->count];
    git_oid_cpy(&e->oid, oid);
    e->type = type;
    e->length = length;
    e->data = copy;
    size_t i = slot_of(oid, s->slot_count);
    while (s->slots[i]) i = (i + 1) & (s->slot_count - 1);
    s->slots[i] = ++s->count;
    return 0;
}

static int store_read(void **out, size_t *length, git_object_t *type, git_odb_backend *backend, const git_oid *oid) {
    entry *e = find((store *)backend, oid);
    if (!e) return GIT_ENOTFOUND;
    void *copy = git_odb_backend_data_alloc(backend, e->length);
    if (!copy && e->length) return -1;
    memcpy(copy, e->data, e->length);
    *out = copy;
    *length = e->length;
    *type = e->type;
    return 0;
}

static int store_read_header(size_t *length, git_object_t *type, git_odb_backend *backend, const git_oid *oid) {
    entry *e = find((store *)backend, oid);
    if (!e) return GIT_ENOTFOUND;
    *length = e->length;
    *type = e->type;
    return 0;
}

/* The one entry whose id starts with the first `hex_length` hex digits of `short_id`. */
static int match_prefix(store *s, const git_oid *short_id, size_t hex_length, entry **found) {
    *found = NULL;
    for (size_t e = 0; e < s->count; e++) {
        if (git_oid_ncmp(&s->entries[e].oid, short_id, hex_length) == 0) {
            if (*found) return GIT_EAMBIGUOUS;
            *found = &s->entries[e];
        }
    }
    return *found ? 0 : GIT_ENOTFOUND;
}

static int store_read_prefix(git_oid *out_id, void **out, size_t *length, git_object_t *type, git_odb_backend *backend,
                             const git_oid *short_id, size_t hex_length) {
    entry *e;
    int error = match_prefix((store *)backend, short_id, hex_length, &e);
    if (error) return error;
    git_oid_cpy(out_id, &e->oid);
    return store_read(out, length, type, backend, &e->oid);
}

static int store_exists(git_odb_backend *backend, const git_oid *oid) {
    return find((store *)backend, oid) != NULL;
}

static int store_exists_prefix(git_oid *out, git_odb_backend *backend, const git_oid *short_id, size_t hex_length) {
    entry *e;
    int error = match_prefix((store *)backend, short_id, hex_length, &e);
    if (error) return error;
    git_oid_cpy(out, &e->oid);
    return 0;
}

static void clear(store *s) {
    for (size_t e = 0; e < s->count; e++) free(s->entries[e].data);
    s->count = 0;
    if (s->slots) memset(s->slots, 0, s->slot_count * sizeof *s->slots);
}

static void store_free(git_odb_backend *backend) {
    store *s = (store *)backend;
    clear(s);
    free(s->entries);
    free(s->slots);
    free(s);
}

int scaffold_store_new(void **out) {
    store *s = calloc(1, sizeof *s);
    if (!s) return -1;
    if (git_odb_init_backend(&s->parent, GIT_ODB_BACKEND_VERSION) < 0) { free(s); return -1; }
    s->parent.read = store_read;
    s->parent.read_prefix = store_read_prefix;
    s->parent.read_header = store_read_header;
    s->parent.write = store_write;
    s->parent.exists = store_exists;
    s->parent.exists_prefix = store_exists_prefix;
    s->parent.free = store_free;
    *out = &s->parent;
    return 0;
}

size_t scaffold_store_count(void *backend) {
    return ((store *)backend)->count;
}

/* The pack is written here rather than by git_packbuilder, which first searches every object
   for a delta base: two thirds of its time for the few dozen new objects of a `scaffold new` or
   an upgrade, which share little, and no reader needs deltas. Each object is deflated as it is
   (type and size header, zlib stream), the pack ends with the SHA-1 of its bytes, and
   git_indexer, fed the stream, checks it, writes the .idx and renames both into the pack folder,
   so a reader never sees a partial pack. */

typedef struct {
    git_indexer *indexer;
    git_indexer_progress progress;
    scaffold_sha1 checksum;
    unsigned char buffer[64 * 1024];
    size_t used;
    int error;
} pack_stream;

static void flush(pack_stream *p) {
    if (p->used && p->error == 0) p->error = git_indexer_append(p->indexer, p->buffer, p->used, &p->progress);
    p->used = 0;
}

static void put(pack_stream *p, const void *data, size_t length) {
    scaffold_sha1_update(&p->checksum, data, length);
    const unsigned char *bytes = data;
    while (length > 0 && p->error == 0) {
        size_t take = sizeof p->buffer - p->used < length ? sizeof p->buffer - p->used : length;
        memcpy(p->buffer + p->used, bytes, take);
        p->used += take;
        bytes += take;
        length -= take;
        if (p->used == sizeof p->buffer) flush(p);
    }
}

static void put_object(pack_stream *p, const entry *e, z_stream *zlib) {
    /* Type in bits 4-6 of the first byte, the size in 4 bits there and 7 per following byte. */
    unsigned char header[16];
    size_t size = e->length, n = 0;
    header[n] = (unsigned char)(((unsigned)e->type << 4) | (size & 15));
    size >>= 4;
    while (size) {
        header[n++] |= 0x80;
        header[n] = size & 0x7f;
        size >>= 7;
    }
    put(p, header, n + 1);
    if (deflateReset(zlib) != Z_OK) { p->error = -1; return; }
    zlib->next_in = e->data;
    zlib->avail_in = (uInt)e->length;
    unsigned char out[16 * 1024];
    int status;
    do {
        zlib->next_out = out;
        zlib->avail_out = sizeof out;
        status = deflate(zlib, Z_FINISH);
        if (status == Z_STREAM_ERROR) { p->error = -1; return; }
        put(p, out, sizeof out - zlib->avail_out);
    } while (status != Z_STREAM_END && p->error == 0);
}

int scaffold_store_write_pack(void *backend, void *repository, const char *pack_folder) {
    (void)repository;
    store *s = (store *)backend;
    if (s->count == 0) return 0;
    for (size_t e = 0; e < s->count; e++)
        if (s->entries[e].length > UINT32_MAX) return -1;  /* one zlib call per object */
    git_indexer_options options;
    int error = git_indexer_options_init(&options, GIT_INDEXER_OPTIONS_VERSION);
    if (error < 0) return error;
    pack_stream *p = calloc(1, sizeof *p);
    if (!p) return -1;
    error = git_indexer_new(&p->indexer, pack_folder, 0, NULL, &options);
    if (error < 0) { free(p); return error; }
    scaffold_sha1_init(&p->checksum);
    z_stream zlib;
    memset(&zlib, 0, sizeof zlib);
    if (deflateInit(&zlib, Z_DEFAULT_COMPRESSION) != Z_OK) {
        git_indexer_free(p->indexer);
        free(p);
        return -1;
    }
    unsigned char header[12] = {'P', 'A', 'C', 'K', 0, 0, 0, 2,
                                (unsigned char)(s->count >> 24), (unsigned char)(s->count >> 16),
                                (unsigned char)(s->count >> 8), (unsigned char)s->count};
    put(p, header, sizeof header);
    for (size_t e = 0; e < s->count && p->error == 0; e++) put_object(p, &s->entries[e], &zlib);
    deflateEnd(&zlib);
    unsigned char trailer[20];
    scaffold_sha1_final(&p->checksum, trailer);
    if (p->error == 0) {
        /* The trailer is not part of what it sums. */
        size_t room = sizeof p->buffer - p->used;
        if (room < sizeof trailer) flush(p);
        memcpy(p->buffer + p->used, trailer, sizeof trailer);
        p->used += sizeof trailer;
        flush(p);
    }
    error = p->error ? p->error : git_indexer_commit(p->indexer, &p->progress);
    git_indexer_free(p->indexer);
    free(p);
    if (error == 0) clear(s);
    return error;
}
