//! Integration tests: the real `dateline` binary run on fixture sites in temp folders,
//! with the generated HTML inspected through CSS selectors.

mod annotations;
mod bad_input;
mod boundary;
mod browser;
mod build;
mod check;
mod claims;
mod corrections;
mod dates;
mod errors;
mod feeds;
mod figures;
mod file_names;
mod front_matter;
mod helpers;
mod ids;
mod incremental;
mod metadata;
mod node;
mod output;
mod pages;
mod path_limits;
mod performance;
mod progress;
mod publishing;
mod questions;
mod reports;
mod robustness;
mod scaffold;
mod server;
mod special_files;
mod static_files;
mod tags;
mod templates;
mod timelinejs;
