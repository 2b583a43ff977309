#ifndef CPREFETCH_H
#define CPREFETCH_H
// The compiler's prefetch hint, which Swift has no spelling of: a rebuild's fold
// asks memory for the hash-table entry and the record a coming event will touch
// (Sources/ReadModels/RecordTable.swift), so that the miss is waited for beside the
// work on the events before it instead of in turn. A hint: never faults, never
// changes a value; an address it is given need not even be valid.
static inline void provisioning_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

static inline void provisioning_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
#endif
