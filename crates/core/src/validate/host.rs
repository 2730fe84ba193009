//! Rules for the values that reach an instance's root shell at first boot (paths, variable
//! names, compose profiles, image references). The script quotes every one of them as well;
//! these rules make sure a value that passes is also one the host tools read the same way.

/// An absolute host path: `^/[A-Za-z0-9._/-]+$` and no `..` component.
pub fn host_path(s: &str) -> Result<(), String> {
    let ok_chars = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c));
    if !s.starts_with('/') || s.len() < 2 || !ok_chars {
        return Err(format!(
            "{} is not an absolute path of letters, digits and . _ / -",
            shown(s)
        ));
    }
    if s.len() > 1024 {
        return Err(format!(
            "a host path is at most 1024 bytes, got {}",
            s.len()
        ));
    }
    if s.split('/').any(|part| part == "..") {
        return Err(format!("{} must not contain '..'", shown(s)));
    }
    Ok(())
}

/// An environment variable name: `^[A-Za-z_][A-Za-z0-9_]*$`, as a shell and `.env` read it.
pub fn env_name(s: &str) -> Result<(), String> {
    let first_ok = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if !first_ok || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || s.len() > 128 {
        return Err(format!(
            "{} is not a variable name (a letter or _, then letters, digits, _; at most 128)",
            shown(s)
        ));
    }
    Ok(())
}

/// A compose profile or container name: `^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`, the compose spec's
/// pattern.
pub fn compose_word(s: &str, what: &str) -> Result<(), String> {
    let first_ok = s.starts_with(|c: char| c.is_ascii_alphanumeric());
    let rest_ok = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if !first_ok || !rest_ok || s.len() > 128 {
        return Err(format!(
            "{} is not a {what} (a letter or digit, then letters, digits, _ . -; at most 128)",
            shown(s)
        ));
    }
    Ok(())
}

/// A Docker image reference, by the distribution reference grammar:
/// `[domain[:port]/]path[:tag][@digest]`, the path lowercase components joined by `.`, `_`,
/// `__` or runs of `-`; the tag `[\w][\w.-]{0,127}`; the digest `algorithm:hex` (32+ hex).
pub fn image_reference(s: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "{} is not a Docker image reference: {why}",
            shown(s)
        ))
    };
    if s.is_empty() || s.len() > 512 {
        return bad("it must be 1-512 characters");
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest
        && !digest_ok(d)
    {
        return bad("the digest must be algorithm:hex with at least 32 hex digits");
    }
    // A tag is after the last ':' that comes after the last '/' (a ':' before it is a port).
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag
        && !tag_ok(t)
    {
        return bad("the tag must be a letter, digit or _, then up to 127 of those, . or -");
    }
    if name.len() > 255 {
        return bad("the name is longer than 255 characters");
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    let first = parts[0];
    // Docker's rule: the first component is a registry when it has a '.' or ':' or is
    // `localhost` (or has uppercase letters, which a path never has).
    let has_domain = parts.len() > 1
        && (first.contains(['.', ':'])
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase()));
    if has_domain {
        if !domain_ok(first) {
            return bad("the registry must be host[:port]");
        }
        parts.remove(0);
    }
    if !parts.iter().all(|p| path_component_ok(p)) {
        return bad(
            "each path component is lowercase letters and digits, joined by '.', '_', '__' or '-'",
        );
    }
    Ok(())
}

fn path_component_ok(p: &str) -> bool {
    let b = p.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    // Separators: one '.', one or two '_', or any run of '-'; always between alphanumerics.
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &p[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn domain_ok(d: &str) -> bool {
    let (host, port) = match d.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (d, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    let component_ok = |c: &str| {
        !c.is_empty()
            && c.bytes().all(|x| x.is_ascii_alphanumeric() || x == b'-')
            && !c.starts_with('-')
            && !c.ends_with('-')
    };
    port_ok && host.split('.').all(component_ok)
}

fn tag_ok(t: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    !t.is_empty()
        && t.len() <= 128
        && t.starts_with(word)
        && t.chars().all(|c| word(c) || c == '.' || c == '-')
}

fn digest_ok(d: &str) -> bool {
    let Some((algorithm, hex)) = d.split_once(':') else {
        return false;
    };
    let algorithm_ok = algorithm.split(['+', '.', '-', '_']).all(|c| {
        c.starts_with(|x: char| x.is_ascii_alphabetic())
            && c.chars().all(|x| x.is_ascii_alphanumeric())
    });
    algorithm_ok && hex.len() >= 32 && hex.bytes().all(|c| c.is_ascii_hexdigit())
}

/// The value as an error shows it: escaped, so a newline or control character in a hostile
/// value cannot forge another line of the message, and cut at 80 characters.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(80).collect();
    let more = if cut.len() < s.len() { "…" } else { "" };
    format!("'{}{more}'", cut.escape_debug())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references_follow_the_grammar() {
        for ok in [
            "nginx",
            "nginx:latest",
            "library/nginx:1.27",
            "ghcr.io/owner/app:v1.2.3",
            "localhost:5000/app",
            "registry.example.com:443/team/app_x__y.z-w:tag",
            "postgres:16-alpine",
            "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(image_reference(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "Nginx",
            "nginx:",
            "nginx:-x",
            "a//b",
            "a/-b",
            "a___b",
            "nginx;id",
            "nginx latest",
            "$(id)",
            "nginx@sha256:abc",
            "nginx\n",
        ] {
            assert!(image_reference(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn paths_names_and_profiles() {
        assert!(host_path("/opt/app").is_ok());
        assert!(host_path("/opt/app/users.csv").is_ok());
        for bad in [
            "opt",
            "/",
            "/opt/../etc",
            "/opt/a b",
            "/opt/$(id)",
            "/opt/'x'",
        ] {
            assert!(host_path(bad).is_err(), "{bad}");
        }
        assert!(env_name("APP_USERS_B64").is_ok() && env_name("_x1").is_ok());
        for bad in ["", "1A", "A-B", "A B", "A=B", "A\nB"] {
            assert!(env_name(bad).is_err(), "{bad:?}");
        }
        assert!(compose_word("worker", "compose profile").is_ok());
        assert!(compose_word("-x", "compose profile").is_err());
        assert!(compose_word("a b", "compose profile").is_err());
    }

    #[test]
    fn errors_show_values_escaped() {
        let err = host_path("/a\nb").expect_err("newline");
        assert!(!err.contains('\n'), "{err}");
    }
}
