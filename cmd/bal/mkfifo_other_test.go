//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

// cmdMkfifo is unix-only; scripts that need it say [!unix] skip.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("mkfifo: no named pipes on this system")
}
