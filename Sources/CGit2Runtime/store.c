#include "CGit2Runtime.h"
#include "sha1.h"

#include <errno.h>
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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
   (type and size header, zlib stream at git's loose-object level, 1), the pack ends with the
   SHA-1 of its bytes, and its version 2 index (fan-out, sorted ids, CRC-32s, offsets, the two
   checksums) is written from what the store already knows: libgit2's git_indexer, used before,
   inflated and hashed every object again (a quarter of the pack's cost). Both go to temporary
   names and are renamed into place pack first, index last, as git does: git reads a pack only
   through its index, so a reader never sees a partial pack. */

typedef struct {
    unsigned char *bytes;
    size_t used, capacity;
    int failed;
} buffer;

/* Room for `extra` more bytes. */
static int reserve(buffer *b, size_t extra) {
    if (b->failed) return -1;
    if (b->used + extra <= b->capacity) return 0;
    size_t capacity = b->capacity ? b->capacity : 64 * 1024;
    while (capacity < b->used + extra) capacity *= 2;
    unsigned char *bytes = realloc(b->bytes, capacity);
    if (!bytes) { b->failed = 1; return -1; }
    b->bytes = bytes;
    b->capacity = capacity;
    return 0;
}

static void append(buffer *b, const void *data, size_t length) {
    if (reserve(b, length) < 0) return;
    memcpy(b->bytes + b->used, data, length);
    b->used += length;
}

static void append_be32(buffer *b, uint32_t value) {
    unsigned char bytes[4] = {(unsigned char)(value >> 24), (unsigned char)(value >> 16), (unsigned char)(value >> 8),
                              (unsigned char)value};
    append(b, bytes, 4);
}

/* Appends one object (type and size header, then its zlib stream) to the pack: one deflate
   call into room zlib says is enough. */
static int put_object(buffer *pack, const entry *e, z_stream *zlib) {
    unsigned char header[16];
    size_t size = e->length, n = 0;
    header[n] = (unsigned char)(((unsigned)e->type << 4) | (size & 15));
    size >>= 4;
    while (size) {
        header[n++] |= 0x80;
        header[n] = size & 0x7f;
        size >>= 7;
    }
    append(pack, header, n + 1);
    if (deflateReset(zlib) != Z_OK) return -1;
    size_t room = deflateBound(zlib, (uLong)e->length);
    if (room > UINT32_MAX || reserve(pack, room) < 0) return -1;
    zlib->next_in = e->data;
    zlib->avail_in = (uInt)e->length;
    zlib->next_out = pack->bytes + pack->used;
    zlib->avail_out = (uInt)room;
    if (deflate(zlib, Z_FINISH) != Z_STREAM_END) return -1;
    pack->used += room - zlib->avail_out;
    return 0;
}

/* An object's id and where the store has it, sorted by id for the index (no global state:
   repositories write their packs on several threads at once). */
typedef struct {
    unsigned char id[GIT_OID_RAWSZ];
    size_t entry;
} sorted_id;

static int by_id(const void *a, const void *b) {
    return memcmp(((const sorted_id *)a)->id, ((const sorted_id *)b)->id, GIT_OID_RAWSZ);
}

/* Writes `data` to a new temporary file in `folder`, read-only; its path in `path`. */
static int write_temporary(const char *folder, const buffer *data, char *path, size_t path_size) {
    if ((size_t)snprintf(path, path_size, "%s/tmp_pack_XXXXXX", folder) >= path_size) return -1;
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < data->used) {
        ssize_t wrote = write(fd, data->bytes + done, data->used - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) { close(fd); unlink(path); return -1; }
        done += (size_t)wrote;
    }
    if (fchmod(fd, 0444) < 0 || close(fd) < 0) { unlink(path); return -1; }
    return 0;
}

static void set_os_error(const char *what, const char *path) {
    char message[4200];
    snprintf(message, sizeof message, "%s '%s': %s", what, path, strerror(errno));
    git_error_set_str(GIT_ERROR_OS, message);
}

int scaffold_store_write_pack(void *backend, const char *pack_folder) {
    store *s = (store *)backend;
    if (s->count == 0) return 0;
    for (size_t e = 0; e < s->count; e++)
        if (s->entries[e].length > UINT32_MAX) return -1;  /* one zlib call per object */
    buffer pack = {0}, index = {0};
    size_t *offsets = calloc(s->count, sizeof *offsets);
    sorted_id *order = calloc(s->count, sizeof *order);
    uint32_t *crcs = calloc(s->count, sizeof *crcs);
    int error = -1;
    z_stream zlib;
    memset(&zlib, 0, sizeof zlib);
    /* Level 1, as git writes loose objects; memLevel 6: a 16 KB hash table to clear per object
       instead of 64 KB, which for objects of a few KB compresses the same. */
    int zlib_ready = deflateInit2(&zlib, Z_BEST_SPEED, Z_DEFLATED, 15, 6, Z_DEFAULT_STRATEGY) == Z_OK;
    if (!offsets || !order || !crcs || !zlib_ready) {
        git_error_set_oom();
        goto done;
    }

    unsigned char header[12] = {'P', 'A', 'C', 'K', 0, 0, 0, 2,
                                (unsigned char)(s->count >> 24), (unsigned char)(s->count >> 16),
                                (unsigned char)(s->count >> 8), (unsigned char)s->count};
    append(&pack, header, sizeof header);
    for (size_t e = 0; e < s->count; e++) {
        offsets[e] = pack.used;
        if (put_object(&pack, &s->entries[e], &zlib) < 0 || pack.failed) { git_error_set_oom(); goto done; }
        crcs[e] = (uint32_t)crc32(0, pack.bytes + offsets[e], (uInt)(pack.used - offsets[e]));
    }
    unsigned char pack_sum[20];
    scaffold_sha1 sha;
    scaffold_sha1_init(&sha);
    scaffold_sha1_update(&sha, pack.bytes, pack.used);
    scaffold_sha1_final(&sha, pack_sum);
    append(&pack, pack_sum, sizeof pack_sum);

    for (size_t e = 0; e < s->count; e++) {
        memcpy(order[e].id, s->entries[e].oid.id, GIT_OID_RAWSZ);
        order[e].entry = e;
    }
    qsort(order, s->count, sizeof *order, by_id);
    /* Two objects with one id were written once (store_write), so the ids are distinct. */
    append(&index, "\377tOc\0\0\0\2", 8);
    size_t below = 0;
    for (unsigned first = 0; first < 256; first++) {
        while (below < s->count && order[below].id[0] <= first) below++;
        append_be32(&index, (uint32_t)below);
    }
    for (size_t i = 0; i < s->count; i++) append(&index, order[i].id, GIT_OID_RAWSZ);
    for (size_t i = 0; i < s->count; i++) append_be32(&index, crcs[order[i].entry]);
    uint32_t large = 0;
    for (size_t i = 0; i < s->count; i++) {
        size_t offset = offsets[order[i].entry];
        append_be32(&index, offset < 0x80000000u ? (uint32_t)offset : 0x80000000u | large++);
    }
    for (size_t i = 0; i < s->count; i++) {
        uint64_t offset = offsets[order[i].entry];
        if (offset < 0x80000000u) continue;
        append_be32(&index, (uint32_t)(offset >> 32));
        append_be32(&index, (uint32_t)offset);
    }
    append(&index, pack_sum, sizeof pack_sum);
    unsigned char index_sum[20];
    scaffold_sha1_init(&sha);
    scaffold_sha1_update(&sha, index.bytes, index.used);
    scaffold_sha1_final(&sha, index_sum);
    append(&index, index_sum, sizeof index_sum);
    if (pack.failed || index.failed) { git_error_set_oom(); goto done; }

    char hex[41];
    for (int i = 0; i < 20; i++) snprintf(hex + 2 * i, 3, "%02x", pack_sum[i]);
    char pack_tmp[4096], index_tmp[4096], pack_path[4096], index_path[4096];
    if ((size_t)snprintf(pack_path, sizeof pack_path, "%s/pack-%s.pack", pack_folder, hex) >= sizeof pack_path ||
        (size_t)snprintf(index_path, sizeof index_path, "%s/pack-%s.idx", pack_folder, hex) >= sizeof index_path) {
        git_error_set_str(GIT_ERROR_OS, "the pack folder's path is too long");
        goto done;
    }
    if (write_temporary(pack_folder, &pack, pack_tmp, sizeof pack_tmp) < 0) { set_os_error("cannot write a pack in", pack_folder); goto done; }
    if (write_temporary(pack_folder, &index, index_tmp, sizeof index_tmp) < 0) {
        set_os_error("cannot write a pack index in", pack_folder);
        unlink(pack_tmp);
        goto done;
    }
    if (rename(pack_tmp, pack_path) < 0) {
        set_os_error("cannot rename the pack to", pack_path);
        unlink(pack_tmp);
        unlink(index_tmp);
        goto done;
    }
    if (rename(index_tmp, index_path) < 0) {
        set_os_error("cannot rename the pack index to", index_path);
        unlink(index_tmp);
        goto done;
    }
    error = 0;
done:
    if (zlib_ready) deflateEnd(&zlib);
    free(pack.bytes);
    free(index.bytes);
    free(offsets);
    free(order);
    free(crcs);
    if (error == 0) clear(s);
    return error;
}
