// Package acs3 verifies and signs Alibaba Cloud signature V3
// (ACS3-HMAC-SHA256), the default of today's SDK cores (Go
// darabonba-openapi/v2, npm @alicloud/openapi-client) and therefore of every
// generated V2.0 product SDK for ONS and OnsMqtt.
//
// Unlike v1 (package aliyunsign) the action, version, time and nonce travel
// in x-acs-* headers and the signature in the Authorization header. The
// server rebuilds the canonical request of shared/specs/aliyun-v3.md §3 from
// what it received:
//
//   - the canonical query comes from the URL query only, decoded and
//     re-encoded with RFC 3986 rules, because the Go core sends "+" and "%2A"
//     where Node sends "%20" and "*" for the same value; a form body is
//     covered only by the payload hash;
//   - the payload hash is computed from the body bytes as received (Node
//     sends a different, chunked encoding of the same form than Go), and the
//     signed x-acs-content-sha256 header must agree with it;
//   - the canonical headers are exactly the SignedHeaders of the received
//     Authorization, values trimmed but otherwise as sent, host verbatim
//     with its port (both cores sign the endpoint with the port).
//
// The cores leave parameter names unencoded where Alibaba's document says to
// encode them, and the Go core additionally rewrites "+" and "*" in names.
// The three forms agree for every name a real RPC action has ([A-Za-z0-9.]);
// for any other name Verify accepts each of them rather than guessing the
// client.
//
// Only ACS3-HMAC-SHA256 is verified. ACS3-HMAC-SM3 would need an SM3
// implementation (none in the standard library or in this module's
// dependencies) and ACS3-RSA-SHA256 a public key per account, which mqmock
// accounts do not have; both get the distinct reason UnsupportedAlgorithm so
// the front door can refuse them clearly instead of reporting a mismatch.
//
// Freshness of x-acs-date, nonce reuse, AccessKeyId lookup and the STS token
// are the caller's: they need the clock and state, and answer with their own
// error codes (spec §6 gives the order).
package acs3
