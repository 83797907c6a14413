#ifndef SCAFFOLD_CCURL_H
#define SCAFFOLD_CCURL_H
/* libcurl's easy interface, loaded on first use (loader.c) instead of linked: only the commands
   that talk to a code host need it, and linking it made every process load libcurl and the
   twenty-odd libraries it needs (Kerberos, LDAP, OpenSSL, ...), about half of the instructions
   `scaffold new` spent before main. The header is libcurl's own, for its types and constants. */
#include <curl/curl.h>

/* Whether libcurl could be loaded (libcurl.so.4, Debian's libcurl4); every call below fails
   cleanly when not: a NULL handle or CURLE_FAILED_INIT. */
int scaffold_curl_available(void);

CURLcode scaffold_curl_global_init(long flags);
CURL *scaffold_curl_easy_init(void);
void scaffold_curl_easy_cleanup(CURL *curl);
CURLcode scaffold_curl_easy_perform(CURL *curl);
const char *scaffold_curl_easy_strerror(CURLcode code);
struct curl_slist *scaffold_curl_slist_append(struct curl_slist *list, const char *string);
void scaffold_curl_slist_free_all(struct curl_slist *list);

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
   function per argument type. */
CURLcode scaffold_curl_set_long(CURL *curl, CURLoption option, long value);
CURLcode scaffold_curl_set_string(CURL *curl, CURLoption option, const char *value);
CURLcode scaffold_curl_set_pointer(CURL *curl, CURLoption option, void *value);

typedef size_t (*scaffold_curl_data_callback)(char *data, size_t size, size_t count, void *user);
CURLcode scaffold_curl_set_callback(CURL *curl, CURLoption option, scaffold_curl_data_callback callback);

CURLcode scaffold_curl_response_code(CURL *curl, long *code);

#endif
