#ifndef JIXIAO_SYSTEM_H
#define JIXIAO_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE), so a new
/// site replaces the old one in a single step. Returns 0, or -1 with errno set
/// (e.g. ENOSYS/EINVAL where the file system does not support it).
int jixiao_rename_exchange(const char *from, const char *to);

/// Gives memory the C allocator holds freed back to the system: glibc's
/// malloc_trim; nothing under tcmalloc, which reuses and returns it by itself.
void jixiao_release_free_memory(void);

#endif
