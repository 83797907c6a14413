#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
} api;
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL)
        return;
    /* Never closed: the process keeps libcurl once it has needed it. */
    *(void **)&api.global_init = dlsym(library, "curl_global_init");
    *(void **)&api.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&api.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&api.easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&api.easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&api.slist_append = dlsym(library, "curl_slist_append");
    *(void **)&api.slist_free_all = dlsym(library, "curl_slist_free_all");
    *(void **)&api.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&api.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    loaded = api.global_init && api.easy_init && api.easy_cleanup && api.easy_perform && api.easy_strerror
        && api.slist_append && api.slist_free_all && api.easy_setopt && api.easy_getinfo;
}

int scaffold_curl_available(void) {
    pthread_once(&once, load);
    return loaded;
}

CURLcode scaffold_curl_global_init(long flags) {
    return scaffold_curl_available() ? api.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *scaffold_curl_easy_init(void) {
    return scaffold_curl_available() ? api.easy_init() : NULL;
}

void scaffold_curl_easy_cleanup(CURL *curl) {
    if (scaffold_curl_available()) api.easy_cleanup(curl);
}

CURLcode scaffold_curl_easy_perform(CURL *curl) {
    return scaffold_curl_available() ? api.easy_perform(curl) : CURLE_FAILED_INIT;
}

const char *scaffold_curl_easy_strerror(CURLcode code) {
    return scaffold_curl_available() ? api.easy_strerror(code) : "libcurl is not installed (libcurl4)";
}

struct curl_slist *scaffold_curl_slist_append(struct curl_slist *list, const char *string) {
    return scaffold_curl_available() ? api.slist_append(list, string) : list;
}

void scaffold_curl_slist_free_all(struct curl_slist *list) {
    if (scaffold_curl_available()) api.slist_free_all(list);
}

CURLcode scaffold_curl_set_long(CURL *curl, CURLoption option, long value) {
    return scaffold_curl_available() ? api.easy_setopt(curl, option, value) : CURLE_FAILED_INIT;
}

CURLcode scaffold_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return scaffold_curl_available() ? api.easy_setopt(curl, option, value) : CURLE_FAILED_INIT;
}

CURLcode scaffold_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return scaffold_curl_available() ? api.easy_setopt(curl, option, value) : CURLE_FAILED_INIT;
}

CURLcode scaffold_curl_set_callback(CURL *curl, CURLoption option, scaffold_curl_data_callback callback) {
    return scaffold_curl_available() ? api.easy_setopt(curl, option, callback) : CURLE_FAILED_INIT;
}

CURLcode scaffold_curl_response_code(CURL *curl, long *code) {
    return scaffold_curl_available() ? api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code) : CURLE_FAILED_INIT;
}
