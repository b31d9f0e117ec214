//! kehu — 客户资源管理系统, a desktop CRM for the information clerk of a small firm.
//!
//! Layers, arrows pointing down only: [`ui`] (egui) → [`store`] (SQLite) → [`domain`]
//! (types, validation, rules; no I/O). [`strings`] holds every user-visible text.
//! [`cli`] is what the thin `main` calls; [`demo`] makes sample data, [`bench`] measures.

pub mod bench;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod io;
pub mod store;
pub mod strings;
pub mod ui;
