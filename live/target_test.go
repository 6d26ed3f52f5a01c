package live_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
)

// suiteTarget is where the suite runs.
type suiteTarget int

const (
	// inProcess is bal/baltest started by the suite.
	inProcess suiteTarget = iota
	// runningFake is the fake BAL_FAKE_URL names (`bal fake`, balsim).
	runningFake
	// verification is Lantmäteriet's Verifiering.
	verification
)

func (s suiteTarget) String() string {
	return [...]string{"an in-process fake", "the running fake", "Verifiering"}[s]
}

// chooseTarget reads where the suite runs from the variables cmd/bal and
// baltest.FromEnv read. Sourcing the export lines of `bal fake` or balsim
// sets BAL_CLIENT_ID to the fake's, so the fake's variables (BAL_ENV=fake,
// BAL_FAKE_URL) send the suite to that fake rather than Verifiering, and
// Verifiering asked for while they are set is refused: its calls would
// carry the fake's credentials.
//
//   - BAL_ENV=fake: the fake BAL_FAKE_URL names, or an in-process one.
//   - BAL_ENV unset: the same when BAL_FAKE_URL is set; otherwise
//     Verifiering when BAL_CLIENT_ID and its secret are set, else an
//     in-process fake.
//   - BAL_ENV=verifiering: Verifiering, which needs BAL_CLIENT_ID and its
//     secret, and no BAL_FAKE_URL.
//
// BAL_CLIENT_ID equal to the fakes' default consumer key is never taken
// to Verifiering, and Produktion is refused: the suite is for Verifiering.
func chooseTarget(getenv func(string) string) (suiteTarget, error) {
	env := strings.ToLower(strings.TrimSpace(getenv("BAL_ENV")))
	fakeURL := getenv("BAL_FAKE_URL")
	id := getenv("BAL_CLIENT_ID")
	creds := id != "" && (getenv("BAL_CLIENT_SECRET") != "" || getenv("BAL_CLIENT_SECRET_FILE") != "")
	fakes := fmt.Sprintf("BAL_CLIENT_ID is %q, the fakes' consumer key (from the export lines of `bal fake` or balsim)", id)
	switch env {
	case "fake", "":
		if fakeURL != "" {
			return runningFake, nil
		}
		if env == "fake" || !creds {
			return inProcess, nil
		}
		if id == baltest.DefaultCredentials.ID {
			return 0, fmt.Errorf("%s, but BAL_FAKE_URL is not set: set BAL_ENV=fake and BAL_FAKE_URL to run against that fake, "+
				"or Verifiering's BAL_CLIENT_ID and BAL_CLIENT_SECRET", fakes)
		}
		return verification, nil
	case "verifiering":
		switch {
		case fakeURL != "":
			return 0, fmt.Errorf("BAL_ENV=verifiering, but BAL_FAKE_URL is set: the BAL_CLIENT_* variables are probably a fake's " +
				"(from the export lines of `bal fake` or balsim); unset BAL_FAKE_URL and set Verifiering's BAL_CLIENT_ID and BAL_CLIENT_SECRET, " +
				"or set BAL_ENV=fake to run against the fake")
		case !creds:
			return 0, fmt.Errorf("BAL_ENV=verifiering needs BAL_CLIENT_ID and BAL_CLIENT_SECRET (or BAL_CLIENT_SECRET_FILE)")
		case id == baltest.DefaultCredentials.ID:
			return 0, fmt.Errorf("BAL_ENV=verifiering, but %s: set Verifiering's", fakes)
		}
		return verification, nil
	case "produktion":
		return 0, fmt.Errorf("BAL_ENV=produktion: the suite runs against Verifiering or a fake")
	}
	return 0, fmt.Errorf("BAL_ENV=%q is not verifiering or fake", env)
}

func TestChooseTarget(t *testing.T) {
	t.Parallel()
	fake := map[string]string{"BAL_ENV": "fake", "BAL_FAKE_URL": "http://127.0.0.1:8080",
		"BAL_CLIENT_ID": "baltest-client", "BAL_CLIENT_SECRET": "baltest-secret"}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	mine := map[string]string{"BAL_CLIENT_ID": "AbC123", "BAL_CLIENT_SECRET": "s3cret"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want suiteTarget
		err  string
	}{
		{"nothing", nil, inProcess, ""},
		{"credentials", mine, verification, ""},
		{"credentials with a secret file", with(mine, "BAL_CLIENT_SECRET", "", "BAL_CLIENT_SECRET_FILE", "secret.txt"), verification, ""},
		{"a key without a secret", with(mine, "BAL_CLIENT_SECRET", ""), inProcess, ""},
		{"bal fake's export lines", fake, runningFake, ""},
		{"bal fake's lines without BAL_ENV", with(fake, "BAL_ENV", ""), runningFake, ""},
		{"BAL_ENV=fake, no running fake", with(mine, "BAL_ENV", "fake"), inProcess, ""},
		{"BAL_ENV=FAKE", with(fake, "BAL_ENV", " FAKE "), runningFake, ""},
		{"the fake's credentials left behind", with(fake, "BAL_ENV", "", "BAL_FAKE_URL", ""), 0,
			`BAL_CLIENT_ID is "baltest-client", the fakes' consumer key`},
		{"verifiering", with(mine, "BAL_ENV", "verifiering"), verification, ""},
		{"verifiering with a fake's variables", with(fake, "BAL_ENV", "verifiering"), 0,
			"BAL_ENV=verifiering, but BAL_FAKE_URL is set: the BAL_CLIENT_* variables are probably a fake's"},
		{"verifiering with the fake's credentials", with(fake, "BAL_ENV", "verifiering", "BAL_FAKE_URL", ""), 0,
			`BAL_ENV=verifiering, but BAL_CLIENT_ID is "baltest-client"`},
		{"verifiering without credentials", map[string]string{"BAL_ENV": "verifiering"}, 0, "BAL_ENV=verifiering needs BAL_CLIENT_ID"},
		{"produktion", with(mine, "BAL_ENV", "produktion"), 0, "the suite runs against Verifiering or a fake"},
		{"unknown", map[string]string{"BAL_ENV": "test"}, 0, `BAL_ENV="test" is not verifiering or fake`},
	} {
		got, err := chooseTarget(func(k string) string { return tc.env[k] })
		if tc.err != "" {
			require.Error(t, err, tc.name)
			assert.Contains(t, err.Error(), tc.err, tc.name)
			continue
		}
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}
}
