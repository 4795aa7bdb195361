//! The `bantin` command: a thin layer over the library (see `src/cli/`).

mod cli;

use clap::Parser;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "bantin: internal error: {info}\nThis is a bug in bantin; please report it together with the command and the input files."
        );
    }));
    let args = cli::args::Cli::parse();
    let strict = args.strict;
    let code = match std::panic::catch_unwind(|| cli::commands::run(args)) {
        Ok(Ok(outcome)) if strict && outcome.warnings > 0 => {
            eprintln!("bantin: finished with {} warning(s); exit code 1 because of --strict", outcome.warnings);
            1
        }
        Ok(Ok(_)) => 0,
        Ok(Err(e)) => {
            eprintln!("bantin: error: {e}");
            u8::try_from(e.exit_code()).unwrap_or(3)
        }
        Err(_) => 3,
    };
    std::process::exit(i32::from(code))
}
