// Package cmqsign signs and verifies the legacy CMQ v2 signature
// (HmacSHA1 / HmacSHA256 over METHOD+host+path+"?"+sorted params).
//
// The SDKs differ in small ways that all change the signature: some turn "_"
// into "." in parameter names, the Go SDK does not; Python, PHP and one Node
// SDK leave "@"-valued parameters out on POST; one Node SDK strips only
// "https://" from the endpoint and so signs "http://127.0.0.1:9101". Verify
// accepts any of those shapes rather than guessing the client
// (shared/specs/cmq.md §4.2).
//
// The same string-to-sign is used by TencentCloud API 3.0's optional v1
// method (tencentcloud-api3.md §4), so StringToSign and Sign serve it too:
// package tcv1 builds its verifier on them.
//
// Timestamp freshness and SecretId checks are the caller's: they need the
// clock and the account table, and they answer with different error codes.
package cmqsign
