// Command startup builds mqmock the way the image ships it and prints how
// long it takes from exec to a ready health answer, and its resident memory
// once idle (issue 17: ready < 20 ms, idle RSS < 15 MiB). Beside it, in the
// same run and alternately, it measures ./scripts/startup/baseline (gin
// and viper on the same four ports, nothing else) built the same way, and
// prints mqmock's figures as multiples of it: absolute start-up times on a
// virtual machine say as much about the machine as about the program.
// Linux only (RSS is read from /proc).
//
//	go run ./scripts/startup                  # 9 runs each, the shipped build
//	go run ./scripts/startup -runs 5 -plain   # a plain `go build`
//	go run ./scripts/startup -against 585308d # and that commit's mqmock, built the same way
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mqmock/mqmock/scripts/internal/proc"
)

func main() {
	runs := flag.Int("runs", 9, "how many starts of each binary to measure (medians are printed)")
	idle := flag.Duration("idle", time.Second, "how long to wait after ready before reading RSS")
	plain := flag.Bool("plain", false, "measure a plain `go build` instead of the shipped build")
	against := flag.String("against", "", "also measure mqmock as of this git revision (a before/after comparison in one run)")
	flag.Parse()
	if err := measure(*runs, *idle, *plain, *against); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

// shippedFlags are the Dockerfile's: a static binary without symbol
// tables, and gin without its msgpack codec (mqmock speaks no msgpack).
var shippedFlags = []string{"-trimpath", "-tags", "nomsgpack", "-ldflags", "-s -w"}

// program is one binary under measurement and what it measured.
type program struct {
	name, pkg, bin string
	src            string // the source tree to build in; "" is this one
	size           int64
	ready          []time.Duration
	rss            []int
}

func measure(runs int, idle time.Duration, plain bool, against string) error {
	dir, err := os.MkdirTemp("", "mqmock-startup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	progs := []*program{
		{name: "mqmock", pkg: "./cmd/mqmock"},
		{name: "baseline", pkg: "./scripts/startup/baseline"},
	}
	if against != "" {
		src := filepath.Join(dir, "src")
		if err := export(against, src); err != nil {
			return err
		}
		progs = append(progs, &program{name: against, pkg: "./cmd/mqmock", src: src})
	}
	for _, p := range progs {
		if err := build(p, dir, plain); err != nil {
			return err
		}
	}
	// Alternate, so that whatever else the machine does falls on both.
	for range runs {
		for _, p := range progs {
			r, kb, err := once(p.bin, idle)
			if err != nil {
				return fmt.Errorf("%s: %w", p.name, err)
			}
			p.ready, p.rss = append(p.ready, r), append(p.rss, kb)
		}
	}
	kind := "shipped build (CGO_ENABLED=0 " + strings.Join(shippedFlags, " ") + ")"
	if plain {
		kind = "plain go build"
	}
	fmt.Printf("%s, %d runs each, alternating\n", kind, runs)
	for _, p := range progs {
		slices.Sort(p.ready)
		slices.Sort(p.rss)
		fmt.Printf("%-8s binary %4.1f MiB  ready after exec: median %5.1f ms (min %.1f, max %.1f)  idle RSS after %s: median %4.1f MiB (min %.1f, max %.1f)\n",
			p.name, float64(p.size)/(1<<20),
			ms(median(p.ready)), ms(p.ready[0]), ms(p.ready[len(p.ready)-1]),
			idle, mib(median(p.rss)), mib(p.rss[0]), mib(p.rss[len(p.rss)-1]))
	}
	m := progs[0]
	for _, b := range progs[1:] {
		fmt.Printf("mqmock ÷ %s: ready %.2f×, idle RSS %.2f×\n", b.name,
			float64(median(m.ready))/float64(median(b.ready)), float64(median(m.rss))/float64(median(b.rss)))
	}
	return nil
}

// export writes the tree of a git revision into dir.
func export(rev, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	archive := exec.Command("git", "archive", "--format=tar", rev)
	untar := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	archive.Stderr, untar.Stderr = os.Stderr, os.Stderr
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		return fmt.Errorf("git archive %s: %w", rev, err)
	}
	return untar.Wait()
}

func build(p *program, dir string, plain bool) error {
	p.bin = filepath.Join(dir, "bin-"+strings.NewReplacer("/", "_", ".", "_").Replace(p.name))
	args := []string{"build", "-o", p.bin}
	if !plain {
		args = append(args, shippedFlags...)
	}
	cmd := exec.Command("go", append(args, p.pkg)...)
	cmd.Dir = p.src
	cmd.Env = os.Environ()
	if !plain {
		cmd.Env = append(cmd.Env, "CGO_ENABLED=0")
	}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s: %w", p.pkg, err)
	}
	st, err := os.Stat(p.bin)
	if err != nil {
		return err
	}
	p.size = st.Size()
	return nil
}

func median[T any](sorted []T) T { return sorted[len(sorted)/2] }

// once starts the binary on free ports, times exec → first 200 from health,
// waits idle, reads VmRSS and stops it.
func once(bin string, idle time.Duration) (time.Duration, int, error) {
	env := os.Environ()
	var health string
	for _, door := range []string{"CMQ", "TDMQ", "ONS", "MQTT"} {
		addr, err := freeAddr()
		if err != nil {
			return 0, 0, err
		}
		env = append(env, "MQMOCK_"+door+"_LISTEN="+addr)
		if health == "" {
			health = "http://" + addr + "/_mqmock/health"
		}
	}
	cmd := exec.Command(bin)
	cmd.Env = env
	client := &http.Client{Timeout: 100 * time.Millisecond}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var ready time.Duration
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, health, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				ready = time.Since(start)
				break
			}
		}
		if ctx.Err() != nil {
			return 0, 0, fmt.Errorf("not ready after 10 s")
		}
		time.Sleep(200 * time.Microsecond)
	}
	client.CloseIdleConnections()
	time.Sleep(idle)
	kb, err := proc.RSS(cmd.Process.Pid)
	return ready, kb, err
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func mib(kb int) float64         { return float64(kb) / 1024 }
