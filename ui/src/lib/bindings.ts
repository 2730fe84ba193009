// Generated from crates/ipc by `make bindings`. Do not edit by hand.

export type ApiError = { code: string, message: string, };

export type AppInfo = { version: string, dataDir: string, 
/**
 * Present when the app started the local AWS emulator for the Sandbox profile.
 */
sandbox: SandboxInfo | null, };

export type SandboxInfo = { endpoint: string, region: string, };

export type ProfileKind = "sandbox" | "accessKeys" | "assumeRole" | "awsConfig";

export type ProfileSummary = { name: string, region: string, kind: ProfileKind, isDefault: boolean, endpoint: string | null, };
