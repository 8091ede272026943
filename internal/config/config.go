// Package config loads mqmock's configuration: built-in defaults, then an
// optional YAML file, then MQMOCK_* environment variables, through one viper
// instance per load. Unknown keys and bad values are errors that name the key,
// so a typo never silently falls back to a default.
package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/spelling"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/mqmock/mqmock/internal/account"
)

// Config is the whole configuration.
type Config struct {
	CMQ      Vendor    `mapstructure:"cmq"`
	TDMQ     Vendor    `mapstructure:"tdmq"`
	ONS      Vendor    `mapstructure:"ons"`
	MQTT     Vendor    `mapstructure:"mqtt"`
	Auth     Auth      `mapstructure:"auth"`
	Log      Log       `mapstructure:"log"`
	Journal  Journal   `mapstructure:"journal"`
	Limits   Limits    `mapstructure:"limits"`
	Control  Control   `mapstructure:"control"`
	Server   Server    `mapstructure:"server"`
	TLS      TLS       `mapstructure:"tls"`
	State    State     `mapstructure:"state"`
	Accounts []Account `mapstructure:"accounts"`
	// Scenarios are fault scenario files loaded at start (also --scenario).
	Scenarios []string `mapstructure:"scenarios"`
}

// Vendor is one vendor's section: where it listens, plus options the vendor
// package itself decodes and validates.
type Vendor struct {
	Listen  string         `mapstructure:"listen"`
	Options map[string]any `mapstructure:",remain"`
}

// Auth configures request authentication.
type Auth struct {
	Verify bool `mapstructure:"verify"`
}

// Log configures the structured log.
type Log struct {
	Level  string `mapstructure:"level"`  // debug, info, warn, error
	Format string `mapstructure:"format"` // text, json
}

// Journal configures the call journal.
type Journal struct {
	// Size is the most calls kept.
	Size int `mapstructure:"size"`
	// MaxBytes is the most bytes of parameters kept over all calls; the
	// oldest calls go first.
	MaxBytes int64 `mapstructure:"maxBytes"`
}

// TLS serves every front door over HTTPS (the SDKs' default scheme).
type TLS struct {
	Enabled bool `mapstructure:"enabled"`
	// CertFile and KeyFile are the user's certificate; when both are empty
	// one is made at start for 127.0.0.1, ::1 and localhost.
	CertFile string `mapstructure:"certFile"`
	KeyFile  string `mapstructure:"keyFile"`
	// CAFile is where the made certificate's PEM is written for clients to
	// trust (a temporary file when empty); the banner prints it.
	CAFile string `mapstructure:"caFile"`
}

// State keeps the emulator's state across restarts (also --state-file).
type State struct {
	// File is loaded at start (a missing file is a first run) and written,
	// atomically, at a graceful shutdown and every Interval when something
	// changed; empty keeps state in memory only.
	File string `mapstructure:"file"`
	// Interval is how often the file is written while running; 0 writes it
	// only at shutdown.
	Interval time.Duration `mapstructure:"interval"`
}

// Server bounds what one connection may take of a listener: anyone who can
// reach a port can open connections, signed or not.
type Server struct {
	// IdleTimeout closes a keep-alive connection idle this long.
	IdleTimeout time.Duration `mapstructure:"idleTimeout"`
	// BodyTimeout bounds reading one request's headers and body (a client
	// sending a byte a second); a long poll, once read, is not bound by it.
	BodyTimeout time.Duration `mapstructure:"bodyTimeout"`
	// MaxConnections is the most connections one port holds at once; more
	// are closed as they arrive. It is also kept well below the process's
	// open-file limit.
	MaxConnections int `mapstructure:"maxConnections"`
}

// Control configures the control API (/_mqmock/ on every port).
type Control struct {
	// Enabled serves the control API; off, every /_mqmock/ route is 404.
	Enabled bool `mapstructure:"enabled"`
	// Token, when set, must come with every control call as
	// "Authorization: Bearer <token>" or "X-Mqmock-Token: <token>".
	Token string `mapstructure:"token"`
	// AllowedHosts are Host names besides loopback and the listener's own
	// address that may reach the control API (a compose service name).
	AllowedHosts []string `mapstructure:"allowedHosts"`
}

// Limits configures documented limits that are off by default.
type Limits struct {
	RateLimits bool `mapstructure:"rateLimits"`
}

// Account is one configured account (see account.Account).
type Account struct {
	Name          string         `mapstructure:"name"`
	Tencent       Tencent        `mapstructure:"tencent"`
	Alibaba       Alibaba        `mapstructure:"alibaba"`
	MQTTInstances []MQTTInstance `mapstructure:"mqttInstances"`
	ONSInstances  []ONSInstance  `mapstructure:"onsInstances"`
	Flags         Flags          `mapstructure:"flags"`
	// Resources exist from the start and come back after every reset.
	Resources Resources `mapstructure:"resources"`
}

