#define _GNU_SOURCE
#include "jixiao_system.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int jixiao_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    (void)from; (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

// The jixiao command links gperftools' tcmalloc, which keeps its own free lists;
// its release call is looked up weakly so the libraries and their tests, which run
// on glibc's malloc, link without it.
extern void MallocExtension_ReleaseFreeMemory(void) __attribute__((weak));

#if defined(__GLIBC__)
#include <malloc.h>
void jixiao_release_free_memory(void) {
    if (MallocExtension_ReleaseFreeMemory) MallocExtension_ReleaseFreeMemory();
    else malloc_trim(0);
}
#else
void jixiao_release_free_memory(void) {
    if (MallocExtension_ReleaseFreeMemory) MallocExtension_ReleaseFreeMemory();
}
#endif
