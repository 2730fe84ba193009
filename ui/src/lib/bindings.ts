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

export type SaveProfileInput = { name: string, region: string, endpoint: string | null, isDefault: boolean, credentials: ProfileCredentialsInput, };

export type ProfileCredentialsInput = { "kind": "accessKeys" } & AccessKeysInput | { "kind": "assumeRole" } & AssumeRoleInput | { "kind": "awsConfig" } & AwsConfigInput;

export type AccessKeysInput = { accessKeyId?: string, secretAccessKey?: string, sessionToken?: string, };

export type AssumeRoleInput = { sourceProfile: string, roleArn: string, externalId: string | null, mfaSerial: string | null, sessionName: string | null, durationSecs: number | null, };

export type AwsConfigInput = { awsProfile: string, };

export type SaveProfileResult = { warnings: Array<string>, };

export type ProfileDetail = { name: string, kind: ProfileKind, region: string, endpoint: string | null, isDefault: boolean, sourceProfile: string | null, roleArn: string | null, externalId: string | null, mfaSerial: string | null, sessionName: string | null, durationSecs: number | null, awsProfile: string | null, 
/**
 * The access key id (not secret on its own) when the keychain holds keys.
 */
accessKeyId: string | null, };

export type CallerIdentityView = { profile: string, account: string, arn: string, userId: string, 
/**
 * The user or role (with session) name.
 */
principal: string, region: string, endpoint: string | null, chain: Array<ChainLinkView>, warnings: Array<string>, };

export type ChainLinkView = { profile: string, sourceProfile: string, roleArn: string, sessionName: string, durationSecs: number, 
/**
 * RFC 3339, UTC.
 */
expiresAt: string | null, cached: boolean, };

export type AwsConfigProfileView = { name: string, region: string | null, importAs: ProfileKind, hasAccessKeys: boolean, sso: boolean, roleArn: string | null, sourceProfile: string | null, alreadyImported: boolean, };

export type ImportResultView = { name: string, 
/**
 * What it was imported as; absent when it was not imported.
 */
kind: ProfileKind | null, error: string | null, warnings: Array<string>, };
