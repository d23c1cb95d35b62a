//! The theme's words per language (SPEC §11).
