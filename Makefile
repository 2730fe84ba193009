# The two commands: `make run` opens the app, `make test` checks everything. Both set up what
# they need first (scripts/setup.sh), idempotently.

SHELL := /bin/bash
export HANGAR_MOTO_SERVER := $(CURDIR)/.venv/bin/moto_server
export PATH := $(CURDIR)/.tools/bin:$(PATH)
CARGO_TEST_FLAGS ?=

.PHONY: setup run test lint deny audit rust-test ui-test e2e ui app package bindings bench clean-e2e smoke-aws screenshots

setup:
	@scripts/setup.sh

ui: setup
	npm --prefix ui run build

app: ui
	cargo build -p hangar-app -p hangar-cli

## Open the desktop app (with the Sandbox when no AWS profile exists yet).
run: app
	target/debug/hangar-app

## Everything CI checks: formatting, lints, Rust tests (real keychain, real emulator), the UI's
## type check, ESLint (with Svelte's a11y checks) and Prettier, UI unit tests, and the desktop end-to-end tests in a real window under Xvfb.
test: setup lint rust-test ui-test e2e

# The shell embeds ui/dist at compile time, so every cargo step needs the UI built first.
lint: ui deny
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

## The supply-chain checks that work offline: licences, banned crates, where crates come from
## (deny.toml).
deny: setup
	cargo deny --log-level error check --hide-inclusion-graph licenses bans sources

## Known vulnerabilities: cargo-deny's advisory database (fetched from GitHub) and npm's audit
## endpoint. Needs the internet; this project's CI machine cannot reach either, so it is not
## part of `make test`. Accepted advisories are listed with their reasons in deny.toml.
audit: setup
	cargo deny check advisories
	npm --prefix ui audit --omit=dev
	npm --prefix tests/e2e audit --omit=dev

rust-test: ui
	scripts/with-keyring.sh cargo nextest run --workspace --locked --no-fail-fast $(CARGO_TEST_FLAGS)

ui-test: setup
	npm --prefix ui run check
	npm --prefix ui run lint
	npm --prefix ui test

# The desktop tests drive the binaries the Rust tests already compiled: `--tests` resolves the
# same features as nextest (dev-dependencies turn on tokio's `test-util`), so nothing under
# tokio, Tauri or the SDK builds a second time; only the app's own binary links.
# package.test.mjs installs the .deb bundled from that same debug build (no compile of its own).
e2e: ui
	cargo build --workspace --bins --tests --locked
	scripts/package.sh debug deb
	mkdir -p target/e2e
	xvfb-run -a -s '-screen 0 1440x900x24' scripts/with-keyring.sh \
	  node --test --test-concurrency=1 --test-force-exit tests/e2e/

## The release packages: target/release/bundle/deb/*.deb and rpm/*.rpm (README.md, "Install").
package: ui
	cargo build --release --locked -p hangar-app -p hangar-cli
	scripts/package.sh release deb,rpm

## The README's pictures (docs/img/*.png), taken by the desktop tests that show those screens.
## Only this target writes them (HANGAR_SCREENSHOTS=1): `make test` leaves the work tree clean.
screenshots: ui
	cargo build --workspace --bins --tests --locked
	mkdir -p target/e2e
	HANGAR_SCREENSHOTS=1 xvfb-run -a -s '-screen 0 1440x900x24' scripts/with-keyring.sh \
	  node --test --test-concurrency=1 --test-force-exit \
	  tests/e2e/app-shell.test.mjs tests/e2e/blueprints.test.mjs tests/e2e/provision.test.mjs

## Benchmarks (figures and the machine they ran on: BENCHMARKS.md).
## The provisioning figures are against_bound's (every built-in, five runs each, under AWS's
## durations); `provision` (100 ms a call, no durations) is kept to reproduce the older table.
## single-host-dev generates a password, so the keychain stands in (with-keyring.sh).
bench: setup
	cargo bench -p hangar-core --bench model
	cargo bench -p hangar-core --bench users_csv
	cargo bench -p hangar-store --bench history
	HANGAR_WAIT_SCALE=0.05 scripts/with-keyring.sh cargo bench --profile dev -p hangar-engine --bench against_bound
	$(MAKE) ui
	cargo build --workspace --bins --tests --locked
	xvfb-run -a -s '-screen 0 1440x900x24' scripts/with-keyring.sh \
	  node --test --test-concurrency=1 --test-force-exit tests/e2e/diagram.bench.mjs
	cargo build --release --locked -p hangar-app -p hangar-cli
	xvfb-run -a -s '-screen 0 1440x900x24' scripts/with-keyring.sh \
	  node --test --test-concurrency=1 --test-force-exit tests/e2e/startup.bench.mjs

## Regenerate ui/src/lib/bindings.ts from the Rust IPC types, ui/src/lib/commands.ts from the
## commands' signatures, and the UI fixtures Rust makes.
bindings:
	HANGAR_WRITE_BINDINGS=1 cargo test -q -p hangar-ipc --test bindings_fresh
	HANGAR_WRITE_BINDINGS=1 cargo test -q -p hangar-app --test commands_fresh
	HANGAR_WRITE_BINDINGS=1 cargo test -q -p hangar-core --test ui_fixtures_fresh

## Opt-in, costs a cent or two: up and down in a real account with a Hangar profile.
smoke-aws: setup
	scripts/smoke-aws.sh "$(PROFILE)"
