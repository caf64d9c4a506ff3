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

// The jixiao command runs on gperftools' tcmalloc, found here by one of its functions
// (looked up weakly, so the libraries and their tests, on glibc's malloc, link
// without it). tcmalloc hands the memory scoring freed to what is made next and
// returns idle memory to the system by itself: releasing it all at once only made the
// render fault the same pages in again (measured: 8 of 9 alternating 10,000-page
// builds faster without, the peak no higher). glibc keeps freed memory in per-thread
// arenas that later work does not reuse well, so there it is trimmed.
extern void MallocExtension_ReleaseFreeMemory(void) __attribute__((weak));

#if defined(__GLIBC__)
#include <malloc.h>
void jixiao_release_free_memory(void) {
    if (MallocExtension_ReleaseFreeMemory) return;
    malloc_trim(0);
}
#else
void jixiao_release_free_memory(void) {}
#endif
