//! Reading a command's signature the way Tauri reads it, and the module that records it.

use heck::{ToLowerCamelCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{
    Attribute, Error, Expr, ExprLit, FnArg, GenericArgument, ItemFn, Lit, Meta, Pat, PathArguments,
    ReturnType, Token, Type, punctuated::Punctuated,
};

/// Arguments Tauri fills in itself; the window never sends them.
const INJECTED: &[&str] = &[
    "State",
    "AppHandle",
    "Window",
    "WebviewWindow",
    "Webview",
    "Request",
];

/// How Tauri turns an argument's Rust name into the key it reads from the call's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArgCase {
    /// Tauri's default: `confirm_name` is read from `confirmName`.
    Camel,
    /// `#[tauri::command(rename_all = "snake_case")]`.
    Snake,
}

/// What `#[tauri::command(...)]` says about names.
struct TauriOptions {
    case: ArgCase,
    rename: Option<String>,
}

pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    if !attr.is_empty() {
        return Err(Error::new(
            attr.span(),
            "#[command] takes no arguments; put them on #[tauri::command]",
        ));
    }
    let function: ItemFn = syn::parse2(item)?;
    let options = tauri_options(&function)?;
    let ident = &function.sig.ident;
    let name = options.rename.unwrap_or_else(|| ident.to_string());

    let mut args = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(typed) = input else {
            return Err(Error::new(input.span(), "a command cannot take self"));
        };
        if is_injected(&typed.ty) {
            continue;
        }
        let Pat::Ident(pat) = typed.pat.as_ref() else {
            return Err(Error::new(
                typed.pat.span(),
                "#[command] needs a plain name for each argument the window sends",
            ));
        };
        let key = js_key(&pat.ident.to_string(), options.case);
        let ts = match channel_payload(&typed.ty) {
            Some(payload) => {
                quote!(
                    ::std::format!("Channel<{}>", <#payload as ::hangar_ipc::ts_rs::TS>::name(&cfg))
                )
            }
            None => {
                let ty = &typed.ty;
                quote!(<#ty as ::hangar_ipc::ts_rs::TS>::name(&cfg))
            }
        };
        args.push(quote!(::hangar_ipc::CommandArg { key: #key, ts: #ts }));
    }

    let returns = match ok_type(&function.sig.output) {
        Some(ty) if !is_unit(ty) => quote!(<#ty as ::hangar_ipc::ts_rs::TS>::name(&cfg)),
        _ => quote!(::std::string::String::from("void")),
    };

    let vis = &function.vis;
    let doc = format!("The TypeScript signature of the `{name}` command.");
    Ok(quote! {
        #function

        #[doc = #doc]
        #vis mod #ident {
            #[allow(unused_imports)]
            use super::*;

            /// What the window sends and gets back, as `ui/src/lib/commands.ts` declares it.
            pub fn signature() -> ::hangar_ipc::CommandSignature {
                let cfg = ::hangar_ipc::commands_ts_config();
                ::hangar_ipc::CommandSignature {
                    name: #name,
                    args: ::std::vec![#(#args),*],
                    returns: #returns,
                }
            }
        }
    })
}

/// The options of the fn's `#[tauri::command]`, which must be there: this attribute goes above
/// it, so it sees it, and a signature without the command would describe nothing.
fn tauri_options(function: &ItemFn) -> syn::Result<TauriOptions> {
    let attr = function
        .attrs
        .iter()
        .find(|a| is_tauri_command(a))
        .ok_or_else(|| {
            Error::new(
                function.sig.ident.span(),
                "put #[hangar_ipc_macros::command] above #[tauri::command]",
            )
        })?;
    let mut options = TauriOptions {
        case: ArgCase::Camel,
        rename: None,
    };
    let Meta::List(list) = &attr.meta else {
        return Ok(options);
    };
    let metas = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
    for meta in metas {
        let Meta::NameValue(pair) = meta else {
            continue;
        };
        let Expr::Lit(ExprLit {
            lit: Lit::Str(value),
            ..
        }) = &pair.value
        else {
            continue;
        };
        if pair.path.is_ident("rename_all") {
            options.case = match value.value().as_str() {
                "snake_case" => ArgCase::Snake,
                _ => ArgCase::Camel,
            };
        } else if pair.path.is_ident("rename") {
            options.rename = Some(value.value());
        }
    }
    Ok(options)
}

fn is_tauri_command(attr: &Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["tauri", "command"]
}

/// The key Tauri reads the argument `name` from.
pub(crate) fn js_key(name: &str, case: ArgCase) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    match case {
        ArgCase::Camel => name.to_lower_camel_case(),
        ArgCase::Snake => name.to_snake_case(),
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

/// Whether Tauri supplies the argument (the app's state, the app or window handle) rather than
/// reading it from the call; matched by the type's last name, so `State<'_>` aliases count.
pub(crate) fn is_injected(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| INJECTED.iter().any(|name| s.ident == name))
}

fn first_type_argument(segment: &syn::PathSegment) -> Option<&Type> {
    let PathArguments::AngleBracketed(generics) = &segment.arguments else {
        return None;
    };
    generics.args.iter().find_map(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// `E` of a `Channel<E>` argument: the window passes a `Channel` that receives `E`s.
pub(crate) fn channel_payload(ty: &Type) -> Option<&Type> {
    let segment = last_segment(ty).filter(|s| s.ident == "Channel")?;
    first_type_argument(segment)
}

/// What the window gets back: `T` of `Result<T, E>`, or the plain return type; None for none.
pub(crate) fn ok_type(output: &ReturnType) -> Option<&Type> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    match last_segment(ty) {
        Some(segment) if segment.ident == "Result" => first_type_argument(segment),
        _ => Some(ty),
    }
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

#[cfg(test)]
#[path = "signature_tests.rs"]
mod tests;
