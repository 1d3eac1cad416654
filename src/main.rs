//! The `khabar` command: parses the command line and runs one subcommand
//! (see `khabar::cli`, shared with the Python package's `khabar` command).

/// mimalloc instead of the system allocator: every document makes many
/// short-lived strings and vectors (mentions, word lists, rows), and
/// glibc's malloc and free were about a tenth of the CPU time of a run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` of the
/// mimalloc 3 header that `libmimalloc-sys` builds; the crate names no
/// constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the process before mimalloc hands it
/// back to the system, in milliseconds (mimalloc's default is 10). A long
/// document frees and allocates vectors of tens of megabytes stage after
/// stage; handed back at once, every one of them came back as fresh pages
/// the kernel had to zero, which was half the time of a 16 MB document
/// (BENCHMARKS.md, issue #18). A second keeps them for the next stage and
/// still gives the memory back between documents of a long run.
const PURGE_DELAY_MS: std::ffi::c_long = 1000;

fn main() {
    // SAFETY: `mi_option_set` is not thread safe; no other thread runs yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    std::process::exit(khabar::cli::main(std::env::args_os()));
}
