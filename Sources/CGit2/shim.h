#ifndef SCAFFOLD_CGIT2_SHIM_H
#define SCAFFOLD_CGIT2_SHIM_H
#include <git2.h>
/* Index NAME entries (rename conflicts): needed to rebuild a merged index faithfully. */
#include <git2/sys/index.h>
/* An in-memory object database backend, so read-only commands leave no objects behind. */
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per option we use. */

/* Where libgit2 looks for global/system/XDG configuration (level is a git_config_level_t).
   Tests point it at an empty folder so they never read the user's ~/.gitconfig. */
static inline int scaffold_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/* Verify object hashes and that created objects reference existing ones. */
static inline int scaffold_git_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/* fsync is not needed for scratch repositories in tests and benchmarks. */
static inline int scaffold_git_enable_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

/* Ownership checks (safe.directory) off: the CLI acts on repositories the user names. */
static inline int scaffold_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

#endif
