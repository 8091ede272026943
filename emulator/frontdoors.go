package emulator

import (
	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/mqtt"
	"github.com/mqmock/mqmock/emulator/ons"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
	"sort"
)

// The front doors' names: a scenario's `vendor:`, a config section, the
// coverage report's keys, the control routes under /_mqmock/<name>/.
const (
	CMQ  = "cmq"
	TDMQ = "tdmq"
	ONS  = "ons"
	MQTT = "mqtt"
)

// FrontDoor describes one front door: a port with its protocol.
type FrontDoor struct {
	Name     string `json:"name"`
	Title    string `json:"title"`          // as a person writes it ("CMQ")
	Protocol string `json:"protocol"`       // the protocol the port speaks
	APIs     string `json:"apis"`           // the API versions served, for the banner
	Path     string `json:"path,omitempty"` // the path SDKs are pointed at, when not "/"
}

// doorSpec is one entry of the list: what is public, where its
// configuration section is, and how the door is assembled from the
// products behind it.
type doorSpec struct {
	FrontDoor
	section func(*config.Config) *config.Vendor
	// options is a pointer to the options struct the door's products decode
	// from the section (their MQMOCK_* variables derive from it).
	options func() any
	build   func(env pipeline.Env, p *products) (*frontdoor.Door, error)
}

// doorList is the one list of front doors, in port order (9101..9104).
// Listen addresses, configuration sections, emutest endpoints, health,
// control routes and the banner all derive from it.
func doorList() []doorSpec {
	return []doorSpec{
		{
			FrontDoor: FrontDoor{Name: CMQ, Title: "CMQ", Protocol: "legacy CMQ HTTP API", APIs: "queues, messages, topics, subscriptions", Path: "/v2/index.php"},
			section:   func(c *config.Config) *config.Vendor { return &c.CMQ },
			options:   func() any { o := cmq.DefaultOptions(); return &o },
			build: func(_ pipeline.Env, p *products) (*frontdoor.Door, error) {
				s, err := p.cmq()
				if err != nil {
					return nil, err
				}
				return cmq.NewDoor(s), nil
			},
		},
		{
			FrontDoor: FrontDoor{Name: TDMQ, Title: "TDMQ", Protocol: "TencentCloud API 3.0", APIs: "tdmq 2020-02-17, trocket 2023-03-08"},
			section:   func(c *config.Config) *config.Vendor { return &c.TDMQ },
			options:   func() any { return &tdmq.Options{} },
			// The Cmq* actions of tdmq 2020-02-17 act on the CMQ door's store.
			build: func(env pipeline.Env, p *products) (*frontdoor.Door, error) {
				s, err := p.cmq()
				if err != nil {
					return nil, err
				}
				return tdmq.NewDoor(env, s)
			},
		},
		{
			FrontDoor: FrontDoor{Name: ONS, Title: "ONS", Protocol: "Alibaba RPC", APIs: "Ons 2019-02-14"},
			section:   func(c *config.Config) *config.Vendor { return &c.ONS },
			options:   func() any { o := ons.DefaultOptions(); return &o },
			build:     func(env pipeline.Env, _ *products) (*frontdoor.Door, error) { return ons.NewDoor(env) },
		},
		{
			FrontDoor: FrontDoor{Name: MQTT, Title: "MQTT", Protocol: "Alibaba RPC", APIs: "OnsMqtt 2020-04-20"},
			section:   func(c *config.Config) *config.Vendor { return &c.MQTT },
			options:   func() any { o := mqtt.DefaultOptions(); return &o },
			build:     func(env pipeline.Env, _ *products) (*frontdoor.Door, error) { return mqtt.NewDoor(env) },
		},
	}
}

// FrontDoors lists the front doors in port order. It returns a fresh
// slice: no caller can change another's view.
func FrontDoors() []FrontDoor {
	specs := doorList()
	out := make([]FrontDoor, len(specs))
	for i, s := range specs {
		out[i] = s.FrontDoor
	}
	return out
}

// ListenAddr is where the named door listens under cfg, as the server
// would read it; false for a name that is no door.
func ListenAddr(cfg Config, door string) (string, bool) {
	for _, s := range doorList() {
		if s.Name == door {
			return s.section((*config.Config)(&cfg)).Listen, true
		}
	}
	return "", false
}

// Names lists the front doors' names in port order.
func Names() []string {
	specs := doorList()
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.Name
	}
	return out
}

// products builds each product once, however many doors serve it: a
// product behind two doors is one store. A product is built from the
// environment of its own door (its configuration section), whichever door
// asks for it first.
type products struct {
	// envOf is a door's environment, by door name.
	envOf      func(door string) pipeline.Env
	cmqProduct *cmq.Product
}

// cmq is the CMQ product, served by the CMQ door (legacy API) and the TDMQ
// door (the Cmq* actions of API 3.0), built from the cmq section.
func (p *products) cmq() (*cmq.Product, error) {
	if p.cmqProduct == nil {
		var env pipeline.Env // zero products: the zero Env
		if p.envOf != nil {
			env = p.envOf(CMQ)
		}
		s, err := cmq.New(env)
		if err != nil {
			return nil, err
		}
		p.cmqProduct = s
	}
	return p.cmqProduct, nil
}

// OnFreePorts returns cfg with every front door listening on a free
// loopback port (tests; Addr tells which port each got).
func OnFreePorts(cfg Config) Config {
	for _, d := range doorList() {
		d.section((*config.Config)(&cfg)).Listen = "127.0.0.1:0"
	}
	return cfg
}

// EnvVar is one MQMOCK_* variable and the config key it sets.
type EnvVar struct {
	Name string // MQMOCK_CMQ_MAXQUEUES
	Key  string // cmq.maxQueues
	// Form is how a list or map setting's value is written ("comma-separated
	// list", "comma-separated name=value pairs"); empty for a scalar.
	Form string
}

// FileOnlyKey is a setting only the config file can hold, and why.
type FileOnlyKey struct {
	Key string // accounts
	Why string
}

// FileOnlyKeys lists the settings no MQMOCK_* variable can hold (lists of
// structured entries), sorted by key.
func FileOnlyKeys() []FileOnlyKey {
	dsts := map[string]any{}
	for _, s := range doorList() {
		dsts[s.Name] = s.options()
	}
	var out []FileOnlyKey
	for _, k := range config.FileOnly(dsts) {
		out = append(out, FileOnlyKey{Key: k.Key, Why: k.Why})
	}
	return out
}

// EnvVars lists every MQMOCK_* variable that sets a key, scalar, list or
// map: the global sections' and each door's options, sorted by name (MQMOCK_CONFIG and
// MQMOCK_SCENARIOS, which say where settings are, have an empty Key).
func EnvVars() []EnvVar {
	var out []EnvVar
	for _, n := range config.EnvNames() {
		out = append(out, EnvVar{Name: n, Key: config.EnvKey(n)})
	}
	for _, s := range doorList() {
		for _, v := range config.OptionEnv(s.Name, s.options()) {
			out = append(out, EnvVar{Name: v.Name, Key: v.Key})
		}
		for _, v := range config.OptionListEnv(s.Name, s.options()) {
			out = append(out, EnvVar{Name: v.Name, Key: v.Key, Form: v.Form})
		}
	}
	for _, v := range config.ListEnv() {
		out = append(out, EnvVar{Name: v.Name, Key: v.Key, Form: v.Form})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
