package emulator

import (
	"bufio"
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/scenarios"
)

// doorView is one front door as GET /_mqmock/doors shows it: what a form
// offers for a fault rule (the APIs a rule's service: may name where there
// are several, its actions, its documented codes) and where it listens.
type doorView struct {
	FrontDoor
	Address  string     `json:"address"`
	URL      string     `json:"url"`
	Services []string   `json:"services,omitempty"`
	Actions  []string   `json:"actions"`
	Codes    []codeView `json:"codes"`
}

// codeView is one row of a door's error catalogue.
type codeView struct {
	Name       string `json:"name"`
	Code       string `json:"code"`
	Status     int    `json:"status"`
	Message    string `json:"message"`
	Documented bool   `json:"documented"`
}

// listDoors is GET /_mqmock/doors, in port order.
func (e *Emulator) listDoors(c *gin.Context) {
	out := make([]doorView, 0, len(e.specs))
	for _, s := range e.specs {
		d := e.doors[s.Name]
		addr := e.address(s)
		v := doorView{FrontDoor: s.FrontDoor, Address: addr, URL: e.Scheme() + "://" + addr + s.Path, Services: d.Services, Actions: d.Actions(), Codes: []codeView{}}
		for _, def := range d.Frontend.Catalogue().All() {
			v.Codes = append(v.Codes, codeView{Name: def.Name, Code: def.Code, Status: def.Status, Message: def.Message, Documented: def.Seed})
		}
		out = append(out, v)
	}
	c.JSON(http.StatusOK, gin.H{"doors": out})
}

// listAccounts is GET /_mqmock/accounts: each account's name, key ids and
// configured instances (no secret).
func (e *Emulator) listAccounts(c *gin.Context) {
	all := e.accounts.All()
	out := make([]account.View, 0, len(all))
	for _, a := range all {
		out = append(out, a.View())
	}
	c.JSON(http.StatusOK, gin.H{"accounts": out})
}

// readyScenario describes one file of scenarios/ (embedded in the binary).
type readyScenario struct {
	File        string `json:"file"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Rules       int    `json:"rules"`
}

// listReadyScenarios is GET /_mqmock/scenarios: the ready files, which GET
// /_mqmock/scenarios/<file> serves and PUT /_mqmock/scenario loads.
func (e *Emulator) listReadyScenarios(c *gin.Context) {
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil {
		controlapi.Fail(c, http.StatusInternalServerError, err.Error())
		return
	}
	sort.Strings(names)
	out := make([]readyScenario, 0, len(names))
	for _, n := range names {
		data, err := scenarios.FS.ReadFile(n)
		if err != nil {
			continue
		}
		rs := readyScenario{File: n, Description: leadingComment(data)}
		if doc, err := faults.Parse(n, data); err == nil {
			rs.Name, rs.Rules = doc.Name, len(doc.Rules)
		}
		out = append(out, rs)
	}
	c.JSON(http.StatusOK, gin.H{"scenarios": out})
}

// readyScenario is GET /_mqmock/scenarios/<file>: the file as it is.
func (e *Emulator) readyScenario(c *gin.Context) {
	name := c.Param("file")
	if name != path.Base(name) || !strings.HasSuffix(name, ".yaml") {
		controlapi.Fail(c, http.StatusNotFound, "no ready scenario "+quoteShort(name))
		return
	}
	data, err := scenarios.FS.ReadFile(name)
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, "no ready scenario "+quoteShort(name)+"; GET /_mqmock/scenarios lists them")
		return
	}
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", data)
}

// leadingComment is the comment block a scenario file starts with, as one
// paragraph: what the file is for.
func leadingComment(data []byte) string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		l, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "#")
		if !ok {
			break
		}
		lines = append(lines, strings.TrimSpace(l))
	}
	return strings.Join(lines, " ")
}
