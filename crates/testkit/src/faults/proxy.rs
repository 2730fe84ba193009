use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request as HttpRequest, Response};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::birth_tags;
use super::errors::{self, Reply};
use super::request::Request;
use super::rules::Rules;
use super::session_tokens::SessionTokens;
use super::sessions::SessionRules;
use super::signing::{self, AssumedRole, Verifier};
use super::sigv4;
use super::trap::{InFlight, Trap};
use super::{FaultPlan, FaultStats, bump};

/// A running fault proxy; stops when dropped. It has its own runtime thread, so sync and async
/// tests use it alike.
pub struct FaultProxy {
    addr: SocketAddr,
    pub stats: Arc<FaultStats>,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    trap: Arc<Trap>,
    verifier: Option<Arc<Verifier>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// One request as AWS would have received it: its action and, for query protocols (EC2, RDS,
/// IAM, ...), its form parameters, for JSON protocols (ECS, SSM, Logs) its body. What a test
/// of a setting asserts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    pub service: String,
    pub action: String,
    pub params: Vec<(String, String)>,
    /// The body of a JSON-protocol request, as sent.
    pub json_body: Option<String>,
    /// The path and query (`/bucket?lifecycle`): where S3's REST calls say what they do.
    pub path: String,
    /// The body of a REST call (S3's XML documents); empty for the query protocols, whose
    /// form is in `params`.
    pub body: String,
    /// The access key id whose secret signed it, when the proxy checks signatures and the
    /// signature was right.
    pub signed_by: Option<String>,
    /// The conditional headers it carried (`if-match`, `if-none-match`), lower-cased: what
    /// S3's conditional writes decide on.
    pub conditions: Vec<(String, String)>,
}

