//! Dates in a language and calendar (SPEC §11).
