//! CIDR math with `ipnet`: parsing, containment and overlap.

use ipnet::Ipv4Net;

/// Parses `a.b.c.d/n`, rejecting host bits: AWS would silently round `10.0.1.5/24` down,
/// which hides a typo.
pub fn parse_cidr(text: &str) -> Result<Ipv4Net, String> {
    let net: Ipv4Net = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not an IPv4 CIDR (like 10.0.0.0/16)"))?;
    if net.trunc() != net {
        return Err(format!(
            "'{text}' has host bits set; did you mean {}?",
            net.trunc()
        ));
    }
    Ok(net)
}

/// True when every address of `inner` is in `outer`.
pub fn contains(outer: &Ipv4Net, inner: &Ipv4Net) -> bool {
    outer.contains(inner)
}

/// True when the two blocks share at least one address. Aligned CIDR blocks either nest or are
/// disjoint, so overlap is containment one way or the other.
pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(b) || b.contains(a)
}

/// AWS accepts VPC and subnet blocks from /16 to /28.
pub fn check_block_size(net: &Ipv4Net, what: &str) -> Result<(), String> {
    if (16..=28).contains(&net.prefix_len()) {
        Ok(())
    } else {
        Err(format!(
            "{what} must be between /16 and /28 (AWS limit), got /{}",
            net.prefix_len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_bits_are_rejected_with_a_suggestion() {
        assert_eq!(
            parse_cidr("10.0.1.5/24").expect_err("should fail"),
            "'10.0.1.5/24' has host bits set; did you mean 10.0.1.0/24?"
        );
        assert!(parse_cidr("10.0.0.0/33").is_err());
        assert!(parse_cidr("nonsense").is_err());
    }

    #[test]
    fn overlap_and_containment() {
        let vpc = parse_cidr("10.0.0.0/16").expect("valid in test");
        let a = parse_cidr("10.0.0.0/20").expect("valid in test");
        let b = parse_cidr("10.0.16.0/20").expect("valid in test");
        let c = parse_cidr("10.0.8.0/24").expect("valid in test");
        assert!(contains(&vpc, &a));
        assert!(!overlaps(&a, &b));
        assert!(overlaps(&a, &c));
        assert!(!contains(&a, &vpc));
    }
}