// Tencent credentials.
type Tencent struct {
	SecretID  string `mapstructure:"secretId"`
	SecretKey string `mapstructure:"secretKey"`
	AppID     uint64 `mapstructure:"appId"`
	Token     string `mapstructure:"token"`
	Disabled  bool   `mapstructure:"disabled"`
}

// Alibaba credentials.
type Alibaba struct {
	AccessKeyID     string `mapstructure:"accessKeyId"`
	AccessKeySecret string `mapstructure:"accessKeySecret"`
	SecurityToken   string `mapstructure:"securityToken"`
	UID             string `mapstructure:"uid"`
	Disabled        bool   `mapstructure:"disabled"`
}

// MQTTInstance is a configured MQTT instance.
type MQTTInstance struct {
	ID                string   `mapstructure:"id"`
	IndependentNaming bool     `mapstructure:"independentNaming"`
	ParentTopics      []string `mapstructure:"parentTopics"`
}

// ONSInstance is a configured ONS instance.
type ONSInstance struct {
	ID                string `mapstructure:"id"`
	Name              string `mapstructure:"name"`
	IndependentNaming bool   `mapstructure:"independentNaming"`
}

// Flags are account states no request can produce.
type Flags struct {
	ChargeOverdue      bool `mapstructure:"chargeOverdue"`
	AssistantAccount   bool `mapstructure:"assistantAccount"`
	NoCAMAuthorization bool `mapstructure:"noCamAuthorization"`
}

// Default listen addresses (design.md).
const (
	DefaultCMQ  = "127.0.0.1:9101"
	DefaultTDMQ = "127.0.0.1:9102"
	DefaultONS  = "127.0.0.1:9103"
	DefaultMQTT = "127.0.0.1:9104"
)

// defaults are the built-in values of the global sections' keys. Every
// scalar key of Config has an MQMOCK_* variable (envKey), and every scalar
// option of a vendor section too (DecodeOptions).
var defaults = map[string]any{
	"cmq.listen":            DefaultCMQ,
	"tdmq.listen":           DefaultTDMQ,
	"ons.listen":            DefaultONS,
	"mqtt.listen":           DefaultMQTT,
	"auth.verify":           true,
	"log.level":             "info",
	"log.format":            "text",
	"journal.size":          1000,
	"journal.maxbytes":      16 << 20,
	"limits.ratelimits":     false,
	"control.enabled":       true,
	"server.idletimeout":    "60s",
	"server.bodytimeout":    "30s",
	"server.maxconnections": 1024,
	"control.token":         "",
	"state.file":            "",
	"state.interval":        "30s",
}

// Default is the configuration with no file and no environment.
func Default() Config {
	c, err := Load("", nil)
	if err != nil {
		panic(err) // the built-ins are valid; a test pins it
	}
	return c
}

