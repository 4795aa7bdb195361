//! Memory for the command: mimalloc as the allocator, and transparent huge pages
//! only when the inputs are large.
//!
//! Measured on the 2-core reference VM, where a page fault costs a few
//! microseconds: a 10,000-event run faulted in about 30 MB page by page (7,400
//! faults, a third of its time); with mimalloc's huge-page arenas it takes about
//! 800. A 40-event run gains nothing from huge pages, and each one it touches is
//! 2 MiB of resident memory (PDF and DOCX at 40 events: 17.8 MiB peak with
//! ordinary pages, 21.4 MiB with huge ones), so huge pages are off from before
//! `main` and switched on only for large inputs. The switch is inherited by
//! child processes (the print spooler), which does them no harm.

/// The allocator of the `bantin` binary (the library leaves the choice to its users).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns huge pages off before `main`, before the Rust runtime's first allocations:
/// pages faulted in then would otherwise be huge ones (2 MiB each of resident memory).
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static SMALL_PAGES_AT_START: extern "C" fn() = small_pages_at_start;

#[cfg(target_os = "linux")]
extern "C" fn small_pages_at_start() {
    huge_pages(false);
    // mimalloc reserves its first arena, and sets up the arena's bitmaps, on the
    // first allocation: 1 GiB by default, whose bitmaps alone were about 45 page
    // faults of a 40-event run. 64 MiB arenas (more are reserved as needed) cost
    // nothing measurable at 10,000 events. Set through mimalloc's documented
    // environment variable, unless the user already has.
    // SAFETY: this runs before `main`, with no other thread that could read the
    // environment; both strings are NUL-terminated.
    unsafe {
        libc::setenv(c"MIMALLOC_ARENA_RESERVE".as_ptr(), c"64MiB".as_ptr(), 0);
    }
}

/// Inputs at least this large (bytes, all files together) get huge pages.
pub const HUGE_PAGES_FROM: u64 = 4 << 20;

/// Turns transparent huge pages off or on for the rest of the process (Linux;
/// elsewhere nothing happens). Only pages faulted in afterwards are affected.
pub fn huge_pages(on: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and touches no memory of ours.
    unsafe {
        libc::prctl(
            libc::PR_SET_THP_DISABLE,
            libc::c_ulong::from(!on),
            0 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

/// Ends the process with `code` once standard output and error are flushed,
/// without the exit handlers: every output file is written and closed by then,
/// and the allocator's tidying of memory the OS takes back anyway was a tenth of
/// a millisecond of each run. Elsewhere than Linux, an ordinary exit.
pub fn exit(code: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(target_os = "linux")]
    // SAFETY: `_exit` ends the process at once; no Rust code runs after it.
    unsafe {
        libc::_exit(i32::from(code))
    }
    #[cfg(not(target_os = "linux"))]
    std::process::exit(i32::from(code))
}
