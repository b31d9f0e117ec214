//! kehu — 客户资源管理系统, a desktop CRM for the information clerk of a small firm.
//!
//! Layers, bottom first; a module names only modules below it (tests/layers.rs checks):
//!
//! 1. [`domain`] — types, validation and rules; no I/O.
//! 2. [`strings`] — the UI language and the text table. Messages that need a store or
//!    io type are formed next to that type ([`store::text`], [`io::text`]).
//! 3. [`store`] — the only SQL: one SQLite file, change log, trash, backups, recovery.
//! 4. [`io`] — files and print: reading spreadsheets, import planning, export, PDF.
//!    [`demo`] (sample data) sits beside it and uses the store only.
//! 5. [`ui`] — the egui window.
//! 6. [`bench`] — speed measurements over all of the above.
//! 7. [`cli`] — the command line the thin `main` calls (it opens the window too).

pub mod bench;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod io;
pub mod store;
pub mod strings;
pub mod ui;
