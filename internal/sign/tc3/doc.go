// Package tc3 signs and verifies TencentCloud API 3.0 requests
// (TC3-HMAC-SHA256), the scheme the TDMQ / trocket endpoints speak.
//
// The verifier is deliberately more forgiving than a textbook signer because
// the official SDKs disagree on what they sign: the Go SDK signs the host with
// its port and the canonical URI "/", the Node SDK signs the bare hostname,
// the URL path, and a scope service taken from the first label of the
// endpoint ("127" for 127.0.0.1:9102). Verify therefore tries every
// combination the SDKs are known to produce instead of rebuilding one
// canonical request (see shared/specs/tencentcloud-api3.md §5–§6).
//
// It is stricter where leniency would weaken the signature: host and
// content-type must be among the signed headers (every SDK signs exactly
// "content-type;host"). And it accepts one more form, Tencent's document's:
// canonical header values lower-cased, which the SDKs never do (they sign the
// value as sent) but a client written from the document does.
//
// Freshness of the timestamp is not judged here: the caller owns the clock
// and the error it answers with (AuthFailure.SignatureExpire).
package tc3
