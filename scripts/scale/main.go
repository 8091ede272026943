// Command scale builds mqmock as the image ships it, starts it, creates
// 1000 CMQ topics with 500 subscriptions each through the signed API (the
// quotas' limits), and prints the process's resident memory then, and after
// an answer of GET /_mqmock/state for all of it (issue 17, target 4:
// < 200 MB). Linux only (RSS is read from /proc).
//
//	go run ./scripts/scale                    # 1000 × 500
//	go run ./scripts/scale -topics 100        # a quicker look
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/scripts/internal/proc"
)

func main() {
	topics := flag.Int("topics", 1000, "topics to create")
	subs := flag.Int("subscriptions", 500, "subscriptions per topic")
	clients := flag.Int("clients", 8, "concurrent clients")
	flag.Parse()
	if err := run(*topics, *subs, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

// The built-in default account (internal/account): the script talks to the
// emulator as any client would.
const (
	secretID  = "AKIDmqmock00000000000000000000000001"
	secretKey = "mqmock-secret-key"
)

func run(topics, subs, clients int) error {
	dir, err := os.MkdirTemp("", "mqmock-scale-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "mqmock")
	build := exec.Command("go", "build", "-o", bin, "-trimpath", "-tags", "nomsgpack", "-ldflags", "-s -w", "./cmd/mqmock")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	addr := "127.0.0.1:19181"
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"MQMOCK_CMQ_LISTEN="+addr, "MQMOCK_TDMQ_LISTEN=127.0.0.1:19182",
		"MQMOCK_ONS_LISTEN=127.0.0.1:19183", "MQMOCK_MQTT_LISTEN=127.0.0.1:19184",
		"MQMOCK_CMQ_RATELIMITS=false", "MQMOCK_LOG_LEVEL=warn",
		"MQMOCK_CMQ_MAXTOPICS="+strconv.Itoa(max(topics, 1000)),
		"MQMOCK_CMQ_MAXSUBSCRIPTIONSPERTOPIC="+strconv.Itoa(max(subs, 500)))
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
	if err := waitReady("http://" + addr + "/_mqmock/health"); err != nil {
		return err
	}
	rss0, err := proc.RSS(cmd.Process.Pid)
	if err != nil {
		return err
	}

	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: time.Minute}
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := cmqclient.New("http://"+addr, secretID, secretKey)
			c.HTTPClient = hc
			ctx := context.Background()
			for {
				t := int(next.Add(1)) - 1
				if t >= topics {
					return
				}
				topic := "scale-" + strconv.Itoa(t)
				if _, err := c.Call(ctx, "CreateTopic", cmqclient.P("topicName", topic)); err != nil {
					errs <- fmt.Errorf("CreateTopic %s: %w", topic, err)
					return
				}
				for s := range subs {
					p := cmqclient.P("topicName", topic, "subscriptionName", "sub-"+strconv.Itoa(s),
						"protocol", "http", "endpoint", "http://127.0.0.1:1/"+topic+"/"+strconv.Itoa(s))
					if _, err := c.Call(ctx, "Subscribe", p); err != nil {
						errs <- fmt.Errorf("Subscribe %s/%d: %w", topic, s, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	took := time.Since(start)
	rss1, err := proc.RSS(cmd.Process.Pid)
	if err != nil {
		return err
	}

	resp, err := hc.Get("http://" + addr + "/_mqmock/state")
	if err != nil {
		return err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	rss2, err := proc.RSS(cmd.Process.Pid)
	if err != nil {
		return err
	}
	fmt.Printf("%d topics × %d subscriptions created in %s (%.0f calls/s)\n", topics, subs, took.Round(time.Millisecond),
		float64(topics*(subs+1))/took.Seconds())
	fmt.Printf("RSS: idle %.1f MiB, with the resources %.1f MiB, after GET /_mqmock/state (%.1f MB of JSON) %.1f MiB\n",
		mib(rss0), mib(rss1), float64(n)/1e6, mib(rss2))
	return nil
}

func waitReady(url string) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("not ready after 10 s")
}

func mib(kb int) float64 { return float64(kb) / 1024 }
