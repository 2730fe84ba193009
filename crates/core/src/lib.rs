//! Hangar's model, on the ground floor of the house: it imports nothing of ours and does no IO,
//! so everything above it (cloud, store, engine, the shell, the CLI) shares one set of rules.
