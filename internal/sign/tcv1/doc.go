// Package tcv1 verifies and signs TencentCloud API 3.0 signature v1
// (SignatureMethod HmacSHA1 / HmacSHA256): every parameter, common ones
// included, in a GET query or an application/x-www-form-urlencoded POST body,
// and
//
//	Signature = base64(HMAC(SecretKey, METHOD + host + path + "?" + k1=v1&k2=v2…))
//
// over all parameters but Signature, sorted by name bytes, names and values
// decoded and written raw (shared/specs/tencentcloud-api3.md, section
// "TencentCloud API 3.0 signature v1").
//
// That is exactly the legacy CMQ algorithm, so the string to sign and the
// HMAC are package cmqsign's (StringToSign without its "_"→"." rewrite, and
// Sign, which picks SHA-256 only for the exact value "HmacSHA256", as the Go
// SDK and Tencent's documents do). What differs from CMQ is the set of shapes
// the SDKs produce, hence this package's own Verify: the Go and Node SDKs
// sign the host with its port and the path they send; a client that signs a
// bare hostname or "/" for an endpoint with a path is also accepted; and the
// Python SDK rewrites "_" to "." in names before sorting. cmqsign.Verify's
// CMQ-only shapes ("http://" host, "@" values dropped) are not tried.
//
// Timestamp freshness, SecretId lookup, the STS Token and rebuilding typed
// parameters from the flattened form are the caller's.
package tcv1
