use quote::quote;
use syn::{ReturnType, Type, parse_quote};

use super::{ArgCase, channel_payload, expand, is_injected, js_key, ok_type};

#[test]
fn keys_are_camel_case_as_tauri_reads_them() {
    assert_eq!(js_key("confirm_name", ArgCase::Camel), "confirmName");
    assert_eq!(js_key("on_event", ArgCase::Camel), "onEvent");
    assert_eq!(js_key("job_id", ArgCase::Camel), "jobId");
    assert_eq!(js_key("name", ArgCase::Camel), "name");
    assert_eq!(js_key("r#type", ArgCase::Camel), "type");
    assert_eq!(js_key("confirm_name", ArgCase::Snake), "confirm_name");
}

#[test]
fn what_tauri_injects_is_skipped() {
    let injected: [Type; 6] = [
        parse_quote!(State<'_>),
        parse_quote!(tauri::State<'_, AppState>),
        parse_quote!(AppHandle),
        parse_quote!(tauri::AppHandle),
        parse_quote!(tauri::Window),
        parse_quote!(WebviewWindow),
    ];
    for ty in &injected {
        assert!(is_injected(ty), "{}", quote!(#ty));
    }
    let sent: [Type; 4] = [
        parse_quote!(String),
        parse_quote!(Option<Overrides>),
        parse_quote!(Channel<Event>),
        parse_quote!(Statement),
    ];
    for ty in &sent {
        assert!(!is_injected(ty), "{}", quote!(#ty));
    }
}

#[test]
fn a_channel_carries_its_payload_type() {
    let ty: Type = parse_quote!(tauri::ipc::Channel<Event>);
    let payload = channel_payload(&ty).expect("a channel");
    assert_eq!(quote!(#payload).to_string(), "Event");
    assert!(channel_payload(&parse_quote!(Vec<Event>)).is_none());
}

#[test]
fn the_window_gets_the_ok_type() {
    let output: ReturnType = parse_quote!(-> Result<Vec<JobView>, ApiError>);
    let ok = ok_type(&output).expect("a type");
    assert_eq!(quote!(#ok).to_string(), "Vec < JobView >");
    let plain: ReturnType = parse_quote!(-> u32);
    let ok = ok_type(&plain).expect("a type");
    assert_eq!(quote!(#ok).to_string(), "u32");
    assert!(ok_type(&ReturnType::Default).is_none());
}

#[test]
fn the_module_lists_only_what_the_window_sends() {
    let out = expand(
        quote!(),
        quote! {
            #[tauri::command]
            pub async fn run_job(
                app: AppHandle,
                state: State<'_>,
                confirm_name: Option<String>,
                on_event: Channel<Event>,
            ) -> Result<(), ApiError> { Ok(()) }
        },
    )
    .expect("expands")
    .to_string();
    assert!(out.contains("pub mod run_job"), "{out}");
    assert!(out.contains("key : \"confirmName\""), "{out}");
    assert!(out.contains("key : \"onEvent\""), "{out}");
    assert!(!out.contains("key : \"app\""), "{out}");
    assert!(!out.contains("key : \"state\""), "{out}");
    assert!(out.contains("String :: from (\"void\")"), "{out}");
}

#[test]
fn tauri_renames_are_followed() {
    let out = expand(
        quote!(),
        quote! {
            #[tauri::command(rename_all = "snake_case", rename = "other")]
            pub fn go(job_id: i64) {}
        },
    )
    .expect("expands")
    .to_string();
    assert!(out.contains("name : \"other\""), "{out}");
    assert!(out.contains("key : \"job_id\""), "{out}");
}

#[test]
fn it_refuses_a_fn_that_is_not_a_tauri_command() {
    let err = expand(
        quote!(),
        quote!(
            pub fn go() {}
        ),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("above #[tauri::command]"));
}
