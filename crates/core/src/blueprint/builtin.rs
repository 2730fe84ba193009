//! The built-in blueprints, compiled in so the core does no IO. The files under `blueprints/`
//! at the repo root are the source; users copy and edit them.

pub(crate) const BUILTINS: [(&str, &str); 5] = [
    (
        "single-host-dev",
        include_str!("../../../../blueprints/single-host-dev.toml"),
    ),
    (
        "multi-az-three-tier",
        include_str!("../../../../blueprints/multi-az-three-tier.toml"),
    ),
    (
        "docker-host",
        include_str!("../../../../blueprints/docker-host.toml"),
    ),
    (
        "app-and-database",
        include_str!("../../../../blueprints/app-and-database.toml"),
    ),
    (
        "web-and-postgres",
        include_str!("../../../../blueprints/web-and-postgres.toml"),
    ),
];
