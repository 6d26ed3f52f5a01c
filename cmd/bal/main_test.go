package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
)

// TestMain lets the test binary be `bal` inside the scripts, and checks
// that the in-process tests leave no goroutine behind.
func TestMain(m *testing.M) {
	testscript.Main(leakChecked{m}, map[string]func(){"bal": main})
}

type leakChecked struct{ m *testing.M }

func (l leakChecked) Run() int {
	code := l.m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			return 1
		}
	}
	return code
}

// TestScripts runs testdata/script/*.txtar: every command end to end, as a
// user runs it, against in-process fakes and against `bal fake`.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// No configuration or credentials from the machine running the
			// tests; scripts set what they need.
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.config")
			// The shared token store in the script's own cache directory.
			env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/.cache")
			for _, v := range []string{"BAL_ENV", "BAL_CLIENT_ID", "BAL_CLIENT_SECRET", "BAL_CLIENT_SECRET_FILE", "BAL_TOKEN_STORE", "BAL_KOMMUNKOD",
				"BAL_CONFIG", "BAL_ORDER_ID", "BAL_FAKE_URL", "BAL_FAKE_TOKEN_URL", "BAL_FAKE_UPDATE_PATH", "BAL_FAKE_CA_FILE", "BAL_FAKE_CONTROL_TOKEN"} {
				env.Setenv(v, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"jsonlines": cmdJSONLines,
			"jsonfield": cmdJSONField,
			"jsonenv":   cmdJSONEnv,
			"sourceenv": cmdSourceEnv,
			"mkfifo":    cmdMkfifo,
			"control":   cmdControl,
			"exits":     cmdExits,
			"replace":   cmdReplace,
			"startfake": cmdStartFake,
		},
	})
}

// cmdJSONLines: jsonlines FILE N — FILE holds exactly N lines, each a JSON
// object.
func cmdJSONLines(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: jsonlines FILE N")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	lines := strings.Split(strings.TrimSuffix(ts.ReadFile(args[0]), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			ts.Fatalf("line %d is not a JSON object: %v: %s", i+1, err, l)
		}
	}
	if len(lines) != want {
		ts.Fatalf("%d JSON lines, want %d", len(lines), want)
	}
}

// firstJSON decodes FILE as one JSON document, or its first line.
func firstJSON(ts *testscript.TestScript, file string) any {
	data := ts.ReadFile(file)
	dec := json.NewDecoder(strings.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil {
		ts.Fatalf("%s is not JSON: %v", file, err)
	}
	return v
}

// lookup follows a path such as "changes[0].status" or "id".
func lookup(ts *testscript.TestScript, v any, path string) (any, bool) {
	for _, part := range strings.Split(path, ".") {
		name, idx, _ := strings.Cut(part, "[")
		if name != "" {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[name]; !ok {
				return nil, false
			}
		}
		for idx != "" {
			n, rest, _ := strings.Cut(idx, "]")
			i, err := strconv.Atoi(n)
			ts.Check(err)
			a, ok := v.([]any)
			if !ok || i >= len(a) {
				return nil, false
			}
			v = a[i]
			idx = strings.TrimPrefix(rest, "[")
		}
	}
	return v, true
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// cmdJSONField: [!] jsonfield FILE PATH REGEXP — the value at PATH of the
// JSON in FILE (a document, or the first of JSON Lines) matches REGEXP.
func cmdJSONField(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: jsonfield FILE PATH REGEXP")
	}
	v, ok := lookup(ts, firstJSON(ts, args[0]), args[1])
	re := regexp.MustCompile(args[2])
	match := ok && re.MatchString(text(v))
	if match == neg {
		ts.Fatalf("jsonfield %s %s: %s (present: %v), want match %q: %v", args[0], args[1], text(v), ok, args[2], !neg)
	}
}

// cmdJSONEnv: jsonenv VAR FILE PATH — sets VAR to the value at PATH.
func cmdJSONEnv(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: jsonenv VAR FILE PATH")
	}
	v, ok := lookup(ts, firstJSON(ts, args[1]), args[2])
	if !ok {
		ts.Fatalf("%s has no %s", args[1], args[2])
	}
	ts.Setenv(args[0], text(v))
}

