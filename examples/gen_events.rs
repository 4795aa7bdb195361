//! Writes a deterministic synthetic events file (JSON array) for benchmarks and
//! experiments: `cargo run --release --example gen_events -- 10000 events.json`.
//!
//! Arguments: the number of events (default 40) and the output file (default
//! standard output). The events fall in 2020-Q2, spread over the 63 provinces,
//! and are always the same for the same count (see `bantin::sample::events`).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let n: usize = match args.next().map(|s| s.parse()) {
        None => 40,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("gen_events: the count must be a whole number: {e}");
            return ExitCode::from(2);
        }
    };
    let events = bantin::sample::events(n, 2020, 4);
    let json = match serde_json::to_vec_pretty(&events) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("gen_events: {e}");
            return ExitCode::from(3);
        }
    };
    let written = match args.next() {
        Some(path) => bantin::output::write_atomic(path.as_ref(), &json).map_err(|e| e.to_string()),
        None => std::io::stdout().write_all(&json).map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_events: {e}");
            ExitCode::from(3)
        }
    }
}
