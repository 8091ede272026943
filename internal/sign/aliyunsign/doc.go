// Package aliyunsign signs and verifies Alibaba Cloud RPC ("POP") signature
// v1 (HMAC-SHA1), used by the ONS and OnsMqtt endpoints.
//
// There is a single canonical form here, unlike TC3 and CMQ: both official
// SDKs reach the same string to sign, so Verify builds it once. What matters
// is that empty values are kept — the Go SDK always sends and signs
// "SignatureType=" — and that the server re-encodes decoded values with RFC
// 3986 rules rather than reusing the wire encoding, because Go sends "+" for
// a space and Node "%20" (shared/specs/aliyun-rpc.md §3).
//
// Timestamp skew, nonce reuse and AccessKeyId lookup are the caller's: they
// need state and map to distinct gateway error codes.
package aliyunsign
