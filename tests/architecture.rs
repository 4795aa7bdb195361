//! The module graph, read from the code: every `crate::…` path in `src/` outside the
//! command line and the tests. Data flows one way through the pipeline, no module
//! depends on itself through others, and no writer imports another. The README shows
//! the same graph; when the code changes it, this test prints the new one to paste there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The node a file belongs to: its top-level module, or `render::pdf`/`render::docx`.
fn node(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
    match parts.first()?.as_str() {
        "main" | "lib" | "cli" => None,
        "render" if parts.len() > 2 => Some(format!("render::{}", parts[1])),
        "render" => None,
        top => Some(top.to_string()),
    }
}

/// The code of a file without comments and without its `#[cfg(test)] mod tests`.
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]\nmod tests").map_or(text, |at| &text[..at]);
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The modules a path after `crate::` names: `a::…` gives `a`, `{a::x, b}` gives `a` and `b`;
/// `render::pdf` and `render::docx` are nodes of their own.
fn targets(rest: &str) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    let named = |path: &str| {
        let first = ident(path);
        // The crate root re-exports the error types.
        if first == "Error" || first == "Result" {
            return "error".to_string();
        }
        if first == "render" {
            let sub = ident(path.trim_start_matches("render::"));
            if sub == "pdf" || sub == "docx" {
                return format!("render::{sub}");
            }
        }
        first
    };
    let Some(group) = rest.strip_prefix('{') else { return vec![named(rest)] };
    let (mut depth, mut out, mut start) = (0, Vec::new(), 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                out.push(named(group[start..i].trim()));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(named(group[start..i].trim()));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.into_iter().filter(|t| !t.is_empty()).collect()
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Some(from) = node(path.strip_prefix(&src).unwrap()) else { continue };
            let text = code(&std::fs::read_to_string(&path).unwrap());
            let deps = graph.entry(from.clone()).or_default();
            for (at, _) in text.match_indices("crate::") {
                for to in targets(&text[at + "crate::".len()..]) {
                    if to != from && to != "self" {
                        deps.insert(to);
                    }
                }
            }
        }
    }
    graph
}

/// The graph as the README shows it, one module a line.
fn render(g: &Graph) -> String {
    g.iter()
        .map(|(m, deps)| match deps.is_empty() {
            true => format!("{m}\n"),
            false => format!("{m} ─▶ {}\n", deps.iter().cloned().collect::<Vec<_>>().join(", ")),
        })
        .collect()
}

/// A cycle through `start`, if there is one.
fn cycle(g: &Graph, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in g.get(&at).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![next.clone()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    assert!(g.len() > 15, "the scan found the modules: {g:?}");
    for m in g.keys() {
        assert_eq!(cycle(&g, m), None, "a cycle through {m}");
    }
}

#[test]
fn no_writer_imports_another_and_data_flows_one_way() {
    let g = graph();
    let later: &[(&str, &[&str])] = &[
        ("render::pdf", &["render::docx"]),
        ("render::docx", &["render::pdf"]),
        ("layout", &["render::pdf", "render::docx"]),
        ("compose", &["layout", "render::pdf", "render::docx"]),
        ("stats", &["compose", "layout", "render::pdf", "render::docx"]),
        ("extract", &["stats", "compose", "layout", "render::pdf", "render::docx"]),
        ("event", &["extract", "stats", "compose", "layout", "render::pdf", "render::docx"]),
    ];
    for (m, not) in later {
        let deps = g.get(*m).unwrap_or_else(|| panic!("no module {m}"));
        for n in *not {
            assert!(!deps.contains(*n), "{m} imports {n}, a later stage of the pipeline");
        }
    }
}

#[test]
fn the_readme_shows_the_graph_of_the_code() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let shown = readme
        .split("<!-- module graph: tests/architecture.rs -->\n```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has the module graph block");
    let actual = render(&graph());
    assert_eq!(shown, actual, "the module graph changed; put this in the README's block:\n{actual}");
}
