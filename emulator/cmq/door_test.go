package cmq_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

func TestListQueueHappyPath(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	r := call(t, c, "ListQueue", nil)
	assert.Equal(t, "", r.Message)
	assert.NotEmpty(t, r.RequestID)
	assert.Equal(t, 0, field[int](t, r, "totalCount"))
	assert.Empty(t, field[[]map[string]string](t, r, "queueList"))

}

func TestWrongSecretIsAuthenticationFailed(t *testing.T) {
	env := emutest.Start(t)
	c := cmqclient.New(env.URL("cmq"), env.Default.Tencent.SecretID, "not-the-key")
	e := callErr(t, c, "ListQueue", nil)
	assert.Equal(t, 4100, e.Code)
	assert.Equal(t, "10030", e.Module)
	assert.Equal(t, "authentication failed", e.Message)
	assert.Equal(t, "(10030)authentication failed", e.RawMessage)
	assert.NotEmpty(t, e.RequestID)
}

// rawRequest builds a request to the CMQ port from already-encoded parts.
func rawRequest(t *testing.T, env *emutest.Env, method, path, query, body string) *http.Request {
	t.Helper()
	u := env.URL("cmq") + path
	if query != "" {
		u += "?" + query
	}
	req, err := http.NewRequestWithContext(context.Background(), method, u, strings.NewReader(body))
	require.NoError(t, err)
	return req
}

// signedBody is a complete, correctly signed POST body for action with extra
// pairs, with edit applied to the pairs before encoding.
func signedPairs(c *cmqclient.Client, method, action string, extra []cmqclient.Pair) []cmqclient.Pair {
	pairs := append([]cmqclient.Pair{{Key: "Action", Value: action}}, extra...)
	return c.Sign(method, c.Common(pairs))
}

func without(pairs []cmqclient.Pair, key string) []cmqclient.Pair {
	var out []cmqclient.Pair
	for _, p := range pairs {
		if p.Key != key {
			out = append(out, p)
		}
	}
	return out
}

