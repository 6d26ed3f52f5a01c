// Command tokenworker is one of the processes of the token-sharing test
// (bal/tokenshare_process_test.go, scripts/token-share): it makes a number
// of calls (the change feed's newest position, GET /forandringar/senaste)
// through a bal.Client against the fake that balsim runs, with or
// without a shared FileTokenStore, and prints what happened as one JSON
// line. It is built without -race by the test.
//
//	tokenworker -calls 1000 -interval 3ms [-store PATH]
//
// The fake is described by balsim's variables: BAL_FAKE_URL,
// BAL_FAKE_TOKEN_URL, BAL_FAKE_UPDATE_PATH, BAL_CLIENT_ID and
// BAL_CLIENT_SECRET.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
)

// Result is what a worker prints.
type Result struct {
	Calls        int     `json:"calls"`
	Failed       int     `json:"failed"`
	Unauthorized int     `json:"unauthorized"`
	Seconds      float64 `json:"seconds"`
	FirstError   string  `json:"firstError,omitempty"`
}

func main() {
	calls := flag.Int("calls", 1000, "calls to make")
	interval := flag.Duration("interval", 3*time.Millisecond, "pause between calls")
	store := flag.String("store", "", "shared token file (empty: no shared store)")
	flag.Parse()
	res, err := run(*calls, *interval, *store)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tokenworker:", err)
		os.Exit(2)
	}
	_ = json.NewEncoder(os.Stdout).Encode(res)
}

func run(calls int, interval time.Duration, store string) (*Result, error) {
	env, err := bal.NewEnvironment("fake", os.Getenv("BAL_FAKE_URL"), os.Getenv("BAL_FAKE_TOKEN_URL"))
	if err != nil {
		return nil, err
	}
	if p := os.Getenv("BAL_FAKE_UPDATE_PATH"); p != "" {
		env = env.WithUpdatePath(p)
	}
	cfg := bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: os.Getenv("BAL_CLIENT_ID"), Secret: os.Getenv("BAL_CLIENT_SECRET")},
		AppID:       "tokenworker",
	}
	if store != "" {
		cfg.TokenStore = bal.NewFileTokenStore(store)
	}
	c, err := bal.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	defer c.CloseIdleConnections()
	ctx := context.Background()
	res := &Result{Calls: calls}
	start := time.Now()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := range calls {
		if i > 0 {
			<-tick.C
		}
		if _, err := c.LatestCheckpoint(ctx); err != nil {
			res.Failed++
			if errors.Is(err, bal.ErrUnauthorized) {
				res.Unauthorized++
			}
			if res.FirstError == "" {
				res.FirstError = err.Error()
			}
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
