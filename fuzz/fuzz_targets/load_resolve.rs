//! Arbitrary bytes through load, resolve and lint: the first byte picks the site's
//! time zone, the rest split at NUL bytes into events, sources and explainers. Any
//! panic is a bug; diagnostics are the expected outcome for bad input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for diagnostic in dateline::pipeline::check_bytes(data).0 {
        let _ = diagnostic.render(false);
    }
});