func TestFrontendDecodeAndVerifyErrors(t *testing.T) {
	flagged := func(name, id string, f config.Flags, disabled bool) config.Account {
		return config.Account{Name: name, Tencent: config.Tencent{SecretID: id, SecretKey: "k-" + name, AppID: 1250000009, Disabled: disabled}, Flags: f}
	}
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{
			{Name: "default", Tencent: config.Tencent{SecretID: "AKIDmqmock00000000000000000000000001", SecretKey: "mqmock-secret-key", AppID: 1250000001}},
			flagged("disabled", "AKIDdisabled", config.Flags{}, true),
			flagged("overdue", "AKIDoverdue", config.Flags{ChargeOverdue: true}, false),
			flagged("assistant", "AKIDassistant", config.Flags{AssistantAccount: true}, false),
			flagged("nocam", "AKIDnocam", config.Flags{NoCAMAuthorization: true}, false),
		}
	}))
	good := cmqclient.New(env.URL("cmq"), "AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	keyed := func(id, key string) *cmqclient.Client { return cmqclient.New(env.URL("cmq"), id, key) }
	post := func(c *cmqclient.Client, pairs []cmqclient.Pair) *http.Request {
		return rawRequest(t, env, http.MethodPost, cmqclient.DefaultPath, "", cmqclient.Encode(pairs))
	}
	at := func(offset time.Duration) *cmqclient.Client {
		c := keyed("AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
		c.Timestamp = func() int64 { return time.Now().Add(offset).Unix() }
		return c
	}

	tests := []struct {
		name    string
		req     func() *http.Request
		code    int
		module  string
		message string
	}{
		{"PUT", func() *http.Request {
			return rawRequest(t, env, http.MethodPut, cmqclient.DefaultPath, "", cmqclient.Encode(signedPairs(good, "PUT", "ListQueue", nil)))
		}, 4000, "10410", "unexpected http PUT only GET or POST is supported"},
		{"DELETE", func() *http.Request {
			return rawRequest(t, env, http.MethodDelete, cmqclient.DefaultPath, "", "")
		}, 4000, "10410", "unexpected http DELETE only GET or POST is supported"},
		// Size is checked while decoding, before the (expensive) signature.
		{"body over 1 MiB", func() *http.Request {
			return rawRequest(t, env, http.MethodPost, cmqclient.DefaultPath, "", "Action=ListQueue&pad="+repeat("x", 1<<20))
		}, 4000, "10420", "cannot parse request, or request size is more than 1MB"},
		{"body over the 4 MiB hard cap", func() *http.Request {
			return rawRequest(t, env, http.MethodPost, cmqclient.DefaultPath, "", "Action=ListQueue&pad="+repeat("x", 4<<20))
		}, 4000, "10420", "cannot parse request, or request size is more than 1MB"},
		// net/http would answer 431 itself without the servers' raised
		// MaxHeaderBytes; the SDK could not parse that.
		{"GET query over 1 MiB", func() *http.Request {
			return rawRequest(t, env, http.MethodGet, cmqclient.DefaultPath, "Action=ListQueue&pad="+repeat("x", 3<<19), "")
		}, 4000, "10420", "cannot parse request, or request size is more than 1MB"},
		{"GET with an empty query", func() *http.Request {
			return rawRequest(t, env, http.MethodGet, cmqclient.DefaultPath, "", "")
		}, 4000, "10400", "cannot find parameter Action in uri"},
		{"bad %-escape in the body", func() *http.Request {
			return rawRequest(t, env, http.MethodPost, cmqclient.DefaultPath, "", "Action=ListQueue&queueName=%zz")
		}, 4000, "10000", "invalid request parameters"},
		{"bad %-escape in a GET query", func() *http.Request {
			return rawRequest(t, env, http.MethodGet, cmqclient.DefaultPath, "Action=ListQueue&x=%4", "")
		}, 4000, "10000", "invalid request parameters"},
		{"duplicate key", func() *http.Request {
			return post(good, signedPairs(good, "POST", "ListQueue", []cmqclient.Pair{{Key: "searchWord", Value: "a"}, {Key: "searchWord", Value: "b"}}))
		}, 4000, "10330", "parameter searchWord is NOT a repeatable parameter"},
		{"duplicate key across query and body", func() *http.Request {
			return rawRequest(t, env, http.MethodPost, cmqclient.DefaultPath, "Action=ListQueue", cmqclient.Encode(signedPairs(good, "POST", "ListQueue", nil)))
		}, 4000, "10330", "parameter Action is NOT a repeatable parameter"},
		{"malformed array index", func() *http.Request {
			return post(good, signedPairs(good, "POST", "BatchSendMessage", []cmqclient.Pair{{Key: "queueName", Value: "q"}, {Key: "msgBody.x", Value: "a"}}))
		}, 4000, "10310", "error: parameter msgBody.x key format error"},
		{"missing SecretId", func() *http.Request {
			return post(good, without(signedPairs(good, "POST", "ListQueue", nil), "SecretId"))
		}, 4000, "10010", "lacked of required parameters"},
		{"missing Signature", func() *http.Request {
			return post(good, without(signedPairs(good, "POST", "ListQueue", nil), "Signature"))
		}, 4000, "10010", "lacked of required parameters"},
		{"missing Timestamp", func() *http.Request {
			return post(good, without(signedPairs(good, "POST", "ListQueue", nil), "Timestamp"))
		}, 4000, "10010", "lacked of required parameters"},
		{"missing Nonce", func() *http.Request {
			return post(good, without(signedPairs(good, "POST", "ListQueue", nil), "Nonce"))
		}, 4000, "10010", "lacked of required parameters"},
		{"SecretId without AKID", func() *http.Request {
			c := keyed("XKIDmqmock00000000000000000000000001", "mqmock-secret-key")
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4000, "10450", "secret id dosen't begin with AKID"},
		{"unknown SecretId", func() *http.Request {
			c := keyed("AKIDnobody", "x")
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4100, "10270", "secret id is not existed"},
		{"disabled SecretId", func() *http.Request {
			c := keyed("AKIDdisabled", "k-disabled")
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4100, "10080", "secret id status error"},
		{"Timestamp 301 s in the past", func() *http.Request {
			c := at(-301 * time.Second)
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4100, "10030", "authentication failed"},
		{"Timestamp 301 s in the future", func() *http.Request {
			c := at(301 * time.Second)
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4100, "10030", "authentication failed"},
		{"Timestamp not a number", func() *http.Request {
			pairs := good.Common([]cmqclient.Pair{{Key: "Action", Value: "ListQueue"}})
			for i := range pairs {
				if pairs[i].Key == "Timestamp" {
					pairs[i].Value = "soon"
				}
			}
			return post(good, good.Sign("POST", pairs))
		}, 4100, "10030", "authentication failed"},
		{"bad signature", func() *http.Request {
			pairs := signedPairs(good, "POST", "ListQueue", nil)
			pairs[len(pairs)-1].Value = "AAAA" + pairs[len(pairs)-1].Value[4:]
			return post(good, pairs)
		}, 4100, "10030", "authentication failed"},
		{"parameter changed after signing", func() *http.Request {
			pairs := signedPairs(good, "POST", "ListQueue", []cmqclient.Pair{{Key: "searchWord", Value: "a"}})
			pairs[1].Value = "b"
			return post(good, pairs)
		}, 4100, "10030", "authentication failed"},
		{"signed for another path", func() *http.Request {
			return rawRequest(t, env, http.MethodPost, "/v3/index.php", "", cmqclient.Encode(signedPairs(good, "POST", "ListQueue", nil)))
		}, 4100, "10030", "authentication failed"},
		{"missing Action", func() *http.Request {
			pairs := good.Sign("POST", good.Common([]cmqclient.Pair{{Key: "queueName", Value: "q"}}))
			return post(good, pairs)
		}, 4000, "10280", "action is not existed"},
		{"empty Action", func() *http.Request {
			return post(good, signedPairs(good, "POST", "", nil))
		}, 4000, "10280", "action is not existed"},
		{"unknown action", func() *http.Request {
			return post(good, signedPairs(good, "POST", "PurgeQueue", nil))
		}, 4000, "10430", "action name PurgeQueue is not existed"},
		{"charge overdue account", func() *http.Request {
			c := keyed("AKIDoverdue", "k-overdue")
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4300, "10040", "charge overdue"},
		{"assistant account", func() *http.Request {
			c := keyed("AKIDassistant", "k-assistant")
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4000, "10440", "account illegal, it may be an assistant account"},
		{"account without CAM authorization", func() *http.Request {
			c := keyed("AKIDnocam", "k-nocam")
			return post(c, signedPairs(c, "POST", "ListQueue", nil))
		}, 4000, "10461", "no cam authentication"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := good.Do(tt.req())
			e, ok := err.(*cmqclient.Error)
			require.True(t, ok, "want a CMQ error, got %v", err)
			assertCMQError(t, e, tt.code, tt.module, tt.message)
		})
	}
}

func TestFrontendAccepts(t *testing.T) {
	env := emutest.Start(t)
	base := func() *cmqclient.Client { return clientFor(env, env.Default) }
	tests := []struct {
		name string
		send func(c *cmqclient.Client) (*cmqclient.Response, error)
	}{
		{"lower-case action", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			return c.Call(context.Background(), "listqueue", nil)
		}},
		{"mixed-case action like the Java SDK's ClearSUbscriptionFIlterTags", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			return c.Call(context.Background(), "LIstQUeue", nil)
		}},
		{"Go SDK's trailing-space keys", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			return c.Call(context.Background(), "ListQueue", cmqclient.P("searchWord ", "x", "offset ", "0", "limit ", "10"))
		}},
		{"HmacSHA256", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.SignatureMethod = "HmacSHA256"
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"unknown SignatureMethod falls back to SHA-1", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.SignatureMethod = "HmacMD5"
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"GET", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.Method = http.MethodGet
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"POST / like the TDMQ-CMQ Go SDK", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.Path = "/"
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"endpoint with a trailing slash like the Java and Go SDKs (//v2/index.php)", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.Path = "//v2/index.php"
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"POST with no Content-Type like the Python and Go SDKs", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			pairs := signedPairs(c, "POST", "ListQueue", nil)
			req := rawRequest(t, env, http.MethodPost, cmqclient.DefaultPath, "", cmqclient.Encode(pairs))
			req.Header.Del("Content-Type")
			return c.Do(req)
		}},
		{"Timestamp 299 s old", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.Timestamp = func() int64 { return time.Now().Add(-299 * time.Second).Unix() }
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"63-bit Nonce like the Go SDK", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			c.Nonce = func() uint64 { return 1098254785348206983 }
			return c.Call(context.Background(), "ListQueue", nil)
		}},
		{"unknown extra parameters are ignored", func(c *cmqclient.Client) (*cmqclient.Response, error) {
			return c.Call(context.Background(), "ListQueue", cmqclient.P("UserpollingWaitSeconds", "0", "clientRequestId", "42", "Region", "gz"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.send(base())
			require.NoError(t, err)
			assert.Equal(t, 0, r.Code)
			assert.NotEmpty(t, r.RequestID)
		})
	}
}

func TestVerifyOffAcceptsAnySignature(t *testing.T) {
	env := emutest.Start(t, emutest.WithoutVerify())
	c := cmqclient.New(env.URL("cmq"), "AKIDwhoever", "wrong")
	r, err := c.Call(context.Background(), "ListQueue", nil)
	require.NoError(t, err)
	assert.Equal(t, 0, r.Code)
}

// The Python and PHP SDKs leave parameters whose value starts with "@" out
// of the string to sign; the Java and Go SDKs keep them. Both verify.
func TestAtValuesSignedEitherWay(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "at")
	common := c.Common([]cmqclient.Pair{{Key: "Action", Value: "SendMessage"}, {Key: "queueName", Value: "at"}})
	withAt := append(append([]cmqclient.Pair{}, common...), cmqclient.Pair{Key: "msgBody", Value: "@hello world"})

	kept := c.Sign("POST", withAt)
	sig := c.Sign("POST", common)[len(common)].Value // signed without the @ value
	left := append(append([]cmqclient.Pair{}, withAt...), cmqclient.Pair{Key: "Signature", Value: sig})
	for name, pairs := range map[string][]cmqclient.Pair{"kept (Java, Go)": kept, "left out (Python, PHP)": left} {
		t.Run(name, func(t *testing.T) {
			r, err := c.Send(context.Background(), http.MethodPost, pairs)
			require.NoError(t, err)
			assert.NotEmpty(t, field[string](t, r, "msgId"))
		})
	}
}

func TestTemporaryKeyNeedsItsToken(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{{Name: "sts", Tencent: config.Tencent{SecretID: "AKIDsts", SecretKey: "sts-key", AppID: 1250000005, Token: "session-token"}}}
	}))
	c := cmqclient.New(env.URL("cmq"), "AKIDsts", "sts-key")
	assertCMQError(t, callErr(t, c, "ListQueue", nil), 4100, "10030", "authentication failed")
	assertCMQError(t, callErr(t, c, "ListQueue", cmqclient.P("Token", "stale-token")), 4100, "10030", "authentication failed")
	call(t, c, "ListQueue", cmqclient.P("Token", "session-token"))
}