impl SeenRequest {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a conditional header (`if-none-match`), if it was sent.
    pub fn condition(&self, name: &str) -> Option<&str> {
        self.conditions
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The JSON body, parsed; `Null` for a request of another protocol.
    pub fn json(&self) -> serde_json::Value {
        self.json_body
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or_default()
    }
}

struct Shared {
    upstream: SocketAddr,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    trap: Arc<Trap>,
    verifier: Option<Arc<Verifier>>,
    rules: Rules,
    sessions: SessionRules,
    session_tokens: SessionTokens,
    latency: std::time::Duration,
    stats: Arc<FaultStats>,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl FaultProxy {
    pub(crate) fn start(
        upstream: SocketAddr,
        plan: FaultPlan,
        stats: Arc<FaultStats>,
    ) -> std::io::Result<Self> {
        let std_listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let shared_stats = stats.clone();
        let seen: Arc<Mutex<Vec<SeenRequest>>> = Arc::default();
        let shared_seen = seen.clone();
        let trap = Arc::new(Trap::default());
        let shared_trap = trap.clone();
        let verifier = plan
            .verify_signatures
            .clone()
            .map(|key| Arc::new(Verifier::new(key)));
        let shared_verifier = verifier.clone();
        let thread = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                let Ok(listener) = TcpListener::from_std(std_listener) else {
                    return;
                };
                let shared = Arc::new(Shared {
                    upstream,
                    seen: shared_seen,
                    trap: shared_trap,
                    verifier: shared_verifier,
                    latency: plan.latency,
                    sessions: SessionRules::new(&plan),
                    session_tokens: SessionTokens::new(plan.temporary_session_tokens),
                    rules: Rules::new(plan),
                    stats: shared_stats,
                    client: Client::builder(TokioExecutor::new()).build_http(),
                });
                tokio::select! {
                    () = serve(listener, shared) => {}
                    _ = stopped => {}
                }
            });
        });
        Ok(Self {
            addr,
            stats,
            seen,
            trap,
            verifier,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Every request of one action that reached the proxy, in order (refused ones too).
    pub fn seen(&self, action: &str) -> Vec<SeenRequest> {
        self.seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|r| r.action == action)
            .cloned()
            .collect()
    }

    /// Every request that reached the proxy, in order (refused ones too).
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Every S3 request of `method` on a bucket's `subresource` (`PUT`, `lifecycle` for
    /// PutBucketLifecycleConfiguration), in order.
    pub fn seen_s3(&self, method: &str, subresource: &str) -> Vec<SeenRequest> {
        self.seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|r| r.service == "s3" && r.action.split(' ').next() == Some(method))
            .filter(|r| {
                r.path.split_once('?').is_some_and(|(_, query)| {
                    query
                        .split('&')
                        .any(|pair| pair.split('=').next() == Some(subresource))
                })
            })
            .cloned()
            .collect()
    }

    /// How many requests have reached the proxy: a mark to ask `actions_since` from.
    pub fn mark(&self) -> usize {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// The actions of every request after `mark`, in order.
    pub fn actions_since(&self, mark: usize) -> Vec<String> {
        self.seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .skip(mark)
            .map(|r| r.action.clone())
            .collect()
    }

    /// Every AssumeRole that reached the proxy, with the parameters STS reads from its form.
    pub fn assumed_roles(&self) -> Vec<AssumedRole> {
        self.seen("AssumeRole")
            .iter()
            .map(|r| signing::assumed_role(&r.params, r.signed_by.as_deref()))
            .collect()
    }

    /// The temporary secret access keys (and session tokens) that verified AssumeRole answers
    /// handed out, so a test can look for them where they must not be. Empty unless the
    /// proxy checks signatures.
    pub fn session_secrets(&self) -> Vec<String> {
        self.verifier
            .as_ref()
            .map(|v| v.session_secrets())
            .unwrap_or_default()
    }

    /// The `n`-th request from now (1-based) calls `hook` as it arrives, and neither it nor
    /// any later one is answered until `reopen`: a client killed by the hook dies with exactly
    /// `n - 1` of its calls made.
    pub fn trip_at(&self, n: usize, hook: impl FnOnce() + Send + 'static) {
        let at = self.mark() + n.saturating_sub(1);
        self.trap.arm(at, Box::new(hook));
    }

    /// The first request of `action` calls `hook` as it arrives, and neither it nor any later
    /// one is answered until `reopen`.
    pub fn trip_on(&self, action: &str, hook: impl FnOnce() + Send + 'static) {
        self.trap.arm_on(action, Box::new(hook));
    }

    /// Forwards again after `trip_at` or `trip_on`.
    pub fn reopen(&self) {
        self.trap.disarm();
    }

    /// Blocks until every request that reached the proxy and was not held has its answer
    /// from the emulator, even when its client is gone.
    pub fn quiet(&self) {
        self.trap.quiet();
    }

    /// Point the SDK here instead of at the emulator.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(shared.clone(), req));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    shared: Arc<Shared>,
    req: HttpRequest<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let in_flight = shared.trap.enter();
    bump(&shared.stats.requests);
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let signed = shared
        .verifier
        .as_ref()
        .map(|v| v.check(&parts, &body, &shared.stats));
    let request = Request::from_http(&parts, &body);
    let index = {
        let mut seen = shared.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.push(SeenRequest {
            service: request.service.clone(),
            action: request.action.clone(),
            params: request.params.clone(),
            json_body: parts
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .filter(|ct| ct.starts_with("application/x-amz-json"))
                .and_then(|_| String::from_utf8(body.to_vec()).ok()),
            path: request.path.clone(),
            body: if request.params.is_empty() {
                String::from_utf8_lossy(&body).into_owned()
            } else {
                String::new()
            },
            signed_by: signed.as_ref().and_then(|s| s.as_ref().ok().cloned()),
            conditions: ["if-match", "if-none-match"]
                .into_iter()
                .filter_map(|name| {
                    let value = parts.headers.get(name)?.to_str().ok()?;
                    Some((name.to_string(), value.to_string()))
                })
                .collect(),
        });
        seen.len() - 1
    };
    if shared.trap.holds(index, &request.action) {
        drop(in_flight);
        return Ok(std::future::pending().await);
    }
    let (verified, signer) = match signed {
        Some(Err(refusal)) => return Ok(reply(refusal)),
        Some(Ok(key)) => (true, Some(key)),
        // Unchecked, the claimed key still tells a role session (ASIA...) from long-term keys.
        None => (false, claimed_key(&parts)),
    };
    let session = signer
        .as_deref()
        .zip(shared.verifier.as_ref())
        .is_some_and(|(key, v)| v.is_session(key));
    let json = parts.headers.contains_key("x-amz-target");
    if let Some(refusal) =
        shared
            .sessions
            .before(&request, signer.as_deref(), session, json, &shared.stats)
    {
        return Ok(reply(refusal));
    }
    // Its own task, so a call whose client dies mid-way still completes at the emulator.
    let answer = tokio::spawn(forward(shared, parts, body, request, verified, in_flight));
    Ok(answer
        .await
        .unwrap_or_else(|_| bad_gateway("the forwarding task failed")))
}

