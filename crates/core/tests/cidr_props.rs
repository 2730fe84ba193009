//! Property tests for the CIDR checks, against plain integer arithmetic on address ranges.

use std::net::Ipv4Addr;

use hangar_core::validate::cidr::{contains, overlaps, parse_cidr};
use ipnet::Ipv4Net;
use proptest::prelude::*;

/// (first, last) address of a block, as integers.
fn range(net: &Ipv4Net) -> (u64, u64) {
    let first = u64::from(u32::from(net.network()));
    let size = 1u64 << (32 - u32::from(net.prefix_len()));
    (first, first + size - 1)
}

fn any_net() -> impl Strategy<Value = Ipv4Net> {
    (any::<u32>(), 0u8..=32).prop_map(|(addr, len)| {
        Ipv4Net::new(Ipv4Addr::from(addr), len)
            .map(|n| n.trunc())
            .unwrap_or_default()
    })
}

proptest! {
    #[test]
    fn overlap_matches_range_intersection(a in any_net(), b in any_net()) {
        let (a0, a1) = range(&a);
        let (b0, b1) = range(&b);
        prop_assert_eq!(overlaps(&a, &b), a0 <= b1 && b0 <= a1);
        prop_assert_eq!(overlaps(&a, &b), overlaps(&b, &a));
    }

    #[test]
    fn containment_matches_range_inclusion(a in any_net(), b in any_net()) {
        let (a0, a1) = range(&a);
        let (b0, b1) = range(&b);
        prop_assert_eq!(contains(&a, &b), a0 <= b0 && b1 <= a1);
        if contains(&a, &b) {
            prop_assert!(overlaps(&a, &b));
        }
    }

    #[test]
    fn canonical_blocks_round_trip(net in any_net()) {
        let text = net.to_string();
        prop_assert_eq!(parse_cidr(&text), Ok(net));
    }

    #[test]
    fn host_bits_are_always_rejected(addr in any::<u32>(), len in 0u8..32) {
        let net = Ipv4Net::new(Ipv4Addr::from(addr), len).expect("len < 33");
        let text = format!("{}/{}", Ipv4Addr::from(addr), len);
        let result = parse_cidr(&text);
        if net.trunc() == net {
            prop_assert!(result.is_ok());
        } else {
            let expected = format!("'{text}' has host bits set; did you mean {}?", net.trunc());
            prop_assert_eq!(result, Err(expected));
        }
    }

    /// Splitting a VPC into equal subnets gives blocks that are all inside it and pairwise
    /// disjoint: what the validator must accept.
    #[test]
    fn subnets_of_a_vpc_are_inside_and_disjoint(base in any::<u32>(), vpc_len in 16u8..=24, extra in 1u8..=4) {
        let vpc = Ipv4Net::new(Ipv4Addr::from(base), vpc_len).expect("len").trunc();
        let subnets: Vec<Ipv4Net> = vpc.subnets(vpc_len + extra).expect("split").collect();
        for (i, s) in subnets.iter().enumerate() {
            prop_assert!(contains(&vpc, s));
            for t in &subnets[i + 1..] {
                prop_assert!(!overlaps(s, t));
            }
        }
    }
}
