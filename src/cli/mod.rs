//! The command-line layer (binary only): argument types, progress, and the commands,
//! each a few calls into the library.

pub mod args;
pub mod commands;
pub mod memory;
pub mod progress;
pub mod signing;
