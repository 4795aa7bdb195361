//! Links the `bantin` binary as a fixed-address (non-PIE) executable on Linux.
//!
//! A position-independent executable has its tables of pointers (vtables, string
//! tables, the embedded data's indexes) relocated by the loader at every start:
//! about 70 page faults and a tenth of a 40-event run on the reference machine,
//! which matters for a tool meant to run once per click. Fixed addresses trade
//! away address-space randomisation of the executable itself (libraries, heap and
//! stack stay randomised). Remove this file to build a PIE again.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