// cmdSourceEnv: sourceenv FILE — sets the variables of FILE's `export
// NAME=value` lines, as `. FILE` would. FILE may be a named pipe that `bal
// fake --env-file` writes: reading it waits until the fake is listening.
func cmdSourceEnv(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: sourceenv FILE")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "export ")
		if !ok {
			ts.Fatalf("not an export line: %q", sc.Text())
		}
		k, v, _ := strings.Cut(line, "=")
		if strings.HasPrefix(v, "'") {
			v = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'"), `'\''`, "'")
		}
		ts.Setenv(k, v)
	}
	ts.Check(sc.Err())
}

// cmdControl: [!] control METHOD PATH [JSON] — calls the control API of the
// fake that BAL_FAKE_URL and BAL_FAKE_CONTROL_TOKEN describe and writes
// the answer to stdout; it fails on an answer of 300 or more.
func cmdControl(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: control METHOD PATH [JSON]")
	}
	var body io.Reader
	if len(args) == 3 {
		body = strings.NewReader(args[2])
	}
	req, err := http.NewRequest(args[0], ts.Getenv("BAL_FAKE_URL")+baltest.ControlPath+args[1], body)
	ts.Check(err)
	req.Header.Set("Authorization", "Bearer "+ts.Getenv("BAL_FAKE_CONTROL_TOKEN"))
	hc, err := baltest.FakeHTTPClient(ts.Getenv("BAL_FAKE_CA_FILE"))
	ts.Check(err)
	defer hc.CloseIdleConnections()
	resp, err := hc.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	var out bytes.Buffer
	_, err = io.Copy(&out, resp.Body)
	ts.Check(err)
	_, _ = ts.Stdout().Write(out.Bytes())
	if failed := resp.StatusCode >= 300; failed != neg {
		ts.Fatalf("control %s %s: %s: %s", args[0], args[1], resp.Status, out.String())
	}
}

// fakeNote is the line a command writes on stderr to say which fake it
// uses; it is information, not the failure's line.
var fakeNote = regexp.MustCompile(`^bal: (using the fake at|started an in-process fake)`)

// cmdExits: exits CODE PROGRAM [ARGS...] — runs the program like exec,
// checks its exit status, and for a failure that stderr holds exactly one
// line saying what went wrong (besides the note naming the fake in use).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if ee, ok := err.(*exec.ExitError); ok {
		got = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
	if want == 0 {
		return
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(ts.ReadFile("stderr"), "\n"), "\n") {
		if !fakeNote.MatchString(l) {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "bal: ") {
		ts.Fatalf("want one line on stderr saying what failed, got %q", lines)
	}
}

// cmdReplace: replace FILE OLD NEW — replaces the first OLD in FILE by NEW,
// failing when FILE holds no OLD (scripts use it to tamper with a file).
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	data := ts.ReadFile(args[0])
	if !strings.Contains(data, args[1]) {
		ts.Fatalf("%s holds no %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(data, args[1], args[2], 1)), 0o600))
}

// cmdStartFake: startfake ID:SECRET[:APIKEY] ... — starts a fake in the
// test process whose token endpoint knows these applications (the first
// is the one its variables name, as `bal fake` prints them; an APIKEY is
// accepted in the ApiKey header), with a Geotorget order, and sets the
// variables that point `bal` at it. `bal fake` knows one application
// only; scripts need several to show credentials per service group. The
// fake stops when the script ends.
func cmdStartFake(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 || neg {
		ts.Fatalf("usage: startfake ID:SECRET[:APIKEY] ...")
	}
	var creds []baltest.Credentials
	for _, a := range args {
		parts := strings.Split(a, ":")
		if len(parts) < 2 || len(parts) > 3 {
			ts.Fatalf("startfake: %q is not ID:SECRET[:APIKEY]", a)
		}
		c := baltest.Credentials{ID: parts[0], Secret: parts[1]}
		if len(parts) == 3 {
			c.APIKey = parts[2]
		}
		creds = append(creds, c)
	}
	s, err := baltest.Start(baltest.WithCredentials(creds...), baltest.WithData(gen.Config{Buildings: gen.MinBuildings}))
	ts.Check(err)
	ts.Defer(s.Close)
	for _, kv := range s.Env("") {
		k, v, _ := strings.Cut(kv, "=")
		ts.Setenv(k, v)
	}
	ts.Setenv("BAL_ORDER_ID", s.AddOrder(baltest.GeotorgetOrder{Marking: "startfake"}))
}
