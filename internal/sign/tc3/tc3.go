package tc3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

const (
	// Algorithm is the fixed first token of the Authorization header and the
	// first line of the string to sign.
	Algorithm = "TC3-HMAC-SHA256"
	// UnsignedPayload is the X-TC-Content-SHA256 value with which a client
	// opts out of hashing the body; the literal is then hashed instead.
	UnsignedPayload = "UNSIGNED-PAYLOAD"
	// ContentSHA256Header carries UnsignedPayload.
	ContentSHA256Header = "X-TC-Content-SHA256"
	// scopeTerminator closes every credential scope.
	scopeTerminator = "tc3_request"
	// dateLayout is the scope date; both SDKs derive it from the UTC day of
	// X-TC-Timestamp, never from local time.
	dateLayout = "2006-01-02"
)

// Input is everything the signature covers.
type Input struct {
	Method   string
	URI      string
	RawQuery string
	// Headers maps lower-case names to the values of the signed headers.
	// Names listed in SignedHeaders but absent here sign as empty values,
	// which is what a server sees when a client signs a header it never sends.
	Headers       map[string]string
	SignedHeaders string
	Payload       []byte
	// UnsignedPayload hashes the literal UnsignedPayload instead of Payload.
	UnsignedPayload bool
	Timestamp       int64
	Service         string
}

// Date is the credential-scope date of a Unix timestamp.
func Date(timestamp int64) string {
	return time.Unix(timestamp, 0).UTC().Format(dateLayout)
}

// CredentialScope is "<date>/<service>/tc3_request".
func CredentialScope(date, service string) string {
	return date + "/" + service + "/" + scopeTerminator
}

// PayloadHash is the last line of the canonical request.
func PayloadHash(payload []byte, unsigned bool) string {
	if unsigned {
		return sha256Hex([]byte(UnsignedPayload))
	}
	return sha256Hex(payload)
}

// CanonicalRequest builds the canonical request of spec §5.1. The query is
// used verbatim because the SDKs sign exactly the string they send; a server
// that re-encoded it would break Node clients, which do not sort.
func CanonicalRequest(in Input) string {
	return canonicalRequest(in.Method, in.URI, in.RawQuery, strings.Split(in.SignedHeaders, ";"), in.Headers,
		in.SignedHeaders, PayloadHash(in.Payload, in.UnsignedPayload))
}

// StringToSign builds the string to sign of spec §5.2.
func StringToSign(in Input) string {
	return stringToSign(in.Timestamp, CredentialScope(Date(in.Timestamp), in.Service), CanonicalRequest(in))
}

func stringToSign(timestamp int64, scope, canonicalRequest string) string {
	return Algorithm + "\n" + strconv.FormatInt(timestamp, 10) + "\n" + scope + "\n" + sha256Hex([]byte(canonicalRequest))
}

// Sign returns the lower-case hex signature of in.
func Sign(secretKey string, in Input) string {
	key := signingKey(secretKey, Date(in.Timestamp), in.Service)
	return hex.EncodeToString(hmacSHA256(key, []byte(StringToSign(in))))
}

// AuthorizationHeader returns the Authorization value the SDKs send for in,
// separators included, so hand-signed test requests look like real ones.
func AuthorizationHeader(secretID, secretKey string, in Input) string {
	return Algorithm + " Credential=" + secretID + "/" + CredentialScope(Date(in.Timestamp), in.Service) +
		", SignedHeaders=" + in.SignedHeaders + ", Signature=" + Sign(secretKey, in)
}

// signingKey is SecretSigning of spec §5.2. The intermediate keys stay raw
// bytes: hex-encoding them between steps is the classic way to get this wrong.
func signingKey(secretKey, date, service string) []byte {
	_, _, signing := deriveKeys(secretKey, date, service)
	return signing
}

func deriveKeys(secretKey, date, service string) (secretDate, secretService, secretSigning []byte) {
	secretDate = hmacSHA256([]byte("TC3"+secretKey), []byte(date))
	secretService = hmacSHA256(secretDate, []byte(service))
	secretSigning = hmacSHA256(secretService, []byte(scopeTerminator))
	return secretDate, secretService, secretSigning
}

func hmacSHA256(key, msg []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
