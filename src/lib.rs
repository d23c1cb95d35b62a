//! dateline: a static site generator for news timelines.
//!
//! A build is four stages, each in its own module: [`load`] reads files,
//! [`resolve`] checks and cross-indexes them into a [`site::Site`], [`render`] turns
//! that into pages in memory, and [`write`] puts them on disk atomically.

pub mod cmd;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod site;
pub mod slug;
pub mod suggest;
pub mod write;
