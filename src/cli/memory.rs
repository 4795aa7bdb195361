//! The binary's allocator.
//!
//! mimalloc instead of the system allocator: a 10,000-event bulletin run took 45 ms
//! instead of 76 ms with glibc's malloc (2026-11, reference VM); at 40 events the two
//! are within noise. The library leaves the choice to its users.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