async fn forward(
    shared: Arc<Shared>,
    sent: hyper::http::request::Parts,
    body: Bytes,
    request: Request,
    verified: bool,
    _in_flight: InFlight,
) -> Response<Full<Bytes>> {
    if !shared.latency.is_zero() {
        tokio::time::sleep(shared.latency).await;
    }
    if let Some(refusal) = shared.rules.before(&request, &shared.stats) {
        return reply(refusal);
    }
    let path = sent.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut forward = HttpRequest::builder()
        .method(sent.method.clone())
        .uri(format!("http://{}{path}", shared.upstream));
    for (name, value) in &sent.headers {
        forward = forward.header(name, value);
    }
    let tagging = birth_tags::tagging_of(&request, &body);
    let Ok(forward) = forward.body(Full::new(body)) else {
        return bad_gateway("cannot build the forwarded request");
    };
    let answer = match shared.client.request(forward).await {
        Ok(answer) => answer,
        Err(err) => return bad_gateway(&err.to_string()),
    };
    let (mut parts, body) = answer.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let status = parts.status.as_u16();
    if let Some(tagging) = tagging.filter(|_| (200..300).contains(&status)) {
        let upstream = shared.upstream;
        match birth_tags::apply(&shared.client, upstream, &sent, &request, tagging).await {
            Ok(()) => bump(&shared.stats.tagged_at_birth),
            Err(err) => return bad_gateway(&err),
        }
    }
    if shared.rules.lose_answer(&request, status, &shared.stats) {
        return reply(errors::ec2(
            503,
            "ServiceUnavailable",
            "the answer was lost on its way back (fault layer)",
        ));
    }
    let body = match String::from_utf8(body.to_vec()) {
        Ok(mut text) => {
            shared
                .session_tokens
                .after(&request.action, status, &mut text, &shared.stats);
            shared.sessions.after(&request.action, status, &text);
            // An IAM user's GetSessionToken session signs like a role's: both are trusted.
            if verified
                && status == 200
                && matches!(request.action.as_str(), "AssumeRole" | "GetSessionToken")
                && let Some(verifier) = &shared.verifier
            {
                verifier.learn(&text);
            }
            shared
                .rules
                .after(&request, status, &mut text, &shared.stats);
            Bytes::from(text)
        }
        Err(_) => body,
    };
    parts.headers.remove("content-length");
    parts.headers.remove("transfer-encoding");
    let mut response = Response::from_parts(parts, Full::new(body));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    response
}

fn reply(reply: Reply) -> Response<Full<Bytes>> {
    let mut builder = Response::builder()
        .status(reply.status)
        .header("content-type", reply.content_type);
    for (name, value) in reply.headers {
        builder = builder.header(name, value);
    }
    builder
        .body(Full::new(Bytes::from(reply.body)))
        .unwrap_or_default()
}

fn claimed_key(parts: &hyper::http::request::Parts) -> Option<String> {
    let header = parts.headers.get("authorization")?.to_str().ok()?;
    sigv4::claim(header).ok().map(|c| c.access_key_id)
}

fn bad_gateway(message: &str) -> Response<Full<Bytes>> {
    Response::builder()
        .status(502)
        .body(Full::new(Bytes::from(message.to_string())))
        .unwrap_or_default()
}