// Load reads the optional file at path, then the MQMOCK_* variables of env
// (os.Environ() form; nil means none), over the built-in defaults.
func Load(path string, env []string) (Config, error) {
	v := viper.New()
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	var doc *yaml.Node // the file's own keys, for their spelling
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return Config{}, fmt.Errorf("config file %s: %w", path, unwrapPathError(err))
		}
		if strings.EqualFold(extOf(path), ".json") {
			doc, _ = parseYAML(path, data) // JSON's own errors come from viper
		} else if doc, err = parseYAML(path, data); err != nil {
			return Config{}, err
		}
		v.SetConfigFile(path)
		if ext := strings.ToLower(strings.TrimPrefix(extOf(path), ".")); ext != "yaml" && ext != "yml" && ext != "json" {
			v.SetConfigType("yaml")
		}
		if err := v.ReadInConfig(); err != nil {
			return Config{}, fmt.Errorf("config file %s: %v", path, oneLine(err))
		}
	}
	type option struct {
		vendor, name, val string
		path              []string
	}
	var options []option // vendor options by variable, set after decoding
	for _, kv := range env {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "MQMOCK_") || name == EnvConfig || name == EnvScenarios {
			continue
		}
		if key, known := envKey(name); known {
			v.Set(key, val)
			continue
		}
		if key, known := envListKey(name); known {
			v.Set(key, splitList(val))
			continue
		}
		if vendor, path, ok := vendorOfEnv(name); ok {
			options = append(options, option{vendor, name, val, path})
			continue
		}
		return Config{}, unknownEnv(name, knownEnvNames())
	}
	if err := checkKeys(respell(v.AllSettings(), doc), reflect.TypeOf(Config{}), "", nil); err != nil {
		var u *unknownKeyError
		if errors.As(err, &u) && doc != nil {
			if line := keyLine(doc, u.key); line > 0 {
				return Config{}, fmt.Errorf("config file %s line %d: %s", path, line, strings.TrimPrefix(u.Error(), "config: "))
			}
		}
		return Config{}, err
	}
	var c Config
	dec := func(dc *mapstructure.DecoderConfig) {
		dc.WeaklyTypedInput = true
		dc.ErrorUnused = false // checkKeys already named any unknown key
	}
	if err := v.Unmarshal(&c, dec); err != nil {
		return Config{}, fmt.Errorf("config: %v", oneLine(err))
	}
	respellSections(&c, doc)
	sections := map[string]*Vendor{"cmq": &c.CMQ, "tdmq": &c.TDMQ, "ons": &c.ONS, "mqtt": &c.MQTT}
	for _, o := range options {
		sec := sections[o.vendor]
		sec.Options = setOption(sec.Options, o.path, envValue{name: o.name, val: o.val})
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

func extOf(p string) string {
	if i := strings.LastIndex(p, "."); i >= 0 && !strings.Contains(p[i:], "/") {
		return p[i:]
	}
	return ""
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// The two variables that are not settings but say where settings are: the
// command reads them (as --config and --scenario), and Load passes over them.
const (
	// EnvConfig is a configuration file's path, as --config.
	EnvConfig = "MQMOCK_CONFIG"
	// EnvScenarios is a comma-separated list of scenario files, as
	// repeated --scenario flags.
	EnvScenarios = "MQMOCK_SCENARIOS"
)

// EnvNames lists every MQMOCK_* variable the command understands, sorted.
func EnvNames() []string {
	out := append(envNames(), EnvConfig, EnvScenarios)
	sort.Strings(out)
	return out
}

// envKey maps MQMOCK_CMQ_LISTEN to cmq.listen: every scalar key of the
// global sections has a variable.
func envKey(name string) (string, bool) {
	for _, k := range scalarKeys(reflect.TypeOf(Config{}), "") {
		if envName(k) == name {
			return k, true
		}
	}
	return "", false
}

// EnvKey is the config key a global MQMOCK_* variable sets (journal.maxBytes
// for MQMOCK_JOURNAL_MAXBYTES); empty for none.
func EnvKey(name string) string {
	k, _ := envKey(name)
	return k
}

func envNames() []string {
	var out []string
	for _, k := range scalarKeys(reflect.TypeOf(Config{}), "") {
		out = append(out, envName(k))
	}
	sort.Strings(out)
	return out
}

// checkKeys walks the settings against the struct's mapstructure tags (the
// comparison is case-insensitive, as decoding is) and names the first
// unknown key as written, with the nearest known one of its level (or of
// also, more keys valid at the top level). Vendor sections keep their extra
// keys for the vendor to check.
func checkKeys(raw any, t reflect.Type, path string, also []string) error {
	switch t.Kind() {
	case reflect.Pointer:
		return checkKeys(raw, t.Elem(), path, also)
	case reflect.Slice:
		list, ok := raw.([]any)
		if !ok {
			return nil // a scalar where a list belongs: the decoder reports it
		}
		for i, e := range list {
			if err := checkKeys(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i), nil); err != nil {
				return err
			}
		}
	case reflect.Struct:
		m, ok := raw.(map[string]any)
		if !ok {
			return nil
		}
		fields := map[string]reflect.StructField{}
		names := append([]string(nil), also...)
		remain := false
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("mapstructure")
			if strings.Contains(tag, ",remain") {
				remain = true
				continue
			}
			fields[strings.ToLower(tag)] = f
			names = append(names, tag)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f, ok := fields[strings.ToLower(k)]
			if !ok {
				if remain {
					continue
				}
				u := &unknownKeyError{key: join(path, k)}
				if n := spelling.Typo(k, names); n != "" {
					u.nearest = join(path, n)
				}
				return u
			}
			if err := checkKeys(m[k], f.Type, join(path, k), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// sectionKeys are the keys of a vendor section besides its options
// (listen), which a misspelt option may be nearest to.
func sectionKeys() []string {
	var out []string
	t := reflect.TypeOf(Vendor{})
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("mapstructure"); !strings.Contains(tag, ",remain") {
			out = append(out, tag)
		}
	}
	return out
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// Validate checks values that decode but make no sense.
func (c Config) Validate() error {
	for _, l := range []struct{ key, addr string }{
		{"cmq.listen", c.CMQ.Listen}, {"tdmq.listen", c.TDMQ.Listen}, {"ons.listen", c.ONS.Listen}, {"mqtt.listen", c.MQTT.Listen},
	} {
		if err := validListen(l.addr); err != nil {
			return fmt.Errorf("config key %s: %v", l.key, err)
		}
	}
	switch strings.ToLower(c.Log.Level) {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config key log.level: %q is not one of debug, info, warn, error", c.Log.Level)
	}
	switch strings.ToLower(c.Log.Format) {
	case "text", "json":
	default:
		return fmt.Errorf("config key log.format: %q is not one of text, json", c.Log.Format)
	}
	if c.Journal.Size < 1 || c.Journal.Size > 1_000_000 {
		return fmt.Errorf("config key journal.size: %d is not between 1 and 1000000", c.Journal.Size)
	}
	if (c.TLS.CertFile == "") != (c.TLS.KeyFile == "") {
		return fmt.Errorf("config keys tls.certFile and tls.keyFile: give both or neither")
	}
	if c.Server.IdleTimeout < time.Second || c.Server.BodyTimeout < 10*time.Millisecond {
		return fmt.Errorf("config keys server.idleTimeout (%s) and server.bodyTimeout (%s): at least 1s and 10ms", c.Server.IdleTimeout, c.Server.BodyTimeout)
	}
	if c.Server.MaxConnections < 1 || c.Server.MaxConnections > 1_000_000 {
		return fmt.Errorf("config key server.maxConnections: %d is not between 1 and 1000000", c.Server.MaxConnections)
	}
	if c.State.Interval != 0 && c.State.Interval < time.Second {
		return fmt.Errorf("config key state.interval: %s is neither 0 (only at shutdown) nor at least 1s", c.State.Interval)
	}
	if c.Journal.MaxBytes < 64<<10 || c.Journal.MaxBytes > 4<<30 {
		return fmt.Errorf("config key journal.maxBytes: %d is not between 65536 and 4294967296", c.Journal.MaxBytes)
	}
	if _, err := account.NewRegistry(c.AccountList()); err != nil {
		return fmt.Errorf("config key %v", err)
	}
	return nil
}

func validListen(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port", addr)
	}
	if host != "" && net.ParseIP(host) == nil && host != "localhost" {
		return fmt.Errorf("%q: host must be an IP address or localhost", addr)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q: port %s is out of range 0-65535", addr, port)
	}
	return nil
}

// AccountList returns the configured accounts, or the built-in ones when the
// configuration declares none.
func (c Config) AccountList() []account.Account {
	if len(c.Accounts) == 0 {
		return account.Defaults()
	}
	out := make([]account.Account, len(c.Accounts))
	for i, a := range c.Accounts {
		acct := account.Account{
			Name:      a.Name,
			Tencent:   account.Tencent{SecretID: a.Tencent.SecretID, SecretKey: a.Tencent.SecretKey, AppID: a.Tencent.AppID, Token: a.Tencent.Token, Disabled: a.Tencent.Disabled},
			Alibaba:   account.Alibaba{AccessKeyID: a.Alibaba.AccessKeyID, AccessKeySecret: a.Alibaba.AccessKeySecret, SecurityToken: a.Alibaba.SecurityToken, UID: a.Alibaba.UID, Disabled: a.Alibaba.Disabled},
			Flags:     account.Flags{ChargeOverdue: a.Flags.ChargeOverdue, AssistantAccount: a.Flags.AssistantAccount, NoCAMAuthorization: a.Flags.NoCAMAuthorization},
			Resources: a.Resources.account(),
		}
		for _, m := range a.MQTTInstances {
			acct.MQTTInstances = append(acct.MQTTInstances, account.MQTTInstance{ID: m.ID, IndependentNaming: m.IndependentNaming, ParentTopics: m.ParentTopics})
		}
		for _, o := range a.ONSInstances {
			acct.ONSInstances = append(acct.ONSInstances, account.ONSInstance{ID: o.ID, Name: o.Name, IndependentNaming: o.IndependentNaming})
		}
		out[i] = acct
	}
	return out
}

// DecodeOptions decodes a vendor's options into dst (a pointer to a struct
// with mapstructure tags, pre-filled with defaults), refusing unknown keys and
// naming them with the vendor's prefix, as the file spells them, and the
// nearest valid key. Durations accept "30s" strings.
//
// An option an MQMOCK_<VENDOR>_<OPTION> variable set (Load puts it there)
// matches its key case-insensitively; one that names no option is refused
// naming the variable and the nearest valid variable.
func DecodeOptions(vendor string, opts map[string]any, dst any) error {
	vars := map[string]string{}
	opts = takeEnv(opts, vendor, vars)
	if err := checkKeys(opts, reflect.TypeOf(dst), vendor, sectionKeys()); err != nil {
		var u *unknownKeyError
		if errors.As(err, &u) {
			if e := envError(vendor, u, vars, dst); e != nil {
				return e
			}
		}
		return err
	}
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result:           dst,
		WeaklyTypedInput: true,
		DecodeHook:       mapstructure.ComposeDecodeHookFunc(envTextHook, mapstructure.StringToTimeDurationHookFunc()),
	})
	if err != nil {
		return err
	}
	if err := dec.Decode(opts); err != nil {
		return fmt.Errorf("config section %s: %v", vendor, oneLine(err))
	}
	return nil
}
