#include "CGit2Runtime.h"

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <stdlib.h>
#include <string.h>

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

int scaffold_store_write_pack(void *backend, void *repository, const char *pack_folder) {
    store *s = (store *)backend;
    if (s->count == 0) return 0;
    git_packbuilder *builder;
    int error = git_packbuilder_new(&builder, repository);
    if (error < 0) return error;
    git_packbuilder_set_threads(builder, 1);
    for (size_t e = 0; e < s->count && error == 0; e++) error = git_packbuilder_insert(builder, &s->entries[e].oid, NULL);
    if (error == 0) error = git_packbuilder_write(builder, pack_folder, 0, NULL, NULL);
    git_packbuilder_free(builder);
    if (error == 0) clear(s);
    return error;
}
