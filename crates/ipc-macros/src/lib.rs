//! `#[hangar_ipc_macros::command]`, placed above `#[tauri::command]`: beside the command it
//! emits a same-named module whose `signature()` says what the window must send (each argument
//! under the key Tauri reads it from, with its TypeScript type) and what comes back. The shell
//! lists every signature, and `ui/src/lib/commands.ts` is generated from them, so a renamed
//! command, argument or return type fails the UI's type check instead of failing at run time.
//!
//! A module lives in the type namespace and the fn in the value namespace, so both can carry the
//! command's name.

mod signature;

use proc_macro::TokenStream;

/// Records the command's TypeScript signature in a module of the same name (see the crate
/// docs). Goes above `#[tauri::command]`, whose `rename_all` and `rename` it reads.
#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    signature::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
