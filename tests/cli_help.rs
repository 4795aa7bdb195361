//! `bantin --help` lists every subcommand, and each subcommand's help shows examples
//! that name it and that the command line parser accepts.

mod common;
use common::*;

const SUBCOMMANDS: [&str; 7] = ["extract", "stats", "chart", "bulletin", "template", "print", "completions"];

fn help(args: &[&str]) -> String {
    let out = bantin(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The example lines (`  bantin …`) after the `Example:`/`Examples:` heading.
fn examples(text: &str) -> Vec<String> {
    let start = text.find("\nExample").unwrap_or_else(|| panic!("no example in:\n{text}"));
    text[start..].lines().skip(1).map(str::trim).filter(|l| l.starts_with("bantin ")).map(str::to_string).collect()
}

#[test]
fn top_level_help_lists_every_subcommand() {
    let text = help(&["--help"]);
    let commands: Vec<&str> = text
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for s in SUBCOMMANDS {
        assert!(commands.contains(&s), "`{s}` missing from the command list: {commands:?}");
    }
    assert!(text.contains("Exit codes: 0 ok, 1 finished with warnings under --strict, 2 bad input, 3 I/O failure"));
    assert!(!examples(&text).is_empty());
}

#[test]
fn every_subcommand_help_has_an_example_of_itself() {
    for s in SUBCOMMANDS.iter().map(|s| vec![*s]).chain([vec!["template", "init"]]) {
        let mut args = s.clone();
        args.push("--help");
        let text = help(&args);
        let ex = examples(&text);
        let prefix = format!("bantin {}", s.join(" "));
        assert!(ex.iter().any(|e| e.starts_with(&prefix)), "`{prefix} --help` has no example of itself:\n{text}");
    }
}

/// Every example parses: with `--help` appended, clap accepts the arguments before it
/// (a bad flag or value would fail with exit code 2 instead).
#[test]
fn examples_are_valid_command_lines() {
    let mut all = Vec::new();
    for s in SUBCOMMANDS.iter().map(|s| vec![*s]).chain([vec!["template", "init"], vec![]]) {
        let mut args = s.clone();
        args.push("--help");
        all.extend(examples(&help(&args)));
    }
    assert!(all.len() >= 15, "{all:?}");
    for e in &all {
        let words: Vec<&str> = e.split_whitespace().skip(1).take_while(|w| *w != ">").collect();
        let out = bantin(&[&words[..], &["--help"]].concat());
        assert!(out.status.success(), "`{e}` does not parse: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn the_sample_example_runs() {
    let dir = tempfile::tempdir().unwrap();
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats = bantin(&["stats", "examples/articles", "--period", "2020"]);
    assert!(String::from_utf8_lossy(&stats.stdout).contains("Tổng cộng"));
}

#[test]
fn completions_for_bash_and_zsh() {
    let bash = help(&["completions", "bash"]);
    assert!(bash.contains("_bantin()") && bash.contains("bulletin") && bash.contains("--period"), "{bash}");
    let zsh = help(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef bantin"), "{zsh}");
    let out = bantin(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}
