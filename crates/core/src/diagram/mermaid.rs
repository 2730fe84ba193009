//! Mermaid `flowchart` export, for pasting the diagram into docs.

use super::{Diagram, DiagramNodeKind};

/// Mermaid ids are plain words; logical names contain dots, slashes and colons.
fn id(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Quotes in labels would end the label; Mermaid's entity for them is `#quot;`.
fn text(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "#quot;"))
}

pub fn render(d: &Diagram) -> String {
    let mut out = String::from("flowchart TB\n");
    for n in d.children(None) {
        node(d, n, 1, &mut out);
    }
    for e in &d.edges {
        out.push_str(&format!(
            "  {} -->|{}| {}\n",
            id(&e.source),
            text(&e.label),
            id(&e.target)
        ));
    }
    out
}

fn node(d: &Diagram, n: &super::DiagramNode, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let container = matches!(
        n.kind,
        DiagramNodeKind::Region
            | DiagramNodeKind::Vpc
            | DiagramNodeKind::Az
            | DiagramNodeKind::Subnet
    );
    if container {
        out.push_str(&format!(
            "{pad}subgraph {}[{}]\n",
            id(&n.id),
            text(&n.label)
        ));
        for c in d.children(Some(&n.id)) {
            node(d, c, depth + 1, out);
        }
        out.push_str(&format!("{pad}end\n"));
    } else {
        out.push_str(&format!("{pad}{}[{}]\n", id(&n.id), text(&n.label)));
    }
}
