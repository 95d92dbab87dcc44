//! The integration tests, in one crate: each module runs the real binary (or the library's
//! `harness`) for one command or property. One crate links the Typst stack once.

mod support;

mod batch;
mod check;
mod confinement;
mod email;
mod escaping;
mod first_use;
mod fuzz_checks;
mod generate;
mod golden;
mod history;
mod hostile;
mod injection;
mod judgement;
mod languages;
mod notes;
mod preview;
mod print;
mod project;
mod provenance;
mod shipped_data;
mod templates_guide;
mod trace;
mod watch;
