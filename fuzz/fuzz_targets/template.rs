//! The template renderer on arbitrary template sources: `body.md` (and, after a
//! 0xFF byte, `template.toml`) either fail with a template or input error naming
//! the file, or compose into a bulletin; never a panic or a hang.
#![no_main]

use bantin::compose::{compose, Settings, Template, DEFAULT_TEMPLATE_TOML};
use bantin::period::Period;
use bantin::stats::{compute, PeriodStats, StatsOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn stats() -> &'static PeriodStats {
    static STATS: OnceLock<PeriodStats> = OnceLock::new();
    STATS.get_or_init(|| {
        let events = bantin::sample::events(12, 2020, 4);
        let period = Period::parse("2020-Q2").expect("a valid period");
        compute(&events, &period, &StatsOptions::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let (body, toml) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let body = String::from_utf8_lossy(body);
    let toml = toml.map(String::from_utf8_lossy);
    let toml = toml.as_deref().unwrap_or(DEFAULT_TEMPLATE_TOML);
    let template = match Template::from_sources("t/template.toml", toml, "t/body.md", &body) {
        Ok(t) => t,
        Err(e) => {
            assert!(e.to_string().starts_with("t/template.toml"), "error does not name the file: {e}");
            return;
        }
    };
    let settings = Settings { template, issue_date: None, created_unix: 1_593_561_600, history: Vec::new() };
    if let Err(e) = compose(stats(), &settings) {
        let msg = e.to_string();
        assert!(msg.starts_with("t/"), "error does not name the template file: {msg}");
    }
});
