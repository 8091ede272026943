// Command startup builds mqmock the way the image ships it and prints how
// long it takes from exec to a ready health answer, and its resident memory
// once idle (issue 17: ready < 20 ms, idle RSS < 15 MiB). Linux only (RSS is
// read from /proc).
//
//	go run ./scripts/startup            # 5 runs, the shipped build
//	go run ./scripts/startup -runs 9 -plain   # a plain `go build`
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
	runs := flag.Int("runs", 5, "how many starts to measure (the median is printed)")
	idle := flag.Duration("idle", time.Second, "how long to wait after ready before reading RSS")
	plain := flag.Bool("plain", false, "measure a plain `go build` instead of the shipped build")
	flag.Parse()
	if err := measure(*runs, *idle, *plain); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

// shippedFlags are the Dockerfile's: a static binary without symbol
// tables, and gin without its msgpack codec (mqmock speaks no msgpack).
var shippedFlags = []string{"-trimpath", "-tags", "nomsgpack", "-ldflags", "-s -w"}

func measure(runs int, idle time.Duration, plain bool) error {
	dir, err := os.MkdirTemp("", "mqmock-startup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "mqmock")
	args := []string{"build", "-o", bin}
	if !plain {
		args = append(args, shippedFlags...)
	}
	build := exec.Command("go", append(args, "./cmd/mqmock")...)
	build.Env = os.Environ()
	if !plain {
		build.Env = append(build.Env, "CGO_ENABLED=0")
	}
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	st, err := os.Stat(bin)
	if err != nil {
		return err
	}
	var ready []time.Duration
	var rss []int
	for range runs {
		r, kb, err := once(bin, idle)
		if err != nil {
			return err
		}
		ready, rss = append(ready, r), append(rss, kb)
	}
	slices.Sort(ready)
	slices.Sort(rss)
	kind := "shipped build (CGO_ENABLED=0 " + strings.Join(shippedFlags, " ") + ")"
	if plain {
		kind = "plain go build"
	}
	fmt.Printf("%s, binary %.1f MiB, %d runs\n", kind, float64(st.Size())/(1<<20), runs)
	fmt.Printf("ready after exec: median %.1f ms (min %.1f, max %.1f)\n",
		ms(ready[len(ready)/2]), ms(ready[0]), ms(ready[len(ready)-1]))
	fmt.Printf("idle RSS after %s: median %.1f MiB (min %.1f, max %.1f)\n",
		idle, mib(rss[len(rss)/2]), mib(rss[0]), mib(rss[len(rss)-1]))
	return nil
}

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
