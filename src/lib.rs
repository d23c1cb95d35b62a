//! dateline: a static site generator for news timelines.
//!
//! A build is four stages, each in its own module: [`load`] reads files,
//! [`resolve`] checks and cross-indexes them into a [`site::Site`], [`render`] turns
//! that into pages in memory, and [`write`](mod@write) puts them on disk atomically.

/// `println!` and `eprintln!` that ignore a closed pipe: `dateline check | head`
/// must not panic when `head` stops reading.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
/// `outln!` for what a command reports about its work (`Built …`, `Created …`):
/// not printed with `--quiet` ([`messages::Verbosity`]).
macro_rules! infoln {
    ($($arg:tt)*) => {{
        if $crate::messages::verbosity() > $crate::messages::Verbosity::Quiet {
            outln!($($arg)*);
        }
    }};
}
/// `errln!` for warnings and notes: not printed with `--quiet`, where only errors
/// are.
macro_rules! warnln {
    ($($arg:tt)*) => {{
        if $crate::messages::verbosity() > $crate::messages::Verbosity::Quiet {
            errln!($($arg)*);
        }
    }};
}
/// `errln!` for the details `--verbose` asks for, as `note:` lines on stderr.
macro_rules! verboseln {
    ($($arg:tt)*) => {{
        if $crate::messages::verbose() {
            errln!("note: {}", format_args!($($arg)*));
        }
    }};
}

pub mod background;
pub mod cmd;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod figures;
pub mod fingerprint;
pub mod fold;
pub mod fsx;
pub mod html;
pub mod i18n;
pub mod import;
mod incremental;
pub mod linkcheck;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod media;
pub mod messages;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod site;
pub mod slug;
pub mod subject;
pub mod suggest;
pub mod timings;
pub mod url_syntax;
pub mod urls;
pub mod write;
